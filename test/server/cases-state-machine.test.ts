// The state machine end to end: every (state, action, party) triple through the API succeeds
// exactly when TRANSITIONS allows it (else 403 for the wrong party, 409 for the wrong state) and
// `actions` says so beforehand; random action sequences through the service never leave the
// defined states, the timeline replays to the stored status and slot places add up.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import type { UserRow } from '../../server/src/modules/users/repository';
import { createCaseService } from '../../server/src/modules/cases/service';
import { CASE_ACTIONS, CASE_STATES, replay, TRANSITIONS, type CaseAction, type CaseState, type Party } from '../../server/src/modules/cases/states';
import { AppError } from '../../server/src/http/app-error';
import { PRIVACY_VERSION } from '../../server/src/modules/users/service';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { actionPayload, CaseFixtures, DIBAO, type HalfDay, type Headers } from './cases-fixtures';

const TABLE_VILLAGE = DEMO_VILLAGES[5];
const PROPERTY_VILLAGE = DEMO_VILLAGES[6];
const PARTIES: Party[] = ['resident', 'village_cadre', 'assignee'];

// The steps that bring a new case (accepted by the assignee where needed) into each state.
const PATHS: Record<CaseState, { by: 'resident' | 'assignee'; payload: Record<string, unknown> }[]> = {
  submitted: [],
  accepted: [{ by: 'assignee', payload: { action: 'accept' } }],
  in_progress: [
    { by: 'assignee', payload: { action: 'accept' } },
    { by: 'assignee', payload: { action: 'start' } },
  ],
  awaiting_resident: [
    { by: 'assignee', payload: { action: 'accept' } },
    { by: 'assignee', payload: actionPayload('ask_resident') },
  ],
  completed: [
    { by: 'assignee', payload: { action: 'accept' } },
    { by: 'assignee', payload: { action: 'start' } },
    { by: 'assignee', payload: actionPayload('complete') },
  ],
  rejected: [
    { by: 'assignee', payload: { action: 'accept' } },
    { by: 'assignee', payload: actionPayload('reject') },
  ],
  cancelled: [
    { by: 'assignee', payload: { action: 'accept' } },
    { by: 'resident', payload: { action: 'cancel' } },
  ],
};

// The assignee is also a cadre of the village.
function expected(state: CaseState, action: CaseAction, party: Party): 200 | 403 | 409 {
  const rule = TRANSITIONS[action];
  const parties: Party[] = party === 'assignee' ? ['village_cadre', 'assignee'] : [party];
  if (!rule.by.some((p) => parties.includes(p))) return 403;
  return rule.from.includes(state) ? 200 : 409;
}

// A submitted case has no assignee yet.
const TRIPLES = CASE_STATES.flatMap((state) =>
  CASE_ACTIONS.flatMap((action) => PARTIES.filter((party) => !(state === 'submitted' && party === 'assignee')).map((party) => ({ state, action, party }))),
);

