import { Button, Text, View } from '@tarojs/components';
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

  if (error && !item) return <Text className='case__msg'>{error}</Text>;
  if (!item) return <Text className='case__msg'>正在加载…</Text>;

  const can = (a: CaseAction) => item.actions.includes(a);
  const other = item.assignee;
  return (
    <View className='case'>
      <View className={`case__head case__head--${item.status}`}>
        <Text className='case__status'>{item.statusLabel}</Text>
        <Text className='case__service'>{item.service.name}</Text>
        <Text className='case__line'>{`办件编号 ${item.number}`}</Text>
        {item.dueAt && <Text className='case__line'>{`${item.overdue ? '已超期，' : ''}应在 ${timeText(item.dueAt)} 前办结`}</Text>}
        {!item.dueAt && item.acceptBy && item.status === 'submitted' && (
          <Text className='case__line'>{`${item.overdue ? '已超时，' : ''}村干部会在 ${timeText(item.acceptBy)} 前受理`}</Text>
        )}
      </View>

      <ReadAloud text={statusSpeech(item)} label='朗读办件进度' />
      <View className='case__card'>
        {item.slot && <Text className='case__row'>{`约定时间：${item.slot.date} ${item.slot.half === 'am' ? '上午' : '下午'}`}</Text>}
        {item.handover === 'home_visit' && <Text className='case__row'>{`村干部上门（${item.homeVisitReason ?? ''}）`}</Text>}
        {item.description && <Text className='case__row'>{`要办的事：${item.description}`}</Text>}
        <Text className='case__row'>{`申请人：${item.resident.name ?? ''} ${item.resident.phone ?? ''}`}</Text>
        {other && <Text className='case__row'>{`经办村干部：${other.name ?? ''} ${other.phone ?? ''}`}</Text>}
        {item.missingMaterials.length > 0 && <Text className='note-warn'>{`还缺的材料：${item.missingMaterials.join('、')}`}</Text>}
        {item.resultNote && <Text className='note-ok'>{`办理结果：${item.resultNote}`}</Text>}
        {item.rejectReason && <Text className='note-warn'>{`不予受理：${item.rejectReason}。可以去：${item.rejectReferral ?? ''}`}</Text>}
      </View>

      <ActionPanel item={item} onChanged={setItem} />
      <MaterialsReceipt item={item} onChanged={setItem} />
      {can('rate') && <RatingPanel item={item} onChanged={setItem} />}
      {item.rating && (
        <View className='case__card'>
          <Text className='case__title'>我的评价</Text>
          <Text className='case__row'>{`${item.rating.label}${item.rating.comment ? `：${item.rating.comment}` : ''}`}</Text>
          {item.rectification && (
            <Text className='case__row'>
              {item.rectification.status === 'closed'
                ? `乡镇已回访整改：${item.rectification.closingNote ?? ''}`
                : `乡镇正在跟进，${timeText(item.rectification.deadlineAt)} 前给您答复`}
            </Text>
          )}
        </View>
      )}
      <Conversation item={item} onChanged={setItem} />
      <Timeline entries={item.timeline} />
      <Button className='case__refresh' onClick={() => void load().then(() => Taro.showToast({ title: '已刷新', icon: 'none' }))}>
        刷新
      </Button>
    </View>
  );
}

function statusSpeech(item: CaseDetail): string {
  const due = item.dueAt ? `应在${timeText(item.dueAt)}前办结。` : '';
  const last = item.timeline.at(-1);
  return `${item.service.name}，现在${item.statusLabel}。${due}${last?.note ? `最新消息：${last.note}。` : ''}${item.resultNote ? `办理结果：${item.resultNote}。` : ''}`;
}

export default withPage(CaseDetailPage);
