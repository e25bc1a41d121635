// Delivers the WeChat outbox: every due message, once, through the WeChat adapter. Any number of
// server processes may run a worker on one database: a message is sent only by the process whose
// conditional update claimed it, and a claim left by a crashed process lapses after the lease.
import type { Db } from '../../db/database';
import type { OutboxTable } from '../../db/schema';
import { isTransientWechatError, type WechatClient } from '../../platform/wechat/client';
import { AppError } from '../../http/app-error';
import { isTemplateName, templateId, type TemplateIds, type WechatData } from '../notifications/templates';

export interface OutboxLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxWorkerOptions {
  db: Db;
  wechat: WechatClient;
  log: OutboxLogger;
  templates: TemplateIds;
  // Pause between passes when there is nothing left to do; the first pass comes after one pause.
  intervalMs?: number;
  batchSize?: number;
  // Must exceed the longest send (the adapter's timeouts and retries): then no one else sends it.
  leaseMs?: number;
  // Tests move time forward to see backoff run out.
  now?: () => Date;
  // Housekeeping the worker's timer also runs, at most once an hour (unclaimed uploads).
  sweep?: () => Promise<unknown>;
}

export interface OutboxWorker {
  // One pass over the due messages; resolves with how many this worker claimed.
  runOnce(): Promise<number>;
  // Stops the timer and waits for the message being sent, so shutdown loses no outcome.
  stop(): Promise<void>;
}

export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 3600_000;
const SWEEP_EVERY_MS = 3600_000;

type Outcome = { status: 'sent' } | { status: 'pending' | 'skipped' | 'failed'; error: string };

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, wechat, log, templates } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<number> = Promise.resolve(0);
  let lastSweep = 0;
  let ticking: Promise<void> = Promise.resolve();

  async function pass(): Promise<number> {
    const at = now().toISOString();
    const due = await db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batchSize)
      .execute();
    let claimed = 0;
    // Claimed one at a time, just before sending: a crash strands at most the one being sent.
    for (const { id } of due) {
      if (stopping) break;
      const lease = await claim(id);
      if (!lease) continue;
      claimed++;
      await deliver(id, lease);
    }
    return claimed;
  }

  async function claim(id: string): Promise<string | undefined> {
    const at = now();
    const lockedUntil = new Date(at.getTime() + leaseMs).toISOString();
    const result = await db
      .updateTable('outbox')
      .set((eb) => ({ locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at.toISOString())
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at.toISOString())]))
      .executeTakeFirst();
    // The lease end is also this claim's token: only its holder may record the outcome.
    return Number(result.numUpdatedRows) === 1 ? lockedUntil : undefined;
  }

  async function deliver(id: string, lease: string): Promise<void> {
    const row = await db
      .selectFrom('outbox')
      .leftJoin('users', 'users.id', 'outbox.user_id')
      .select(['outbox.template', 'outbox.page', 'outbox.data', 'outbox.attempts', 'outbox.event_key', 'users.openid', 'users.deleted_at'])
      .where('outbox.id', '=', id)
      .executeTakeFirstOrThrow();
    const outcome = await send(row);
    const at = now();
    const update: Partial<OutboxTable> =
      outcome.status === 'sent'
        ? { status: 'sent', sent_at: at.toISOString(), locked_until: null, last_error: null }
        : outcome.status === 'pending'
          ? { status: 'pending', next_attempt_at: new Date(at.getTime() + backoffMs(row.attempts)).toISOString(), locked_until: null, last_error: outcome.error }
          : { status: outcome.status, locked_until: null, last_error: outcome.error };
    const result = await db.updateTable('outbox').set(update).where('id', '=', id).where('locked_until', '=', lease).executeTakeFirst();
    const entry = { outboxId: id, eventKey: row.event_key, attempts: row.attempts, status: outcome.status };
    if (Number(result.numUpdatedRows) !== 1) log.error(entry, 'outbox: lease ran out before the outcome was recorded');
    else if (outcome.status === 'sent') log.info(entry, 'outbox: message sent');
    else log.warn({ ...entry, error: outcome.error }, 'outbox: message not sent');
  }

  async function send(row: { template: string; page: string | null; data: string; attempts: number; openid: string | null; deleted_at: string | null }): Promise<Outcome> {
    // Dev sign-ins have made-up openids that WeChat does not know.
    if (!row.openid || row.deleted_at || row.openid.startsWith('dev:')) return { status: 'skipped', error: 'no WeChat openid' };
    if (!isTemplateName(row.template)) return { status: 'failed', error: `unknown template ${row.template}` };
    const id = templateId(templates, row.template);
    if (!id) return { status: 'failed', error: `no template id configured for ${row.template}` };
    try {
      await wechat.sendSubscribeMessage({
        toUser: row.openid,
        templateId: id,
        page: row.page ?? undefined,
        data: JSON.parse(row.data) as WechatData,
      });
      return { status: 'sent' };
    } catch (err) {
      const error = err instanceof AppError ? err.code : err instanceof Error ? err.message : String(err);
      if (err instanceof AppError && err.code === 'WECHAT_NOT_SUBSCRIBED') return { status: 'skipped', error };
      if (isTransientWechatError(err) && row.attempts < MAX_ATTEMPTS) return { status: 'pending', error };
      return { status: 'failed', error };
    }
  }

  // Passes never overlap within one worker; a failing pass is logged and the next one tries again.
  function runOnce(): Promise<number> {
    inFlight = inFlight.catch(() => 0).then(pass);
    return inFlight;
  }

  async function sweepIfDue(): Promise<void> {
    if (!options.sweep || stopping || Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    await options.sweep();
  }

  async function tick(): Promise<void> {
    let next = intervalMs;
    try {
      // A full batch means more may be waiting: go on at once.
      if ((await runOnce()) >= batchSize) next = 0;
      await sweepIfDue();
    } catch (err) {
      log.error({ err }, 'outbox: pass failed');
    }
    schedule(next);
  }

  function schedule(delay: number): void {
    if (stopping) return;
    timer = setTimeout(() => {
      ticking = tick();
    }, delay);
    timer.unref();
  }
  schedule(intervalMs);

  return {
    runOnce,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await ticking;
      await inFlight.catch(() => undefined);
    },
  };
}

// 5 s × 2^attempts, at most an hour.
export function backoffMs(attempts: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** attempts, MAX_BACKOFF_MS);
}
