// SQLite's one writing connection, on a thread of its own: the statements of every write and
// transaction, and each commit's disk flush (synchronous=FULL), run there while the event loop
// goes on serving requests. In the event loop they took about 60% of a case create's time.
import { Worker } from 'node:worker_threads';
import type { QueryResult } from 'kysely';

// Statements kept prepared per connection (Kysely's text is the key; most of ours repeat).
export const PREPARED_CACHE_SIZE = 1000;

// Plain JS: the thread runs without the TypeScript loader. A message is a list of statements run
// in order: it stops at the first error, or at a `required` write that touched no row. Errors go
// back with what the services look at (better-sqlite3's `code`, e.g. SQLITE_CONSTRAINT_UNIQUE).
// An `unflushed` list (a write that needs no disk flush of its own) does not wait for the writer's
// turn: it runs at once when no transaction is open, else right after a job of a shared commit
// ends (its savepoint released), where no job can undo it; should the whole commit fail, it runs
// again alone (a case number handed out must stay taken).
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const synchronous = db.pragma('synchronous', { simple: true });
const cache = new Map();
const prepare = (source) => {
  let stmt = cache.get(source);
  if (!stmt) {
    stmt = db.prepare(source);
    if (cache.size >= workerData.cacheSize) cache.delete(cache.keys().next().value);
    cache.set(source, stmt);
  }
  return stmt;
};
const SAVEPOINT = /^\\s*savepoint\\b/i;
const RELEASE = /^\\s*release\\b/i;
const COMMIT = /^\\s*(commit|end)\\b/i;
let savepoints = 0;
const riders = [];
// Riders run inside the open transaction: taken back if it is rolled back.
let ridden = [];
const errorOf = (err) => ({ message: String(err && err.message), code: err && err.code });
const runList = (m) => {
  const results = [];
  for (const s of m.statements) {
    const stmt = prepare(s.sql);
    if (stmt.reader) {
      results.push({ rows: stmt.all(s.parameters) });
      continue;
    }
    const { changes, lastInsertRowid } = stmt.run(s.parameters);
    results.push({ changes, lastInsertRowid });
    if (SAVEPOINT.test(s.sql)) savepoints += 1;
    else if (RELEASE.test(s.sql) && --savepoints === 0 && riders.length) runRiders();
    else if (COMMIT.test(s.sql) && !db.inTransaction) ridden = [];
    if (s.required && changes === 0) return { id: m.id, results, stoppedAt: results.length - 1 };
  }
  return { id: m.id, results };
};
const runRiders = () => {
  // Alone, each is a commit of its own: one that waits for no disk flush (NORMAL, not OFF: a
  // checkpoint it runs still syncs, so earlier data stays safe).
  const alone = !db.inTransaction;
  if (alone) db.pragma('synchronous = NORMAL');
  try {
    while (riders.length) {
      const m = riders.shift();
      let reply;
      try {
        reply = runList(m);
      } catch (err) {
        reply = { id: m.id, error: errorOf(err) };
      }
      // One run again after a rollback has had its answer.
      if (!m.answered) parentPort.postMessage(reply);
      m.answered = true;
      if (!alone) ridden.push(m);
    }
  } finally {
    if (alone) db.pragma('synchronous = ' + synchronous);
  }
};
parentPort.on('message', (m) => {
  if (m.close) {
    db.close();
    parentPort.close();
    return;
  }
  if (m.unflushed) {
    riders.push(m);
    if (!db.inTransaction) runRiders();
    return;
  }
  let reply;
  try {
    reply = runList(m);
  } catch (err) {
    // The sender has moved on: what it sends next must not land in this transaction.
    if (m.endsTransaction && db.inTransaction) {
      try {
        db.exec('rollback');
      } catch {}
    }
    reply = { id: m.id, error: errorOf(err) };
  }
  if (!db.inTransaction) {
    savepoints = 0;
    // Those a rollback took with it run again, before the sender hears of the rollback.
    if (ridden.length) {
      riders.unshift(...ridden);
      ridden = [];
      runRiders();
    }
  }
  parentPort.postMessage(reply);
  if (!db.inTransaction && riders.length) runRiders();
});
`;

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
  // A write that must touch a row: the list stops after it when it touches none.
  required?: boolean;
}

// Each statement's result, as far as the list ran; `stoppedAt`: the required write that touched nothing.
export interface StatementsResult {
  results: QueryResult<unknown>[];
  stoppedAt?: number;
}

type Outcome = { rows: unknown[] } | { changes: number; lastInsertRowid: number | bigint };

interface Reply {
  id: number;
  results?: Outcome[];
  stoppedAt?: number;
  error?: { message: string; code?: string };
}

interface Pending {
  resolve: (result: StatementsResult) => void;
  reject: (err: Error) => void;
}

export class SqliteWriter {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #exited: Promise<void>;
  #next = 0;
  #stopped: Error | undefined;

  // `file` may be ':memory:': the database then lives in the thread alone.
  constructor(file: string, pragmas: string[]) {
    this.#worker = new Worker(THREAD, { eval: true, workerData: { file, module: require.resolve('better-sqlite3'), pragmas, cacheSize: PREPARED_CACHE_SIZE } });
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    // A thread that cannot open the file, or dies, fails what waits on it and everything after.
    this.#worker.on('error', (err) => this.#stop(err));
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
    void this.#exited.then(() => this.#stop(new Error('SQLite writer thread exited')));
    // Held only while statements are out, so a script that forgot to close still exits.
    this.#worker.unref();
  }

  // Sent at once (before this returns), so statements go to the thread in the order of the calls.
  // `endsTransaction`: on a failure the thread rolls the transaction back itself. `unflushed`: see
  // THREAD; the caller must not hold the writer's turn for it.
  run(statements: readonly Statement[], { endsTransaction = false, unflushed = false } = {}): Promise<StatementsResult> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#next++;
    if (!this.#pending.size) this.#worker.ref();
    return new Promise<StatementsResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, statements, endsTransaction, unflushed });
    });
  }

  // Statements whose outcome nobody waits for (settings); they run before anything sent after.
  send(statements: readonly Statement[]): void {
    if (!this.#stopped) this.#worker.postMessage({ id: -1, statements });
  }

  // Resolves once the thread's connection is closed: the caller's own, closed after, is the last.
  async close(): Promise<void> {
    if (!this.#stopped) {
      this.#worker.ref();
      this.#worker.postMessage({ close: true });
    }
    await this.#exited;
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (!this.#pending.size) this.#worker.unref();
    if (reply.error) return pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    const results = (reply.results ?? []).map((r): QueryResult<unknown> =>
      'rows' in r ? { rows: r.rows } : { rows: [], numAffectedRows: BigInt(r.changes), insertId: BigInt(r.lastInsertRowid) },
    );
    pending.resolve({ results, stoppedAt: reply.stoppedAt });
  }

  #stop(err: Error): void {
    this.#stopped ??= err;
    for (const pending of this.#pending.values()) pending.reject(err);
    this.#pending.clear();
  }
}
