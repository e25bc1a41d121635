import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { askQuestion, getTalk, talkSignup, type Talk } from '../../api/weijia';
import { withPage } from '../../components/page';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import { askForReminder } from '../../utils/reminder';
import '../../styles/form.scss';
import '../weijia.scss';

// A 书记龙门阵 or 政策宣讲: sign up, send a question beforehand, read the summary afterwards.
function TalkPage() {
  const id = useRouter().params.id ?? '';
  const [t, setT] = useState<Talk>();
  const [question, setQuestion] = useState('');
  useDidShow(() => void getTalk(id).then(setT, (e: unknown) => toast(errorText(e))));
  const act = async (p: Promise<Talk>, done: string) => {
    try {
      setT(await p);
      toast(done);
    } catch (e) {
      toast(errorText(e));
    }
  };
  if (!t) return <Line className='form__intro'>正在加载…</Line>;
  return (
    <Box className='form'>
      <Box className='wj-card wj-card--head'>
        <Line className='wj-card__line'>{t.kindLabel}</Line>
        <Line className='wj-card__title'>{t.topic}</Line>
        <Line className='wj-card__line'>{`${timeText(t.startsAt)} · ${t.place}`}</Line>
        <Line className='wj-card__line'>{`已报名 ${t.signedUp}/${t.capacity}${t.mySignup ? ' · 我已报名' : ''}`}</Line>
      </Box>
      {t.actions.includes('signup') && (
        <Button className='form__submit' onClick={() => void askForReminder().then(() => act(talkSignup(id), '报名成功'))}>
          我要参加
        </Button>
      )}
      {t.actions.includes('record_attendance') && (
        <Button className='form__secondary' onClick={() => void Taro.navigateTo({ url: `/cadre/talk/index?id=${id}` })}>
          登记到场和小结
        </Button>
      )}
      {t.summary && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>会后小结</Line>
          <Line className='wj-card__text'>{t.summary}</Line>
        </Box>
      )}
      {t.actions.includes('ask') && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>提前问个问题</Line>
          <Input className='form__input' value={question} maxlength={300} placeholder='想问书记什么' aria-label='问题' onInput={(e) => setQuestion(e.detail.value)} />
          <Button className='wj-btn' disabled={!question.trim() || undefined} onClick={() => void act(askQuestion(id, question.trim()), '问题已送到').then(() => setQuestion(''))}>
            送出问题
          </Button>
          {(t.questions ?? []).map((q) => (
            <Line key={q.id} className='wj-card__line'>{`${q.mine ? '我' : q.asker.name ?? ''}：${q.body}${q.reviewStatus === 'pending' ? '（审核中）' : ''}`}</Line>
          ))}
        </Box>
      )}
    </Box>
  );
}

export default withPage(TalkPage);
