// Kysely on two SQLite connections to one file: plain reads outside a transaction run here, at
// once, on this thread's connection; everything else (writes, pragmas, transactions) goes to the
// writer thread (db/sqlite-writer.ts), one holder at a time. In WAL mode a read never waits for
// the writer and sees every commit made before it starts, as a read outside a transaction does on
// PostgreSQL. An in-memory database has no reader here: all of it goes to the writer.
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Db } from './database';
import type { SqliteWriter, Statement, StatementsResult } from './sqlite-writer';

export function splitSqliteDialect(reader: SQLite.Database | undefined, writer: SqliteWriter, onDestroy: () => Promise<void>): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new SplitDriver(reader, writer, onDestroy),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

// First come, first served: a transaction waiting for the writer is not overtaken.
class Mutex {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

class SplitDriver implements Driver {
  readonly #writerTurn = new Mutex();

  constructor(
    private readonly reader: SQLite.Database | undefined,
    private readonly writer: SqliteWriter,
    private readonly onDestroy: () => Promise<void>,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<Session> {
    return new Session(this.reader, this.writer, this.#writerTurn);
  }

  async beginTransaction(connection: Session): Promise<void> {
    await connection.holdWriter();
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  commitTransaction(connection: Session): Promise<void> {
    return connection.commit();
  }

  async rollbackTransaction(connection: Session): Promise<void> {
    await connection.rollback();
  }

  async releaseConnection(connection: Session): Promise<void> {
    connection.release();
  }

  async destroy(): Promise<void> {
    await this.onDestroy();
  }
}

// One acquisition: a query, a `db.connection()` block or a transaction. Once it has written it
// keeps the writer to its end, so the statements of a block run together, as on one connection.
// Statements nobody needs an answer from (begin, savepoints, settings) wait to go with the next
// one: a create's job in a shared commit is one trip to the writer thread, not a dozen.
class Session implements DatabaseConnection {
  #holdsWriter = false;
  #deferred: Statement[] = [];
  #committing = false;

  constructor(
    private readonly reader: SQLite.Database | undefined,
    private readonly writer: SqliteWriter,
    private readonly writerTurn: Mutex,
  ) {}

  async holdWriter(): Promise<void> {
    if (this.#holdsWriter) return;
    await this.writerTurn.lock();
    this.#holdsWriter = true;
  }

  release(): void {
    if (!this.#holdsWriter) return;
    if (this.#deferred.length) this.writer.send(this.#deferred.splice(0));
    this.#holdsWriter = false;
    this.writerTurn.unlock();
  }

  // The next holder of the writer goes on while this commit flushes: the thread runs what it sends
  // after the commit, and on a failed commit rolls back itself, before anything of the next.
  async commit(): Promise<void> {
    const committed = this.writer.run([...this.#deferred.splice(0), { sql: 'commit', parameters: [] }], { endsTransaction: true });
    this.#committing = true;
    this.release();
    await committed;
  }

  async rollback(): Promise<void> {
    // After a commit was sent the thread has rolled back itself; the writer may be someone else's.
    if (this.#committing) return;
    // What waits to go is undone with the rest; a transaction whose begin never went has nothing there.
    const unsent = this.#deferred.splice(0);
    if (unsent.some((s) => BEGIN.test(s.sql))) return;
    await this.writer.run([{ sql: 'rollback', parameters: [] }], { endsTransaction: true });
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    if (sql === UNFLUSHED) return { rows: [(await this.writer.run(parameters[0] as Statement[], { unflushed: true })) as R] };
    if (sql === STATEMENTS) {
      await this.holdWriter();
      return { rows: [(await this.#run(parameters[0] as Statement[])) as R] };
    }
    const stmt = this.#holdsWriter ? undefined : this.#readable(sql);
    if (stmt) return { rows: stmt.all(parameters) as R[] };
    await this.holdWriter();
    if (DEFERRABLE.test(sql)) {
      this.#deferred.push({ sql, parameters });
      return { rows: [] };
    }
    const { results } = await this.#run([{ sql, parameters }]);
    return results[0] as QueryResult<R>;
  }

  // A plain read this thread's connection can run. Pragmas go to the writer: its settings are the
  // ones that count; so does what this connection cannot prepare (the writer gives the error).
  #readable(sql: string): SQLite.Statement | undefined {
    if (!this.reader || PRAGMA.test(sql)) return undefined;
    try {
      const stmt = this.reader.prepare(sql);
      return stmt.reader && stmt.readonly ? stmt : undefined;
    } catch {
      return undefined;
    }
  }

  // An error in a deferred statement is this one's: the caller's transaction fails either way.
  async #run(statements: Statement[]): Promise<StatementsResult> {
    const before = this.#deferred.splice(0);
    const { results, stoppedAt } = await this.writer.run(before.length ? [...before, ...statements] : statements);
    if (!before.length) return { results, stoppedAt };
    return { results: results.slice(before.length), stoppedAt: stoppedAt === undefined ? undefined : stoppedAt - before.length };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on SQLite here');
  }
}

const PRAGMA = /^\s*pragma\b/i;
const BEGIN = /^\s*begin\b/i;
const DEFERRABLE = /^\s*((begin|savepoint|release)\b|pragma\s+\w+\s*=)/i;
// The texts of queries that carry a list of statements for the writer (see runStatements, runUnflushed).
const STATEMENTS = '-- mulin: statements';
const UNFLUSHED = '-- mulin: unflushed statements';

// Several statements in one trip to the writer thread, run in order within the caller's
// transaction (or alone); stops at a required write that touched no row.
export async function runStatements(db: Db, statements: { query: CompiledQuery; required?: boolean }[]): Promise<StatementsResult> {
  const list: Statement[] = statements.map(({ query, required }) => ({ sql: query.sql, parameters: query.parameters, required }));
  const { rows } = await db.executeQuery<StatementsResult>(CompiledQuery.raw(STATEMENTS, [list]));
  return rows[0];
}

// Writes that need no disk flush of their own (a count whose loss in a power cut does no harm, a
// number the write that uses it flushes) and reads beside them: they never wait for the writer's
// turn, and the writer thread runs them where no job of a shared commit can undo them (see
// sqlite-writer.ts).
export async function runUnflushed(db: Db, statements: { query: CompiledQuery }[]): Promise<StatementsResult> {
  const list: Statement[] = statements.map(({ query }) => ({ sql: query.sql, parameters: query.parameters }));
  const { rows } = await db.executeQuery<StatementsResult>(CompiledQuery.raw(UNFLUSHED, [list]));
  return rows[0];
}
