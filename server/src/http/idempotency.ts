// Retry-safe creates (DESIGN.md §6): the client sends an Idempotency-Key, and a resend of the same
// request by the same user gets the first answer instead of making a second record. The key row is
// written first inside the create's own transaction (on SQLite its own savepoint), so concurrent
// retries wait on its unique key and a failed create leaves no key behind (the retry simply tries
// again).
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { inTransaction } from '../db/shared-commit';
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
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
      const stored = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response'])
        .where('user_id', '=', request.userId)
        .where('key', '=', request.key)
        .executeTakeFirstOrThrow();
      if (stored.request_hash !== hash) {
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', '这次提交和上次的内容不一样，请刷新页面后重新提交');
      }
      return { statusCode: stored.status_code, body: JSON.parse(stored.response) as T };
    }
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
