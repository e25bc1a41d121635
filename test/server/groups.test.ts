// 微家 groups and membership: kinds, creation by a cadre, the list order, joining (twice, past
// the cap, by request), decisions only by leaders, removal, phones only to leaders, content checks.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { createGroup, idOf, post, type Headers } from './groups-fixtures';

const HOME = DEMO_VILLAGES[0];
const NEIGHBOUR = DEMO_VILLAGES[1];
const FAR = DEMO_VILLAGES[3];

describe.each(testDatabases())('groups on $dialect', (testDb) => {
  let h: Harness;
  let cadre: Headers;
  let leader: Headers;
  let leaderId: string;
  beforeAll(async () => {
    h = await startHarness(testDb);
    cadre = await h.as({ name: '组村干部', role: 'cadre', villageCode: HOME });
    leader = await h.as({ name: '组长甲', role: 'resident', villageCode: HOME });
    leaderId = await idOf(h, leader);
  }, 60_000);
  afterAll(async () => h?.close());

  it('lists the four kinds of group', async () => {
    const res = await h.call({ method: 'GET', url: '/api/v1/group-kinds' });
    expect(res.json().items.map((k: { name: string }) => k.name)).toEqual(['公益微家', '和事佬微家', '同乐微家', '技能微家']);
  });

  it('a cadre creates a group and appoints its leader; another village’s cadre may not', async () => {
    const res = await createGroup(h, cadre, { name: '桂花象棋队', scopeCode: HOME, leaderId, memberCap: 5 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '桂花象棋队', leader: { id: leaderId, name: '组长甲' }, memberCount: 1, reviewStatus: 'approved' });
    const other = await h.as({ name: '外村干部', role: 'cadre', villageCode: FAR });
    const refused = await createGroup(h, other, { name: '越权微家', scopeCode: HOME, leaderId });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('SCOPE_FORBIDDEN');
  });

  it('lists my village first, then my township, then the rest', async () => {
    const neighbourCadre = await h.as({ name: '邻村干部', role: 'cadre', villageCode: NEIGHBOUR });
    const nLeader = await h.as({ name: '邻村组长', villageCode: NEIGHBOUR });
    await createGroup(h, neighbourCadre, { name: '石桥舞蹈队', scopeCode: NEIGHBOUR, leaderId: await idOf(h, nLeader) });
    const farCadre = await h.as({ name: '远村干部', role: 'cadre', villageCode: FAR });
    const fLeader = await h.as({ name: '远村组长', villageCode: FAR });
    await createGroup(h, farCadre, { name: '远方川剧团', scopeCode: FAR, leaderId: await idOf(h, fLeader) });
    const me = await h.as({ name: '看列表的人', villageCode: HOME });
    const items = (await h.call({ method: 'GET', url: '/api/v1/groups?kind=recreation', headers: me })).json().items as { name: string; nearness: string }[];
    const order = items.map((g) => g.nearness);
    expect(order).toEqual([...order].sort((a, b) => ['mine', 'nearby', 'other'].indexOf(a) - ['mine', 'nearby', 'other'].indexOf(b)));
    expect(items.find((g) => g.name === '石桥舞蹈队')?.nearness).toBe('nearby');
    expect(items.find((g) => g.name === '远方川剧团')?.nearness).toBe('other');
    expect(items[0].nearness).toBe('mine');
  });

  it('joining an open group, twice, and past its cap', async () => {
    const g = (await createGroup(h, cadre, { name: '小小合唱团', scopeCode: HOME, leaderId, memberCap: 3 })).json();
    const a = await h.as({ name: '合唱甲', villageCode: HOME });
    expect((await post(h, `/api/v1/groups/${g.id}/join`, a)).json()).toMatchObject({ status: 'active', group: { memberCount: 2 } });
    const twice = await post(h, `/api/v1/groups/${g.id}/join`, a);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'ALREADY_MEMBER']);
    // Ten people at once for the one place left: exactly one gets it.
    const crowd = await Promise.all(Array.from({ length: 10 }, (_, i) => h.as({ name: `合唱抢位${i}`, villageCode: HOME })));
    const answers = await Promise.all(crowd.map((c) => post(h, `/api/v1/groups/${g.id}/join`, c)));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(new Set(answers.filter((r) => r.statusCode !== 200).map((r) => r.json().error.code))).toEqual(new Set(['GROUP_FULL']));
    expect((await h.call({ method: 'GET', url: `/api/v1/groups/${g.id}` })).json().memberCount).toBe(3);
  });

  it('approval groups: a request, a non-leader deciding gets 403, the leader declines with a reason', async () => {
    const g = (await createGroup(h, cadre, { name: '裁缝技能组', kind: 'skills', scopeCode: HOME, leaderId, joinPolicy: 'approval' })).json();
    const asker = await h.as({ name: '想学裁缝', villageCode: HOME });
    const askerId = await idOf(h, asker);
    expect((await post(h, `/api/v1/groups/${g.id}/join`, asker)).json().status).toBe('pending');
    const again = await post(h, `/api/v1/groups/${g.id}/join`, asker);
    expect(again.json().error.code).toBe('ALREADY_REQUESTED');
    const stranger = await h.as({ name: '路过的人', villageCode: HOME });
    const notLeader = await post(h, `/api/v1/groups/${g.id}/requests/${askerId}`, stranger, { approve: true });
    expect([notLeader.statusCode, notLeader.json().error.code]).toEqual([403, 'NOT_GROUP_LEADER']);
    expect((await post(h, `/api/v1/groups/${g.id}/requests/${askerId}`, cadre, { approve: true })).statusCode).toBe(403);
    const listed = await h.call({ method: 'GET', url: `/api/v1/groups/${g.id}/requests`, headers: leader });
    expect(listed.json().items.map((r: { name: string }) => r.name)).toEqual(['想学裁缝']);
    const noReason = await post(h, `/api/v1/groups/${g.id}/requests/${askerId}`, leader, { approve: false });
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
    expect((await post(h, `/api/v1/groups/${g.id}/requests/${askerId}`, leader, { approve: false, reason: '人已满，下期再来' })).statusCode).toBe(200);
    const told = (await h.call({ method: 'GET', url: '/api/v1/notifications', headers: asker })).json().items;
    expect(told[0].body).toContain('人已满，下期再来');
    // Asking again, then approved.
    await post(h, `/api/v1/groups/${g.id}/join`, asker);
    const approved = await post(h, `/api/v1/groups/${g.id}/requests/${askerId}`, leader, { approve: true });
    expect(approved.json().members.map((m: { name: string }) => m.name)).toContain('想学裁缝');
  });

  it('shows phones to leaders only; a leader removes a member with a reason; members leave', async () => {
    const g = (await createGroup(h, cadre, { name: '修理技能组', kind: 'skills', scopeCode: HOME, leaderId })).json();
    const m = await h.as({ name: '修理成员', villageCode: HOME });
    const mId = await idOf(h, m);
    await post(h, `/api/v1/groups/${g.id}/join`, m);
    const asMember = (await h.call({ method: 'GET', url: `/api/v1/groups/${g.id}`, headers: m })).json();
    expect(asMember.members.every((x: object) => !('phone' in x))).toBe(true);
    const asLeader = (await h.call({ method: 'GET', url: `/api/v1/groups/${g.id}`, headers: leader })).json();
    expect(asLeader.members.every((x: object) => 'phone' in x)).toBe(true);
    expect(asLeader.actions).toEqual(expect.arrayContaining(['review_requests', 'remove_member', 'post_activity']));
    const noReason = await post(h, `/api/v1/groups/${g.id}/members/${mId}/remove`, leader, { reason: ' ' });
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
    const removed = await post(h, `/api/v1/groups/${g.id}/members/${mId}/remove`, leader, { reason: '长期不参加' });
    expect(removed.json().memberCount).toBe(1);
    // Removed: joining again becomes a request, even to an open group.
    expect((await post(h, `/api/v1/groups/${g.id}/join`, m)).json().status).toBe('pending');
    expect((await post(h, `/api/v1/groups/${g.id}/leave`, leader)).json().error.code).toBe('LEADER_CANNOT_LEAVE');
    const n = await h.as({ name: '修理成员乙', villageCode: HOME });
    await post(h, `/api/v1/groups/${g.id}/join`, n);
    expect((await post(h, `/api/v1/groups/${g.id}/leave`, n)).json().memberCount).toBe(1);
  });

  it('deputies are named by the leader from the members and may decide requests', async () => {
    const g = (await createGroup(h, cadre, { name: '副手测试组', scopeCode: HOME, leaderId, joinPolicy: 'approval' })).json();
    const d = await h.as({ name: '副组长', villageCode: HOME });
    const dId = await idOf(h, d);
    expect((await post(h, `/api/v1/groups/${g.id}/deputies`, leader, { userId: dId })).json().error.code).toBe('NOT_A_MEMBER');
    await post(h, `/api/v1/groups/${g.id}/join`, d);
    await post(h, `/api/v1/groups/${g.id}/requests/${dId}`, leader, { approve: true });
    expect((await post(h, `/api/v1/groups/${g.id}/deputies`, d, { userId: dId })).statusCode).toBe(403);
    expect((await post(h, `/api/v1/groups/${g.id}/deputies`, leader, { userId: dId })).json().deputies).toEqual([{ id: dId, name: '副组长' }]);
    const asker = await h.as({ name: '找副组长', villageCode: HOME });
    await post(h, `/api/v1/groups/${g.id}/join`, asker);
    expect((await post(h, `/api/v1/groups/${g.id}/requests/${await idOf(h, asker)}`, d, { approve: true })).statusCode).toBe(200);
  });

  it('content check: risky text is refused; text held for review is seen by its author and cadres until approved', async () => {
    const risky = await createGroup(h, cadre, { name: '牌友会', scopeCode: HOME, leaderId, description: '一起赌博' });
    expect([risky.statusCode, risky.json().error]).toEqual([400, { code: 'CONTENT_REJECTED', message: '内容含有不当信息，请修改后再提交' }]);
    const held = (await createGroup(h, cadre, { name: '上访互助组', scopeCode: HOME, leaderId, description: '大家商量' })).json();
    expect(held.reviewStatus).toBe('pending');
    const resident = await h.as({ name: '普通村民', villageCode: HOME });
    expect((await h.call({ method: 'GET', url: `/api/v1/groups/${held.id}`, headers: resident })).statusCode).toBe(404);
    expect((await h.call({ method: 'GET', url: `/api/v1/groups/${held.id}` })).statusCode).toBe(404);
    const publicList = (await h.call({ method: 'GET', url: '/api/v1/groups' })).json().items.map((g: { id: string }) => g.id);
    expect(publicList).not.toContain(held.id);
    expect((await h.call({ method: 'GET', url: `/api/v1/groups/${held.id}`, headers: leader })).statusCode).toBe(200);
    expect((await post(h, `/api/v1/groups/${held.id}/join`, resident)).statusCode).toBe(404);
    expect((await post(h, `/api/v1/groups/${held.id}/review`, cadre, { approve: true })).json().reviewStatus).toBe('approved');
    expect((await h.call({ method: 'GET', url: `/api/v1/groups/${held.id}` })).statusCode).toBe(200);
    expect((await post(h, `/api/v1/groups/${held.id}/review`, cadre, { approve: true })).json().error.code).toBe('NOT_PENDING');
  });

  it('the demo village has its 同乐, 和事佬 and 公益 groups', async () => {
    const items = (await h.call({ method: 'GET', url: `/api/v1/groups?villageCode=${HOME}` })).json().items.map((g: { name: string }) => g.name);
    expect(items).toEqual(expect.arrayContaining(['桂花村同乐微家', '桂花村和事佬微家', '桂花村公益微家']));
  });

  it('export lists memberships; closing the account frees the place', async () => {
    const g = (await createGroup(h, cadre, { name: '注销测试组', scopeCode: HOME, leaderId })).json();
    const gone = await h.as({ name: '要注销的人', villageCode: HOME });
    await post(h, `/api/v1/groups/${g.id}/join`, gone);
    const exported = (await h.call({ method: 'GET', url: '/api/v1/me/export', headers: gone })).json();
    expect(exported.groups).toEqual([expect.objectContaining({ group: '注销测试组', role: 'member', status: 'active' })]);
    expect((await h.call({ method: 'DELETE', url: '/api/v1/me', headers: gone })).statusCode).toBeLessThan(300);
    expect((await h.call({ method: 'GET', url: `/api/v1/groups/${g.id}` })).json().memberCount).toBe(1);
  });
});
