// 月观摩: the 12 standards, the county's seeded monthly draw (re-run from its record gives the same
// rooms), the evaluation group's scored visits (the server sums them, bad scores are refused by
// name) and their site photos, which only admins over the village can open.
import type { InjectOptions } from 'fastify';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { monthKeyOf, parsePeriod } from '../../server/src/modules/figures/period';
import { drawRooms } from '../../server/src/modules/observations/draw';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, HOME, type Headers } from './cases-fixtures';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(40, 1)]);
const BOUNDARY = 'observation-boundary';
const OTHER_TOWNSHIP_VILLAGE = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;
const SAME_TOWNSHIP_VILLAGE = DEMO_VILLAGES.find((v) => v !== HOME && v.slice(0, 9) === HOME.slice(0, 9))!;
const CATEGORIES = ['外观标识', '悬挂吊牌', '功能设置', '公开事项', '国旗升降', '场所整洁'];
const THIS_MONTH = monthKeyOf(new Date());
const NEXT_MONTH = parsePeriod(THIS_MONTH).to.slice(0, 7);
const LAST_MONTH = monthBefore(THIS_MONTH);

function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

interface Standard {
  code: string;
  title: string;
  maxScore: number;
}

describe.each(testDatabases())('observations on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let county: Headers;
  let township: Headers;
  let otherTownship: Headers;
  let cadre: Headers;
  let resident: Headers;
  let standards: Standard[];

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    county = await h.as({ name: '县委组织部', role: 'county_admin', villageCode: HOME });
    township = await h.as({ name: '坪滩镇管理员', role: 'township_admin', villageCode: HOME });
    otherTownship = await h.as({ name: '外镇管理员', role: 'township_admin', villageCode: OTHER_TOWNSHIP_VILLAGE });
    cadre = await f.cadre('村支书');
    resident = await f.resident('村民');
    const res = await get(county, '/standards');
    standards = (res.json().categories as { standards: Standard[] }[]).flatMap((c) => c.standards);
  }, 30_000);
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const get = (headers: Headers, url: string) => h.call({ method: 'GET', url: `/api/v1/observations${url}`, headers });
  const post = (headers: Headers, url: string, payload: object, key: string | null = f.key()) =>
    h.call({ method: 'POST', url: `/api/v1/observations${url}`, payload, headers: key ? { ...headers, 'idempotency-key': key } : headers });
  const upload = async (headers: Headers): Promise<string> => {
    const res = await h.call({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: Buffer.concat([
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="site.png"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ]),
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  };
  // Every standard at its maximum less what `minus` takes off, by code.
  const scores = (minus: Record<string, number> = {}) => standards.map((s) => ({ standard: s.code, score: s.maxScore - (minus[s.code] ?? 0) }));
  const visit = async (headers: Headers, over: object = {}) => ({ villageCode: HOME, month: THIS_MONTH, scores: scores(), photos: [await upload(headers)], summary: '门头规范，场所干净', ...over });

  it('lists the 12 standards in the 6 categories, 100 points in all', async () => {
    const res = await get(township, '/standards');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { maxTotal: number; categories: { category: string; maxScore: number; standards: Standard[] }[] };
    expect(body.categories.map((c) => c.category)).toEqual(CATEGORIES);
    expect(body.categories.every((c) => c.standards.length === 2)).toBe(true);
    expect(body.maxTotal).toBe(100);
    expect(body.categories.reduce((sum, c) => sum + c.standards.reduce((s, x) => s + x.maxScore, 0), 0)).toBe(100);
    expect(body.categories.find((c) => c.category === '公开事项')!.standards.map((s) => s.title)).toContain('56项服务事项公开');
  });

  it('draws 3–5 rooms from the sorted candidates, and re-running the record gives the same rooms', async () => {
    const res = await post(county, '/draws', { month: THIS_MONTH, count: 4, seed: 'yuechi-2026' });
    expect(res.statusCode).toBe(201);
    const draw = res.json();
    expect(draw).toMatchObject({ month: THIS_MONTH, count: 4, seed: 'yuechi-2026', scopeCode: HOME.slice(0, 6), scopeName: '岳池县' });
    const candidates = (draw.candidates as { villageCode: string }[]).map((c) => c.villageCode);
    expect(candidates).toEqual([...DEMO_VILLAGES].sort());
    const result = (draw.result as { villageCode: string; villageName: string }[]).map((r) => r.villageCode);
    expect(result).toHaveLength(4);
    expect(new Set(result).size).toBe(4);
    expect(result.every((c) => candidates.includes(c))).toBe(true);
    expect(draw.result[0].villageName).not.toBe(draw.result[0].villageCode);

    // The record alone reproduces it, through the API and with the pure function.
    const stored = (await get(county, `/draws/${draw.id}`)).json();
    const rerun = await post(township, '/draws/verify', { seed: stored.seed, count: stored.count, candidates: stored.candidates.map((c: { villageCode: string }) => c.villageCode) }, null);
    expect(rerun.statusCode).toBe(200);
    expect(rerun.json().result).toEqual(result);
    expect(drawRooms(stored.seed, candidates, stored.count)).toEqual(result);
    // Another seed gives another draw (these seeds are fixed, so this never flickers).
    const others = ['yuechi-2027', 'a', 'b', 'c'].map((seed) => drawRooms(seed, candidates, 4).join());
    expect(others.filter((o) => o !== result.join()).length).toBe(others.length);
    // The seed decides, not the call: the same seed twice, the same rooms.
    expect(drawRooms('yuechi-2026', candidates, 4)).toEqual(drawRooms('yuechi-2026', candidates, 4));

    const listed = (await get(township, `/draws?month=${THIS_MONTH}`)).json().items as { id: string }[];
    expect(listed.map((d) => d.id)).toContain(draw.id);
  });

  it('draws once a month per region, 3 to 5 rooms, only by the county', async () => {
    const again = await post(county, '/draws', { month: THIS_MONTH, count: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DRAW_EXISTS');
    expect((await post(county, '/draws', { month: NEXT_MONTH, count: 2 })).statusCode).toBe(400);
    expect((await post(county, '/draws', { month: NEXT_MONTH, count: 6 })).statusCode).toBe(400);
    expect((await post(county, '/draws', { month: parsePeriod(NEXT_MONTH).to.slice(0, 7), count: 3 })).json().error.code).toBe('MONTH_TOO_FAR');
    expect((await post(county, '/draws', { month: NEXT_MONTH, count: 4, townshipCode: HOME.slice(0, 9) })).json().error.code).toBe('NOT_ENOUGH_ROOMS');
    expect((await post(township, '/draws', { month: NEXT_MONTH, count: 3 })).statusCode).toBe(403);
    expect((await post(county, '/draws', { month: NEXT_MONTH, count: 3 }, null)).json().error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');

    // No seed given: a random one is made, shown and recorded; a retry with the same key is the same draw.
    const key = f.key();
    const first = await post(county, '/draws', { month: NEXT_MONTH, count: 3, townshipCode: HOME.slice(0, 9) }, key);
    expect(first.statusCode).toBe(201);
    expect(first.json().seed).toMatch(/^[0-9a-f]{16}$/);
    expect(first.json().candidates).toHaveLength(3);
    const retry = await post(county, '/draws', { month: NEXT_MONTH, count: 3, townshipCode: HOME.slice(0, 9) }, key);
    expect(retry.json()).toEqual(first.json());

    // The township sees its own and the county's draws, not another township's.
    const elsewhere = await post(county, '/draws', { month: NEXT_MONTH, count: 3, townshipCode: OTHER_TOWNSHIP_VILLAGE.slice(0, 9) });
    expect(elsewhere.statusCode).toBe(201);
    expect((await get(township, `/draws/${first.json().id}`)).statusCode).toBe(200);
    expect((await get(township, `/draws/${elsewhere.json().id}`)).statusCode).toBe(404);
    expect((await get(otherTownship, `/draws/${elsewhere.json().id}`)).statusCode).toBe(200);
  });

  it('a visit’s total is the server’s sum of the scores, shown by category', async () => {
    const res = await post(county, '/visits', await visit(county, { scores: scores({ 'sign-door': 3, 'tidy-outside': 4 }) }));
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ villageCode: HOME, month: THIS_MONTH, total: 93, maxTotal: 100 });
    expect(v.categories.map((c: { category: string }) => c.category)).toEqual(CATEGORIES);
    expect(v.categories[0]).toMatchObject({ category: '外观标识', score: 12, maxScore: 15 });
    expect(v.categories.reduce((sum: number, c: { score: number }) => sum + c.score, 0)).toBe(93);
    // A total sent by the client is ignored: the server adds up the scores.
    const claimed = await post(county, '/visits', { ...(await visit(county, { villageCode: SAME_TOWNSHIP_VILLAGE, scores: scores({ 'rooms-set': 10 }) })), total: 100 });
    expect(claimed.json().total).toBe(90);
    expect((await get(township, `/visits/${v.id}`)).json().total).toBe(93);
    expect((await get(township, `/visits?month=${THIS_MONTH}&village=${HOME}`)).json().items.map((x: { id: string }) => x.id)).toEqual([v.id]);

    const twice = await post(county, '/visits', await visit(county));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('VISIT_EXISTS');
  });

  it('refuses a missing or too high score naming the standard, and other bad visits', async () => {
    const payload = await visit(township, { villageCode: SAME_TOWNSHIP_VILLAGE });
    const missing = await post(township, '/visits', { ...payload, scores: scores().filter((s) => s.standard !== 'flag-routine') });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'SCORE_MISSING', message: expect.stringContaining('按规定升降国旗') });
    const tooHigh = await post(township, '/visits', { ...payload, scores: scores({ 'public-duty': -1 }) });
    expect(tooHigh.json().error).toMatchObject({ code: 'SCORE_TOO_HIGH', message: expect.stringContaining('值班表与联系电话公开') });
    expect((await post(township, '/visits', { ...payload, scores: [...scores(), { standard: 'sign-door', score: 1 }] })).json().error.code).toBe('SCORE_DUPLICATE');
    expect((await post(township, '/visits', { ...payload, scores: [...scores(), { standard: 'no-such', score: 1 }] })).json().error.code).toBe('STANDARD_UNKNOWN');
    expect((await post(township, '/visits', { ...payload, scores: scores({ 'sign-door': 11 }) })).statusCode).toBe(400);
    expect((await post(township, '/visits', { ...payload, photos: [] })).json().error.code).toBe('PHOTO_REQUIRED');
    expect((await post(township, '/visits', { ...payload, summary: '  ' })).json().error.code).toBe('SUMMARY_REQUIRED');
    expect((await post(township, '/visits', { ...payload, month: NEXT_MONTH })).json().error.code).toBe('MONTH_IN_FUTURE');
    expect((await post(township, '/visits', { ...payload, villageCode: OTHER_TOWNSHIP_VILLAGE })).json().error.code).toBe('SCOPE_FORBIDDEN');
    // None of the refusals left a visit behind; the good one goes through with the same photo.
    const key = f.key();
    const ok = await post(township, '/visits', { ...payload, month: LAST_MONTH }, key);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().total).toBe(100);
    // A resend after a lost answer gets the same visit, not a 409 or a second one.
    const resent = await post(township, '/visits', { ...payload, month: LAST_MONTH }, key);
    expect(resent.statusCode).toBe(201);
    expect(resent.json().id).toBe(ok.json().id);
  });

  it('a visit to a drawn room shows on the draw; a room not drawn cannot name the draw', async () => {
    const draw = (await get(county, `/draws?month=${THIS_MONTH}`)).json().items.find((d: { scopeCode: string }) => d.scopeCode === HOME.slice(0, 6));
    const drawn: string = draw.result.find((r: { villageCode: string; visitId: string | null }) => r.visitId === null).villageCode;
    const notDrawn = DEMO_VILLAGES.find((v) => !draw.result.some((r: { villageCode: string }) => r.villageCode === v))!;
    expect((await post(county, '/visits', await visit(county, { villageCode: notDrawn, drawId: draw.id }))).json().error.code).toBe('NOT_IN_DRAW');
    const res = await post(county, '/visits', await visit(county, { villageCode: drawn, drawId: draw.id, scores: scores({ 'rooms-used': 10 }) }));
    expect(res.statusCode).toBe(201);
    const after = (await get(county, `/draws/${draw.id}`)).json();
    expect(after.result.find((r: { villageCode: string }) => r.villageCode === drawn)).toMatchObject({ visitId: res.json().id, visitTotal: 90 });
  });

  it('site photos open only for admins over the village, and cannot be claimed twice', async () => {
    const photo = await upload(township);
    const res = await post(township, '/visits', await visit(township, { villageCode: HOME, month: monthBefore(LAST_MONTH), photos: [photo] }));
    expect(res.statusCode).toBe(201);
    expect(res.json().photos).toEqual([photo]);
    const open = async (headers: Headers) => (await h.call({ method: 'GET', url: `/api/v1/attachments/${photo}`, headers })).statusCode;
    expect(await open(township)).toBe(200);
    expect(await open(county)).toBe(200);
    expect(await open(otherTownship)).toBe(404);
    expect(await open(cadre)).toBe(404);
    expect(await open(resident)).toBe(404);
    // Someone else's upload, or one already used, cannot be attached.
    const again = await post(township, '/visits', await visit(township, { villageCode: SAME_TOWNSHIP_VILLAGE, month: monthBefore(LAST_MONTH), photos: [photo] }));
    expect(again.json().error.code).toBe('ATTACHMENT_INVALID');
    const notMine = await post(township, '/visits', await visit(township, { villageCode: SAME_TOWNSHIP_VILLAGE, month: monthBefore(LAST_MONTH), photos: [await upload(county)] }));
    expect(notMine.json().error.code).toBe('ATTACHMENT_INVALID');
    // The photo is the visit's now, and a case's claim (which needs both columns empty) cannot take it.
    expect(await f.db.selectFrom('attachments').select(['case_id', 'visit_id']).where('id', '=', photo).executeTakeFirstOrThrow()).toEqual({ case_id: null, visit_id: res.json().id });
  });

  it('keeps each township admin to their own township', async () => {
    expect((await get(otherTownship, `/visits?village=${HOME}`)).json().error.code).toBe('SCOPE_FORBIDDEN');
    const mine = (await get(otherTownship, '/visits')).json().items as { villageCode: string }[];
    expect(mine.every((v) => v.villageCode.startsWith(OTHER_TOWNSHIP_VILLAGE.slice(0, 9)))).toBe(true);
    const homeVisit = ((await get(township, `/visits?village=${HOME}`)).json().items as { id: string }[])[0];
    expect((await get(otherTownship, `/visits/${homeVisit.id}`)).statusCode).toBe(404);
  });

  it('answers 403 to residents and cadres on every observation route', async () => {
    const requests: InjectOptions[] = [
      { method: 'GET', url: '/api/v1/observations/standards' },
      { method: 'GET', url: '/api/v1/observations/draws' },
      { method: 'GET', url: '/api/v1/observations/draws/x' },
      { method: 'POST', url: '/api/v1/observations/draws', payload: { month: NEXT_MONTH, count: 3 } },
      { method: 'POST', url: '/api/v1/observations/draws/verify', payload: { seed: 'a', count: 3, candidates: [HOME] } },
      { method: 'GET', url: '/api/v1/observations/visits' },
      { method: 'GET', url: '/api/v1/observations/visits/x' },
      { method: 'POST', url: '/api/v1/observations/visits', payload: { villageCode: HOME, month: THIS_MONTH, scores: [], photos: [], summary: '矩阵' } },
    ];
    for (const who of [cadre, resident]) {
      for (const r of requests) {
        const res = await h.call({ ...r, headers: { ...who, 'idempotency-key': f.key() } });
        expect({ url: r.url, method: r.method, status: res.statusCode }).toEqual({ url: r.url, method: r.method, status: 403 });
      }
    }
  });
});
