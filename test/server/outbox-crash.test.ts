// The outbox survives a crash: the real server, delivering through the real adapter to a fake
// WeChat, is killed (SIGKILL) while WeChat holds a send; after a restart every message arrives
// exactly once and every row ends 'sent'.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createDatabase, type Db } from '../../server/src/db/database';
import { notify } from '../../server/src/modules/notifications/notify';
import { startFakeWechat, type FakeWechat } from '../../server/src/platform/wechat/fake-server';
import { startServer, type ServerProcess } from '../support/server-process';
import { databaseUrl, testDatabases } from '../support/test-db';

jest.setTimeout(120_000);

const APP = { appId: 'wxcrash000000000', secret: 'crash-secret' };
const SEND = '/cgi-bin/message/subscribe/send';
const MESSAGES = 20;

// tsx runs the server in a child process: the pid in the server's own log lines is the one to kill.
function start(env: NodeJS.ProcessEnv): { server: ServerProcess; pid: Promise<number> } {
  const server = startServer(env);
  const pid = new Promise<number>((resolve) => {
    readline.createInterface({ input: server.child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (typeof entry.url === 'string' && typeof entry.pid === 'number') resolve(entry.pid);
      } catch {
        // Not a log line.
      }
    });
  });
  return { server, pid };
}

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(testDatabases())('the outbox across a server crash on $dialect', (testDb) => {
  let fake: FakeWechat;
  let db: Db;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeWechat(APP);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-crash-'));
    const database = await testDb.create();
    env = {
      DATABASE_URL: databaseUrl(database),
      WECHAT_API_BASE: fake.url,
      WECHAT_APPID: APP.appId,
      WECHAT_SECRET: APP.secret,
      OUTBOX_WORKER: '1',
      // A claim stranded by the crash lapses after this; the adapter gives up on a send sooner.
      OUTBOX_LEASE_SECONDS: '3',
      H5_DIR: path.join(dir, 'no-h5'),
      UPLOAD_DIR: path.join(dir, 'uploads'),
    };
    db = createDatabase(database);
  });
  afterAll(async () => {
    // A test that failed half-way leaves servers behind: SIGTERM reaches tsx's child through tsx.
    for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
    await Promise.all(running.map((server) => server.exited));
    await db?.destroy();
    await fake?.close();
    await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const queue = async (label: string) => {
    const id = randomUUID();
    const openid = `o${randomBytes(14).toString('hex')}`;
    const at = new Date().toISOString();
    await db
      .insertInto('users')
      .values({ id, openid, unionid: null, name: null, phone: null, village_code: null, role: 'resident', scope_code: null, privacy_version: null, privacy_agreed_at: null, created_at: at, updated_at: at, deleted_at: null })
      .execute();
    await notify(db, {
      userId: id,
      kind: 'case_status',
      title: '办件进度',
      body: label,
      eventKey: `crash:${label}`,
      wechat: { template: 'case_status', page: 'cases/detail/index', data: { number: label, service: '城乡低保', status: '已受理' } },
    });
    return `${openid} ${label}`;
  };
  const key = (m: { touser: string; data: Record<string, { value: string }> }) => `${m.touser} ${m.data.character_string1.value}`;
  const statuses = async () => (await db.selectFrom('outbox').select(['event_key', 'status', 'attempts']).orderBy('event_key').execute());

  it('loses nothing and sends nothing twice when killed in the middle of a send', async () => {
    const first = start(env);
    running.push(first.server);
    await first.server.ready;
    const pid = await first.pid;

    // A first message gets the server its access token, so the held request will be a send.
    const warmUp = await queue('WARM-UP');
    await until('the first message is sent', () => fake.state.sent.some((m) => key(m) === warmUp));

    fake.state.failNext(1, 'hang');
    const calls = fake.state.calls[SEND] ?? 0;
    const expected = [warmUp];
    for (let i = 1; i <= MESSAGES; i++) expected.push(await queue(`YC-20261128-${String(i).padStart(4, '0')}`));
    await until('WeChat holds a send', () => (fake.state.calls[SEND] ?? 0) > calls);
    expect(fake.state.sent).toHaveLength(1);

    process.kill(pid, 'SIGKILL');
    await first.server.exited;
    const stranded = (await statuses()).filter((r) => r.attempts === 1 && r.status === 'pending');
    expect(stranded).toHaveLength(1);

    // WeChat is healthy again (the one fault is used up); a new process takes over.
    const second = start(env);
    running.push(second.server);
    await second.server.ready;
    await until('every row is sent', async () => (await statuses()).every((r) => r.status === 'sent'));

    const delivered = fake.state.sent.map(key);
    expect(delivered.sort()).toEqual(expected.sort());
    const rows = await statuses();
    expect(rows).toHaveLength(MESSAGES + 1);
    // The stranded message was tried twice (once by each process), every other message once.
    expect(rows.find((r) => r.event_key === stranded[0].event_key)!.attempts).toBe(2);
    expect(rows.filter((r) => r.attempts === 1)).toHaveLength(MESSAGES);

    second.server.child.kill('SIGTERM');
    expect(await second.server.exited).toBe(0);
  });
});
