// The working-day calendar in China Standard Time (UTC+8, no DST): weekends off unless listed as
// a make-up workday (调休), listed holidays off. Dates are 'YYYY-MM-DD' in CST; instants are ISO UTC.
import type { Db } from '../../db/database';
import type { HolidayTable } from '../../db/schema';

export interface Calendar {
  isWorkingDay(date: string): boolean;
  // The nth working day after date (n = 0: date itself if working, else the next working day).
  addWorkingDays(date: string, n: number): string;
  // 17:30 CST on addWorkingDays(CST date of acceptedAt, promisedDays).
  dueAt(acceptedAt: string, promisedDays: number): string;
  // The end of the duty half-day the case arrived in (the next working half-day if outside hours).
  acceptBy(createdAt: string): string;
  today(now?: Date): string;
}

export type HolidayEntry = Pick<HolidayTable, 'date' | 'kind'>;

// Office hours of the living rooms: the duty half-days.
export const HALF_DAYS = {
  am: { start: '09:00', end: '12:00' },
  pm: { start: '14:00', end: '17:30' },
} as const;

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// True for a real calendar date written 'YYYY-MM-DD' (not 2026-02-30).
export function isDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function dateUtcMs(date: string): number {
  if (!isDate(date)) throw new RangeError(`not a date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(dateUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

// Whole days from `from` to `to` (negative when `to` is earlier).
export function daysBetween(from: string, to: string): number {
  return Math.round((dateUtcMs(to) - dateUtcMs(from)) / DAY_MS);
}

// The CST calendar date of an instant.
export function cstDate(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

// The instant of a CST wall-clock time ('HH:MM') on a CST date, as an ISO UTC string.
export function cstInstant(date: string, time: string): string {
  const [h, m] = time.split(':').map(Number);
  return new Date(dateUtcMs(date) + (h * 60 + m) * 60_000 - CST_OFFSET_MS).toISOString();
}

// 'HH:MM' of an instant in CST; compares correctly as a string.
function cstTime(instant: string): string {
  return new Date(Date.parse(instant) + CST_OFFSET_MS).toISOString().slice(11, 16);
}

export function createCalendar(entries: readonly HolidayEntry[]): Calendar {
  const kinds = new Map(entries.map((e) => [e.date, e.kind]));

  const isWorkingDay = (date: string): boolean => {
    const kind = kinds.get(date);
    if (kind) return kind === 'workday';
    const weekday = new Date(dateUtcMs(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  const nextWorkingDay = (date: string): string => {
    let d = addDays(date, 1);
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  const addWorkingDays = (date: string, n: number): string => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    if (n === 0) return isWorkingDay(date) ? date : nextWorkingDay(date);
    let d = date;
    for (let i = 0; i < n; i += 1) d = nextWorkingDay(d);
    return d;
  };

  return {
    isWorkingDay,
    addWorkingDays,
    dueAt: (acceptedAt, promisedDays) => cstInstant(addWorkingDays(cstDate(acceptedAt), promisedDays), HALF_DAYS.pm.end),
    acceptBy(createdAt) {
      const date = cstDate(createdAt);
      if (isWorkingDay(date)) {
        const time = cstTime(createdAt);
        if (time < HALF_DAYS.am.end) return cstInstant(date, HALF_DAYS.am.end);
        if (time < HALF_DAYS.pm.end) return cstInstant(date, HALF_DAYS.pm.end);
      }
      return cstInstant(nextWorkingDay(date), HALF_DAYS.am.end);
    },
    today: (now = new Date()) => cstDate(now),
  };
}

// Reads the holidays table (seeded from holidays.ts at every start).
export async function loadCalendar(db: Db): Promise<Calendar> {
  return createCalendar(await db.selectFrom('holidays').select(['date', 'kind']).execute());
}
