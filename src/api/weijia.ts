import { authed, getSession } from './session';
import { request } from './client';

export interface GroupKind {
  code: string;
  name: string;
  icon: string;
  description: string;
}

export interface Group {
  id: string;
  kind: string;
  kindName: string;
  name: string;
  scopeName: string;
  scopeCode: string;
  nearness: 'mine' | 'nearby' | 'other';
  leader: { id: string; name: string | null };
  joinPolicy: 'open' | 'approval';
  memberCap: number | null;
  memberCount: number;
  description: string;
  meetingRoom: { name: string; villageCode: string; roomId: string } | null;
  reviewStatus: string;
  myStanding: 'leader' | 'deputy' | 'member' | 'pending' | null;
  actions: string[];
  members?: { id: string; name: string | null; role: string; phone?: string | null }[];
}

export interface Activity {
  id: string;
  groupId: string;
  groupName: string;
  groupKind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  capacity: number;
  signedUp: number;
  waitlisted: number;
  bring: string | null;
  volunteerHours: number | null;
  mySignup: { status: string; position: number | null; checkinCode: string | null; checkedInAt: string | null; hours: number | null } | null;
  actions: string[];
  signups?: { userId: string; name: string | null; status: string; position: number | null; checkedInAt: string | null; hours: number | null }[];
}

export interface Mediation {
  id: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  resident: { id: string; name: string | null } | null;
  mediator: { id: string; name: string | null } | null;
  createdAt: string;
  actions: string[];
  otherParty?: string | null;
  description?: string;
  agreement?: string | null;
  referral?: string | null;
  messages?: { id: string; author: { name: string | null } | null; mine: boolean; body: string; createdAt: string }[];
}

// Group lists are public, but a signed-in person sees their own standing and actions.
const read = <T>(path: string) => (getSession() ? authed<T>(path) : request<T>(path).then((r) => r.data));

export const groupKinds = () => request<{ items: GroupKind[] }>('/api/v1/group-kinds').then((r) => r.data.items);
export const listGroups = (kind?: string) => read<{ items: Group[] }>(`/api/v1/groups${kind ? `?kind=${kind}` : ''}`).then((r) => r.items);
export const getGroup = (id: string) => read<Group>(`/api/v1/groups/${id}`);
export const joinGroup = (id: string) => authed<{ status: 'active' | 'pending'; group: Group }>(`/api/v1/groups/${id}/join`, { method: 'POST' });
export const leaveGroup = (id: string) => authed<Group>(`/api/v1/groups/${id}/leave`, { method: 'POST' });
export const groupActivities = (groupId: string) => read<{ items: Activity[] }>(`/api/v1/activities?groupId=${groupId}`).then((r) => r.items);
export const getActivity = (id: string) => authed<Activity>(`/api/v1/activities/${id}`);
export const signUp = (id: string) => authed<Activity>(`/api/v1/activities/${id}/signup`, { method: 'POST' });
export const cancelSignup = (id: string) => authed<Activity>(`/api/v1/activities/${id}/cancel-signup`, { method: 'POST' });
export const checkIn = (id: string, by: { userId?: string; code?: string }) => authed<Activity>(`/api/v1/activities/${id}/checkin`, { method: 'POST', data: by });
export const volunteerHours = () => authed<{ totalHours: number }>('/api/v1/me/volunteer-hours');

export const MEDIATION_KINDS: { code: string; label: string }[] = [
  { code: 'neighbours', label: '邻里纠纷' },
  { code: 'family', label: '家庭矛盾' },
  { code: 'land', label: '土地纠纷' },
  { code: 'other', label: '其他' },
];
export const askMediation = (input: { kind: string; otherParty?: string; description: string }, key: string) =>
  authed<Mediation>('/api/v1/mediations', { method: 'POST', data: input, headers: { 'Idempotency-Key': key } });
export const myMediations = () => authed<{ items: Mediation[] }>('/api/v1/mediations/mine').then((r) => r.items);
export const villageMediations = () => authed<{ items: Mediation[] }>('/api/v1/mediations').then((r) => r.items);
export const getMediation = (id: string) => authed<Mediation>(`/api/v1/mediations/${id}`);
export const takeMediation = (id: string) => authed<Mediation>(`/api/v1/mediations/${id}/take`, { method: 'POST' });
export const mediationMessage = (id: string, body: string) => authed<Mediation>(`/api/v1/mediations/${id}/messages`, { method: 'POST', data: { body } });
export const mediationOutcome = (id: string, input: { result: 'success' | 'not_resolved'; agreement?: string; referral?: string }) =>
  authed<Mediation>(`/api/v1/mediations/${id}/outcome`, { method: 'POST', data: input });

