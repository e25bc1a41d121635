// Several API processes behind one load balancer on one PostgreSQL (DESIGN.md §3): two real
// server processes on different ports share a schema, and the races a village office has are
// still settled by the database when the taps land on different processes.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, createCase, DIBAO, onDuty, resident, signIn, visit, workingDays, type HalfDay, type Headers } from '../../bench/api-client';
import { startApi, stopApi, type RunningApi } from '../../bench/server-child';
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { databaseUrl, testDatabases, type TestDatabase } from '../support/test-db';

jest.setTimeout(90_000);

const CROWDED = DEMO_VILLAGES[5];
const QUIET = DEMO_VILLAGES[6];
const CROWD = 200;
const CAPACITY = 6;

const postgres = testDatabases().filter((d) => d.dialect === 'postgres');
// Without TEST_DATABASE_URL there is no shared server database to run on (CI always sets it).
const suite = postgres.length ? describe.each(postgres) : describe.skip.each([{ dialect: 'postgres' } as TestDatabase]);

suite('two API processes on one $dialect', (testDb) => {
  let db: Db;
  let dir: string;
  const apis: RunningApi[] = [];
  const base = (i: number) => apis[i % 2].url;
  let slot: HalfDay;
  let quietCadres: Headers[];
  let quietResident: { headers: Headers; id: string };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-multi-'));
    const database = await testDb.create();
    const env = { DATABASE_URL: databaseUrl(database), OUTBOX_WORKER: '0', H5_DIR: path.join(dir, 'no-h5'), UPLOAD_DIR: path.join(dir, 'uploads') };
    // The first migrates and seeds; the second starts on the ready schema, as a rolling deploy does.
    apis.push(await startApi(env));
    apis.push(await startApi(env));
    db = createDatabase(database);

    const [day] = await workingDays(database, 1);
    slot = { date: day, half: 'am' };
    await onDuty(base(0), (await signIn(base(0), { name: '多进程值班', role: 'cadre', villageCode: CROWDED })).headers, CROWDED, slot);
    quietCadres = [(await signIn(base(0), { name: '甲进程干部', role: 'cadre', villageCode: QUIET })).headers, (await signIn(base(1), { name: '乙进程干部', role: 'cadre', villageCode: QUIET })).headers];
    quietResident = await resident(base(1), '两边等受理', QUIET);
  });
  afterAll(async () => {
    await Promise.all(apis.map(stopApi));
    await db?.destroy();
    await testDb.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves from two processes with different ports', () => {
    expect(apis).toHaveLength(2);
    expect(new Set(apis.map((a) => a.url)).size).toBe(2);
    expect(apis[0].pid).not.toBe(apis[1].pid);
  });

  it(`${CROWD} residents booking a slot of ${CAPACITY} through both processes: exactly ${CAPACITY} get it`, async () => {
    const residents: { headers: Headers; id: string }[] = [];
    for (let i = 0; i < CROWD; i += 20) {
      residents.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => resident(base(i + j), `多进程抢号${i + j}`, CROWDED)))));
    }
    const answers = await Promise.all(residents.map((r, i) => createCase(base(i), r.headers, visit(slot))));
    const byStatus = answers.reduce<Record<number, number>>((acc, res) => ({ ...acc, [res.status]: (acc[res.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 201: CAPACITY, 409: CROWD - CAPACITY });
    expect(new Set(answers.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(new Set(['SLOT_FULL']));
    const row = await db.selectFrom('slots').selectAll().where('village_code', '=', CROWDED).where('date', '=', slot.date).where('half', '=', slot.half).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ capacity: CAPACITY, booked: CAPACITY });
    expect(await db.selectFrom('cases').select('id').where('village_code', '=', CROWDED).execute()).toHaveLength(CAPACITY);
  });

  it('two cadres tapping 受理 on different processes: one wins, the other is told it moved on', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await createCase(base(round), quietResident.headers, { serviceCode: DIBAO, channel: 'online', description: `多进程第${round}件`, materialsHave: [] });
      expect(c.status).toBe(201);
      const [a, b] = await Promise.all(
        quietCadres.map((cadre, i) => call(base(i), 'POST', `/api/v1/cases/${c.body.id}/transitions`, { headers: cadre, body: { action: 'accept' } })),
      );
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('CASE_STATE_CHANGED');
      const events = await db.selectFrom('case_events').select('action').where('case_id', '=', c.body.id).where('action', '=', 'accept').execute();
      expect(events).toHaveLength(1);
    }
  });

  it('50 resends of one submission split across both processes make one case', async () => {
    const key = randomUUID();
    const payload = { serviceCode: DIBAO, channel: 'online', description: '弱网重发', materialsHave: [] };
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => createCase(base(i), quietResident.headers, payload, key)));
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((r) => r.body.number)).size).toBe(1);
    const stored = await db.selectFrom('cases').select('id').where('resident_id', '=', quietResident.id).where('description', '=', '弱网重发').execute();
    expect(stored).toHaveLength(1);
  });
});
