// PostgreSQL parses and plans every unnamed statement afresh, which cost more than running most
// of ours (a case create: 4.0 ms of database CPU unnamed, 1.9 ms named). This client names each
// parameterised statement by its text, so each connection prepares it once and then only binds
// and executes it; the SQLite side does the same with its statement cache (database.ts).
import { createHash } from 'node:crypto';
import { Client } from 'pg';

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
    if (typeof text !== 'string' || !Array.isArray(values) || !values.length || callback !== undefined) return super.query(...(args as [string]));
    const name = statementName(text);
    if (this.#stale.has(name) || (!this.#prepared.has(name) && this.#prepared.size >= MAX_PREPARED)) return super.query(text, values);
    this.#prepared.add(name);
    return super.query({ name, text, values }).catch((err: { code?: string; message?: string }) => {
      if (err?.code !== '0A000' || !err.message?.includes(RESULT_TYPE_CHANGED)) throw err;
      this.#stale.add(name);
      // Outside a transaction nothing was aborted, so the statement can simply run again unnamed.
      if (this.getTransactionStatus() === 'I') return super.query(text, values);
      throw err;
    });
  }
}
