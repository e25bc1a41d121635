// The working-day calendar: weekends, national holidays and 调休 workdays as data; when a case
// is due and by when it should be accepted, in China Standard Time.
import { createDatabase } from '../../server/src/db/database';
import { cstInstant, createCalendar, isDate, loadCalendar } from '../../server/src/modules/calendar/calendar';
import { HOLIDAYS, seedHolidays } from '../../server/src/modules/calendar/holidays';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

// A CST wall-clock time as the ISO UTC instant the server stores.
const cst = (date: string, time: string) => cstInstant(date, time);

describe('calendar (2026 data)', () => {
  const cal = createCalendar(HOLIDAYS);

  it('takes weekends off and works weekdays', () => {
    expect(cal.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-03-09')).toBe(true); // Monday
  });

  it('takes listed holidays off, weekdays included', () => {
    expect(cal.isWorkingDay('2026-02-16')).toBe(false); // 春节, Monday
    expect(cal.isWorkingDay('2026-10-05')).toBe(false); // 国庆节, Monday
    expect(cal.isWorkingDay('2026-01-01')).toBe(false); // 元旦, Thursday
  });

  it('works a weekend listed as a 调休 workday', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday
  });

  it('counts working days after a date, and n = 0 is the day itself or the next working day', () => {
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    expect(() => cal.addWorkingDays('2026-03-09', -1)).toThrow(RangeError);
  });

  it('puts the due time at 17:30 CST, skipping a weekend', () => {
    // Accepted Friday morning, one working day: Monday.
    expect(cal.dueAt(cst('2026-03-06', '10:00'), 1)).toBe('2026-03-09T09:30:00.000Z');
    expect(cal.dueAt(cst('2026-03-06', '10:00'), 0)).toBe('2026-03-06T09:30:00.000Z');
    // Accepted on a Saturday with n = 0: the next working day.
    expect(cal.dueAt(cst('2026-03-07', '10:00'), 0)).toBe('2026-03-09T09:30:00.000Z');
    // Late on Friday evening CST is still Friday, though UTC has it on the same day.
    expect(cal.dueAt(cst('2026-03-06', '23:30'), 1)).toBe('2026-03-09T09:30:00.000Z');
  });

  it('skips the National Day holiday and counts its 调休 Saturday', () => {
    // Wednesday 30 Sep; 1–7 Oct off; Thu 8, Fri 9 and Sat 10 Oct (调休) worked.
    expect(cal.dueAt(cst('2026-09-30', '10:00'), 1)).toBe(cst('2026-10-08', '17:30'));
    expect(cal.dueAt(cst('2026-09-30', '10:00'), 3)).toBe(cst('2026-10-10', '17:30'));
    expect(cal.dueAt(cst('2026-09-30', '10:00'), 4)).toBe(cst('2026-10-12', '17:30'));
    // 15 working days across the Spring Festival, both of its 调休 Saturdays counted.
    expect(cal.addWorkingDays('2026-02-10', 15)).toBe('2026-03-09');
  });

  it('sets the accept-by time to the end of the duty half-day the case arrived in', () => {
    expect(cal.acceptBy(cst('2026-03-09', '08:00'))).toBe(cst('2026-03-09', '12:00'));
    expect(cal.acceptBy(cst('2026-03-09', '10:00'))).toBe(cst('2026-03-09', '12:00'));
    expect(cal.acceptBy(cst('2026-03-09', '12:00'))).toBe(cst('2026-03-09', '17:30'));
    expect(cal.acceptBy(cst('2026-03-09', '13:00'))).toBe(cst('2026-03-09', '17:30'));
    expect(cal.acceptBy(cst('2026-03-09', '18:00'))).toBe(cst('2026-03-10', '12:00'));
    // Saturday, and Friday evening: Monday noon.
    expect(cal.acceptBy(cst('2026-03-07', '10:00'))).toBe(cst('2026-03-09', '12:00'));
    expect(cal.acceptBy(cst('2026-03-06', '18:00'))).toBe(cst('2026-03-09', '12:00'));
    // The eve of the Spring Festival holiday: the Saturday 调休 workday before it.
    expect(cal.acceptBy(cst('2026-02-13', '18:00'))).toBe(cst('2026-02-14', '12:00'));
  });

  it('gives today as the CST date', () => {
    expect(cal.today(new Date('2026-03-08T23:00:00Z'))).toBe('2026-03-09');
    expect(cal.today(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
    expect(cal.today(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
  });

  it('has well-formed holiday data: real dates, no duplicates, 调休 only on weekends', () => {
    const dates = HOLIDAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const h of HOLIDAYS) {
      expect(isDate(h.date)).toBe(true);
      if (h.kind === 'workday') expect([0, 6]).toContain(new Date(`${h.date}T00:00:00Z`).getUTCDay());
    }
    // 2026 per the State Council notice: 33 days off on weekdays or weekends, 6 调休 workdays.
    expect(HOLIDAYS.filter((h) => h.date.startsWith('2026') && h.kind === 'holiday')).toHaveLength(33);
    expect(HOLIDAYS.filter((h) => h.date.startsWith('2026') && h.kind === 'workday')).toHaveLength(6);
  });
});

describe.each(testDatabases())('holidays table on $dialect', (testDb) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testDb);
  });
  afterAll(async () => h?.close());

  it('is seeded at start, and loadCalendar reads it', async () => {
    const db = createDatabase(h.config.database);
    try {
      expect(await db.selectFrom('holidays').select('date').execute()).toHaveLength(HOLIDAYS.length);
      const cal = await loadCalendar(db);
      expect(cal.isWorkingDay('2026-10-05')).toBe(false);
      expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('seeds idempotently and lets the data win', async () => {
    const db = createDatabase(h.config.database);
    try {
      await db.insertInto('holidays').values({ date: '2026-03-10', kind: 'holiday', name: '错误的一天' }).execute();
      await db.updateTable('holidays').set({ kind: 'holiday' }).where('date', '=', '2026-10-10').execute();
      await seedHolidays(db);
      await seedHolidays(db);
      const cal = await loadCalendar(db);
      expect(cal.isWorkingDay('2026-03-10')).toBe(true);
      expect(cal.isWorkingDay('2026-10-10')).toBe(true);
      expect(await db.selectFrom('holidays').select('date').execute()).toHaveLength(HOLIDAYS.length);
    } finally {
      await db.destroy();
    }
  });
});
