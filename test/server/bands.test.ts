// The 好/中/差 band: computed by the stored rule version from the service figures and the 月观摩
// scores, changing when the county changes the rules, explained component by component, flagged
// after 差 in enough months, and shown only to admins over the villages.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { DEFAULT_BAND_RULES, type BandRules } from '../../server/src/modules/bands/rules';
import { startHarness, type Harness } from '../support/app-harness';
import { parseCsv } from '../support/csv';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO, HOME, type Headers } from './cases-fixtures';

const PERIOD = '2026-Q3';
// HOME is 好 by its figures; STRUGGLING is 差 in July and August; DIPPED only in July.
const STRUGGLING = DEMO_VILLAGES[1];
const DIPPED = DEMO_VILLAGES[2];
const OTHER_TOWNSHIP = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!.slice(0, 9);
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(40, 1)]);
const BOUNDARY = 'band-boundary';

interface Component {
  name: string;
  value: number | null;
  weight: number;
  appliedWeight: number;
  points: number;
  explanation: string;
}
interface VillageBand {
  villageCode: string;
  villageName: string;
  band: string;
  label: string;
  score: number | null;
  explanation: string;
  components: Component[];
  notes: string[];
  monthly: { month: string; band: string; label: string }[];
  flagged: boolean;
  flagNote: string | null;
  ruleVersion: number;
}

