import { Box, Line } from '../box';
import Taro from '@tarojs/taro';
import { HALF_LABELS, type CaseSummary } from '../../api/cases';
import { CHANNEL_LABELS, timeText } from '../../utils/format';
import './index.scss';

// Cases as a villager or a cadre scans them: number, item, status, when it is due.
export function CaseList({ items, empty }: { items: CaseSummary[]; empty: string }) {
  if (items.length === 0) return <Line className='case-list__empty'>{empty}</Line>;
  return (
    <Box className='case-list'>
      {items.map((c) => (
        <Box key={c.id} className='case-list__item' role='link' onClick={() => void Taro.navigateTo({ url: `/cases/detail/index?id=${c.id}` })}>
          <Box className='case-list__top'>
            <Line className='case-list__service'>{c.service.name}</Line>
            <Line className={`case-list__status case-list__status--${c.status}`}>{c.statusLabel}</Line>
          </Box>
          <Line className='case-list__meta'>{`${c.number} · ${CHANNEL_LABELS[c.channel]}`}</Line>
          {c.resident?.name && <Line className='case-list__meta'>{`申请人：${c.resident.name} ${c.resident.phone ?? ''}`}</Line>}
          {c.slot && <Line className='case-list__meta'>{`约定：${c.slot.date} ${HALF_LABELS[c.slot.half]}`}</Line>}
          {c.dueAt && (
            <Line className={`case-list__meta${c.overdue ? ' case-list__overdue' : ''}`}>{`${c.overdue ? '已超期 · ' : ''}${timeText(c.dueAt)} 前办结`}</Line>
          )}
          {!c.dueAt && c.overdue && <Line className='case-list__meta case-list__overdue'>超时未受理</Line>}
        </Box>
      ))}
    </Box>
  );
}
