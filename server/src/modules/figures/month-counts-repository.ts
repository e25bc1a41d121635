// Queries of case_month_counts (migration 0007: cases per village per CST month, counted by a
// trigger on cases) beyond what the trigger itself writes.
import { sql } from 'kysely';
import type { Db } from '../../db/database';

// Adds a row with n = 0 for every village and each of `months` that has none yet, in one
// statement; a row that already counts cases is left as it is. Returns the rows added.
export async function ensureMonthRows(db: Db, months: readonly string[]): Promise<number> {
  const [first, ...rest] = months.map((month) =>
    db
      .selectFrom('regions')
      .select(['code as village_code', sql<string>`cast(${month} as text)`.as('month'), sql<number>`0`.as('n')])
      .where('level', '=', 'village'),
  );
  if (!first) return 0;
  const result = await db
    .insertInto('case_month_counts')
    .columns(['village_code', 'month', 'n'])
    // Key order: processes filling the same months at once on PostgreSQL never wait on each other in a cycle.
    .expression(rest.reduce((all, one) => all.unionAll(one), first).orderBy('village_code').orderBy('month'))
    .onConflict((oc) => oc.columns(['village_code', 'month']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

// The earliest month with a row, or undefined while the table is empty.
export async function firstCountedMonth(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('case_month_counts').select((eb) => eb.fn.min('month').as('month')).executeTakeFirst();
  return row?.month ?? undefined;
}
