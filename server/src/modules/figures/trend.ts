// The monthly series behind the console's trend line: cases opened, on-time share of completions
// and satisfied share of ratings per CST month, three GROUP BY month queries over the whole range.
import { sql, type RawBuilder } from 'kysely';
import { isPostgres, type Db } from '../../db/database';
import type { Period } from './types';

export interface TrendPoint {
  month: string;
  cases: number;
  onTimeShare: number | null;
  satisfiedShare: number | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

// The CST month (YYYY-MM) of an ISO text column; the same expression as migration 0007.
function monthOf(db: Db, column: string): RawBuilder<string> {
  if (isPostgres(db)) return sql<string>`to_char(${sql.ref(column)}::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  return sql<string>`strftime('%Y-%m', ${sql.ref(column)}, '+8 hours')`;
}

// `months` in order; `regionCode` a county, township or village code (a prefix of village codes).
export async function computeTrend(db: Db, months: Period[], regionCode: string): Promise<TrendPoint[]> {
  const from = months[0].fromInstant;
  const to = months[months.length - 1].toInstant;
  const inRegion = sql`c.village_code like ${`${regionCode}%`}`;
  const [opened, completed, rated] = await Promise.all([
    sql<{ m: string; n: unknown }>`
      select ${monthOf(db, 'c.created_at')} as m, count(*) as n from cases c
      where c.created_at >= ${from} and c.created_at < ${to} and ${inRegion} group by 1`.execute(db),
    sql<{ m: string; n: unknown; on_time: unknown }>`
      select ${monthOf(db, 'c.closed_at')} as m, count(*) as n, sum(case when c.due_at is null or c.closed_at <= c.due_at then 1 else 0 end) as on_time
      from cases c
      where c.status = 'completed' and c.closed_at >= ${from} and c.closed_at < ${to} and ${inRegion} group by 1`.execute(db),
    sql<{ m: string; n: unknown; satisfied: unknown }>`
      select ${monthOf(db, 'g.created_at')} as m, count(*) as n, sum(case when g.level >= 4 then 1 else 0 end) as satisfied
      from ratings g inner join cases c on c.id = g.case_id
      where g.created_at >= ${from} and g.created_at < ${to} and ${inRegion} group by 1`.execute(db),
  ]);
  const byMonth = <T extends { m: string }>(rows: T[]) => new Map(rows.map((r) => [r.m, r]));
  const o = byMonth(opened.rows);
  const c = byMonth(completed.rows);
  const r = byMonth(rated.rows);
  return months.map((p) => {
    const done = c.get(p.key);
    const rating = r.get(p.key);
    return {
      month: p.key,
      cases: num(o.get(p.key)?.n),
      onTimeShare: done && num(done.n) > 0 ? num(done.on_time) / num(done.n) : null,
      satisfiedShare: rating && num(rating.n) > 0 ? num(rating.satisfied) / num(rating.n) : null,
    };
  });
}
