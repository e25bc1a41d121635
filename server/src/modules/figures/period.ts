// Reporting periods in China Standard Time: '2026-11' (month), '2026-Q4' (quarter), '2026' (year).
// Bounds are CST calendar days; the instants are those days' CST midnights in UTC (UTC+8, no DST).
import { AppError } from '../../http/app-error';
import { cstDate, cstInstant } from '../calendar/calendar';
import type { Period } from './types';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const invalid = () => new AppError(400, 'PERIOD_INVALID', '统计时段填写不对，请用“2026-11”（月）、“2026-Q4”（季度）或“2026”（年）的格式');

const pad = (n: number) => String(n).padStart(2, '0');

// First day of a CST month as YYYY-MM-DD; month is 0-based and may run past 11.
function day(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

function build(key: string, kind: Period['kind'], year: number, firstMonth: number, months: number): Period {
  const from = day(year, firstMonth);
  const to = day(year, firstMonth + months);
  return { key, kind, from, to, fromInstant: cstInstant(from, '00:00'), toInstant: cstInstant(to, '00:00') };
}

export function parsePeriod(key: string): Period {
  const m = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/.exec(typeof key === 'string' ? key.trim() : '');
  if (!m) throw invalid();
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) throw invalid();
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw invalid();
    return build(`${year}-${pad(month)}`, 'month', year, month - 1, 1);
  }
  if (m[3] !== undefined) return build(`${year}-Q${m[3]}`, 'quarter', year, (Number(m[3]) - 1) * 3, 3);
  return build(String(year), 'year', year, 0, 12);
}

// The months a period covers, in order (a month covers itself).
export function monthsOf(period: Period): Period[] {
  const [year, month] = period.from.split('-').map(Number);
  const count = period.kind === 'month' ? 1 : period.kind === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 + i, 1));
    return parsePeriod(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
  });
}

// The CST month key ('2026-11') of an instant.
export function monthKeyOf(at: Date): string {
  return cstDate(at).slice(0, 7);
}

// The month after `key` ('2026-12' → '2027-01').
export function nextMonthKey(key: string): string {
  const [year, month] = key.split('-').map(Number);
  const m = new Date(Date.UTC(year, month, 1));
  return `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`;
}

// The month keys from `first` to `last`, both included, oldest first; none when `last` is earlier.
export function monthRange(first: string, last: string): string[] {
  const keys: string[] = [];
  for (let key = first; key <= last; key = nextMonthKey(key)) keys.push(key);
  return keys;
}

// The `count` months ending with the CST month of `now`, oldest first (for a trend line).
export function lastMonths(count: number, now: Date): Period[] {
  const [year, month] = cstDate(now).split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const m = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return parsePeriod(`${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`);
  });
}

// Whether the period has not ended yet at `now`: its figures are still moving.
export function isCurrent(period: Period, now: Date): boolean {
  return now.getTime() < Date.parse(period.toInstant);
}
