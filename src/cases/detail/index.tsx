import { Button } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { getCase, type CaseAction, type CaseDetail } from '../../api/cases';
import { errorText } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import { ReadAloud } from '../../components/read-aloud';
import { ActionPanel } from './action-panel';
import { Conversation } from './conversation';
import { MaterialsReceipt } from './materials-receipt';
import { RatingPanel } from './rating-panel';
import { Timeline } from './timeline';
import './index.scss';
import { withPage } from '../../components/page';

function CaseDetailPage() {
  const id = useRouter().params.id ?? '';
  const [item, setItem] = useState<CaseDetail>();
  const [error, setError] = useState<string>();

  const load = () =>
    getCase(id).then(
      (c) => {
        setItem(c);
        setError(undefined);
      },
      (e: unknown) => setError(errorText(e)),
    );
  useDidShow(() => void load());

  if (error && !item) return <Line className='case__msg'>{error}</Line>;
  if (!item) return <Line className='case__msg'>正在加载…</Line>;

  const can = (a: CaseAction) => item.actions.includes(a);
  const other = item.assignee;
  return (
    <Box className='case'>
      <Box className={`case__head case__head--${item.status}`}>
        <Line className='case__status'>{item.statusLabel}</Line>
        <Line className='case__service'>{item.service.name}</Line>
        <Line className='case__line'>{`办件编号 ${item.number}`}</Line>
        {item.dueAt && <Line className='case__line'>{`${item.overdue ? '已超期，' : ''}应在 ${timeText(item.dueAt)} 前办结`}</Line>}
        {!item.dueAt && item.acceptBy && item.status === 'submitted' && (
          <Line className='case__line'>{`${item.overdue ? '已超时，' : ''}村干部会在 ${timeText(item.acceptBy)} 前受理`}</Line>
        )}
      </Box>

      <ReadAloud text={statusSpeech(item)} label='朗读办件进度' />
      <Box className='case__card'>
        {item.slot && <Line className='case__row'>{`约定时间：${item.slot.date} ${item.slot.half === 'am' ? '上午' : '下午'}`}</Line>}
        {item.handover === 'home_visit' && <Line className='case__row'>{`村干部上门（${item.homeVisitReason ?? ''}）`}</Line>}
        {item.description && <Line className='case__row'>{`要办的事：${item.description}`}</Line>}
        <Line className='case__row'>{`申请人：${item.resident.name ?? ''} ${item.resident.phone ?? ''}`}</Line>
        {other && <Line className='case__row'>{`经办村干部：${other.name ?? ''} ${other.phone ?? ''}`}</Line>}
        {item.missingMaterials.length > 0 && <Line className='note-warn'>{`还缺的材料：${item.missingMaterials.join('、')}`}</Line>}
        {item.resultNote && <Line className='note-ok'>{`办理结果：${item.resultNote}`}</Line>}
        {item.rejectReason && <Line className='note-warn'>{`不予受理：${item.rejectReason}。可以去：${item.rejectReferral ?? ''}`}</Line>}
      </Box>

      <ActionPanel item={item} onChanged={setItem} />
      <MaterialsReceipt item={item} onChanged={setItem} />
      {can('rate') && <RatingPanel item={item} onChanged={setItem} />}
      {item.rating && (
        <Box className='case__card'>
          <Line className='case__title'>我的评价</Line>
          <Line className='case__row'>{`${item.rating.label}${item.rating.comment ? `：${item.rating.comment}` : ''}`}</Line>
          {item.rectification && (
            <Line className='case__row'>
              {item.rectification.status === 'closed'
                ? `乡镇已回访整改：${item.rectification.closingNote ?? ''}`
                : `乡镇正在跟进，${timeText(item.rectification.deadlineAt)} 前给您答复`}
            </Line>
          )}
        </Box>
      )}
      <Conversation item={item} onChanged={setItem} />
      <Timeline entries={item.timeline} />
      <Button className='case__refresh' onClick={() => void load().then(() => Taro.showToast({ title: '已刷新', icon: 'none' }))}>
        刷新
      </Button>
    </Box>
  );
}

function statusSpeech(item: CaseDetail): string {
  const due = item.dueAt ? `应在${timeText(item.dueAt)}前办结。` : '';
  const last = item.timeline.at(-1);
  return `${item.service.name}，现在${item.statusLabel}。${due}${last?.note ? `最新消息：${last.note}。` : ''}${item.resultNote ? `办理结果：${item.resultNote}。` : ''}`;
}

export default withPage(CaseDetailPage);
