import { Button, Textarea } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { getTalkDetail, recordAttendance, writeSummary, type TalkDetail } from '../../api/weijia';
import { withPage } from '../../components/page';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import '../../styles/form.scss';
import '../../weijia/weijia.scss';

const SUMMARY_STATUS: Record<string, string> = { pending: '小结待其他村干部审核，审核后村民才能看到', approved: '小结已公布，村民在活动页能看到', rejected: '小结未通过审核，请修改后再保存' };

// After a talk the cadre ticks who came (sign-ups; walk-ins already recorded stay listed) and
// writes the short summary residents read on the talk page.
function CadreTalkPage() {
  const id = useRouter().params.id ?? '';
  const [t, setT] = useState<TalkDetail>();
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string>();
  const show = (d: TalkDetail) => {
    setT(d);
    setTicked(new Set((d.attendees ?? []).filter((a) => a.attended).map((a) => a.id)));
    setSummary((s) => s || d.summary || '');
  };
  useDidShow(() => void getTalkDetail(id).then(show, (e: unknown) => setError(errorText(e))));

  const save = async (p: Promise<TalkDetail>, done: string) => {
    setError(undefined);
    try {
      show(await p);
      toast(done);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const toggle = (userId: string) => {
    const next = new Set(ticked);
    if (next.has(userId)) next.delete(userId);
    else next.add(userId);
    setTicked(next);
  };

  if (!t) return <Line className='form__intro'>{error ?? '正在加载…'}</Line>;
  const canRecord = t.actions.includes('record_attendance');
  const people = t.attendees ?? [];
  return (
    <Box className='form'>
      <Box className='wj-card'>
        <Line className='wj-card__line'>{t.kindLabel}</Line>
        <Line className='wj-card__title'>{t.topic}</Line>
        <Line className='wj-card__line'>{`${timeText(t.startsAt)} · ${t.place}`}</Line>
        <Line className='wj-card__line'>{`已报名 ${t.signedUp}/${t.capacity}`}</Line>
      </Box>
      {!canRecord && <Line className='form__intro'>活动开始后，在这里登记到场的人、写活动小结。</Line>}
      {error && <Line className='form__error'>{error}</Line>}

      <Box className='wj-card'>
        <Line className='wj-card__title'>{`提前收到的问题（${(t.questions ?? []).length}）`}</Line>
        {(t.questions ?? []).map((q) => (
          <Line key={q.id} className='wj-card__line'>{`${q.asker.name ?? ''}：${q.body}${q.reviewStatus === 'pending' ? '（待审核）' : ''}`}</Line>
        ))}
      </Box>

      <Box className='wj-card'>
        <Line className='wj-card__title'>{`到场登记（已勾 ${ticked.size} 人）`}</Line>
        {people.length === 0 && <Line className='wj-card__line'>还没有人报名</Line>}
        {people.map((p) => (
          <Box
            key={p.id}
            className='form__check'
            role='checkbox'
            aria-checked={ticked.has(p.id)}
            aria-disabled={!canRecord}
            onClick={() => canRecord && toggle(p.id)}
          >
            <Line className='form__box'>{ticked.has(p.id) ? '✓' : ''}</Line>
            <Line>{`${p.name ?? '（未填姓名）'}${p.signedUp ? '' : '（现场来的）'}`}</Line>
          </Box>
        ))}
        {canRecord && (
          <Button className='wj-btn' onClick={() => void save(recordAttendance(id, [...ticked]), '到场名单已保存')}>
            保存到场名单
          </Button>
        )}
      </Box>

      <Box className='wj-card'>
        <Line className='wj-card__title'>活动小结</Line>
        {t.summaryStatus && <Line className='wj-card__line'>{SUMMARY_STATUS[t.summaryStatus]}</Line>}
        <Textarea className='wj-textarea' value={summary} maxlength={2000} disabled={!canRecord} placeholder='讲了什么、大家问了什么、接下来怎么办' aria-label='活动小结' onInput={(e) => setSummary(e.detail.value)} />
        {t.actions.includes('write_summary') && (
          <Button className='wj-btn' disabled={!summary.trim() || undefined} onClick={() => void save(writeSummary(id, summary.trim()), '小结已保存')}>
            保存小结
          </Button>
        )}
      </Box>
    </Box>
  );
}

export default withPage(CadreTalkPage);
