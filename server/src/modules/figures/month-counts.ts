// Keeps the per-village monthly case counts dense (issue 7): a row for every village and every
// month the system has run, n = 0 until a case comes, so the county figure reads villages × months
// rows however many cases there are. The next month is always filled ahead, so a process that
// runs across a month boundary has the new month's rows before its first case.
import type { Db } from '../../db/database';
import { ensureMonthRows, firstCountedMonth } from './month-counts-repository';
import { monthKeyOf, monthRange, nextMonthKey } from './period';

// This CST month and the next.
export function monthsAhead(now: Date): [string, string] {
  const current = monthKeyOf(now);
  return [current, nextMonthKey(current)];
}

// Hourly housekeeping: this month and the next.
export function keepMonthRowsAhead(db: Db, now: Date): Promise<number> {
  return ensureMonthRows(db, monthsAhead(now));
}

// At start-up and after a regions import: every month from the first counted one through next
// month, so a database counted before rows were kept dense, or a village just added, fills in.
export async function fillMonthRows(db: Db, now: Date): Promise<number> {
  const [current, next] = monthsAhead(now);
  const first = await firstCountedMonth(db);
  return ensureMonthRows(db, monthRange(first !== undefined && first < current ? first : current, next));
}
