// Kysely builds and compiles a query afresh on every call: immutable nodes, each frozen, then a
// walk over them to print the SQL. For the statements every case create sends that was about a
// fifth of the event loop's CPU per create. Here a query whose SQL is the same on every call
// (only its values change) is built by Kysely once per database kind, with stand-ins for the
// values, and each call only puts its values in. Built twice with different stand-ins, so a query
// whose SQL or constants depend on a value, or that passes on a value it made from one, is refused
// at its first use rather than answered wrongly.
import { CompiledQuery, createQueryId, type Compilable, type Insertable, type RootOperationNode } from 'kysely';
import { isPostgres, type Db } from './database';
import type { Database } from './schema';

// What a value may be: one parameter each (an array or object would change the SQL's shape).
export type Scalar = string | number | bigint | boolean | null | Date;

interface Plan {
  sql: string;
  query: RootOperationNode;
  // For each parameter: the index of its value in the caller's list, or a constant of the query's own.
  picks: ({ at: number } | { constant: unknown })[];
}

// One per query and database kind, and per table, columns and row count of inserts: a few dozen.
const MAX_PLANS = 1000;
const plans = new Map<string, Plan>();

// Stand-ins of two lengths, so a value made from one's length differs between the two builds.
const STAND_A = '\u0000mulin-a:';
const STAND_B = '\u0000mulin-bb:';

// `compileWith(value)` builds the query with value(i) for the i-th of the caller's values.
function planOf(key: string, compileWith: (value: (at: number) => string) => CompiledQuery): Plan {
  const known = plans.get(key);
  if (known) return known;
  const a = compileWith((at) => STAND_A + at);
  const b = compileWith((at) => STAND_B + at);
  if (a.sql !== b.sql || a.parameters.length !== b.parameters.length) throw new Error(`precompiled ${key}: its SQL depends on its values`);
  const picks = a.parameters.map((p, i) => {
    const q = b.parameters[i];
    if (typeof p === 'string' && p.startsWith(STAND_A) && q === STAND_B + p.slice(STAND_A.length)) return { at: Number(p.slice(STAND_A.length)) };
    if (p === q) return { constant: p };
    throw new Error(`precompiled ${key}: parameter ${i + 1} is made from a value; pass it in made`);
  });
  const plan = { sql: a.sql, query: a.query, picks };
  if (plans.size >= MAX_PLANS) plans.clear();
  plans.set(key, plan);
  return plan;
}

function compiledWith(key: string, plan: Plan, values: readonly unknown[]): CompiledQuery {
  for (const value of values) {
    if (value === undefined || (typeof value === 'object' && value !== null && !(value instanceof Date))) {
      throw new Error(`precompiled ${key}: a value that is not a single value`);
    }
  }
  return { sql: plan.sql, query: plan.query, parameters: plan.picks.map((p) => ('at' in p ? values[p.at] : p.constant)), queryId: createQueryId() };
}

let named = 0;

// A query whose SQL does not depend on its values: `build` must use each value only as a value
// (a parameter), never to choose what to build. The values' names are the first call's.
export function precompiled<V extends Record<string, Scalar>, R>(build: (db: Db, values: V) => Compilable<R>): (db: Db, values: V) => Compilable<R> {
  const id = `q${named++}`;
  let names: string[] | undefined;
  return (db, values) => ({
    compile() {
      const known = (names ??= Object.keys(values));
      const key = `${id}:${isPostgres(db) ? 'pg' : 'sqlite'}`;
      const plan = planOf(key, (value) => build(db, Object.fromEntries(known.map((name, i) => [name, value(i)])) as unknown as V).compile());
      return compiledWith(key, plan, known.map((name) => values[name]));
    },
  });
}

// Rows for one table, all with the columns of the first (a column left undefined is left out, as
// Kysely does), optionally skipping rows whose `conflict` columns are taken (ON CONFLICT DO
// NOTHING): one statement per table, column list and row count.
export function insertRows<T extends keyof Database & string>(db: Db, table: T, rows: readonly Insertable<Database[T]>[], conflict?: readonly string[]): Compilable {
  const values = rows as readonly Record<string, unknown>[];
  const columns = Object.keys(values[0]).filter((c) => values[0][c] !== undefined);
  return {
    compile() {
      const key = `insert:${isPostgres(db) ? 'pg' : 'sqlite'}:${table}:${columns.join(',')}:${rows.length}:${conflict?.join(',') ?? ''}`;
      const plan = planOf(key, (value) => {
        const standIns = values.map((_, i) => Object.fromEntries(columns.map((c, j) => [c, value(i * columns.length + j)])));
        // The table's row type is the caller's; stand-ins only fill its columns.
        const insert = db.insertInto(table).values(standIns as never);
        return (conflict ? insert.onConflict((oc) => oc.columns(conflict as never).doNothing()) : insert).compile();
      });
      const flat: unknown[] = [];
      for (const row of values) {
        let defined = 0;
        for (const c in row) if (row[c] !== undefined) defined += 1;
        // Each row has a value for every column, and no other (a column missing is undefined below).
        if (defined !== columns.length) throw new Error(`precompiled ${key}: rows with other columns`);
        for (const c of columns) flat.push(row[c]);
      }
      return compiledWith(key, plan, flat);
    },
  };
}