describe.each(testDatabases())('case state machine on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let slot: HalfDay;
  let moveTo: HalfDay;
  let cadres: { assignee: Headers; colleague: Headers; target: string };
  let n = 0;

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    await f.capacity(TABLE_VILLAGE, 1000);
    await f.capacity(PROPERTY_VILLAGE, 1000);
    const [day] = await f.workingDays(1);
    slot = { date: day, half: 'am' };
    moveTo = { date: day, half: 'pm' };
    const assignee = await f.cadre('经办干部', TABLE_VILLAGE);
    for (const s of [slot, moveTo]) await f.onDuty(assignee, s, TABLE_VILLAGE);
    cadres = { assignee, colleague: await f.cadre('同村干部', TABLE_VILLAGE), target: (await f.me(await f.cadre('接手干部', TABLE_VILLAGE))).id };
  });
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  it('covers every triple of the table', () => {
    expect(TRIPLES).toHaveLength(CASE_STATES.length * CASE_ACTIONS.length * PARTIES.length - CASE_ACTIONS.length);
    expect(new Set(TRIPLES.map((t) => expected(t.state, t.action, t.party)))).toEqual(new Set([200, 403, 409]));
  });

  it.each(TRIPLES)('$state · $action · $party', async ({ state, action, party }) => {
    n += 1;
    const resident = await f.resident(`状态机${n}`, TABLE_VILLAGE);
    const c = await f.created(resident, { serviceCode: DIBAO, channel: 'proxy', handover: 'slot', slot, materialsHave: [] });
    for (const step of PATHS[state]) await f.acted(step.by === 'resident' ? resident : cadres.assignee, c.id, step.payload);
    const who = { resident, village_cadre: cadres.colleague, assignee: cadres.assignee }[party];

    const before = (await f.get(who, c.id)).json();
    expect(before.status).toBe(state);
    const want = expected(state, action, party);
    expect(before.actions.includes(action)).toBe(want === 200);

    const res = await f.act(who, c.id, actionPayload(action, { toCadreId: cadres.target, slot: moveTo }));
    expect(res.statusCode).toBe(want);
    const after = (await f.get(resident, c.id)).json();
    if (want === 200) {
      expect(after.status).toBe(TRANSITIONS[action].to ?? state);
      expect(after.timeline.at(-1)).toMatchObject({ action, fromStatus: state });
    } else {
      expect(res.json().error.code).toBe(want === 409 ? 'CASE_STATE_CHANGED' : 'CASE_ACTION_FORBIDDEN');
      expect(after.status).toBe(state);
      expect(after.timeline).toHaveLength(before.timeline.length);
    }
  });

  it('random action sequences by random parties: always a defined state, the timeline replays to it, places add up', async () => {
    const service = createCaseService({ db: f.db });
    const days = await f.workingDays(2);
    const pool: HalfDay[] = days.flatMap((date) => [
      { date, half: 'am' as const },
      { date, half: 'pm' as const },
    ]);
    const first = await f.cadre('随机一号', PROPERTY_VILLAGE);
    for (const s of pool) await f.onDuty(first, s, PROPERTY_VILLAGE);
    const userRow = async (headers: Headers) => f.db.selectFrom('users').selectAll().where('id', '=', (await f.me(headers)).id).executeTakeFirstOrThrow();
    const k1 = await userRow(first);
    const k2 = await userRow(await f.cadre('随机二号', PROPERTY_VILLAGE));
    const now = new Date().toISOString();

    // Weighted towards moving forward, so runs reach the later states before a reject or cancel.
    const WEIGHTS: Record<CaseAction, number> = { accept: 4, start: 4, ask_resident: 2, resume: 3, complete: 3, transfer: 2, reschedule: 2, rate: 2, reject: 1, cancel: 1 };
    const step = fc.record({
      action: fc.oneof(...CASE_ACTIONS.map((a) => ({ arbitrary: fc.constant(a), weight: WEIGHTS[a] }))),
      actor: fc.constantFrom('resident', 'k1', 'k2'),
      slot: fc.constantFrom(...pool),
      level: fc.integer({ min: 1, max: 5 }),
    });
    const start = fc.option(fc.constantFrom(...pool), { nil: undefined });

    await fc.assert(
      fc.asyncProperty(start, fc.array(step, { minLength: 10, maxLength: 40 }), async (startSlot, steps) => {
        // A fresh resident per run, so no two runs compete for one person's booking.
        const resident: UserRow = {
          id: randomUUID(),
          openid: null,
          unionid: null,
          name: '随机村民',
          phone: '13700000000',
          village_code: PROPERTY_VILLAGE,
          role: 'resident',
          scope_code: null,
          privacy_version: PRIVACY_VERSION,
          privacy_agreed_at: now,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        };
        await f.db.insertInto('users').values(resident).execute();
        const input = startSlot
          ? { serviceCode: DIBAO, channel: 'appointment' as const, slot: startSlot, materialsHave: [] }
          : { serviceCode: DIBAO, channel: 'online' as const, description: '随机', materialsHave: [] };
        const { body: c } = await service.create(resident, input, randomUUID());
        const actors = { resident, k1, k2 };
        for (const s of steps) {
          const target = s.actor === 'k1' ? k2.id : k1.id;
          const payload = { ...actionPayload(s.action, { toCadreId: target, slot: s.slot }), ...(s.action === 'rate' ? { level: s.level } : {}) };
          try {
            await service.transition(actors[s.actor as keyof typeof actors], c.id, payload as Parameters<typeof service.transition>[2]);
          } catch (err) {
            if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
          }
        }
        const row = await f.db.selectFrom('cases').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
        expect(CASE_STATES).toContain(row.status);
        const events = await f.db.selectFrom('case_events').select(['seq', 'action']).where('case_id', '=', c.id).orderBy('seq').execute();
        expect(events.map((e) => Number(e.seq))).toEqual(events.map((_, i) => i + 1));
        expect(events[0].action).toBe('submit');
        const actions = events.map((e) => e.action).filter((a): a is CaseAction => (CASE_ACTIONS as readonly string[]).includes(a));
        expect(replay(actions)).toBe(row.status);
      }),
      { numRuns: 80 },
    );

    // Every place taken is held by a case that still counts on it (cancel and reject give it back).
    for (const s of pool) {
      const held = await f.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('village_code', '=', PROPERTY_VILLAGE)
        .where('slot_date', '=', s.date)
        .where('slot_half', '=', s.half)
        .where('status', 'not in', ['cancelled', 'rejected'])
        .executeTakeFirstOrThrow();
      expect((await f.slotRow(s, PROPERTY_VILLAGE))?.booked ?? 0).toBe(Number(held.n));
    }
  }, 120_000);
});
