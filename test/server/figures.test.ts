// County figures (县级统计): a seeded data set over three past months in two townships, the
// figures recomputed in plain JS and compared field by field for months, a quarter and a year,
// at village, township and county level; CSV export, the trend line and who may see what.
import { DEMO_COUNTY, DEMO_TOWNSHIPS, DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { medianSeconds } from '../../server/src/modules/figures/compute';
import { monthsOf, parsePeriod } from '../../server/src/modules/figures/period';
import { startHarness, type Harness } from '../support/app-harness';
import { parseCsv } from '../support/csv';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, type Headers } from './cases-fixtures';
import { generate, type DataSet } from './figures-data';
import { expectedFigures, type Window } from './figures-expected';

const [T1, T2] = DEMO_TOWNSHIPS;
const VILLAGES_T1 = DEMO_VILLAGES.filter((v) => v.startsWith(T1));
const VILLAGES_T2 = DEMO_VILLAGES.filter((v) => v.startsWith(T2));
const CST = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

// Month `offset` months from the current CST month: its key and UTC bounds, computed here
// rather than with the server's period helpers.
function month(offset: number): { key: string } & Window {
  const now = new Date(Date.now() + CST);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + offset;
  const first = new Date(Date.UTC(y, m, 1));
  return { key: `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}`, from: Date.UTC(y, m, 1) - CST, to: Date.UTC(y, m + 1, 1) - CST };
}

function quarterOf(key: string): { key: string } & Window {
  const [y, m] = key.split('-').map(Number);
  const q = Math.floor((m - 1) / 3);
  return { key: `${y}-Q${q + 1}`, from: Date.UTC(y, q * 3, 1) - CST, to: Date.UTC(y, q * 3 + 3, 1) - CST };
}

function yearOf(key: string): { key: string } & Window {
  const y = Number(key.slice(0, 4));
  return { key: String(y), from: Date.UTC(y, 0, 1) - CST, to: Date.UTC(y + 1, 0, 1) - CST };
}

const pct = (share: number | null) => (share === null ? '' : String(Math.round(share * 1000) / 10));

describe('figures periods', () => {
  it('reads month, quarter and year keys with China Standard Time bounds', () => {
    expect(parsePeriod('2026-11')).toEqual({ key: '2026-11', kind: 'month', from: '2026-11-01', to: '2026-12-01', fromInstant: '2026-10-31T16:00:00.000Z', toInstant: '2026-11-30T16:00:00.000Z' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2027-01-01', toInstant: '2026-12-31T16:00:00.000Z' });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2027-01-01', fromInstant: '2025-12-31T16:00:00.000Z' });
    expect(monthsOf(parsePeriod('2026-Q1')).map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOf(parsePeriod('2026'))).toHaveLength(12);
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '26-11', '2026-1', '1999', 'abc', '']) {
      let thrown: unknown;
      try {
        parsePeriod(bad);
      } catch (err) {
        thrown = err;
      }
      expect({ bad, thrown }).toEqual({ bad, thrown: expect.objectContaining({ code: 'PERIOD_INVALID', statusCode: 400 }) });
    }
  });
});

