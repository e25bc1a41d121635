import { Button, Input } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { cancelSignup, checkIn, getActivity, signUp, type Activity } from '../../api/weijia';
import { withPage } from '../../components/page';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import { askForReminder } from '../../utils/reminder';
import '../../styles/form.scss';
import '../weijia.scss';

const STATUS: Record<string, string> = { signed_up: '已报名', waitlisted: '排队中', cancelled: '已取消' };

function ActivityPage() {
  const id = useRouter().params.id ?? '';
  const [a, setA] = useState<Activity>();
  const [code, setCode] = useState('');
  const load = () => getActivity(id).then(setA, (e: unknown) => toast(errorText(e)));
  useDidShow(() => void load());

  const act = async (p: Promise<Activity>, done: string) => {
    try {
      setA(await p);
      toast(done);
    } catch (e) {
      toast(errorText(e));
    }
  };

  if (!a) return <Line className='form__intro'>正在加载…</Line>;
  const mine = a.mySignup;
  return (
    <Box className='form'>
      <Box className='wj-card wj-card--head'>
        <Line className='wj-card__title'>{a.title}</Line>
        <Line className='wj-card__line'>{`${a.groupName}`}</Line>
        <Line className='wj-card__line'>{`时间：${timeText(a.startsAt)} — ${timeText(a.endsAt)}`}</Line>
        <Line className='wj-card__line'>{`地点：${a.place}`}</Line>
        <Line className='wj-card__line'>{`已报名 ${a.signedUp}/${a.capacity}${a.waitlisted ? `，排队 ${a.waitlisted} 人` : ''}`}</Line>
        {a.bring && <Line className='wj-card__line'>{`要带：${a.bring}`}</Line>}
        {a.volunteerHours !== null && <Line className='wj-card__line'>{`志愿时长：${a.volunteerHours} 小时`}</Line>}
      </Box>

      {mine && mine.status !== 'cancelled' && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>{mine.checkedInAt ? '已签到' : STATUS[mine.status] ?? mine.status}</Line>
          {mine.status === 'waitlisted' && <Line className='wj-card__line'>{`排在第 ${mine.position ?? ''} 位，有人取消就轮到您`}</Line>}
          {mine.status === 'signed_up' && !mine.checkedInAt && mine.checkinCode && (
            <Box>
              <Line className='wj-card__line'>到了现场，把这个数字给带头人看：</Line>
              <Line className='wj-card__code' aria-label='签到码'>{mine.checkinCode}</Line>
            </Box>
          )}
          {mine.hours !== null && <Line className='wj-card__line'>{`记志愿时长 ${mine.hours} 小时`}</Line>}
        </Box>
      )}

      {a.actions.includes('signup') && (
        <Button className='form__submit' onClick={() => void askForReminder().then(() => act(signUp(id), '报名成功'))}>
          我要报名
        </Button>
      )}
      {a.actions.includes('cancel_signup') && (
        <Button className='form__secondary' onClick={() => void act(cancelSignup(id), '已取消报名')}>
          取消报名
        </Button>
      )}

      {a.actions.includes('checkin') && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>签到</Line>
          <Input className='form__input' type='number' maxlength={6} value={code} placeholder='输入村民手机上的6位数字' aria-label='签到码' onInput={(e) => setCode(e.detail.value)} />
          <Button className='form__submit' disabled={code.length !== 6 || undefined} onClick={() => void act(checkIn(id, { code }), '已签到').then(() => setCode(''))}>
            按数字签到
          </Button>
          {(a.signups ?? [])
            .filter((s) => s.status === 'signed_up')
            .map((s) => (
              <Box key={s.userId} className='wj-item'>
                <Line className='wj-item__title'>{s.name ?? ''}</Line>
                {s.checkedInAt ? (
                  <Line className='wj-item__line'>{`已签到 ${timeText(s.checkedInAt)}`}</Line>
                ) : (
                  <Button className='wj-btn' onClick={() => void act(checkIn(id, { userId: s.userId }), '已签到')}>
                    打勾签到
                  </Button>
                )}
              </Box>
            ))}
        </Box>
      )}
    </Box>
  );
}

export default withPage(ActivityPage);