export interface Talk {
  id: string;
  kindLabel: string;
  topic: string;
  startsAt: string;
  place: string;
  capacity: number;
  signedUp: number;
  placesLeft: number;
  mySignup: boolean;
  summary: string | null;
  actions: string[];
  questions?: { id: string; asker: { name: string | null }; mine: boolean; body: string; reviewStatus: string }[];
}
export const nextTalk = (villageCode: string) => authed<{ talk: Talk | null }>(`/api/v1/talks/next?villageCode=${villageCode}`).then((r) => r.talk);
export const getTalk = (id: string) => authed<Talk>(`/api/v1/talks/${id}`);
export const talkSignup = (id: string) => authed<Talk>(`/api/v1/talks/${id}/signup`, { method: 'POST' });
export const askQuestion = (id: string, body: string) => authed<Talk>(`/api/v1/talks/${id}/questions`, { method: 'POST', data: { body } });

// Cadres: schedule talks, record who came and the summary.
export interface TalkDetail extends Talk {
  villageCode: string;
  kind: 'secretary_talk' | 'policy_briefing';
  topicStatus: string;
  summaryStatus: string | null;
  attendees: { id: string; name: string | null; signedUp: boolean; attended: boolean }[] | null;
}
export const TALK_KINDS: { code: TalkDetail['kind']; label: string }[] = [
  { code: 'secretary_talk', label: '书记龙门阵' },
  { code: 'policy_briefing', label: '政策宣讲' },
];
export const villageTalks = (villageCode: string) => authed<{ items: TalkDetail[] }>(`/api/v1/talks?villageCode=${villageCode}`).then((r) => r.items);
export const getTalkDetail = (id: string) => authed<TalkDetail>(`/api/v1/talks/${id}`);
export const scheduleTalk = (input: { kind: string; topic: string; startsAt: string; place: string; capacity: number; villageCode: string }, key: string) =>
  authed<TalkDetail>('/api/v1/talks', { method: 'POST', data: input, headers: { 'Idempotency-Key': key } });
export const recordAttendance = (id: string, userIds: string[]) => authed<TalkDetail>(`/api/v1/talks/${id}/attendance`, { method: 'POST', data: { userIds } });
export const writeSummary = (id: string, summary: string) => authed<TalkDetail>(`/api/v1/talks/${id}/summary`, { method: 'POST', data: { summary } });

// Room booking by half-day (group leaders).
export interface LivingRoom {
  villageCode: string;
  name: string;
  rooms: { id: string; name: string; kind: string }[];
}
export interface RoomBooking {
  id: string;
  villageCode: string;
  roomId: string;
  roomName: string;
  date: string;
  half: 'am' | 'pm';
  groupId: string;
  groupName: string;
  purpose: string;
  actions: string[];
}
export const livingRoom = (villageCode: string) => request<LivingRoom>(`/api/v1/living-rooms/${villageCode}`).then((r) => r.data);
export const roomBookings = (villageCode: string, from: string, to: string) =>
  authed<{ items: RoomBooking[] }>(`/api/v1/rooms/${villageCode}/bookings?from=${from}&to=${to}`).then((r) => r.items);
export const bookRoom = (villageCode: string, roomId: string, input: { date: string; half: 'am' | 'pm'; groupId: string; purpose: string }, key: string) =>
  authed<RoomBooking>(`/api/v1/rooms/${villageCode}/${roomId}/bookings`, { method: 'POST', data: input, headers: { 'Idempotency-Key': key } });
export const cancelBooking = (villageCode: string, id: string) => authed<null>(`/api/v1/rooms/${villageCode}/bookings/${id}`, { method: 'DELETE' });

// The held-content queue; each decision goes to the text's own review route.
export interface HeldItem {
  key: string;
  kind: 'group' | 'activity' | 'talk_topic' | 'talk_summary' | 'talk_question';
  kindLabel: string;
  id: string;
  talkId: string | null;
  context: string;
  text: string;
  author: string | null;
  heldAt: string;
  actions: ('approve' | 'reject')[];
}
export const heldItems = () => authed<{ items: HeldItem[]; nextCursor: string | null }>('/api/v1/reviews?limit=100');
export function decide(item: HeldItem, approve: boolean): Promise<unknown> {
  const decision = approve ? 'approve' : 'reject';
  switch (item.kind) {
    case 'group':
      return authed(`/api/v1/groups/${item.id}/review`, { method: 'POST', data: { approve } });
    case 'activity':
      return authed(`/api/v1/activities/${item.id}/review`, { method: 'POST', data: { approve } });
    case 'talk_topic':
      return authed(`/api/v1/talks/${item.id}/review`, { method: 'POST', data: { part: 'topic', decision } });
    case 'talk_summary':
      return authed(`/api/v1/talks/${item.id}/review`, { method: 'POST', data: { part: 'summary', decision } });
    case 'talk_question':
      return authed(`/api/v1/talks/${item.talkId}/questions/${item.id}/review`, { method: 'POST', data: { decision } });
  }
}
