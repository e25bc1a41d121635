// 好差评 follow-up from the admins' side: a bad rating opens a rectification for the case's
// township with a 15-working-day deadline; only admins over that township see and handle it;
// the call-back comes before the closing note; the resident is told.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { createCaseService } from '../../server/src/modules/cases/service';
import { createRectificationService } from '../../server/src/modules/rectifications/service';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO, HOME, type Headers } from './cases-fixtures';

const OTHER_TOWNSHIP = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;

describe.each(testDatabases())('rectifications on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let cadre: Headers;
  let township: Headers;
  let county: Headers;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    cadre = await f.cadre('整改经办');
    township = await h.as({ name: '坪滩镇管理员', role: 'township_admin', villageCode: HOME });
    county = await h.as({ name: '县管理员', role: 'county_admin', villageCode: HOME });
  });
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const list = (headers: Headers, query = '') => h.call({ method: 'GET', url: `/api/v1/rectifications${query}`, headers });
  const post = (headers: Headers, id: string, step: 'callback' | 'close', note?: string) =>
    h.call({ method: 'POST', url: `/api/v1/rectifications/${id}/${step}`, payload: note === undefined ? {} : { note }, headers });

  // A completed case of HOME rated at `level`; returns the case and its resident.
  const ratedCase = async (level: number, comment?: string) => {
    n += 1;
    const resident = await f.resident(`评价人${n}`);
    const c = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '申请', materialsHave: [] });
    for (const step of [{ action: 'accept' }, { action: 'start' }, { action: 'complete', resultNote: '办好了' }]) await f.acted(cadre, c.id, step);
    const rated = await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/rating`, payload: { level, comment }, headers: resident });
    expect(rated.statusCode).toBe(200);
    return { c: rated.json(), resident };
  };
  const findFor = async (caseId: string, headers: Headers = township) =>
    (await list(headers)).json().items.find((r: { caseId: string }) => r.caseId === caseId);

  it('opens one for 不满意 and 非常不满意 only, tells the township admins, and shows it to admins over the township', async () => {
    const fine = await ratedCase(3, '还行');
    expect(fine.c.rectification).toBeNull();
    expect(await findFor(fine.c.id)).toBeUndefined();

    const { c } = await ratedCase(2, '跑了两趟');
    expect(c.rectification).toMatchObject({ status: 'open', callbackAt: null });
    const item = await findFor(c.id);
    expect(item).toMatchObject({
      caseNumber: c.number,
      service: { code: DIBAO },
      village: { code: HOME, name: '桂花村' },
      level: 2,
      levelLabel: '不满意',
      comment: '跑了两趟',
      status: 'open',
      deadlineAt: c.rectification.deadlineAt,
      overdue: false,
    });
    expect(await findFor(c.id, county)).toMatchObject({ id: item.id });

    const townshipId = (await f.me(township)).id;
    const notice = await f.db.selectFrom('notifications').select('kind').where('user_id', '=', townshipId).where('case_id', '=', c.id).execute();
    expect(notice).toEqual([{ kind: 'rectification_opened' }]);
    const outbox = await f.db.selectFrom('outbox').select('template').where('user_id', '=', townshipId).where('event_key', 'like', `case:${c.id}:%`).execute();
    expect(outbox).toEqual([{ template: 'rectification' }]);

    const elsewhere = await h.as({ name: '外镇管理员', role: 'township_admin', villageCode: OTHER_TOWNSHIP });
    expect(await findFor(c.id, elsewhere)).toBeUndefined();
    const foreign = await post(elsewhere, item.id, 'callback', '我来回访');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('RECTIFICATION_NOT_FOUND');
    for (const who of [cadre, await f.resident('旁观村民')]) expect((await list(who)).statusCode).toBe(403);
  });

  it('needs the call-back before the closing note, closes once, and tells the resident', async () => {
    const { c, resident } = await ratedCase(1, '态度不好');
    const item = await findFor(c.id);
    const noNote = await post(township, item.id, 'callback', '  ');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('NOTE_REQUIRED');
    const early = await post(township, item.id, 'close', '已整改');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toEqual({ code: 'CALLBACK_REQUIRED', message: expect.stringMatching(/回访/) });

    const called = await post(county, item.id, 'callback', '县里电话回访，群众反映经办人语气生硬');
    expect(called.json()).toMatchObject({ status: 'open', callbackNote: '县里电话回访，群众反映经办人语气生硬', callbackAt: expect.any(String) });
    const closed = await post(township, item.id, 'close', '已对经办人批评教育');
    expect(closed.json()).toMatchObject({ status: 'closed', closingNote: '已对经办人批评教育', closedAt: expect.any(String), overdue: false });
    for (const step of ['close', 'callback'] as const) {
      const again = await post(township, item.id, step, '再来一次');
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('RECTIFICATION_CLOSED');
    }

    expect((await list(township, '?status=open')).json().items.map((r: { id: string }) => r.id)).not.toContain(item.id);
    expect((await list(township, '?status=closed')).json().items.map((r: { id: string }) => r.id)).toContain(item.id);
    const seen = (await f.get(resident, c.id)).json();
    expect(seen.rectification).toMatchObject({ status: 'closed', closingNote: '已对经办人批评教育' });
    const residentId = (await f.me(resident)).id;
    const kinds = await f.db.selectFrom('notifications').select('kind').where('user_id', '=', residentId).where('case_id', '=', c.id).execute();
    expect(kinds.map((k) => k.kind)).toContain('rectification_closed');
    const outbox = await f.db.selectFrom('outbox').select('template').where('user_id', '=', residentId).where('template', '=', 'rectification').execute();
    expect(outbox).toHaveLength(1);
  });

  it('pages through the list and marks one past its deadline as overdue', async () => {
    const a = await ratedCase(1);
    const b = await ratedCase(2);
    const itemA = await findFor(a.c.id);
    await f.db.updateTable('rectifications').set({ deadline_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', itemA.id).execute();
    expect(await findFor(a.c.id)).toMatchObject({ overdue: true });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { caseId: string }[]; nextCursor: string | null } = (await list(township, `?status=open&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((r) => r.caseId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.indexOf(a.c.id)).toBeLessThan(seen.indexOf(b.c.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await list(township, '?cursor=bad')).json().error.code).toBe('BAD_CURSOR');
  });

  it('sets the deadline 15 working days out, skipping weekends and holidays', async () => {
    // Friday 7 March 2031, with a made-up holiday on Monday 10 March.
    await f.db.insertInto('holidays').values({ date: '2031-03-10', kind: 'holiday', name: '测试假日' }).onConflict((oc) => oc.column('date').doNothing()).execute();
    let now = new Date('2031-03-07T10:00:00+08:00');
    const clock = () => now;
    const cases = createCaseService({ db: f.db, clock });
    const row = async (headers: Headers) => f.db.selectFrom('users').selectAll().where('id', '=', (await f.me(headers)).id).executeTakeFirstOrThrow();
    const resident = await row(await f.resident('定时评价'));
    const handler = await row(cadre);
    const { body: c } = await cases.create(resident, { serviceCode: DIBAO, channel: 'online', description: '申请', materialsHave: [] }, f.key());
    await cases.transition(handler, c.id, { action: 'accept' });
    await cases.transition(handler, c.id, { action: 'start' });
    await cases.transition(handler, c.id, { action: 'complete', resultNote: '办好了' });
    const rated = await cases.rate(resident, c.id, { level: 1 });
    // Working days after Friday: 11–14, 17–21, 24–28 March (14 days), then Monday 31 March.
    expect(rated.rectification?.deadlineAt).toBe('2031-03-31T09:30:00.000Z');

    const admin = await row(township);
    now = new Date('2031-03-31T17:31:00+08:00');
    const overdue = (await createRectificationService({ db: f.db, clock }).list(admin, { status: 'open', limit: 100 })).items.find((r) => r.caseId === c.id);
    expect(overdue).toMatchObject({ deadlineAt: '2031-03-31T09:30:00.000Z', overdue: true });
  });
});
