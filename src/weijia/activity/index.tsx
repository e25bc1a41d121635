import { Button, Input, Text, View } from '@tarojs/components';
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

  if (!a) return <Text className='form__intro'>正在加载…</Text>;
  const mine = a.mySignup;
  return (
    <View className='form'>
      <View className='wj-card wj-card--head'>
        <Text className='wj-card__title'>{a.title}</Text>
        <Text className='wj-card__line'>{`${a.groupName}`}</Text>
        <Text className='wj-card__line'>{`时间：${timeText(a.startsAt)} — ${timeText(a.endsAt)}`}</Text>
        <Text className='wj-card__line'>{`地点：${a.place}`}</Text>
        <Text className='wj-card__line'>{`已报名 ${a.signedUp}/${a.capacity}${a.waitlisted ? `，排队 ${a.waitlisted} 人` : ''}`}</Text>
        {a.bring && <Text className='wj-card__line'>{`要带：${a.bring}`}</Text>}
        {a.volunteerHours !== null && <Text className='wj-card__line'>{`志愿时长：${a.volunteerHours} 小时`}</Text>}
      </View>

      {mine && mine.status !== 'cancelled' && (
        <View className='wj-card'>
          <Text className='wj-card__title'>{mine.checkedInAt ? '已签到' : STATUS[mine.status] ?? mine.status}</Text>
          {mine.status === 'waitlisted' && <Text className='wj-card__line'>{`排在第 ${mine.position ?? ''} 位，有人取消就轮到您`}</Text>}
          {mine.status === 'signed_up' && !mine.checkedInAt && mine.checkinCode && (
            <View>
              <Text className='wj-card__line'>到了现场，把这个数字给带头人看：</Text>
              <Text className='wj-card__code' aria-label='签到码'>{mine.checkinCode}</Text>
            </View>
          )}
          {mine.hours !== null && <Text className='wj-card__line'>{`记志愿时长 ${mine.hours} 小时`}</Text>}
        </View>
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
        <View className='wj-card'>
          <Text className='wj-card__title'>签到</Text>
          <Input className='form__input' type='number' maxlength={6} value={code} placeholder='输入村民手机上的6位数字' aria-label='签到码' onInput={(e) => setCode(e.detail.value)} />
          <Button className='form__submit' disabled={code.length !== 6 || undefined} onClick={() => void act(checkIn(id, { code }), '已签到').then(() => setCode(''))}>
            按数字签到
          </Button>
          {(a.signups ?? [])
            .filter((s) => s.status === 'signed_up')
            .map((s) => (
              <View key={s.userId} className='wj-item'>
                <Text className='wj-item__title'>{s.name ?? ''}</Text>
                {s.checkedInAt ? (
                  <Text className='wj-item__line'>{`已签到 ${timeText(s.checkedInAt)}`}</Text>
                ) : (
                  <Button className='wj-btn' onClick={() => void act(checkIn(id, { userId: s.userId }), '已签到')}>
                    打勾签到
                  </Button>
                )}
              </View>
            ))}
        </View>
      )}
    </View>
  );
}

export default withPage(ActivityPage);
