// Writes that need nothing back but how many rows each touched, in one round trip on PostgreSQL:
// each becomes a data-modifying WITH query of one statement. They see one snapshot, in no set
// order, so none may touch a row another touches; foreign keys are checked at the statement's
// end, so a row may refer to one inserted beside it. SQLite runs in this process: one by one.
import { CompiledQuery, PostgresAdapter, type Compilable, type RootOperationNode } from 'kysely';
import type { Db } from './database';

export async function writeTogether(db: Db, writes: readonly Compilable[]): Promise<number[]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter) || writes.length < 2) {
    const counts: number[] = [];
    for (const write of writes) counts.push(Number((await db.executeQuery(write.compile())).numAffectedRows ?? 0));
    return counts;
  }
  const parameters: unknown[] = [];
  const parts = writes.map((write, i) => {
    const { sql, parameters: own, query } = write.compile();
    if (!isPlainWrite(query)) throw new Error('writeTogether takes inserts, updates and deletes without returning');
    // Kysely numbers each query's parameters from $1; in one statement they follow each other.
    const shifted = sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + parameters.length}`);
    parameters.push(...own);
    return `w${i} as (${shifted} returning 1)`;
  });
  const counts = writes.map((_, i) => `(select count(*) from w${i}) as n${i}`).join(', ');
  const { rows } = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`with ${parts.join(', ')} select ${counts}`, parameters));
  return writes.map((_, i) => Number(rows[0][`n${i}`]));
}

function isPlainWrite(query: RootOperationNode): boolean {
  return (query.kind === 'InsertQueryNode' || query.kind === 'UpdateQueryNode' || query.kind === 'DeleteQueryNode') && !query.returning;
}
