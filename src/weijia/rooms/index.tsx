import { Button, Input, Picker } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { bookRoom, cancelBooking, getGroup, livingRoom, roomBookings, type Group, type LivingRoom, type RoomBooking } from '../../api/weijia';
import { withPage } from '../../components/page';
import { useMe } from '../../hooks/use-me';
import { newKey } from '../../hooks/use-submission';
import { errorText, toast } from '../../utils/feedback';
import { dateRange, dayText } from '../../utils/format';
import '../../styles/form.scss';
import '../weijia.scss';

const HALVES: { code: 'am' | 'pm'; label: string }[] = [
  { code: 'am', label: '上午' },
  { code: 'pm', label: '下午' },
];
// The server takes bookings up to 90 days ahead; two weeks is what a leader plans.
const DAYS_SHOWN = 14;

// The group's own village when it is a village group, else where it meets, else the leader's.
function villageOf(g: Group, mine?: string): string | undefined {
  if (g.meetingRoom) return g.meetingRoom.villageCode;
  if (g.scopeCode.length === 12) return g.scopeCode;
  return mine;
}

// A 微家 leader books the living room's 微家工作室 / 活动室 by half-day and cancels their bookings.
function RoomsPage() {
  const groupId = useRouter().params.id ?? '';
  const { me } = useMe();
  const [group, setGroup] = useState<Group>();
  const [lr, setLr] = useState<LivingRoom>();
  const [bookings, setBookings] = useState<RoomBooking[]>([]);
  const [roomId, setRoomId] = useState('');
  const [date, setDate] = useState(dateRange(1).from);
  const [half, setHalf] = useState<'am' | 'pm'>();
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Tapping again after a dropped connection resends the same booking, not a second one.
  const bookingKey = useRef(newKey());
  const range = dateRange(DAYS_SHOWN);

  const load = async () => {
    try {
      const g = await getGroup(groupId);
      setGroup(g);
      const village = villageOf(g, me?.village?.code);
      if (!village) return;
      const room = await livingRoom(village);
      setLr(room);
      setRoomId((id) => id || room.rooms.find((r) => r.kind !== 'service')?.id || '');
      setBookings(await roomBookings(village, range.from, range.to));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useDidShow(() => void load());

  if (!group || !lr) return <Line className='form__intro'>{error ?? '正在加载…'}</Line>;
  if (!group.actions.includes('book_room')) return <Line className='form__intro'>只有微家负责人可以预约房间。</Line>;
  const rooms = lr.rooms.filter((r) => r.kind !== 'service');
  const takenBy = (h: 'am' | 'pm') => bookings.find((b) => b.roomId === roomId && b.date === date && b.half === h);
  const mine = bookings.filter((b) => b.groupId === groupId);

  const book = async () => {
    if (!half) return;
    setBusy(true);
    setError(undefined);
    try {
      await bookRoom(lr.villageCode, roomId, { date, half, groupId, purpose: purpose.trim() }, bookingKey.current);
      bookingKey.current = newKey();
      toast('预约成功');
      setHalf(undefined);
      setPurpose('');
      await load();
    } catch (e) {
      // A clash shows the server's own words, and the half-day then shows who took it first.
      setError(errorText(e));
      await load();
    } finally {
      setBusy(false);
    }
  };
  const cancel = async (b: RoomBooking) => {
    try {
      await cancelBooking(lr.villageCode, b.id);
      toast('已取消预约');
      await load();
    } catch (e) {
      toast(errorText(e));
    }
  };

  return (
    <Box className='form'>
      <Line className='form__intro'>{`${lr.name} · 给「${group.name}」预约，按半天算`}</Line>
      <Box className='form__group'>
        <Line className='form__label'>房间</Line>
        <Box className='wj-row'>
          {rooms.map((r) => (
            <Box key={r.id} className={`pick ${r.id === roomId ? 'pick--on' : ''}`} role='radio' aria-checked={r.id === roomId} onClick={() => (setRoomId(r.id), setHalf(undefined))}>
              <Line>{r.name}</Line>
            </Box>
          ))}
        </Box>
      </Box>
      <Box className='form__group'>
        <Line className='form__label'>日期</Line>
        <Picker mode='date' value={date} start={range.from} end={range.to} onChange={(e) => (setDate(e.detail.value as string), setHalf(undefined))}>
          <Box className='form__picker' aria-label='选择日期'>{dayText(date)}</Box>
        </Picker>
      </Box>
      <Box className='form__group'>
        <Line className='form__label'>时段</Line>
        <Box className='wj-row'>
          {HALVES.map((h) => {
            const taken = takenBy(h.code);
            return (
              <Box
                key={h.code}
                className={`pick ${half === h.code ? 'pick--on' : ''} ${taken ? 'pick--taken' : ''}`}
                role='radio'
                aria-checked={half === h.code}
                aria-disabled={Boolean(taken)}
                onClick={() => !taken && setHalf(h.code)}
              >
                <Line>{taken ? `${h.label}（已被「${taken.groupName}」预约）` : h.label}</Line>
              </Box>
            );
          })}
        </Box>
      </Box>
      <Line className='form__label'>用途</Line>
      <Input className='form__input' value={purpose} maxlength={60} placeholder='用途，如 排练广场舞' aria-label='用途' onInput={(e) => setPurpose(e.detail.value)} />
      {error && <Line className='form__error'>{error}</Line>}
      <Button className='form__submit' disabled={!roomId || !half || !purpose.trim() || busy || undefined} onClick={() => void book()}>
        {busy ? '正在预约…' : '预约'}
      </Button>

      <Box className='wj-card'>
        <Line className='wj-card__title'>本微家的预约</Line>
        {mine.length === 0 && <Line className='wj-card__line'>近两周还没有预约</Line>}
        {mine.map((b) => (
          <Box key={b.id} className='wj-item'>
            <Line className='wj-item__title'>{`${dayText(b.date)} ${b.half === 'am' ? '上午' : '下午'} · ${b.roomName}`}</Line>
            <Line className='wj-item__line'>{b.purpose}</Line>
            {b.actions.includes('cancel') && (
              <Button className='wj-btn wj-btn--plain' onClick={() => void cancel(b)}>
                取消预约
              </Button>
            )}
          </Box>
        ))}
      </Box>
      <Box className='wj-card'>
        <Line className='wj-card__title'>这间房已被预约的时段</Line>
        {bookings.filter((b) => b.roomId === roomId).length === 0 && <Line className='wj-card__line'>近两周都空着</Line>}
        {bookings
          .filter((b) => b.roomId === roomId)
          .map((b) => (
            <Line key={b.id} className='wj-card__line'>{`${dayText(b.date)} ${b.half === 'am' ? '上午' : '下午'}：${b.groupName}`}</Line>
          ))}
      </Box>
    </Box>
  );
}

export default withPage(RoomsPage);
