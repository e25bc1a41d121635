// The per-village monthly case counts stay dense (issue 7), so the county figure reads villages ×
// months rows at any number of cases: after start-up every village has a row for this month and
// the next with nothing counted; a case counts into its own village's row only; filling again
// adds nothing and keeps the counts; the hourly pass has the month after next ready once next
// month begins; a database counted before rows were dense gets its past months filled in; an
// imported village gets its rows at once.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { cstInstant } from '../../server/src/modules/calendar/calendar';
import { fillMonthRows, keepMonthRowsAhead, monthsAhead } from '../../server/src/modules/figures/month-counts';
import { lastMonths, monthRange, nextMonthKey } from '../../server/src/modules/figures/period';
import { CSV_COLUMNS, importRegions } from '../../server/src/modules/regions/import';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO, HOME } from './cases-fixtures';

jest.setTimeout(60_000);

interface Row {
  village_code: string;
  month: string;
  n: number;
}

const zeros = (villages: readonly string[], months: readonly string[]): Row[] => villages.flatMap((v) => months.map((month) => ({ village_code: v, month, n: 0 })));

describe('the months a process keeps ready', () => {
  it('is this CST month and the next, turning over at CST midnight', () => {
    expect(monthsAhead(new Date('2026-12-31T15:59:00Z'))).toEqual(['2026-12', '2027-01']);
    expect(monthsAhead(new Date('2026-12-31T16:00:00Z'))).toEqual(['2027-01', '2027-02']);
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2027-02', '2026-11')).toEqual([]);
  });
});

describe.each(testDatabases())('per-month case counts on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  const [current, next] = monthsAhead(new Date());
  const past = lastMonths(4, new Date())[0].key;

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
  });
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const rows = (months: readonly string[], villages: readonly string[] = DEMO_VILLAGES): Promise<Row[]> =>
    f.db
      .selectFrom('case_month_counts')
      .select(['village_code', 'month', 'n'])
      .where('month', 'in', [...months])
      .where('village_code', 'in', [...villages])
      .orderBy('village_code')
      .orderBy('month')
      .execute()
      .then((found) => found.map((r) => ({ ...r, n: Number(r.n) })));
  const everything = () => f.db.selectFrom('case_month_counts').selectAll().orderBy('village_code').orderBy('month').execute();
  const sorted = (villages: readonly string[]) => [...villages].sort();

  it('has a row with nothing counted for every village, this month and next, after start-up', async () => {
    expect(await f.db.selectFrom('regions').select('code').where('level', '=', 'village').orderBy('code').execute()).toEqual(sorted(DEMO_VILLAGES).map((code) => ({ code })));
    expect(await rows([current, next])).toEqual(zeros(sorted(DEMO_VILLAGES), [current, next]));
  });

  it("counts a new case into its own village's row for this month only", async () => {
    const resident = await f.resident('按月计数村民');
    await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '想问低保怎么申请', materialsHave: [] });
    const expected = zeros(sorted(DEMO_VILLAGES), [current, next]).map((r) => (r.village_code === HOME && r.month === current ? { ...r, n: 1 } : r));
    expect(await rows([current, next])).toEqual(expected);
  });

  it('adds nothing and keeps the counts when filled again', async () => {
    const before = await everything();
    expect(await fillMonthRows(f.db, new Date())).toBe(0);
    expect(await keepMonthRowsAhead(f.db, new Date())).toBe(0);
    expect(await everything()).toEqual(before);
    expect((await rows([current], [HOME]))[0].n).toBe(1);
  });

  it('has the month after next ready once next month begins, in a process that never restarted', async () => {
    const afterNext = nextMonthKey(next);
    expect(await rows([afterNext])).toEqual([]);
    const nextMonthBegun = new Date(cstInstant(`${next}-01`, '00:00'));
    expect(await keepMonthRowsAhead(f.db, nextMonthBegun)).toBe(DEMO_VILLAGES.length);
    expect(await rows([next, afterNext])).toEqual(zeros(sorted(DEMO_VILLAGES), [next, afterNext]));
  });

  it('fills in the past months of a database counted before rows were kept dense, keeping its counts', async () => {
    // As an older version left it: a row only where a case was counted.
    await f.db.insertInto('case_month_counts').values({ village_code: HOME, month: past, n: 4 }).execute();
    const months = monthRange(past, next);
    expect(await fillMonthRows(f.db, new Date())).toBe(DEMO_VILLAGES.length * 3 - 1);
    const expected = zeros(sorted(DEMO_VILLAGES), months).map((r) =>
      r.village_code === HOME && r.month === past ? { ...r, n: 4 } : r.village_code === HOME && r.month === current ? { ...r, n: 1 } : r,
    );
    expect(await rows(months)).toEqual(expected);
  });

  it('gives a village imported later its rows at once', async () => {
    const village = '519800101201';
    const csv = `${CSV_COLUMNS.join(',')}\n519800,新导入县,519800101,新导入镇,${village},新导入村\n`;
    expect(await importRegions(f.db, csv)).toMatchObject({ villages: 1, created: 3 });
    const months = monthRange(past, next);
    expect(await rows(months, [village])).toEqual(zeros([village], months));
  });
});
