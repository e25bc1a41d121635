import { Button, Input, Picker } from '@tarojs/components';
import { Box, Line } from '../../components/box';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { authed, getSession } from '../../api/session';
import { getGroup, groupActivities, joinGroup, leaveGroup, type Activity, type Group } from '../../api/weijia';
import { withPage } from '../../components/page';
import { errorText, toast } from '../../utils/feedback';
import { timeText } from '../../utils/format';
import '../../styles/form.scss';
import '../weijia.scss';

interface JoinRequest {
  userId: string;
  name: string | null;
  phone: string | null;
}

function GroupPage() {
  const id = useRouter().params.id ?? '';
  const [group, setGroup] = useState<Group>();
  const [activities, setActivities] = useState<Activity[]>([]);
  const [requests, setRequests] = useState<JoinRequest[]>([]);
  const [draft, setDraft] = useState({ title: '', date: '', time: '09:00', hours: '2', place: '', capacity: '20' });

  const load = async () => {
    try {
      const g = await getGroup(id);
      setGroup(g);
      setActivities(await groupActivities(id));
      if (g.actions.includes('review_requests')) setRequests((await authed<{ items: JoinRequest[] }>(`/api/v1/groups/${id}/requests`)).items);
    } catch (e) {
      toast(errorText(e));
    }
  };
  useDidShow(() => void load());

  const act = async (p: Promise<unknown>, done: string) => {
    try {
      await p;
      toast(done);
      await load();
    } catch (e) {
      toast(errorText(e));
    }
  };

  const post = () => {
    const start = new Date(`${draft.date}T${draft.time}:00+08:00`);
    const end = new Date(start.getTime() + Number(draft.hours || 1) * 3_600_000);
    void act(
      authed(`/api/v1/groups/${id}/activities`, {
        method: 'POST',
        data: { title: draft.title.trim(), startsAt: start.toISOString(), endsAt: end.toISOString(), place: draft.place.trim(), capacity: Number(draft.capacity) || 20, openToAll: true },
      }),
      '活动已发布',
    );
  };

  if (!group) return <Line className='form__intro'>正在加载…</Line>;
  const can = (a: string) => group.actions.includes(a);
  return (
    <Box className='form'>
      <Box className='wj-card wj-card--head'>
        <Line className='wj-card__title'>{group.name}</Line>
        <Line className='wj-card__line'>{`${group.kindName} · ${group.scopeName} · ${group.memberCount}人`}</Line>
        <Line className='wj-card__line'>{`带头人：${group.leader.name ?? ''}`}</Line>
        {group.meetingRoom && <Line className='wj-card__line'>{`在 ${group.meetingRoom.name} 活动`}</Line>}
        <Line className='wj-card__text'>{group.description}</Line>
        {group.myStanding === 'pending' && <Line className='wj-card__line'>已申请加入，等带头人同意</Line>}
      </Box>
      {(can('join') || can('request_join')) && (
        <Button className='form__submit' onClick={() => void act(joinGroup(id), can('join') ? '已加入' : '已申请，等带头人同意')}>
          {can('join') ? '加入微家' : '申请加入'}
        </Button>
      )}
      {!getSession() && <Line className='form__intro'>登录后可以加入微家、报名活动。</Line>}

      <Box className='wj-card'>
        <Line className='wj-card__title'>活动</Line>
        {activities.length === 0 && <Line className='wj-card__line'>近期没有活动</Line>}
        {activities.map((a) => (
          <Box key={a.id} className='wj-item' role='link' onClick={() => void Taro.navigateTo({ url: `/weijia/activity/index?id=${a.id}` })}>
            <Line className='wj-item__title'>{a.title}</Line>
            <Line className='wj-item__line'>{`${timeText(a.startsAt)} · ${a.place} · 已报名${a.signedUp}/${a.capacity}`}</Line>
          </Box>
        ))}
      </Box>

      {requests.length > 0 && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>入群申请</Line>
          {requests.map((r) => (
            <Box key={r.userId} className='wj-item'>
              <Line className='wj-item__title'>{`${r.name ?? ''} ${r.phone ?? ''}`}</Line>
              <Box className='wj-row'>
                <Button className='wj-btn' onClick={() => void act(authed(`/api/v1/groups/${id}/requests/${r.userId}`, { method: 'POST', data: { approve: true } }), '已同意')}>
                  同意
                </Button>
                <Button
                  className='wj-btn wj-btn--plain'
                  onClick={() => void act(authed(`/api/v1/groups/${id}/requests/${r.userId}`, { method: 'POST', data: { approve: false, reason: '暂时人满' } }), '已婉拒')}
                >
                  婉拒
                </Button>
              </Box>
            </Box>
          ))}
        </Box>
      )}

      {can('post_activity') && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>发布活动</Line>
          <Input className='form__input' value={draft.title} placeholder='活动名称' aria-label='活动名称' onInput={(e) => setDraft({ ...draft, title: e.detail.value })} />
          <Picker mode='date' value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.detail.value as string })}>
            <Box className='form__picker'>{draft.date || '选日期'}</Box>
          </Picker>
          <Picker mode='time' value={draft.time} onChange={(e) => setDraft({ ...draft, time: e.detail.value as string })}>
            <Box className='form__picker'>{`开始：${draft.time}`}</Box>
          </Picker>
          <Input className='form__input' type='digit' value={draft.hours} placeholder='几个小时' aria-label='活动时长（小时）' onInput={(e) => setDraft({ ...draft, hours: e.detail.value })} />
          <Input className='form__input' value={draft.place} placeholder='地点，如 睦邻客厅活动室' aria-label='地点' onInput={(e) => setDraft({ ...draft, place: e.detail.value })} />
          <Input className='form__input' type='number' value={draft.capacity} placeholder='人数上限' aria-label='人数上限' onInput={(e) => setDraft({ ...draft, capacity: e.detail.value })} />
          <Button className='form__submit' disabled={!draft.title.trim() || !draft.date || !draft.place.trim() || undefined} onClick={post}>
            发布
          </Button>
        </Box>
      )}

      {can('book_room') && (
        <Button className='form__secondary' onClick={() => void Taro.navigateTo({ url: `/weijia/rooms/index?id=${id}` })}>
          预约微家工作室 / 活动室
        </Button>
      )}

      {group.members && group.members.length > 0 && (
        <Box className='wj-card'>
          <Line className='wj-card__title'>成员</Line>
          <Line className='wj-card__text'>{group.members.map((m) => `${m.name ?? ''}${m.phone ? ` ${m.phone}` : ''}`).join('、')}</Line>
        </Box>
      )}
      {can('leave') && (
        <Button className='form__secondary' onClick={() => void act(leaveGroup(id), '已退出')}>
          退出微家
        </Button>
      )}
    </Box>
  );
}

export default withPage(GroupPage);
