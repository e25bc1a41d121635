// What keeps one process standing under bad input and too much load: body size and time limits,
// write rate limits shared by every process (database or Redis), load shedding with 503 +
// Retry-After, and a plain answer instead of half-finished work while shutting down.
import fastifyUnderPressure from '@fastify/under-pressure';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { sql, type Compilable } from 'kysely';
import type { Config, DatabaseConfig } from '../config';
import { isPostgres, type Db } from '../db/database';
import { UNFLUSHED } from '../db/unflushed';
import { runUnflushed } from '../db/sqlite-dialect';
import { readAlone, writeAndRead } from '../db/write-together';
import { AppError } from './app-error';
import type { ErrorBody } from './error-handler';

// JSON bodies; attachments have their own 5 MB limit in the multipart parser.
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
// A 5 MB photo over village 3G (about 50 KB/s) still fits; a stalled client does not hold a socket.
export const REQUEST_TIMEOUT_MS = 120_000;
export const CONNECTION_TIMEOUT_MS = 130_000;
const RETRY_AFTER_SECONDS = 10;
const PRESSURE_SAMPLE_MS = 1000;
// Writes are counted per clock minute (the window's number is the minute since the epoch).
export const WINDOW_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// URLs the router refuses before any hook runs (bad percent-encoding, an over-long path segment).
const URL_ERRORS: Record<string, ErrorBody['error']> = {
  FST_ERR_BAD_URL: { code: 'BAD_URL', message: '网址有误，请返回首页重试' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URL_TOO_LONG', message: '网址太长了，请返回首页重试' },
};

// Options for the Fastify constructor.
export const serverLimits: Pick<
  FastifyServerOptions,
  'bodyLimit' | 'connectionTimeout' | 'requestTimeout' | 'return503OnClosing' | 'frameworkErrors'
> = {
  bodyLimit: JSON_BODY_LIMIT_BYTES,
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  // Fastify's own closing answer is not in our error format; the hook below answers instead.
  return503OnClosing: false,
  // Without this the router answers in Fastify's format, not `{error:{code, message}}`.
  frameworkErrors: answerBadUrl,
};

function answerBadUrl(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = URL_ERRORS[error.code];
  if (!known) throw error;
  request.log.info({ url: request.url, code: error.code }, 'bad url');
  reply.code(error.statusCode ?? 400).send({ error: known } satisfies ErrorBody);
}

// Counts hits per key in the current fixed window and returns each key's count.
export interface WindowCounter {
  hit(keys: string[], window: number): Promise<number[]>;
  // The same with a read that does not depend on it, in one round trip (PostgreSQL's counts).
  hitWithRead?<R>(keys: string[], window: number, read: Compilable<R>): Promise<{ counts: number[]; rows: R[] }>;
  close(): Promise<void>;
}

// A write request's counts in its window, made before the limits' own hook when the access hook
// could count it along with the user's lookup.
interface WriteCount {
  at: number;
  window: number;
  counts: number[];
}

declare module 'fastify' {
  interface FastifyRequest {
    writeCount: WriteCount | null;
  }
}

export function databaseCounter(db: Db): WindowCounter {
  let lastSweep = -1;
  // A count lost in a power cut does no harm, so it is not worth a disk flush of its own: every
  // write would otherwise pay two (this and its own), and on PostgreSQL one address's row would
  // stay locked through each flush.
  const postgres = isPostgres(db);
  type Hit = { key: string; count: number };
  const pgHit = (keys: string[], window: number): Compilable<Hit> => {
    const query = sql<Hit>`
        insert into rate_limits (key, window_start, count)
        select k, ${window}, 1 from unnest(${keys}::text[]) as k
        where ${UNFLUSHED}
        on conflict (key, window_start) do update set count = rate_limits.count + 1
        returning key, count`;
    return { compile: () => query.compile(db) };
  };
  const hitUnflushed = async (keys: string[], window: number): Promise<Hit[]> => {
    if (postgres) return (await db.executeQuery(pgHit(keys, window).compile())).rows;
    // SQLite: not in the writer's turn, which would hold it up behind every create queued there.
    const hit = db
      .insertInto('rate_limits')
      .values(keys.map((key) => ({ key, window_start: window, count: 1 })))
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
      .returning(['key', 'count']);
    return (await runUnflushed(db, [{ query: hit.compile() }])).results[0].rows as Hit[];
  };
  // Once per window per process is enough to keep the table at about one window of rows.
  const sweep = async (window: number) => {
    if (lastSweep === window) return;
    lastSweep = window;
    await db.deleteFrom('rate_limits').where('window_start', '<', window - 1).execute();
  };
  const countsOf = (keys: string[], rows: Hit[]) => keys.map((key) => Number(rows.find((r) => r.key === key)?.count ?? 0));
  return {
    async hit(keys, window) {
      const rows = await hitUnflushed(keys, window);
      await sweep(window);
      return countsOf(keys, rows);
    },
    ...(postgres && {
      async hitWithRead<R>(keys: string[], window: number, read: Compilable<R>) {
        const { written, rows } = await writeAndRead(db, pgHit(keys, window), read);
        await sweep(window);
        return { counts: countsOf(keys, written), rows };
      },
    }),
    async close() {},
  };
}

export function redisCounter(url: string, namespace: string): WindowCounter {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  return {
    async hit(keys, window) {
      const multi = redis.multi();
      for (const key of keys) {
        const name = `mulin:${namespace}:rl:${key}:${window}`;
        multi.incr(name).pexpire(name, 2 * WINDOW_MS);
      }
      const results = (await multi.exec()) ?? [];
      return keys.map((_, i) => {
        const [err, count] = results[i * 2] ?? [];
        if (err) throw err;
        return Number(count);
      });
    },
    async close() {
      await redis.quit();
    },
  };
}

// Deployments sharing one Redis keep their counters apart.
function namespaceOf(database: DatabaseConfig): string {
  if (database.dialect === 'sqlite') return `sqlite:${database.file}`;
  const url = new URL(database.url);
  // A Unix socket's directory (`?host=`) names the server as a hostname would.
  return `pg:${url.searchParams.get('host') ?? url.host}${url.pathname}:${database.schema}`;
}

// Where write counts are kept: Redis when configured (shared by every process), else the database.
export function writeCounter(config: Config, db: Db): WindowCounter {
  return config.redisUrl ? redisCounter(config.redisUrl, namespaceOf(config.database)) : databaseCounter(db);
}

const isCountedWrite = (request: FastifyRequest) => WRITE_METHODS.has(request.method) && request.url.startsWith('/api/');
const writeKeys = (request: FastifyRequest, userId: string | undefined) => [`ip:${request.ip}`, ...(userId ? [`user:${userId}`] : [])];

// For the access hook: runs the signed-in user's lookup and, on a write the limits count, counts
// the write in the same round trip when the counter can (one round trip fewer per write on
// PostgreSQL); the limits' hook then only checks the counts.
export async function readCountingWrite<R>(db: Db, request: FastifyRequest, counter: WindowCounter, userId: string, read: Compilable<R>): Promise<R[]> {
  if (!counter.hitWithRead || !isCountedWrite(request)) return readAlone(db)(read);
  const at = Date.now();
  const window = Math.floor(at / WINDOW_MS);
  const { counts, rows } = await counter.hitWithRead(writeKeys(request, userId), window, read);
  request.writeCount = { at, window, counts };
  return rows;
}

export const limits = fp<{ config: Config; counter: WindowCounter }>(async (app: FastifyInstance, { config, counter }) => {
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  // Requests arriving on kept-alive connections while in-flight ones finish.
  app.addHook('onRequest', async (_request, reply) => {
    if (!shuttingDown) return;
    reply.header('connection', 'close').header('retry-after', String(RETRY_AFTER_SECONDS));
    throw new AppError(503, 'SHUTTING_DOWN', '服务器正在重启，请稍后再试');
  });

  // PostgreSQL cannot store U+0000 in text, so it would fail as a 500 deep in a query; no
  // legitimate input contains it on either database.
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      throw new AppError(400, 'INVALID_CHARACTER', '内容里有无法识别的字符，请删掉后重试');
    }
    // Schema coercion turns '1e309' into Infinity, which passes an integer check and then
    // breaks the SQL: refuse it here, once, for every query parameter.
    if (Object.values((request.query ?? {}) as Record<string, unknown>).some(isInfinite)) {
      throw new AppError(400, 'NUMBER_OUT_OF_RANGE', '数字太大了，请检查后重试');
    }
  });

  const { maxEventLoopDelayMs, maxEventLoopUtilization, maxHeapUsedBytes } = config.loadShedding;
  // The first samples measure start-up (schema compilation, seeding), not load: ignore them.
  let sheddingFrom = Infinity;
  app.addHook('onReady', async () => {
    sheddingFrom = Date.now() + 2 * PRESSURE_SAMPLE_MS;
  });
  await app.register(fastifyUnderPressure, {
    sampleInterval: PRESSURE_SAMPLE_MS,
    maxEventLoopDelay: maxEventLoopDelayMs,
    maxEventLoopUtilization,
    maxHeapUsedBytes,
    retryAfter: RETRY_AFTER_SECONDS,
    pressureHandler: (request: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      if (Date.now() < sheddingFrom) return;
      request.log.warn({ type, value }, 'shedding load');
      const body: ErrorBody = { error: { code: 'SERVER_BUSY', message: '现在办事的人太多了，请稍等一会儿再试' } };
      // Fastify stops the request here because the reply has been sent.
      reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(body);
    },
  });

  app.decorateRequest('writeCount', null);
  app.addHook('onClose', async () => counter.close());
  const { perUser, perAddress } = config.writeRateLimit;
  // After the access check, so a signed-in caller is counted as a person as well as an address.
  app.addHook('preHandler', async (request, reply) => {
    if (!isCountedWrite(request)) return;
    let count = request.writeCount;
    if (!count) {
      const at = Date.now();
      const window = Math.floor(at / WINDOW_MS);
      count = { at, window, counts: await counter.hit(writeKeys(request, request.currentUser?.id), window) };
    }
    const [byAddress, byUser] = count.counts;
    if (byAddress > perAddress || (byUser ?? 0) > perUser) {
      reply.header('retry-after', String(Math.ceil(((count.window + 1) * WINDOW_MS - count.at) / 1000)));
      throw new AppError(429, 'RATE_LIMITED', '操作太频繁了，请过一分钟再试');
    }
  });
});

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  return Object.entries(value as Record<string, unknown>).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

function isInfinite(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isInfinite);
  if (typeof value !== 'string' || value.trim() === '') return false;
  const n = Number(value);
  return !Number.isNaN(n) && !Number.isFinite(n);
}
