// Retry-safe creates (DESIGN.md §6): the client sends an Idempotency-Key, and a resend of the same
// request by the same user gets the first answer instead of making a second record. The key row is
// written with the create, in its transaction (on SQLite its own savepoint) or its one statement,
// so concurrent retries wait on its unique key and a failed create leaves no key behind (the
// retry simply tries again).
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isPostgres, type Db } from '../db/database';
import { insertRows } from '../db/precompiled';
import { inTransaction } from '../db/shared-commit';
import type { RequiredWrite } from '../db/write-together';
import { AppError } from './app-error';

// Visible ASCII: a UUID, a ULID or the client's own random string all fit.
const KEY_PATTERN = /^[\x21-\x7e]{8,64}$/;

export interface IdempotentResponse<T> {
  statusCode: number;
  body: T;
}

export interface IdempotentRequest {
  userId: string;
  key: string;
  // What makes two requests "the same": the route and its body.
  route: string;
  payload: unknown;
}

// The header's key; `required: false` lets creates that also work without one use it when sent.
export function idempotencyKey(request: FastifyRequest, options: { required: true }): string;
export function idempotencyKey(request: FastifyRequest, options: { required: false }): string | undefined;
export function idempotencyKey(request: FastifyRequest, { required }: { required: boolean }): string | undefined {
  const raw = request.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined && !required) return undefined;
  if (key === undefined || !KEY_PATTERN.test(key)) {
    throw new AppError(400, 'IDEMPOTENCY_KEY_REQUIRED', '提交缺少防重复标识，请刷新页面后重新提交');
  }
  return key;
}

// Runs `work` in a transaction guarded by the key: the first request does the work and stores its
// answer before committing; every later one with the same key returns that stored answer.
export async function runIdempotent<T>(
  db: Db,
  request: IdempotentRequest,
  work: (trx: Db) => Promise<IdempotentResponse<T>>,
): Promise<IdempotentResponse<T>> {
  const hash = requestHash(request.route, request.payload);
  return inTransaction(db, async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({ user_id: request.userId, key: request.key, request_hash: hash, status_code: 0, response: '', created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return (await storedAnswer<T>(trx, request, hash))!;
    const result = await work(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: result.statusCode, response: JSON.stringify(result.body) })
      .where('user_id', '=', request.userId)
      .where('key', '=', request.key)
      .execute();
    return result;
  });
}

// For a create that knows its whole answer before it writes: the key's row, answer included, is
// its last write, sent with the others (`keep` makes it). On PostgreSQL `work` runs outside a
// transaction, so its writes must be one writeTogether (one statement, undone whole when the key
// is taken); SQLite runs it in a shared transaction's savepoint. `prepare` runs before, outside
// any transaction: what it writes stays even if the create fails (a case number, as a sequence
// hands out), and on SQLite it keeps `work` to one trip to the writer. A create that fails while
// the key is taken (a resend of one that went through, or racing it) gets the stored answer.
export async function runAnswerWithWrites<T, P>(
  db: Db,
  request: IdempotentRequest,
  prepare: () => Promise<P>,
  work: (trx: Db, keep: (answer: IdempotentResponse<T>) => RequiredWrite, prepared: P) => Promise<IdempotentResponse<T>>,
): Promise<IdempotentResponse<T>> {
  const hash = requestHash(request.route, request.payload);
  const keep = (trx: Db) => (answer: IdempotentResponse<T>): RequiredWrite => ({
    write: insertRows(
      trx,
      'idempotency_keys',
      [{ user_id: request.userId, key: request.key, request_hash: hash, status_code: answer.statusCode, response: JSON.stringify(answer.body), created_at: new Date().toISOString() }],
      ['user_id', 'key'],
    ),
    orElse: () => new AppError(409, 'IDEMPOTENCY_KEY_BUSY', '上一次提交还在处理，请稍后刷新看看'),
  });
  try {
    const prepared = await prepare();
    if (isPostgres(db)) return await work(db, keep(db), prepared);
    return await inTransaction(db, (trx) => work(trx, keep(trx), prepared));
  } catch (err) {
    let stored: IdempotentResponse<T> | undefined;
    try {
      stored = await storedAnswer<T>(db, request, hash);
    } catch (lookup) {
      // A different request under the key is refused; a lookup that fails too (the database is
      // gone) leaves the first error to answer.
      if (lookup instanceof AppError) throw lookup;
    }
    if (stored) return stored;
    throw err;
  }
}

// The answer kept under this key, or undefined; a different request under the same key is refused.
async function storedAnswer<T>(db: Db, request: IdempotentRequest, hash: string): Promise<IdempotentResponse<T> | undefined> {
  const stored = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('user_id', '=', request.userId)
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (!stored) return undefined;
  if (stored.request_hash !== hash) {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', '这次提交和上次的内容不一样，请刷新页面后重新提交');
  }
  return { statusCode: stored.status_code, body: JSON.parse(stored.response) as T };
}

function requestHash(route: string, payload: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(payload)).digest('base64url');
}

// Key order must not make a resend look like a different request.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
