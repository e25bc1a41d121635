// Writes that need nothing back but how many rows each touched, in one round trip on PostgreSQL:
// each becomes a data-modifying WITH query of one statement. They see one snapshot, in no set
// order, so none may touch a row another touches; foreign keys are checked at the statement's
// end, so a row may refer to one inserted beside it. SQLite runs in this process: one by one.
import { CompiledQuery, PostgresAdapter, type Compilable, type RootOperationNode } from 'kysely';
import type { Db } from './database';

// A write that must touch a row (a place left in a slot, an Idempotency-Key not yet taken): when
// it touches none, `orElse` is thrown and, on PostgreSQL, the whole statement is undone. SQLite
// has written the ones before it: the caller's transaction (or savepoint) undoes them.
export interface RequiredWrite {
  write: Compilable;
  orElse: () => Error;
}

export type Write = Compilable | RequiredWrite;

const isRequired = (w: Write): w is RequiredWrite => 'orElse' in w;
// Text cast to integer at run time: the one way plain SQL has to abort its own statement.
const NOTHING_WRITTEN = 'mulin:nothing-written:';

export async function writeTogether(db: Db, writes: readonly Write[]): Promise<number[]> {
  const plain = writes.map((w) => (isRequired(w) ? w.write : w));
  if (!(db.getExecutor().adapter instanceof PostgresAdapter) || writes.length < 2) {
    const counts: number[] = [];
    for (const [i, write] of plain.entries()) {
      counts.push(Number((await db.executeQuery(write.compile())).numAffectedRows ?? 0));
      const w = writes[i];
      if (isRequired(w) && counts[i] === 0) throw w.orElse();
    }
    return counts;
  }
  const parameters: unknown[] = [];
  const parts = plain.map((write, i) => {
    const { sql, parameters: own, query } = write.compile();
    if (!isPlainWrite(query)) throw new Error('writeTogether takes inserts, updates and deletes without returning');
    // Kysely numbers each query's parameters from $1; in one statement they follow each other.
    const shifted = sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + parameters.length}`);
    parameters.push(...own);
    return `w${i} as (${shifted} returning 1)`;
  });
  const counts = plain.map((_, i) => `(select count(*) from w${i}) as n${i}`);
  // A CASE over the counts is not a constant, so the cast runs (and fails) only when one is zero.
  const checks = writes.flatMap((w, i) => (isRequired(w) ? [`when (select count(*) from w${i}) = 0 then '${NOTHING_WRITTEN}${i}'`] : []));
  if (checks.length) counts.push(`cast(case ${checks.join(' ')} end as integer) as guard`);
  try {
    const { rows } = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`with ${parts.join(', ')} select ${counts.join(', ')}`, parameters));
    return writes.map((_, i) => Number(rows[0][`n${i}`]));
  } catch (err) {
    const index = new RegExp(`${NOTHING_WRITTEN}(\\d+)`).exec((err as { message?: string }).message ?? '')?.[1];
    const w = index === undefined ? undefined : writes[Number(index)];
    throw w && isRequired(w) ? w.orElse() : err;
  }
}

function isPlainWrite(query: RootOperationNode): boolean {
  return (query.kind === 'InsertQueryNode' || query.kind === 'UpdateQueryNode' || query.kind === 'DeleteQueryNode') && !query.returning;
}
