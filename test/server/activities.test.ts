// Activities: posting, sign-up for members or all, 200 at once for 20 places (the waiting list
// in commit order, no gaps), cancellation promoting the first in line, check-in by list or code,
// volunteer hours for 公益, reminders, and personal data.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { createGroup, idOf, inHours, post, type Headers } from './groups-fixtures';

const HOME = DEMO_VILLAGES[0];
const CROWD = 200;
const PLACES = 20;

describe.each(testDatabases())('activities on $dialect', (testDb) => {
  let h: Harness;
  let cadre: Headers;
  let leader: Headers;
  let groupId: string;
  let charityId: string;
  const activity = (over: Record<string, unknown> = {}) => ({ title: '广场舞', startsAt: inHours(2), endsAt: inHours(4), place: '微家活动室', capacity: 5, openToAll: false, ...over });

  beforeAll(async () => {
    h = await startHarness(testDb);
    cadre = await h.as({ name: '活动村干部', role: 'cadre', villageCode: HOME });
    leader = await h.as({ name: '活动组长', villageCode: HOME });
    const leaderId = await idOf(h, leader);
    groupId = (await createGroup(h, cadre, { name: '活动测试队', scopeCode: HOME, leaderId })).json().id;
    charityId = (await createGroup(h, cadre, { name: '活动公益队', kind: 'charity', scopeCode: HOME, leaderId })).json().id;
  }, 60_000);
  afterAll(async () => h?.close());

  it('only leaders post; members only unless open to all', async () => {
    const member = await h.as({ name: '活动成员', villageCode: HOME });
    await post(h, `/api/v1/groups/${groupId}/join`, member);
    expect((await post(h, `/api/v1/groups/${groupId}/activities`, member, activity())).json().error.code).toBe('NOT_GROUP_LEADER');
    const bad = await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity({ startsAt: inHours(-1) }));
    expect(bad.json().error.code).toBe('STARTS_IN_PAST');
    const a = (await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity())).json();
    expect(a).toMatchObject({ title: '广场舞', capacity: 5, signedUp: 0, actions: ['signup', 'checkin'] });
    const outsider = await h.as({ name: '外人', villageCode: HOME });
    expect((await post(h, `/api/v1/activities/${a.id}/signup`, outsider)).json().error.code).toBe('MEMBERS_ONLY');
    const s = (await post(h, `/api/v1/activities/${a.id}/signup`, member)).json();
    expect(s.mySignup).toMatchObject({ status: 'signed_up', position: null, checkinCode: expect.stringMatching(/^\d{6}$/) });
    expect((await post(h, `/api/v1/activities/${a.id}/signup`, member)).json().error.code).toBe('ALREADY_SIGNED_UP');
    const open = (await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity({ openToAll: true }))).json();
    expect((await post(h, `/api/v1/activities/${open.id}/signup`, outsider)).statusCode).toBe(200);
    const listed = (await h.call({ method: 'GET', url: `/api/v1/activities?villageCode=${HOME}` })).json().items.map((x: { id: string }) => x.id);
    expect(listed).toEqual(expect.arrayContaining([a.id, open.id]));
  });

  it(`${CROWD} sign up at once for ${PLACES} places: ${PLACES} in, the rest wait-listed 1..${CROWD - PLACES} in commit order`, async () => {
    const a = (await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity({ capacity: PLACES, openToAll: true, title: '抢位活动' }))).json();
    const people: Headers[] = [];
    for (let i = 0; i < CROWD; i += 1) people.push(await h.as({ name: `抢位${i}`, villageCode: HOME }));
    const answers = await Promise.all(people.map((p) => post(h, `/api/v1/activities/${a.id}/signup`, p)));
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    const mine = answers.map((r) => r.json().mySignup);
    expect(mine.filter((s) => s.status === 'signed_up')).toHaveLength(PLACES);
    const waiting = mine.filter((s) => s.status === 'waitlisted');
    expect(waiting).toHaveLength(CROWD - PLACES);
    // Seen now, the positions are exactly 1..180 and follow the order the database committed them.
    const now = await Promise.all(people.map(async (p) => (await h.call({ method: 'GET', url: `/api/v1/activities/${a.id}`, headers: p })).json().mySignup));
    const positions = now.filter((s) => s.status === 'waitlisted').map((s) => s.position).sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: CROWD - PLACES }, (_, i) => i + 1));
    // Each answer was given right at commit: everyone who waited saw the same position then.
    expect(waiting.map((s) => s.position).sort((x, y) => x - y)).toEqual(positions);
    const door = (await h.call({ method: 'GET', url: `/api/v1/activities/${a.id}`, headers: leader })).json();
    expect(door).toMatchObject({ signedUp: PLACES, waitlisted: CROWD - PLACES });

    const firstInLine = people[now.findIndex((s) => s.position === 1)];
    const secondInLine = people[now.findIndex((s) => s.position === 2)];
    const leaving = people[now.findIndex((s) => s.status === 'signed_up')];
    const after = await post(h, `/api/v1/activities/${a.id}/cancel-signup`, leaving);
    expect(after.json()).toMatchObject({ signedUp: PLACES, waitlisted: CROWD - PLACES - 1, mySignup: { status: 'cancelled' } });
    expect((await h.call({ method: 'GET', url: `/api/v1/activities/${a.id}`, headers: firstInLine })).json().mySignup).toMatchObject({ status: 'signed_up', position: null });
    expect((await h.call({ method: 'GET', url: `/api/v1/activities/${a.id}`, headers: secondInLine })).json().mySignup.position).toBe(1);
    const told = (await h.call({ method: 'GET', url: '/api/v1/notifications', headers: firstInLine })).json().items;
    expect(told[0].title).toBe('候补成功');
  }, 60_000);

  it('check-in by tick or code; hours for 公益; a waiting person cannot be checked in', async () => {
    const a = (await post(h, `/api/v1/groups/${charityId}/activities`, leader, activity({ title: '送饭', capacity: 2, openToAll: true, startsAt: inHours(1), endsAt: inHours(3.5) }))).json();
    const [x, y, z] = await Promise.all(['签到甲', '签到乙', '签到丙'].map((name) => h.as({ name, villageCode: HOME })));
    await post(h, `/api/v1/activities/${a.id}/signup`, x);
    const code = (await post(h, `/api/v1/activities/${a.id}/signup`, y)).json().mySignup.checkinCode;
    await post(h, `/api/v1/activities/${a.id}/signup`, z);
    expect((await post(h, `/api/v1/activities/${a.id}/checkin`, x, { userId: await idOf(h, x) })).json().error.code).toBe('NOT_GROUP_LEADER');
    expect((await post(h, `/api/v1/activities/${a.id}/checkin`, leader, { userId: await idOf(h, x) })).statusCode).toBe(200);
    expect((await post(h, `/api/v1/activities/${a.id}/checkin`, leader, { userId: await idOf(h, x) })).json().error.code).toBe('ALREADY_CHECKED_IN');
    expect((await post(h, `/api/v1/activities/${a.id}/checkin`, leader, { code, hours: 3 })).statusCode).toBe(200);
    expect((await post(h, `/api/v1/activities/${a.id}/checkin`, leader, { userId: await idOf(h, z) })).json().error.code).toBe('NOT_SIGNED_UP');
    expect((await post(h, `/api/v1/activities/${a.id}/checkin`, leader, { code: code === '000000' ? '000001' : '000000' })).statusCode).toBe(404);
    expect((await post(h, `/api/v1/activities/${a.id}/cancel-signup`, x)).json().error.code).toBe('ALREADY_CHECKED_IN');
    expect((await h.call({ method: 'GET', url: '/api/v1/me/volunteer-hours', headers: x })).json()).toMatchObject({ totalHours: 2.5, items: [{ title: '送饭', hours: 2.5 }] });
    expect((await h.call({ method: 'GET', url: '/api/v1/me/volunteer-hours', headers: y })).json().totalHours).toBe(3);
    const exported = (await h.call({ method: 'GET', url: '/api/v1/me/export', headers: x })).json();
    expect(exported).toMatchObject({ volunteerHoursTotal: 2.5, activitySignups: [expect.objectContaining({ activity: '送饭', volunteerHours: 2.5 })] });
    // Not 公益: no hours.
    const plain = (await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity({ openToAll: true }))).json();
    await post(h, `/api/v1/activities/${plain.id}/signup`, z);
    await post(h, `/api/v1/activities/${plain.id}/checkin`, leader, { userId: await idOf(h, z) });
    expect((await h.call({ method: 'GET', url: '/api/v1/me/volunteer-hours', headers: z })).json().totalHours).toBe(0);
  });

  it('risky activity text is refused; held text waits for a cadre', async () => {
    expect((await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity({ title: '毒品知识' }))).json().error.code).toBe('CONTENT_REJECTED');
    const held = (await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity({ title: '组织上访' }))).json();
    expect(held.reviewStatus).toBe('pending');
    const member = await h.as({ name: '活动成员', villageCode: HOME });
    expect((await h.call({ method: 'GET', url: `/api/v1/activities/${held.id}`, headers: member })).statusCode).toBe(404);
    expect((await post(h, `/api/v1/activities/${held.id}/review`, cadre, { approve: true })).json().reviewStatus).toBe('approved');
    expect((await h.call({ method: 'GET', url: `/api/v1/activities/${held.id}`, headers: member })).statusCode).toBe(200);
  });

  it('closing an account gives its place to the first in line', async () => {
    const a = (await post(h, `/api/v1/groups/${groupId}/activities`, leader, activity({ capacity: 1, openToAll: true, title: '一个名额' }))).json();
    const gone = await h.as({ name: '注销者', villageCode: HOME });
    const next = await h.as({ name: '候补者', villageCode: HOME });
    await post(h, `/api/v1/activities/${a.id}/signup`, gone);
    await post(h, `/api/v1/activities/${a.id}/signup`, next);
    await h.call({ method: 'DELETE', url: '/api/v1/me', headers: gone });
    expect((await h.call({ method: 'GET', url: `/api/v1/activities/${a.id}`, headers: next })).json().mySignup.status).toBe('signed_up');
  });
});
