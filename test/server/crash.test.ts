// Power cut in the middle of a rush: the real server is killed (SIGKILL) while residents are
// opening cases for a few slots. After a restart every case whose creation was acknowledged
// exists exactly once, no slot holds more than its capacity, and resending the unanswered
// requests with their keys makes no duplicates.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, createCase, DIBAO, onDuty, resident, signIn, visit, workingDays, type HalfDay, type Headers } from '../../bench/api-client';
import { alive, startApi, stopApi, type RunningApi } from '../../bench/server-child';
import { parseDatabaseUrl } from '../../server/src/config';
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { databaseUrl, testDatabases } from '../support/test-db';

jest.setTimeout(60_000);

const VILLAGE = DEMO_VILLAGES[2];
const RESIDENTS = 40;
const CAPACITY = 15;
const IN_FLIGHT = 12;
// Killed once this many creates were acknowledged, with more still in flight.
const KILL_AFTER = 60;

interface Attempt {
  key: string;
  user: { headers: Headers; id: string };
  payload: object;
  status?: number;
  number?: string;
  failed?: boolean;
}

describe.each(testDatabases())('case creation across a server crash on $dialect', (testDb) => {
  let db: Db;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const running: RunningApi[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-crash-cases-'));
    const database = await testDb.create();
    env = { DATABASE_URL: databaseUrl(database), OUTBOX_WORKER: '0', H5_DIR: path.join(dir, 'no-h5'), UPLOAD_DIR: path.join(dir, 'uploads') };
    db = createDatabase(database);
  });
  afterAll(async () => {
    await Promise.all(running.map(stopApi));
    await db?.destroy();
    await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged case exactly once and every slot within capacity', async () => {
    const first = await startApi(env);
    running.push(first);
    const base = first.url;
    const cadre = await signIn(base, { name: '断电值班', role: 'cadre', villageCode: VILLAGE });
    const days = await workingDays(parseDatabaseUrl(env.DATABASE_URL!), 2);
    const slots: HalfDay[] = [
      { date: days[0], half: 'am' },
      { date: days[0], half: 'pm' },
      { date: days[1], half: 'am' },
    ];
    for (const s of slots) await onDuty(base, cadre.headers, VILLAGE, s);
    await db.updateTable('living_rooms').set({ slot_capacity: CAPACITY }).where('village_code', '=', VILLAGE).execute();
    const residents = await Promise.all(Array.from({ length: RESIDENTS }, (_, i) => resident(base, `断电村民${i}`, VILLAGE)));

    // Every resident tries every slot and opens an online case: more bookings than places.
    const attempts: Attempt[] = residents.flatMap((user, i) => [
      ...slots.map((s) => ({ key: randomUUID(), user, payload: visit(s) })),
      { key: randomUUID(), user, payload: { serviceCode: DIBAO, channel: 'online', description: `断电测试${i}`, materialsHave: [] } },
    ]);
    attempts.sort(() => Math.random() - 0.5);

    let next = 0;
    let acknowledged = 0;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      process.kill(first.pid, 'SIGKILL');
    };
    const worker = async () => {
      while (next < attempts.length && !killed) {
        const a = attempts[next++];
        try {
          const res = await createCase(base, a.user.headers, a.payload, a.key);
          a.status = res.status;
          if (res.status === 201) {
            a.number = res.body.number;
            if (++acknowledged >= KILL_AFTER) kill();
          }
        } catch {
          a.failed = true;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    kill();
    await first.server.exited;
    expect(alive(first)).toBe(false);

    const acked = attempts.filter((a) => a.status === 201);
    const unanswered = attempts.filter((a) => a.status === undefined);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(unanswered.length).toBeGreaterThan(0);

    const second = await startApi(env);
    running.push(second);

    const checkStored = async () => {
      const cases = await db.selectFrom('cases').select(['id', 'number', 'resident_id', 'slot_date', 'slot_half', 'status']).execute();
      const byNumber = new Map(cases.map((c) => [c.number, c]));
      expect(byNumber.size).toBe(cases.length);
      for (const a of attempts.filter((x) => x.status === 201)) {
        expect(byNumber.get(a.number!)?.resident_id).toBe(a.user.id);
        const key = await db.selectFrom('idempotency_keys').select(['status_code', 'response']).where('user_id', '=', a.user.id).where('key', '=', a.key).executeTakeFirstOrThrow();
        expect(key.status_code).toBe(201);
        expect(JSON.parse(key.response).number).toBe(a.number);
      }
      // Every case belongs to exactly one stored 201 answer: nothing was made twice.
      const keys = await db.selectFrom('idempotency_keys').select('response').where('status_code', '=', 201).execute();
      expect(keys.map((k) => JSON.parse(k.response).number).sort()).toEqual(cases.map((c) => c.number).sort());
      for (const s of slots) {
        const row = await db.selectFrom('slots').selectAll().where('village_code', '=', VILLAGE).where('date', '=', s.date).where('half', '=', s.half).executeTakeFirst();
        const held = cases.filter((c) => c.slot_date === s.date && c.slot_half === s.half).length;
        expect(held).toBeLessThanOrEqual(CAPACITY);
        expect(row?.booked ?? 0).toBe(held);
      }
      return cases.length;
    };
    const before = await checkStored();

    // The phones that got no answer send again with the same keys; an acknowledged one resent
    // gets its first answer back.
    for (const a of [...unanswered, ...acked.slice(0, 5)]) {
      const res = await createCase(second.url, a.user.headers, a.payload, a.key);
      expect([201, 409]).toContain(res.status);
      if (a.status === 201) expect(res.body.number).toBe(a.number);
      a.status = res.status;
      if (res.status === 201) a.number = res.body.number;
    }
    const after = await checkStored();
    expect(after).toBeGreaterThanOrEqual(before);
    expect(after - before).toBeLessThanOrEqual(unanswered.length);

    const health = await call(second.url, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
  });
});
