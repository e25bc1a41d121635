// Several queries in one round trip on PostgreSQL, each a part of one statement: writes that need
// nothing back but how many rows each touched (writeTogether), or a write that returns rows with
// a read beside it (writeAndRead). The parts see one snapshot, in no set order, so none may touch
// a row another touches or read what another writes; foreign keys are checked at the statement's
// end, so a row may refer to one inserted beside it. SQLite: one by one, in one trip to its writer.
import { CompiledQuery, type Compilable, type RootOperationNode } from 'kysely';
import { isPostgres, type Db } from './database';
import { runStatements, runUnflushed } from './sqlite-dialect';

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
  if (!isPostgres(db)) {
    const { results, stoppedAt } = await runStatements(db, writes.map((w, i) => ({ query: plain[i].compile(), required: isRequired(w) })));
    if (stoppedAt !== undefined) throw (writes[stoppedAt] as RequiredWrite).orElse();
    return results.map((r) => Number(r.numAffectedRows ?? 0));
  }
  if (writes.length < 2) {
    const counts: number[] = [];
    for (const [i, write] of plain.entries()) {
      counts.push(Number((await db.executeQuery(write.compile())).numAffectedRows ?? 0));
      const w = writes[i];
      if (isRequired(w) && counts[i] === 0) throw w.orElse();
    }
    return counts;
  }
  const compiled = plain.map((write) => write.compile());
  if (!compiled.every((c) => isPlainWrite(c.query))) throw new Error('writeTogether takes inserts, updates and deletes without returning');
  const { texts, parameters } = oneStatement(compiled);
  const parts = texts.map((text, i) => `w${i} as (${text} returning 1)`);
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

// Runs a read: alone, or sent along with a write of the caller's (see writeAndRead).
export type Read = <R>(query: Compilable<R>) => Promise<R[]>;
export const readAlone =
  (db: Db): Read =>
  async (query) =>
    (await db.executeQuery(query.compile())).rows;

// A Read for a callee that reads once: sends `write` with that read; `written()` answers after.
export function readingAlong<W>(db: Db, write: Compilable<W>, options?: { unflushed: boolean }): { read: Read; written(): W[] } {
  let written: W[] | undefined;
  return {
    read: async (query) => {
      const both = await writeAndRead(db, write, query, options);
      written = both.written;
      return both.rows;
    },
    written: () => {
      if (!written) throw new Error('readingAlong: the read has not run');
      return written;
    },
  };
}

// A write with `returning` and a read that does not depend on it: what the write returned and
// the read's rows, in the read's order. On PostgreSQL the read sees the database as it was
// before the write; on SQLite (one after the other) it would see the write, hence the rule.
// `unflushed` (SQLite): the two do not wait for the writer's turn (runUnflushed); on PostgreSQL
// the write's own text says so (db/unflushed.ts).
export async function writeAndRead<W, R>(db: Db, write: Compilable<W>, read: Compilable<R>, { unflushed = false } = {}): Promise<{ written: W[]; rows: R[] }> {
  if (!isPostgres(db)) {
    const { results } = await (unflushed ? runUnflushed : runStatements)(db, [{ query: write.compile() }, { query: read.compile() }]);
    return { written: results[0].rows as W[], rows: results[1].rows as R[] };
  }
  const { texts: [w, r], parameters } = oneStatement([write.compile(), read.compile()]);
  // The read is joined to one row beside the write's answer, so a read of no rows still answers it.
  const text =
    `with w as (${w}) select (select json_agg(w) from w) as mulin_written, r.* from (select 1) as one ` +
    `left join lateral (select true as mulin_found, row_number() over () as mulin_order, q.* from (${r}) as q) as r on true order by r.mulin_order`;
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, parameters));
  const written = (rows[0]?.mulin_written ?? []) as W[];
  return {
    written,
    rows: rows.filter((row) => row.mulin_found).map(({ mulin_written: _w, mulin_found: _f, mulin_order: _o, ...row }) => row as R),
  };
}

// Kysely numbers each query's parameters from $1; in one statement they follow each other.
function oneStatement(compiled: readonly CompiledQuery[]): { texts: string[]; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const texts = compiled.map(({ sql, parameters: own }) => {
    const shifted = shiftedText(sql, parameters.length);
    parameters.push(...own);
    return shifted;
  });
  return { texts, parameters };
}

// The same few texts come at the same offsets request after request; renumbering a long one
// with a regex cost more than looking it up (as many as prepared-client.ts names).
const shiftedTexts = new Map<string, string>();
function shiftedText(text: string, by: number): string {
  if (by === 0) return text;
  const key = `${by}:${text}`;
  let shifted = shiftedTexts.get(key);
  if (shifted === undefined) {
    shifted = text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
    if (shiftedTexts.size >= 1000) shiftedTexts.clear();
    shiftedTexts.set(key, shifted);
  }
  return shifted;
}

function isPlainWrite(query: RootOperationNode): boolean {
  return (query.kind === 'InsertQueryNode' || query.kind === 'UpdateQueryNode' || query.kind === 'DeleteQueryNode') && !query.returning;
}
