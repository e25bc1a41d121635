// PostgreSQL parses and plans every unnamed statement afresh, which cost more than running most
// of ours (a case create: 4.0 ms of database CPU unnamed, 1.9 ms named). This client names each
// parameterised statement by its text, so each connection prepares it once and then only binds
// and executes it; the SQLite side does the same with its statement cache (database.ts).
import { createHash } from 'node:crypto';
import { Client, type QueryConfig, type QueryResult } from 'pg';

// Per connection: enough for every statement the app issues; texts past it run unnamed.
const MAX_PREPARED = 1000;

// SQLSTATE 0A000: a prepared `select *` whose table gained or lost a column under it (another
// process ran a migration). Postgres re-plans other changes by itself.
const RESULT_TYPE_CHANGED = 'cached plan must not change result type';

// Names by text, remembered: hashing every statement's text again would cost more than the lookup.
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `m_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= MAX_PREPARED) names.clear();
    names.set(text, name);
  }
  return name;
}

export class PreparedClient extends Client {
  readonly #prepared = new Set<string>();
  // Statements this connection must no longer use by name (their result type changed).
  readonly #stale = new Set<string>();

  // Kysely calls query(text, values); every other form passes through unchanged.
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || callback !== undefined) return super.query(...(args as [string]));
    if (!values.length) return this.#send({ text, values });
    const name = statementName(text);
    if (this.#stale.has(name) || (!this.#prepared.has(name) && this.#prepared.size >= MAX_PREPARED)) return this.#send({ text, values });
    this.#prepared.add(name);
    return this.#send({ name, text, values }).catch((err: { code?: string; message?: string }) => {
      if (err?.code !== '0A000' || !err.message?.includes(RESULT_TYPE_CHANGED)) throw err;
      this.#stale.add(name);
      // Outside a transaction nothing was aborted, so the statement can simply run again unnamed.
      if (this.getTransactionStatus() === 'I') return this.#send({ text, values });
      throw err;
    });
  }

  // pg's own promise form (query without a callback) left about half a kilobyte a query alive
  // long enough to reach V8's old generation (1 MB/s at 2,000 queries/s, so a full collection
  // every few minutes under load); its callback form, wrapped here, leaves none.
  #send(config: QueryConfig): Promise<QueryResult> {
    return new Promise((resolve, reject) => super.query(config, (err: Error, result: QueryResult) => (err ? reject(err) : resolve(result))));
  }
}
