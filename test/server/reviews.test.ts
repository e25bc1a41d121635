// The held-content queue: texts the content check held ('review') — a group's description, an
// activity, a talk's topic, summary and questions — listed for the cadres of their village and
// the admins over it, oldest first, paged; each leaves the queue once decided by its own route.
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, HOME, NEIGHBOUR, type Headers } from './cases-fixtures';
import { createGroup, idOf, post } from './groups-fixtures';

jest.setTimeout(60_000);

interface Held {
  key: string;
  kind: string;
  id: string;
  talkId: string | null;
  text: string;
  actions: string[];
}

describe.each(testDatabases())('the review queue on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let secretary: Headers;
  let colleague: Headers;
  let otherCadre: Headers;
  let township: Headers;
  let resident: Headers;

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    secretary = await f.cadre('审核支书');
    colleague = await f.cadre('审核主任');
    otherCadre = await f.cadre('外村审核', NEIGHBOUR);
    township = await h.as({ name: '镇里审核', role: 'township_admin', villageCode: HOME });
    resident = await f.resident('审核村民');
  });
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const queue = async (headers: Headers, qs = '') => {
    const res = await h.call({ method: 'GET', url: `/api/v1/reviews${qs}`, headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Held[]; nextCursor: string | null };
  };
  const talk = async (topic: string, startsAt: string) => {
    const res = await h.call({
      method: 'POST',
      url: '/api/v1/talks',
      headers: { ...secretary, 'idempotency-key': f.key() },
      payload: { kind: 'secretary_talk', topic, startsAt, place: '睦邻客厅', capacity: 20, villageCode: HOME },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; topicStatus: string };
  };

  it('lists every held text of the village for its cadres and the township, not for others; decisions empty it', async () => {
    const leader = await h.as({ name: '审核组长', villageCode: HOME });
    const heldGroup = (await createGroup(h, secretary, { name: '审核测试队', scopeCode: HOME, leaderId: await idOf(h, leader), description: '组织大家去上访' })).json();
    expect(heldGroup.reviewStatus).toBe('pending');
    const okGroup = (await createGroup(h, secretary, { name: '审核同乐队', scopeCode: HOME, leaderId: await idOf(h, leader) })).json();
    const activity = await post(h, `/api/v1/groups/${okGroup.id}/activities`, leader, {
      title: '游行彩排',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      place: '广场',
      capacity: 10,
      openToAll: true,
    });
    expect(activity.json().reviewStatus).toBe('pending');
    const topic = await talk('关于上访的政策', new Date(Date.now() + 3 * 86_400_000).toISOString());
    expect(topic.topicStatus).toBe('pending');
    const open = await talk('医保怎么交', new Date(Date.now() + 2 * 86_400_000).toISOString());
    const asked = await post(h, `/api/v1/talks/${open.id}/questions`, resident, { body: '想去上访怎么办' });
    expect(asked.statusCode).toBe(201);
    await f.db.updateTable('talks').set({ starts_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', open.id).execute();
    const summary = await post(h, `/api/v1/talks/${open.id}/summary`, secretary, { summary: '有人问到上访的事，已解答' });
    expect(summary.json().summaryStatus).toBe('pending');

    const mine = await queue(secretary);
    expect(mine.items.map((i) => i.kind).sort()).toEqual(['activity', 'group', 'talk_question', 'talk_summary', 'talk_topic']);
    expect(mine.items.find((i) => i.kind === 'group')).toMatchObject({ id: heldGroup.id, text: '组织大家去上访', actions: ['approve', 'reject'] });
    expect(mine.items.find((i) => i.kind === 'talk_question')).toMatchObject({ talkId: open.id, text: '想去上访怎么办' });
    // The secretary wrote the topic and the summary: another cadre clears them.
    expect(mine.items.find((i) => i.kind === 'talk_topic')!.actions).toEqual([]);
    expect((await queue(colleague)).items.find((i) => i.kind === 'talk_topic')!.actions).toEqual(['approve', 'reject']);
    expect((await queue(township)).items).toHaveLength(5);
    expect((await queue(otherCadre)).items).toEqual([]);
    expect((await h.call({ method: 'GET', url: '/api/v1/reviews', headers: resident })).statusCode).toBe(403);

    // Paged oldest first: two pages of three and two, nothing repeated or lost.
    const first = await queue(secretary, '?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await queue(secretary, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.key)).toEqual(mine.items.map((i) => i.key));
    expect((await h.call({ method: 'GET', url: '/api/v1/reviews?cursor=nonsense', headers: secretary })).statusCode).toBe(400);

    // Each decision, by its own route, takes the text out of the queue.
    expect((await post(h, `/api/v1/groups/${heldGroup.id}/review`, colleague, { approve: true })).statusCode).toBe(200);
    expect((await post(h, `/api/v1/activities/${activity.json().id}/review`, colleague, { approve: false })).statusCode).toBe(200);
    expect((await post(h, `/api/v1/talks/${topic.id}/review`, colleague, { part: 'topic', decision: 'approve' })).statusCode).toBe(200);
    expect((await post(h, `/api/v1/talks/${open.id}/review`, colleague, { part: 'summary', decision: 'approve' })).statusCode).toBe(200);
    const question = mine.items.find((i) => i.kind === 'talk_question')!;
    expect((await post(h, `/api/v1/talks/${open.id}/questions/${question.id}/review`, colleague, { decision: 'reject' })).statusCode).toBe(200);
    expect((await queue(secretary)).items).toEqual([]);
  });
});