describe.each(testDatabases())('figures on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let data: DataSet;
  let county: Headers;
  let township: Headers;
  let otherTownship: Headers;
  const months = [month(-4), month(-3), month(-2)];

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    data = await generate(f.db, { villages: [...VILLAGES_T1, ...VILLAGES_T2], township: T1, from: months[0].from, to: months[2].to, cases: 360, seed: 20261128 });
    county = await h.as({ name: '县管理员', role: 'county_admin', villageCode: VILLAGES_T1[0] });
    township = await h.as({ name: '坪滩镇管理员', role: 'township_admin', villageCode: VILLAGES_T1[0] });
    otherTownship = await h.as({ name: '顾县镇管理员', role: 'township_admin', villageCode: VILLAGES_T2[0] });
  }, 60_000);
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const get = (headers: Headers, url: string) => h.call({ method: 'GET', url: `/api/v1${url}`, headers });

  const periods = () => [...months, quarterOf(months[0].key), quarterOf(months[2].key), yearOf(months[0].key)];

  it('matches an independent calculation for every village, township and the county, for months, quarters and a year', async () => {
    for (const p of periods()) {
      const now = Date.now();
      const res = await get(county, `/figures?period=${p.key}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.period.key).toBe(p.key);
      expect(body.villages.map((v: { villageCode: string }) => v.villageCode)).toEqual([...DEMO_VILLAGES]);
      for (const v of body.villages) {
        const { villageCode, villageName, townshipCode, townshipName, ...figures } = v;
        expect({ villageCode, figures }).toEqual({ villageCode, figures: expectedFigures(data, p, now, (code) => code === villageCode) });
        expect(townshipCode).toBe(villageCode.slice(0, 9));
        expect(typeof villageName === 'string' && typeof townshipName === 'string').toBe(true);
      }
      expect(body.townships.map((t: { code: string }) => t.code)).toEqual([...DEMO_TOWNSHIPS]);
      for (const t of body.townships) {
        const { level, code, name, villages, ...figures } = t;
        expect({ code, villages, figures }).toEqual({ code, villages: 3, figures: expectedFigures(data, p, now, (c) => c.startsWith(code)) });
      }
      const { level, code, name, villages, ...countyFigures } = body.county;
      expect({ level, code, villages }).toEqual({ level: 'county', code: DEMO_COUNTY.code, villages: DEMO_VILLAGES.length });
      expect(countyFigures).toEqual(expectedFigures(data, p, now, (c) => c.startsWith(DEMO_COUNTY.code)));
    }
  });

  it('has real numbers to compare: the data set is not empty where it should not be', async () => {
    const quarter = (await get(county, `/figures?period=${yearOf(months[0].key).key}`)).json().county;
    expect(quarter.cases).toBeGreaterThan(300);
    expect(quarter.medianAcceptMinutes).toBeGreaterThan(0);
    expect(quarter.onTimeShare).toBeGreaterThan(0);
    expect(quarter.onTimeShare).toBeLessThan(1);
    expect(quarter.badRatings).toBeGreaterThan(0);
    expect(quarter.rectificationsOpen + quarter.rectificationsClosed).toBe(quarter.badRatings);
    expect(quarter.tripsSaved).toBeGreaterThan(0);
    expect(quarter.attendance).toBeGreaterThan(0);
    expect(quarter.groupsActive).toBeGreaterThan(0);
    // The township group's activities count for the township, not for any village.
    const body = (await get(county, `/figures?period=${yearOf(months[0].key).key}`)).json();
    const t1 = body.townships.find((t: { code: string }) => t.code === T1);
    const villageActivities = body.villages.filter((v: { townshipCode: string }) => v.townshipCode === T1).reduce((n: number, v: { activitiesHeld: number }) => n + v.activitiesHeld, 0);
    const townshipGroupHeld = data.activities.filter((a) => a.group_id === 'fig-group-4' && a.review_status === 'approved' && Date.parse(a.starts_at) >= yearOf(months[0].key).from && Date.parse(a.starts_at) < yearOf(months[0].key).to).length;
    expect(t1.activitiesHeld).toBe(villageActivities + townshipGroupHeld);
    // Villages with no data still have a row, all zeros.
    const quiet = body.villages.find((v: { villageCode: string }) => v.villageCode === DEMO_VILLAGES[DEMO_VILLAGES.length - 1]);
    expect(quiet).toMatchObject({ cases: 0, medianAcceptMinutes: null, onTimeShare: null, satisfiedShare: null, attendance: 0, byService: {} });
    expect(body.services.length).toBeGreaterThan(0);
  });

  it('takes the same medians with window functions as with the median aggregates', async () => {
    for (const p of periods()) {
      const period = parsePeriod(p.key);
      const fast = await medianSeconds(f.db, period, {}, ['village', 'township', 'county']);
      const portable = await medianSeconds(f.db, period, {}, ['village', 'township', 'county'], true);
      expect(fast.size).toBeGreaterThan(DEMO_TOWNSHIPS.length);
      expect(new Map([...fast].map(([k, v]) => [k, Number(v)]))).toEqual(new Map([...portable].map(([k, v]) => [k, Number(v)])));
    }
  });

  it('keeps a township admin to their own township', async () => {
    const p = months[1].key;
    const mine = (await get(township, `/figures?period=${p}`)).json();
    expect(mine.villages.map((v: { villageCode: string }) => v.villageCode)).toEqual(VILLAGES_T1);
    expect(mine.townships.map((t: { code: string }) => t.code)).toEqual([T1]);
    expect(mine.county).toBeNull();
    expect((await get(township, `/figures?period=${p}&township=${T1}`)).statusCode).toBe(200);
    for (const url of [`/figures?period=${p}&township=${T2}`, `/figures/export.csv?period=${p}&township=${T2}`, `/figures/trend?township=${T2}`, `/figures/trend?village=${VILLAGES_T2[0]}`, `/figures/trend?township=${DEMO_COUNTY.code}000`]) {
      const res = await get(township, url);
      expect({ url, status: res.statusCode, code: res.json().error?.code }).toEqual({ url, status: 403, code: 'FIGURES_FORBIDDEN' });
    }
    expect((await get(otherTownship, `/figures?period=${p}&township=${T1}`)).json().error.code).toBe('FIGURES_FORBIDDEN');
    // A county admin may narrow down to one township.
    const narrowed = (await get(county, `/figures?period=${p}&township=${T2}`)).json();
    expect(narrowed.villages.map((v: { villageCode: string }) => v.villageCode)).toEqual(VILLAGES_T2);
    expect(narrowed.county).toBeNull();
  });

  it('refuses residents and cadres on every figures route', async () => {
    const resident = await h.as({ name: '村民', villageCode: VILLAGES_T1[0] });
    const cadre = await h.as({ name: '村干部', role: 'cadre', villageCode: VILLAGES_T1[0] });
    for (const headers of [resident, cadre]) {
      for (const url of [`/figures?period=${months[0].key}`, `/figures/export.csv?period=${months[0].key}`, '/figures/trend']) {
        expect((await get(headers, url)).statusCode).toBe(403);
      }
    }
    expect((await h.call({ method: 'GET', url: '/api/v1/figures' })).statusCode).toBe(401);
  });

  it('answers a bad period with 400 PERIOD_INVALID', async () => {
    for (const bad of ['2026-13', '2026-Q0', 'last-month', '1899', '2026-1']) {
      for (const url of [`/figures?period=${encodeURIComponent(bad)}`, `/figures/export.csv?period=${encodeURIComponent(bad)}`]) {
        const res = await get(county, url);
        expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({ url, status: 400, code: 'PERIOD_INVALID' });
      }
    }
    expect((await get(county, '/figures?township=12')).statusCode).toBe(400);
    expect((await get(county, '/figures/trend?months=0')).statusCode).toBe(400);
  });

  it('exports a CSV that Excel opens and that parses back to the same numbers', async () => {
    const p = quarterOf(months[1].key);
    const json = (await get(county, `/figures?period=${p.key}`)).json();
    const res = await get(county, `/figures/export.csv?period=${p.key}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`attachment; filename="figures-villages-${p.key}.csv"`);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`村级统计-${p.key}.csv`));
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.body.replace(/^\uFEFF/, ''));
    const [header, ...lines] = rows;
    expect(header.slice(0, 3)).toEqual(['乡镇', '村（社区）', '办件数']);
    expect(lines).toHaveLength(DEMO_VILLAGES.length);
    const col = (name: string) => header.indexOf(name);
    lines.forEach((line, i) => {
      const v = json.villages[i];
      expect([line[0], line[1]]).toEqual([v.townshipName, v.villageName]);
      expect({
        cases: Number(line[col('办件数')]),
        proxy: Number(line[col('代办')]),
        median: line[col('受理用时中位数（分钟）')],
        onTime: line[col('按时办结率（%）')],
        overdue: Number(line[col('超期未办结')]),
        saved: Number(line[col('少跑路（次）')]),
        satisfied: line[col('满意率（%）')],
        bad: Number(line[col('差评')]),
        attendance: Number(line[col('参与人次')]),
      }).toEqual({
        cases: v.cases,
        proxy: v.byChannel.proxy,
        median: v.medianAcceptMinutes === null ? '' : String(v.medianAcceptMinutes),
        onTime: pct(v.onTimeShare),
        overdue: v.overdueNow,
        saved: v.tripsSaved,
        satisfied: pct(v.satisfiedShare),
        bad: v.badRatings,
        attendance: v.attendance,
      });
    });

    const byTownship = await get(county, `/figures/export.csv?period=${p.key}&level=township`);
    const [th, ...tlines] = parseCsv(byTownship.body.replace(/^\uFEFF/, ''));
    expect(tlines.map((l) => l[0])).toEqual(json.townships.map((t: { name: string }) => t.name));
    expect(tlines.map((l) => Number(l[th.indexOf('办件数')]))).toEqual(json.townships.map((t: { cases: number }) => t.cases));
    expect(tlines.map((l) => Number(l[th.indexOf('村（社区）数')]))).toEqual([3, 3, 3, 3]);
  });

  it('quotes names that hold a comma or a quote', async () => {
    await f.db.updateTable('regions').set({ name: '石桥村,"新"' }).where('code', '=', VILLAGES_T1[1]).execute();
    try {
      const res = await get(county, `/figures/export.csv?period=${months[0].key}`);
      expect(res.body).toContain('"石桥村,""新"""');
      const line = parseCsv(res.body.replace(/^\uFEFF/, ''))[2];
      expect(line[1]).toBe('石桥村,"新"');
    } finally {
      await f.db.updateTable('regions').set({ name: '石桥村' }).where('code', '=', VILLAGES_T1[1]).execute();
    }
  });

  it('draws the monthly trend for the county and for one village', async () => {
    for (const [query, inRegion] of [
      ['', (c: string) => c.startsWith(DEMO_COUNTY.code)],
      [`&village=${VILLAGES_T1[0]}`, (c: string) => c === VILLAGES_T1[0]],
      [`&township=${T2}`, (c: string) => c.startsWith(T2)],
    ] as const) {
      const res = await get(county, `/figures/trend?months=12${query}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.months).toHaveLength(12);
      expect(body.months[11].month).toBe(month(0).key);
      for (const m of body.months) {
        const window = month(monthIndex(m.month) - monthIndex(month(0).key));
        const e = expectedFigures(data, window, Date.now(), inRegion);
        expect(m).toEqual({ month: m.month, cases: e.cases, onTimeShare: e.onTimeShare, satisfiedShare: e.satisfiedShare });
      }
      expect(body.months.reduce((n: number, m: { cases: number }) => n + m.cases, 0)).toBeGreaterThan(0);
    }
    const mine = (await get(township, '/figures/trend')).json();
    expect(mine.region).toMatchObject({ level: 'township', code: T1 });
  });
});

function monthIndex(key: string): number {
  const [y, m] = key.split('-').map(Number);
  return y * 12 + m - 1;
}