describe.each(testDatabases())('bands on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let county: Headers;
  let township: Headers;
  let otherTownship: Headers;
  let cadre: Headers;
  let resident: Headers;
  let caseSeq = 0;

  // Completed cases of a village in a month: `onTime` closed before the due date, the rest after;
  // one rating per level given.
  const cases = async (village: string, month: string, residentId: string, { onTime, late = 0, ratings = [] }: { onTime: number; late?: number; ratings?: number[] }) => {
    const rows = Array.from({ length: onTime + late }, (_, i) => {
      caseSeq += 1;
      return {
        id: `band-case-${caseSeq}`,
        number: `BAND-${String(caseSeq).padStart(5, '0')}`,
        service_code: DIBAO,
        channel: 'proxy' as const,
        resident_id: residentId,
        village_code: village,
        status: 'completed',
        handover: null,
        home_visit_reason: null,
        slot_date: null,
        slot_half: null,
        description: null,
        materials_checked: '[]',
        assignee_id: null,
        accepted_at: `${month}-05T02:00:00.000Z`,
        due_at: `${month}-20T02:00:00.000Z`,
        closed_at: i < onTime ? `${month}-15T02:00:00.000Z` : `${month}-25T02:00:00.000Z`,
        result_note: null,
        reject_reason: null,
        reject_referral: null,
        created_at: `${month}-05T01:00:00.000Z`,
        updated_at: `${month}-25T02:00:00.000Z`,
      };
    });
    await f.db.insertInto('cases').values(rows).execute();
    if (ratings.length) {
      await f.db
        .insertInto('ratings')
        .values(ratings.map((level, i) => ({ case_id: rows[i].id, level, comment: null, created_at: `${month}-16T02:00:00.000Z` })))
        .execute();
    }
  };

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
    return res.json().id;
  };

  // A visit scored `total` out of 100 through the API, points taken off the last standards.
  const visit = async (village: string, month: string, total: number) => {
    const standards = ((await h.call({ method: 'GET', url: '/api/v1/observations/standards', headers: county })).json().categories as { standards: { code: string; maxScore: number }[] }[]).flatMap((c) => c.standards);
    let left = total;
    const scores = standards.map((s) => {
      const score = Math.min(s.maxScore, left);
      left -= score;
      return { standard: s.code, score };
    });
    const res = await h.call({
      method: 'POST',
      url: '/api/v1/observations/visits',
      headers: { ...county, 'idempotency-key': f.key() },
      payload: { villageCode: village, month, scores, photos: [await upload(county)], summary: '按标准现场评估' },
    });
    expect(res.json().total).toBe(total);
  };

  const bands = async (headers: Headers, query = `period=${PERIOD}`) => {
    const res = await h.call({ method: 'GET', url: `/api/v1/bands?${query}`, headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { ruleVersion: number; months: string[]; items: VillageBand[] };
  };
  const bandOf = async (village: string, query?: string) => (await bands(county, query)).items.find((v) => v.villageCode === village)!;
  const putRules = (rules: BandRules & { note?: string }, headers = county) => h.call({ method: 'PUT', url: '/api/v1/bands/rules', payload: rules, headers });
  const rulesWith = (over: Partial<BandRules>): BandRules => ({ ...DEFAULT_BAND_RULES, ...over });

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    county = await h.as({ name: '县委组织部', role: 'county_admin', villageCode: HOME });
    township = await h.as({ name: '坪滩镇管理员', role: 'township_admin', villageCode: HOME });
    otherTownship = await h.as({ name: '外镇管理员', role: 'township_admin', villageCode: `${OTHER_TOWNSHIP}201` });
    cadre = await f.cadre('村支书');
    resident = await f.resident('村民');
    const residentId = (await f.me(resident)).id;
    // HOME in July: 10 cases all on time, 8 of 10 ratings satisfied, observation 70.
    await cases(HOME, '2026-07', residentId, { onTime: 10, ratings: [5, 5, 5, 5, 4, 4, 4, 4, 3, 3] });
    await visit(HOME, '2026-07', 70);
    // No cases: only the observation counts.
    await visit(STRUGGLING, '2026-07', 40);
    await visit(STRUGGLING, '2026-08', 50);
    await visit(STRUGGLING, '2026-09', 90);
    await visit(DIPPED, '2026-07', 40);
    await visit(DIPPED, '2026-08', 80);
  }, 60_000);
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  it('follows the stored rules, and changes when the county changes them', async () => {
    const v1 = await bandOf(HOME);
    // 100% × 30 + 80% × 30 + 100% × 10 + 70% × 30 = 85: exactly on the 好 line.
    expect(v1).toMatchObject({ band: 'good', label: '好', score: 85, ruleVersion: 1 });
    expect(v1.components.map((c) => c.explanation)).toEqual([
      '按时办结率 100% × 30 = 30 分',
      '群众满意率 80%（10 条评价） × 30 = 24 分',
      '逾期未办结 0 件、本期办件 10 件，未逾期率 100% × 10 = 10 分',
      '月观摩 1 次平均 70 分，得分率 70% × 30 = 21 分',
    ]);
    expect(v1.explanation).toContain('达到“好”的分数线 85 分');

    // More weight on the observation: 20 + 16 + 10 + 35 = 81, 中.
    const put = await putRules({ ...rulesWith({ weights: { onTime: 20, satisfied: 20, noOverdue: 10, observation: 50 } }), note: '加重月观摩' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, note: '加重月观摩', createdBy: { name: '县委组织部' } });
    const v2 = await bandOf(HOME);
    expect(v2).toMatchObject({ band: 'fair', label: '中', score: 81, ruleVersion: 2 });
    expect(v2.components.find((c) => c.name === 'observation')!.explanation).toBe('月观摩 1 次平均 70 分，得分率 70% × 50 = 35 分');

    // A lower 好 line makes the same 81 points 好 again.
    await putRules(rulesWith({ weights: { onTime: 20, satisfied: 20, noOverdue: 10, observation: 50 }, thresholds: { good: 80, poor: 60 } }));
    expect(await bandOf(HOME)).toMatchObject({ band: 'good', score: 81, ruleVersion: 3 });
    // An old band is recomputed exactly as it was under its version.
    expect(await bandOf(HOME, `period=${PERIOD}&ruleVersion=1`)).toMatchObject({ band: 'good', score: 85, ruleVersion: 1 });

    const rules = (await h.call({ method: 'GET', url: '/api/v1/bands/rules', headers: township })).json();
    expect(rules.current.version).toBe(3);
    expect(rules.history.map((r: { version: number }) => r.version)).toEqual([3, 2, 1]);
    expect((await putRules(DEFAULT_BAND_RULES)).json().version).toBe(4);
  });

  it('refuses rules that cannot work, and adds no version when nothing changes', async () => {
    const badWeights = await putRules(rulesWith({ weights: { onTime: 30, satisfied: 30, noOverdue: 0, observation: 30 } }));
    expect(badWeights.statusCode).toBe(400);
    expect(badWeights.json().error).toMatchObject({ code: 'WEIGHTS_NOT_100', message: expect.stringContaining('90') });
    expect((await putRules(rulesWith({ thresholds: { good: 60, poor: 60 } }))).json().error.code).toBe('THRESHOLDS_INVALID');
    expect((await putRules(rulesWith({ weights: { onTime: -10, satisfied: 50, noOverdue: 30, observation: 30 } }))).statusCode).toBe(400);
    expect((await putRules(DEFAULT_BAND_RULES, township)).statusCode).toBe(403);
    const before = (await h.call({ method: 'GET', url: '/api/v1/bands/rules', headers: county })).json().current.version;
    expect((await putRules(DEFAULT_BAND_RULES)).json().version).toBe(before);
    expect((await h.call({ method: 'GET', url: '/api/v1/bands/rules', headers: county })).json().current.version).toBe(before);
  });

  it('flags a village rated 差 in two months of the period, and lists it first', async () => {
    const list = await bands(county);
    expect(list.months).toEqual(['2026-07', '2026-08', '2026-09']);
    const struggling = list.items.find((v) => v.villageCode === STRUGGLING)!;
    expect(struggling.monthly.map((m) => m.label)).toEqual(['差', '差', '好']);
    expect(struggling.flagged).toBe(true);
    expect(struggling.flagNote).toContain('2026-07、2026-08');
    // The quarter as a whole averages 60: 中, yet the two 差 months still flag it.
    expect(struggling).toMatchObject({ band: 'fair', score: 60 });
    expect(list.items[0].villageCode).toBe(STRUGGLING);
    const dipped = list.items.find((v) => v.villageCode === DIPPED)!;
    expect(dipped.monthly.map((m) => m.label)).toEqual(['差', '中', '中']);
    expect(dipped.flagged).toBe(false);

    // Under a stricter rule one 差 month is enough.
    await putRules(rulesWith({ flagAfterPoor: 1 }));
    expect((await bandOf(DIPPED)).flagged).toBe(true);
    await putRules(DEFAULT_BAND_RULES);
  });

  it('exports every village’s band with its reasons as a spreadsheet', async () => {
    const list = await bands(county);
    const res = await h.call({ method: 'GET', url: `/api/v1/bands/export.csv?period=${PERIOD}`, headers: county });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = parseCsv(res.body);
    expect(header.slice(0, 5)).toEqual(['乡镇', '村（社区）', '等级', '得分', '预警']);
    expect(rows).toHaveLength(list.items.length);
    // Same order as the page: flagged first; each row carries the band, score and its reasons.
    for (const [i, v] of list.items.entries()) {
      const row = rows[i];
      expect(row.slice(1, 4)).toEqual([v.villageName, v.label, v.score === null ? '' : String(v.score)]);
      expect(row[4]).toBe(v.flagged ? v.flagNote : '');
      expect(row[5]).toBe(v.monthly.map((m) => `${m.month} ${m.label}`).join('；'));
      expect(row[header.indexOf('说明')]).toContain(v.explanation);
    }
    expect((await h.call({ method: 'GET', url: `/api/v1/bands/export.csv?period=${PERIOD}&township=${OTHER_TOWNSHIP}`, headers: township })).statusCode).toBe(403);
  });

  it('states how a village with too few cases or no observation is treated', async () => {
    const struggling = await bandOf(STRUGGLING);
    expect(struggling.notes[0]).toBe('本期办件 0 件，少于规则要求的 3 件，按时办结率、群众满意率、未逾期率不评');
    expect(struggling.components.find((c) => c.name === 'onTime')).toMatchObject({ value: null, points: 0, explanation: expect.stringContaining('不计分，权重分给其他项目') });
    expect(struggling.components.find((c) => c.name === 'observation')).toMatchObject({ appliedWeight: 100, points: 60 });

    // With nothing to judge at all the village is 中, and says so.
    const quiet = await bandOf(DEMO_VILLAGES[3]);
    expect(quiet).toMatchObject({ band: 'fair', score: null });
    expect(quiet.notes).toContain('本期没有任何可以评分的数据，按规则评为中');

    // 'zero': the missing components count 0, so observation alone gives 60% × 30 = 18, 差.
    await putRules(rulesWith({ missing: 'zero' }));
    expect(await bandOf(STRUGGLING)).toMatchObject({ band: 'poor', score: 18 });
    await putRules(DEFAULT_BAND_RULES);
  });

  it('shows a township admin their own township only, and nothing to others', async () => {
    const own = await bands(township);
    expect(own.items.length).toBe(3);
    expect(own.items.every((v) => v.villageCode.startsWith(HOME.slice(0, 9)))).toBe(true);
    const all = await bands(county);
    expect(all.items.length).toBe(DEMO_VILLAGES.length);
    expect((await bands(county, `period=${PERIOD}&township=${OTHER_TOWNSHIP}`)).items.every((v) => v.villageCode.startsWith(OTHER_TOWNSHIP))).toBe(true);

    const forbidden = await h.call({ method: 'GET', url: `/api/v1/bands?period=${PERIOD}&township=${HOME.slice(0, 9)}`, headers: otherTownship });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('SCOPE_FORBIDDEN');
    for (const who of [cadre, resident]) {
      expect((await h.call({ method: 'GET', url: `/api/v1/bands?period=${PERIOD}`, headers: who })).statusCode).toBe(403);
      expect((await h.call({ method: 'GET', url: '/api/v1/bands/rules', headers: who })).statusCode).toBe(403);
      expect((await putRules(DEFAULT_BAND_RULES, who)).statusCode).toBe(403);
    }
    expect((await h.call({ method: 'GET', url: '/api/v1/bands?period=2026-13', headers: county })).json().error.code).toBe('PERIOD_INVALID');
    expect((await h.call({ method: 'GET', url: '/api/v1/bands?period=2099', headers: county })).json().error.code).toBe('PERIOD_IN_FUTURE');
  });
});
