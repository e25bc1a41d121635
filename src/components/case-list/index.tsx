import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HALF_LABELS, type CaseSummary } from '../../api/cases';
import { CHANNEL_LABELS, timeText } from '../../utils/format';
import './index.scss';

// Cases as a villager or a cadre scans them: number, item, status, when it is due.
export function CaseList({ items, empty }: { items: CaseSummary[]; empty: string }) {
  if (items.length === 0) return <Text className='case-list__empty'>{empty}</Text>;
  return (
    <View className='case-list'>
      {items.map((c) => (
        <View key={c.id} className='case-list__item' role='link' onClick={() => void Taro.navigateTo({ url: `/cases/detail/index?id=${c.id}` })}>
          <View className='case-list__top'>
            <Text className='case-list__service'>{c.service.name}</Text>
            <Text className={`case-list__status case-list__status--${c.status}`}>{c.statusLabel}</Text>
          </View>
          <Text className='case-list__meta'>{`${c.number} · ${CHANNEL_LABELS[c.channel]}`}</Text>
          {c.resident?.name && <Text className='case-list__meta'>{`申请人：${c.resident.name} ${c.resident.phone ?? ''}`}</Text>}
          {c.slot && <Text className='case-list__meta'>{`约定：${c.slot.date} ${HALF_LABELS[c.slot.half]}`}</Text>}
          {c.dueAt && (
            <Text className={`case-list__meta${c.overdue ? ' case-list__overdue' : ''}`}>{`${c.overdue ? '已超期 · ' : ''}${timeText(c.dueAt)} 前办结`}</Text>
          )}
          {!c.dueAt && c.overdue && <Text className='case-list__meta case-list__overdue'>超时未受理</Text>}
        </View>
      ))}
    </View>
  );
}
