import { Button, Input, Picker } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useDidShow } from '@tarojs/taro';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { scheduleTalk, TALK_KINDS, villageTalks, type TalkDetail } from '../../api/weijia';
import { withPage } from '../../components/page';
import { SendStateLine } from '../../components/send-state';
import { useMe } from '../../hooks/use-me';
import { useSubmission } from '../../hooks/use-submission';
import { errorText } from '../../utils/feedback';
import { dateRange, timeText } from '../../utils/format';
import '../../styles/form.scss';
import '../../weijia/weijia.scss';

const STATUS: Record<string, string> = { pending: '（主题待审核）', rejected: '（主题未通过审核）' };
// Tomorrow evening by default: most talks are after the day's farm work.
const blank = () => ({ kind: 'secretary_talk' as TalkDetail['kind'], topic: '', date: dayjs().add(1, 'day').format('YYYY-MM-DD'), time: '19:30', place: '睦邻客厅', capacity: '30' });

// The cadre schedules 书记龙门阵 / 政策宣讲 and sees the village's talks, newest first.
function TalksPage() {
  const { me } = useMe();
  const village = me?.role === 'cadre' ? me.scope?.code : undefined;
  const [draft, setDraft] = useState(blank());
  const [talks, setTalks] = useState<TalkDetail[]>([]);
  const [error, setError] = useState<string>();
  // A new form gets a new Idempotency-Key: remount the submission after each talk is scheduled.
  const [round, setRound] = useState(0);
  const input = useRef(draft);
  input.current = draft;

  const load = (code: string) => villageTalks(code).then((items) => (setTalks(items), setError(undefined)), (e: unknown) => setError(errorText(e)));
  useDidShow(() => {
    if (village) void load(village);
  });
  const send = useSubmission((key) => {
    const d = input.current;
    return scheduleTalk(
      { kind: d.kind, topic: d.topic.trim(), startsAt: new Date(`${d.date}T${d.time}:00+08:00`).toISOString(), place: d.place.trim(), capacity: Number(d.capacity) || 30, villageCode: village ?? '' },
      `${key}-${round}`,
    );
  });

  if (!me) return <Line className='form__intro'>正在加载…</Line>;
  if (!village) return <Line className='form__intro'>只有村干部可以安排龙门阵和宣讲。</Line>;
  const today = dateRange(1).from;
  const ready = draft.topic.trim() && draft.date && draft.place.trim() && Number(draft.capacity) > 0;

  const submit = async () => {
    const created = await send.submit();
    if (!created) return;
    setDraft(blank());
    setRound((r) => r + 1);
    await load(village);
  };

  return (
    <Box className='form'>
      <Box className='wj-card'>
        <Line className='wj-card__title'>安排一场</Line>
        <Box className='wj-row'>
          {TALK_KINDS.map((k) => (
            <Box key={k.code} role='radio' aria-checked={draft.kind === k.code} className={`pick${draft.kind === k.code ? ' pick--on' : ''}`} onClick={() => setDraft({ ...draft, kind: k.code })}>
              <Line>{k.label}</Line>
            </Box>
          ))}
        </Box>
        <Line className='form__label'>主题</Line>
        <Input className='form__input' value={draft.topic} maxlength={100} placeholder='主题，如 今年的医保怎么交' aria-label='主题' onInput={(e) => setDraft({ ...draft, topic: e.detail.value })} />
        <Line className='form__label'>时间</Line>
        <Picker mode='date' value={draft.date} start={today} onChange={(e) => setDraft({ ...draft, date: e.detail.value as string })}>
          <Box className='form__picker' aria-label='日期'>{`日期：${draft.date}`}</Box>
        </Picker>
        <Picker mode='time' value={draft.time} onChange={(e) => setDraft({ ...draft, time: e.detail.value as string })}>
          <Box className='form__picker' aria-label='开始时间'>{`开始：${draft.time}`}</Box>
        </Picker>
        <Line className='form__label'>地点</Line>
        <Input className='form__input' value={draft.place} maxlength={50} placeholder='地点' aria-label='地点' onInput={(e) => setDraft({ ...draft, place: e.detail.value })} />
        <Line className='form__label'>最多多少人</Line>
        <Input className='form__input' type='number' value={draft.capacity} placeholder='能来多少人' aria-label='人数上限' onInput={(e) => setDraft({ ...draft, capacity: e.detail.value })} />
        <SendStateLine state={send.state} error={send.error} />
        <Button className='form__submit' disabled={!ready || send.state === 'sending' || undefined} onClick={() => void submit()}>
          发布
        </Button>
      </Box>

      <Box className='wj-card'>
        <Line className='wj-card__title'>本村的场次</Line>
        {error && <Line className='form__error'>{error}</Line>}
        {talks.length === 0 && <Line className='wj-card__line'>还没有安排过</Line>}
        {talks.map((t) => (
          <Box key={t.id} className='wj-item' role='link' onClick={() => void Taro.navigateTo({ url: `/cadre/talk/index?id=${t.id}` })}>
            <Line className='wj-item__title'>{`${t.kindLabel}：${t.topic}${STATUS[t.topicStatus] ?? ''}`}</Line>
            <Line className='wj-item__line'>{`${timeText(t.startsAt)} · ${t.place} · 已报名${t.signedUp}/${t.capacity}${t.summary ? ' · 已写小结' : ''}`}</Line>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

export default withPage(TalksPage);
