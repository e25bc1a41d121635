// China's public holidays and make-up working days (调休) as data, seeded into the `holidays`
// table at every start. A weekend not listed here is off; a weekday not listed is worked.
// Add each year when the State Council publishes its notice (usually in November before it).
import type { Db } from '../../db/database';
import type { HolidayTable } from '../../db/schema';
import { addDays, daysBetween } from './calendar';

export type Holiday = HolidayTable;

type Kind = Holiday['kind'];

function days(kind: Kind, name: string, dates: readonly string[]): Holiday[] {
  return dates.map((date) => ({ date, kind, name }));
}

function span(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

// 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025): complete.
const Y2026: Holiday[] = [
  ...days('holiday', '元旦', span('2026-01-01', '2026-01-03')),
  ...days('workday', '元旦调休上班', ['2026-01-04']),
  ...days('holiday', '春节', span('2026-02-15', '2026-02-23')),
  ...days('workday', '春节调休上班', ['2026-02-14', '2026-02-28']),
  ...days('holiday', '清明节', span('2026-04-04', '2026-04-06')),
  ...days('holiday', '劳动节', span('2026-05-01', '2026-05-05')),
  ...days('workday', '劳动节调休上班', ['2026-05-09']),
  ...days('holiday', '端午节', span('2026-06-19', '2026-06-21')),
  ...days('holiday', '中秋节', span('2026-09-25', '2026-09-27')),
  ...days('holiday', '国庆节', span('2026-10-01', '2026-10-07')),
  ...days('workday', '国庆节调休上班', ['2026-09-20', '2026-10-10']),
];

// 2027: NOT YET PUBLISHED. Only the statutory days of 《全国年节及纪念日放假办法》 (2024 revision)
// are listed, on the dates of the published lunar calendar (春节 2027-02-06, 清明 04-05,
// 端午 06-09, 中秋 09-15; the new moon of 春节 falls at 23:56 CST on 6 Feb, so some software
// calendars say 7 Feb). The bridging days off, the weekdays given back for statutory days that
// fall on a weekend (春节 6–7 Feb, 劳动节 1–2 May, 国庆节 2–3 Oct) and the 调休 workdays are
// missing until the 2027 notice: replace this block with it.
const Y2027: Holiday[] = [
  ...days('holiday', '元旦', ['2027-01-01']),
  ...days('holiday', '春节', span('2027-02-05', '2027-02-08')),
  ...days('holiday', '清明节', ['2027-04-05']),
  ...days('holiday', '劳动节', ['2027-05-01', '2027-05-02']),
  ...days('holiday', '端午节', ['2027-06-09']),
  ...days('holiday', '中秋节', ['2027-09-15']),
  ...days('holiday', '国庆节', span('2027-10-01', '2027-10-03')),
];

export const HOLIDAYS: readonly Holiday[] = [...Y2026, ...Y2027];

export interface HolidaySeedResult {
  days: number;
  years: string[];
}

// Idempotent; the data wins: within the years listed here, a date no longer listed is removed.
export async function seedHolidays(db: Db, holidays: readonly Holiday[] = HOLIDAYS): Promise<HolidaySeedResult> {
  const years = [...new Set(holidays.map((h) => h.date.slice(0, 4)))].sort();
  await db.transaction().execute(async (trx) => {
    if (holidays.length) {
      await trx
        .insertInto('holidays')
        .values([...holidays])
        .onConflict((oc) => oc.column('date').doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name') })))
        .execute();
    }
    for (const year of years) {
      const listed = holidays.filter((h) => h.date.startsWith(year)).map((h) => h.date);
      await trx
        .deleteFrom('holidays')
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .where('date', 'not in', listed)
        .execute();
    }
  });
  return { days: holidays.length, years };
}
