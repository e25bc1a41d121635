// Races a village office really has: a slot everyone wants, a resident tapping twice, two cadres
// tapping 受理 together, a weak network resending one submission. Decided by the database
// (conditional updates, unique keys) on both dialects, never by a read-then-write.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO, type HalfDay, type Headers } from './cases-fixtures';

const CROWDED = DEMO_VILLAGES[3];
const QUIET = DEMO_VILLAGES[4];
const CROWD = 200;
const CAPACITY = 6;

describe.each(testDatabases())('case concurrency on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let slot: HalfDay;
  let quietSlots: HalfDay[];
  let cadre: Headers;

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    const [day, next] = await f.workingDays(2);
    slot = { date: day, half: 'am' };
    await f.onDuty(await f.cadre('抢号值班', CROWDED), slot, CROWDED);
    cadre = await f.cadre('安静值班', QUIET);
    quietSlots = [
      { date: day, half: 'pm' },
      { date: next, half: 'am' },
    ];
    for (const s of quietSlots) await f.onDuty(cadre, s, QUIET);
  });
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const visit = (s: HalfDay) => ({ serviceCode: DIBAO, channel: 'appointment', slot: s, materialsHave: [] });
  const count = async (residentHeaders: Headers) =>
    Number(
      (
        await f.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('resident_id', '=', (await f.me(residentHeaders)).id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it(`${CROWD} residents booking one slot of capacity ${CAPACITY} at once: exactly ${CAPACITY} get it`, async () => {
    const residents: Headers[] = [];
    for (let i = 0; i < CROWD; i += 1) residents.push(await f.resident(`抢号${i}`, CROWDED));
    const keys = residents.map(() => f.key());
    const answers = await Promise.all(residents.map((r, i) => f.create(r, visit(slot), keys[i])));
    const byStatus = answers.reduce<Record<number, number>>((acc, res) => ({ ...acc, [res.statusCode]: (acc[res.statusCode] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 201: CAPACITY, 409: CROWD - CAPACITY });
    expect(new Set(answers.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(['SLOT_FULL']));
    expect(await f.slotRow(slot, CROWDED)).toMatchObject({ capacity: CAPACITY, booked: CAPACITY });
    const numbers = answers.filter((r) => r.statusCode === 201).map((r) => r.json().number);
    expect(new Set(numbers).size).toBe(CAPACITY);
    const cases = await f.db.selectFrom('cases').select('id').where('village_code', '=', CROWDED).execute();
    expect(cases).toHaveLength(CAPACITY);

    // A winner's resend gets its first answer though the slot is full now; a refused booking kept
    // no key, so its resend is refused afresh, and nothing of it was written.
    const won = answers.findIndex((r) => r.statusCode === 201);
    const lost = answers.findIndex((r) => r.statusCode === 409);
    const resent = await f.create(residents[won], visit(slot), keys[won]);
    expect([resent.statusCode, resent.body]).toEqual([201, answers[won].body]);
    const again = await f.create(residents[lost], visit(slot), keys[lost]);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'SLOT_FULL']);
    const loser = (await f.me(residents[lost])).id;
    expect(await f.db.selectFrom('idempotency_keys').select('key').where('user_id', '=', loser).execute()).toEqual([]);
    expect(await f.db.selectFrom('notifications').select('id').where('user_id', '=', loser).execute()).toEqual([]);
    expect(await f.slotRow(slot, CROWDED)).toMatchObject({ capacity: CAPACITY, booked: CAPACITY });
  }, 60_000);

  it('one resident tapping 提交 ten times with fresh keys holds the slot once', async () => {
    const resident = await f.resident('连点十下', QUIET);
    const answers = await Promise.all(Array.from({ length: 10 }, () => f.create(resident, visit(quietSlots[0]))));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(new Set(answers.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(['SLOT_ALREADY_BOOKED']));
    expect((await f.slotRow(quietSlots[0], QUIET))?.booked).toBe(1);
    expect(await count(resident)).toBe(1);
  });

  it('two cadres tapping 受理 at once: one wins, the other is told the case moved on', async () => {
    const other = await f.cadre('同时受理', QUIET);
    const resident = await f.resident('等受理', QUIET);
    for (let round = 0; round < 5; round += 1) {
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: `第${round}件`, materialsHave: [] });
      const [a, b] = await Promise.all([f.act(cadre, c.id, { action: 'accept' }), f.act(other, c.id, { action: 'accept' })]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json().error).toEqual({ code: 'CASE_STATE_CHANGED', message: '该办件状态已变化，请刷新后再操作' });
      const events = await f.db.selectFrom('case_events').select('action').where('case_id', '=', c.id).orderBy('seq').execute();
      expect(events.map((e) => e.action)).toEqual(['submit', 'accept']);
    }
  });

  it('50 resends of one submission with one Idempotency-Key: one case, 50 identical answers', async () => {
    const resident = await f.resident('弱网重发', QUIET);
    const key = f.key();
    const answers = await Promise.all(Array.from({ length: 50 }, () => f.create(resident, visit(quietSlots[1]), key)));
    expect(new Set(answers.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(answers.map((r) => r.body)).size).toBe(1);
    expect(await count(resident)).toBe(1);
    expect((await f.slotRow(quietSlots[1], QUIET))?.booked).toBe(1);
    const notices = await f.db.selectFrom('notifications').select('id').where('case_id', '=', answers[0].json().id).where('user_id', '=', (await f.me(resident)).id).execute();
    expect(notices).toHaveLength(1);
  });
});
