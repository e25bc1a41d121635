// The outbox worker against the fake WeChat over real HTTP: every due message delivered once,
// failures retried with backoff, refusals and people without WeChat skipped, several workers safe.
import { randomBytes, randomUUID } from 'node:crypto';
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { notify } from '../../server/src/modules/notifications/notify';
import { backoffMs, MAX_ATTEMPTS, startOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../../server/src/modules/outbox/worker';
import { createWechatClient } from '../../server/src/platform/wechat/client';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

jest.setTimeout(30_000);

const TEMPLATES = { caseStatus: 'tmpl-case-status', caseMessage: 'tmpl-case-message', rectification: 'tmpl-rectification' };
const silent = { info() {}, warn() {}, error() {} };

describe.each(testDatabases())('the outbox worker on $dialect', (testDb) => {
  let h: Harness;
  let db: Db;
  const workers: OutboxWorker[] = [];
  let seq = 0;

  beforeAll(async () => {
    h = await startHarness(testDb);
    db = createDatabase(h.config.database);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    // Each test starts with an empty queue.
    await db.deleteFrom('outbox').execute();
  });
  afterAll(async () => {
    await db?.destroy();
    await h?.close();
  });

  // A worker whose timer never fires during a test: the test drives runOnce(). The adapter's
  // timeout is generous: on a loaded machine a timed-out send that WeChat did receive is retried,
  // which is the adapter's at-least-once edge, not what these tests are about.
  const worker = (options: Partial<OutboxWorkerOptions> = {}) => {
    const w = startOutboxWorker({
      db,
      wechat: createWechatClient({ appId: 'wxtest0000000000', secret: 'test-secret', baseUrl: h.wechat.url, timeoutMs: 10_000 }),
      log: silent,
      templates: TEMPLATES,
      intervalMs: 3600_000,
      ...options,
    });
    workers.push(w);
    return w;
  };
  const person = async (openid: string | null = `o${randomBytes(14).toString('hex')}`) => {
    const id = randomUUID();
    const at = new Date().toISOString();
    await db
      .insertInto('users')
      .values({ id, openid, unionid: null, name: '村民', phone: null, village_code: DEMO_VILLAGES[0], role: 'resident', scope_code: null, privacy_version: null, privacy_agreed_at: null, created_at: at, updated_at: at, deleted_at: null })
      .execute();
    return { id, openid };
  };
  const queue = async (userId: string) => {
    const number = `YC-20261128-${String(++seq).padStart(4, '0')}`;
    const eventKey = `outbox-test:${seq}`;
    await notify(db, {
      userId,
      kind: 'case_status',
      title: '办件已受理',
      body: `${number} 已受理`,
      eventKey,
      wechat: { template: 'case_status', page: 'cases/detail/index', data: { number, service: '城乡低保', status: '已受理' } },
    });
    return { eventKey, number };
  };
  const row = (eventKey: string) => db.selectFrom('outbox').selectAll().where('event_key', '=', eventKey).executeTakeFirstOrThrow();
  const sentTo = (openid: string | null) => h.wechat.state.sent.filter((m) => m.touser === openid);
  const sendCalls = () => h.wechat.state.calls['/cgi-bin/message/subscribe/send'] ?? 0;

  it('sends a pending message through the WeChat adapter and marks it sent', async () => {
    const user = await person();
    const { eventKey, number } = await queue(user.id);
    expect(await worker().runOnce()).toBe(1);

    expect(sentTo(user.openid)).toEqual([
      expect.objectContaining({
        template_id: 'tmpl-case-status',
        page: 'cases/detail/index',
        data: expect.objectContaining({ character_string1: { value: number }, phrase3: { value: '已受理' } }),
      }),
    ]);
    expect(await row(eventKey)).toMatchObject({ status: 'sent', attempts: 1, locked_until: null, last_error: null, sent_at: expect.any(String) });
    // Nothing is due any more.
    expect(await worker().runOnce()).toBe(0);
    expect(sentTo(user.openid)).toHaveLength(1);
  });

  it('keeps a message through a WeChat outage and sends it once, after the backoff', async () => {
    const user = await person();
    const { eventKey } = await queue(user.id);
    let clock = Date.now();
    const w = worker({ now: () => new Date(clock) });
    // The adapter's own try and two retries all fail.
    h.wechat.state.failNext(3, 'http500');
    expect(await w.runOnce()).toBe(1);
    const failed = await row(eventKey);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, locked_until: null, last_error: 'WECHAT_UNAVAILABLE' });
    expect(Date.parse(failed.next_attempt_at) - clock).toBe(backoffMs(1));
    expect(sentTo(user.openid)).toHaveLength(0);

    const calls = sendCalls();
    expect(await w.runOnce()).toBe(0);
    expect(sendCalls()).toBe(calls);

    clock += backoffMs(1) + 1;
    expect(await w.runOnce()).toBe(1);
    expect(await row(eventKey)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(sentTo(user.openid)).toHaveLength(1);
  });

  it('backs off 5 s × 2^attempts up to an hour, and gives up after 8 attempts', async () => {
    expect([1, 2, 3, 9, 10, 20].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 2_560_000, 3_600_000, 3_600_000]);
    const user = await person();
    const { eventKey } = await queue(user.id);
    let clock = Date.now();
    const w = worker({ now: () => new Date(clock) });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      h.wechat.state.failNext(3, 'busy');
      expect(await w.runOnce()).toBe(1);
      clock += 3600_000 + 1;
    }
    expect(await row(eventKey)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'WECHAT_UNAVAILABLE' });
    expect(await w.runOnce()).toBe(0);
    expect(sentTo(user.openid)).toHaveLength(0);
  });

  it('skips, for good, a person who refused the message and people WeChat cannot reach', async () => {
    const refusing = await person();
    h.wechat.state.refuseSubscribe(refusing.openid!);
    const devUser = await person(`dev:resident:${DEMO_VILLAGES[0]}:张三`);
    const noWechat = await person(null);
    const closed = await person();
    const keys = [await queue(refusing.id), await queue(devUser.id), await queue(noWechat.id), await queue(closed.id)].map((q) => q.eventKey);
    await db.updateTable('users').set({ deleted_at: new Date().toISOString() }).where('id', '=', closed.id).execute();

    const calls = sendCalls();
    expect(await worker().runOnce()).toBe(4);
    // Only the refusing person was asked about: WeChat said no.
    expect(sendCalls()).toBe(calls + 1);
    expect(await row(keys[0])).toMatchObject({ status: 'skipped', last_error: 'WECHAT_NOT_SUBSCRIBED' });
    for (const key of keys.slice(1)) expect(await row(key)).toMatchObject({ status: 'skipped', last_error: 'no WeChat openid' });
    expect(await worker({ now: () => new Date(Date.now() + 86_400_000) }).runOnce()).toBe(0);
    expect(h.wechat.state.sent.filter((m) => [refusing.openid, closed.openid].includes(m.touser))).toEqual([]);
  });

  it('sends each message exactly once when two workers on one database run at the same time', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => person()));
    const queued: string[] = [];
    for (let i = 0; i < 30; i++) queued.push((await queue(users[i % users.length].id)).number);
    const other = createDatabase(h.config.database);
    try {
      const a = worker({ batchSize: 30 });
      const b = worker({ db: other, batchSize: 30 });
      const claimed = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      expect(claimed.reduce((x, y) => x + y, 0)).toBe(30);
    } finally {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await other.destroy();
    }
    const openids = new Set(users.map((u) => u.openid));
    const delivered = h.wechat.state.sent.filter((m) => openids.has(m.touser)).map((m) => `${m.touser} ${m.data.character_string1.value}`);
    expect(delivered).toHaveLength(30);
    expect(new Set(delivered).size).toBe(30);
    const statuses = await db.selectFrom('outbox').select('status').execute();
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });

  it('leaves a message claimed by another process alone until its lease runs out', async () => {
    const user = await person();
    const { eventKey } = await queue(user.id);
    // Another process claimed it a moment ago and is still sending.
    await db.updateTable('outbox').set({ locked_until: new Date(Date.now() + 60_000).toISOString(), attempts: 1 }).where('event_key', '=', eventKey).execute();
    expect(await worker().runOnce()).toBe(0);
    // That process died: once the lease has run out, the message is sent.
    expect(await worker({ now: () => new Date(Date.now() + 61_000) }).runOnce()).toBe(1);
    expect(await row(eventKey)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sentTo(user.openid)).toHaveLength(1);
  });

  it('on stop, waits for the message being sent and records its outcome', async () => {
    const user = await person();
    const { eventKey } = await queue(user.id);
    const wechat = createWechatClient({ appId: 'wxtest0000000000', secret: 'test-secret', baseUrl: h.wechat.url, timeoutMs: 300, maxRetries: 0 });
    // The adapter holds its token already, so the held request is the send itself.
    await wechat.getAccessToken();
    const w = worker({ wechat });
    const calls = sendCalls();
    h.wechat.state.failNext(1, 'hang');
    const pass = w.runOnce();
    while (sendCalls() === calls) await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    expect(await row(eventKey)).toMatchObject({ status: 'pending', attempts: 1, locked_until: null, last_error: 'WECHAT_UNAVAILABLE' });
    await expect(pass).resolves.toBe(1);
  });

  it('runs with the app when OUTBOX_WORKER is on and stops before the database closes', async () => {
    const app = await startHarness(testDatabases().find((d) => d.dialect === testDb.dialect)!, { outboxWorker: true });
    const appDb = createDatabase(app.config.database);
    try {
      await app.app.ready();
      const id = randomUUID();
      const at = new Date().toISOString();
      const openid = `o${randomBytes(14).toString('hex')}`;
      await appDb
        .insertInto('users')
        .values({ id, openid, unionid: null, name: '村民', phone: null, village_code: DEMO_VILLAGES[0], role: 'resident', scope_code: null, privacy_version: null, privacy_agreed_at: null, created_at: at, updated_at: at, deleted_at: null })
        .execute();
      await notify(appDb, { userId: id, kind: 'case_status', title: 't', body: 'b', eventKey: 'app-worker', wechat: { template: 'case_status', page: 'p', data: { number: 'YC-1' } } });
      const deadline = Date.now() + 10_000;
      while (app.wechat.state.sent.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(app.wechat.state.sent.map((m) => m.touser)).toEqual([openid]);
    } finally {
      await appDb.destroy();
      await app.close();
    }
  });
});
