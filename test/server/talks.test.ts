// Living-room talks: cadres schedule, residents sign up (capacity under a crowd) and ask in
// advance, the content check holds or refuses texts, attendance and the summary afterwards.
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, HOME, NEIGHBOUR, type Headers } from './cases-fixtures';

const CROWD = 200;
const PLACES = 20;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe.each(testDatabases())('talks on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let secretary: Headers;
  let colleague: Headers;
  let otherCadre: Headers;
  let resident: Headers;
  let neighbour: Headers;

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    secretary = await f.cadre('村支书');
    colleague = await f.cadre('村主任');
    otherCadre = await f.cadre('外村支书', NEIGHBOUR);
    resident = await f.resident('听讲村民');
    neighbour = await f.resident('隔壁村民');
  }, 30_000);
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const talk = (over: object = {}) => ({ kind: 'secretary_talk', topic: '今年的医保怎么交', startsAt: inDays(3), place: '睦邻客厅活动室', capacity: 30, villageCode: HOME, ...over });
  const schedule = (headers: Headers, payload: object) => h.call({ method: 'POST', url: '/api/v1/talks', payload, headers: { ...headers, 'idempotency-key': f.key() } });
  const scheduled = async (over: object = {}) => {
    const res = await schedule(secretary, talk(over));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; topicStatus: string };
  };
  const post = (headers: Headers, url: string, payload?: object) => h.call({ method: 'POST', url: `/api/v1/talks${url}`, payload, headers });
  const get = (headers: Headers, url: string) => h.call({ method: 'GET', url: `/api/v1/talks${url}`, headers });
  const listed = async (headers: Headers) => ((await get(headers, `?villageCode=${HOME}`)).json().items as { id: string }[]).map((t) => t.id);
  const startNow = (id: string) => f.db.updateTable('talks').set({ starts_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', id).execute();

  it('only the village’s cadres schedule, in the future', async () => {
    expect((await schedule(resident, talk())).json().error.code).toBe('FORBIDDEN');
    expect((await schedule(otherCadre, talk())).json().error.code).toBe('TALK_FORBIDDEN');
    expect((await schedule(secretary, talk({ startsAt: inDays(-1) }))).json().error.code).toBe('STARTS_AT_PAST');
    expect((await schedule(secretary, talk({ topic: ' ' }))).json().error.code).toBe('TOPIC_REQUIRED');
    expect((await schedule(secretary, talk({ capacity: 0 }))).statusCode).toBe(400);
    expect((await h.call({ method: 'POST', url: '/api/v1/talks', payload: talk(), headers: secretary })).json().error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const t = await scheduled({ kind: 'policy_briefing' });
    expect(t).toMatchObject({ topicStatus: 'approved', kindLabel: '政策宣讲', placesLeft: 30 });
    expect(await listed(resident)).toContain(t.id);
  });

  it('refuses a risky topic, holds a doubtful one for another cadre, and holds when WeChat is down', async () => {
    expect((await schedule(secretary, talk({ topic: '讲讲赌博的危害和办法' }))).json().error).toMatchObject({ code: 'CONTENT_REJECTED' });
    const held = await scheduled({ topic: '关于上访的政策' });
    expect(held.topicStatus).toBe('pending');
    expect((await get(resident, `/${held.id}`)).statusCode).toBe(404);
    expect(await listed(resident)).not.toContain(held.id);
    expect((await post(resident, `/${held.id}/signup`)).statusCode).toBe(404);
    expect((await get(secretary, `/${held.id}`)).json().topicStatus).toBe('pending');
    expect(await listed(colleague)).toContain(held.id);
    expect((await post(secretary, `/${held.id}/review`, { part: 'topic', decision: 'approve' })).json().error.code).toBe('REVIEW_OWN_TEXT');
    expect((await post(otherCadre, `/${held.id}/review`, { part: 'topic', decision: 'approve' })).statusCode).toBe(404);
    const approved = await post(colleague, `/${held.id}/review`, { part: 'topic', decision: 'approve' });
    expect(approved.json().topicStatus).toBe('approved');
    expect((await post(colleague, `/${held.id}/review`, { part: 'topic', decision: 'approve' })).json().error.code).toBe('NOTHING_TO_REVIEW');
    expect(await listed(resident)).toContain(held.id);

    h.wechat.state.failNext(3, 'http500');
    const unchecked = await scheduled({ topic: '农忙时节的安全' });
    expect(unchecked.topicStatus).toBe('pending');
    expect(await listed(resident)).not.toContain(unchecked.id);
  });

  it('the home tab shows the village’s next approved talk', async () => {
    expect((await get(neighbour, `/next?villageCode=${NEIGHBOUR}`)).json()).toEqual({ talk: null });
    const other = await schedule(otherCadre, talk({ villageCode: NEIGHBOUR, startsAt: inDays(10) }));
    const earlier = await schedule(otherCadre, talk({ villageCode: NEIGHBOUR, startsAt: inDays(1), topic: '秸秆禁烧' }));
    await schedule(otherCadre, talk({ villageCode: NEIGHBOUR, startsAt: inDays(0.5), topic: '上访接待' }));
    expect(other.statusCode).toBe(201);
    const next = (await get(neighbour, `/next?villageCode=${NEIGHBOUR}`)).json();
    expect(next.talk).toMatchObject({ id: earlier.json().id, topic: '秸秆禁烧', actions: ['signup', 'ask'] });
  });

  it(`${CROWD} residents signing up for ${PLACES} places at once: exactly ${PLACES} get in`, async () => {
    const t = await scheduled({ capacity: PLACES, startsAt: inDays(5) });
    const crowd: Headers[] = [];
    for (let i = 0; i < CROWD; i += 1) crowd.push(await h.as({ name: `报名${i}`, villageCode: HOME }));
    const answers = await Promise.all(crowd.map((c) => post(c, `/${t.id}/signup`)));
    const byStatus = answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: PLACES, 409: CROWD - PLACES });
    expect(new Set(answers.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(['TALK_FULL']));
    const row = await f.db.selectFrom('talks').select(['signed_up', 'capacity']).where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ signed_up: PLACES, capacity: PLACES });
    const rows = await f.db.selectFrom('talk_signups').select('user_id').where('talk_id', '=', t.id).execute();
    expect(rows).toHaveLength(PLACES);
  }, 60_000);

  it('signs up once, asks in advance, and the cadre records who came and a summary', async () => {
    const t = await scheduled({ startsAt: inDays(2), topic: '宅基地政策问答' });
    const signed = await post(resident, `/${t.id}/signup`);
    expect(signed.json()).toMatchObject({ mySignup: true, signedUp: 1, placesLeft: 29 });
    expect((await post(resident, `/${t.id}/signup`)).json().error.code).toBe('ALREADY_SIGNED_UP');

    expect((await post(resident, `/${t.id}/questions`, { body: '哪里能玩赌博' })).json().error.code).toBe('CONTENT_REJECTED');
    const plain = await post(resident, `/${t.id}/questions`, { body: '老房子翻修要批吗？' });
    expect(plain.statusCode).toBe(201);
    const doubtful = await post(neighbour, `/${t.id}/questions`, { body: '想去上访怎么办' });
    expect(doubtful.json().questions).toEqual([expect.objectContaining({ body: '想去上访怎么办', reviewStatus: 'pending', mine: true })]);
    // Questions are for the cadres and the asker only.
    expect((await get(resident, `/${t.id}`)).json().questions.map((q: { body: string }) => q.body)).toEqual(['老房子翻修要批吗？']);
    const forCadre = (await get(secretary, `/${t.id}`)).json();
    expect(forCadre.questions.map((q: { body: string; reviewStatus: string }) => [q.body, q.reviewStatus])).toEqual([
      ['老房子翻修要批吗？', 'approved'],
      ['想去上访怎么办', 'pending'],
    ]);
    const pendingId = forCadre.questions[1].id;
    expect((await post(resident, `/${t.id}/questions/${pendingId}/review`, { decision: 'approve' })).json().error.code).toBe('FORBIDDEN');
    expect((await post(secretary, `/${t.id}/questions/${pendingId}/review`, { decision: 'approve' })).json().questions[1].reviewStatus).toBe('approved');

    // Attendance and the summary come after the talk has started.
    expect((await post(secretary, `/${t.id}/attendance`, { userIds: [] })).json().error.code).toBe('TALK_NOT_STARTED');
    expect((await post(otherCadre, `/${t.id}/summary`, { summary: '讲了' })).json().error.code).toBe('TALK_FORBIDDEN');
    await startNow(t.id);
    expect((await post(neighbour, `/${t.id}/signup`)).json().error.code).toBe('TALK_STARTED');
    expect((await post(neighbour, `/${t.id}/questions`, { body: '还能问吗' })).json().error.code).toBe('TALK_STARTED');
    const residentId = (await f.me(resident)).id;
    const neighbourId = (await f.me(neighbour)).id;
    expect((await post(secretary, `/${t.id}/attendance`, { userIds: ['no-such-user'] })).json().error.code).toBe('UNKNOWN_ATTENDEE');
    const attended = (await post(secretary, `/${t.id}/attendance`, { userIds: [residentId, neighbourId] })).json();
    expect(attended.attendees).toEqual(
      expect.arrayContaining([
        { id: residentId, name: '听讲村民', signedUp: true, attended: true },
        { id: neighbourId, name: '隔壁村民', signedUp: false, attended: true },
      ]),
    );
    // A corrected list replaces the earlier one.
    const corrected = (await post(secretary, `/${t.id}/attendance`, { userIds: [residentId] })).json();
    expect(corrected.attendees).toEqual([{ id: residentId, name: '听讲村民', signedUp: true, attended: true }]);
    expect((await get(resident, `/${t.id}`)).json().attendees).toBeNull();

    const held = await post(secretary, `/${t.id}/summary`, { summary: '讲了上访的正确渠道' });
    expect(held.json()).toMatchObject({ summaryStatus: 'pending' });
    expect((await get(resident, `/${t.id}`)).json().summary).toBeNull();
    expect((await post(secretary, `/${t.id}/summary`, { summary: '赌博害人' })).json().error.code).toBe('CONTENT_REJECTED');
    const published = await post(secretary, `/${t.id}/summary`, { summary: '讲了宅基地翻建审批，二十人参加' });
    expect(published.json().summaryStatus).toBe('approved');
    expect((await get(resident, `/${t.id}`)).json()).toMatchObject({ summary: '讲了宅基地翻建审批，二十人参加', summaryStatus: 'approved' });

    const exported = (await h.call({ method: 'GET', url: '/api/v1/me/export', headers: resident })).json();
    expect(exported.talksSignedUp).toEqual(expect.arrayContaining([expect.objectContaining({ topic: '宅基地政策问答', attended: true })]));
    expect(exported.talkQuestions).toEqual([expect.objectContaining({ body: '老房子翻修要批吗？' })]);
  });
});
