// The duty rota (坐班) and the bookable half-day slots it opens: who may fill the rota, what the
// home tab shows, and that a slot's capacity holds under 200 concurrent bookings.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { createDatabase, type Db } from '../../server/src/db/database';
import { AppError } from '../../server/src/http/app-error';
import { addDays, createCalendar, loadCalendar, type Calendar } from '../../server/src/modules/calendar/calendar';
import { HOLIDAYS } from '../../server/src/modules/calendar/holidays';
import { bookSlot, releaseSlot, type SlotRef } from '../../server/src/modules/duty/slots';
import { PRIVACY_VERSION } from '../../server/src/modules/users/service';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

const [HOME, NEIGHBOUR] = DEMO_VILLAGES;
const OTHER_TOWNSHIP_VILLAGE = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;

// Dates relative to the real today, so the rules about past and future hold whenever this runs.
const cal = createCalendar(HOLIDAYS);
const TODAY = cal.today();
const D1 = cal.addWorkingDays(TODAY, 1);
const D2 = cal.addWorkingDays(TODAY, 2);
const D3 = cal.addWorkingDays(TODAY, 3);
const DAY_OFF = (() => {
  let d = addDays(TODAY, 1);
  while (cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
})();

async function settle(db: Db, calendar: Calendar, slot: SlotRef, n: number) {
  const results = await Promise.allSettled(Array.from({ length: n }, () => db.transaction().execute((trx) => bookSlot(trx, slot, calendar))));
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    codes: results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as AppError).code] : [])),
  };
}

describe.each(testDatabases())('duty rota and slots on $dialect', (testDb) => {
  let h: Harness;
  let db: Db;
  let calendar: Calendar;
  let cadreA: Record<string, string>;
  let cadreB: Record<string, string>;
  let neighbourCadre: Record<string, string>;
  let resident: Record<string, string>;
  const ids: Record<string, string> = {};

  const idOf = async (headers: Record<string, string>) => (await h.call({ method: 'GET', url: '/api/v1/me', headers })).json().id as string;
  const put = (village: string, date: string, half: string, headers: Record<string, string>, payload: object = {}) =>
    h.call({ method: 'PUT', url: `/api/v1/duty/${village}/${date}/${half}`, headers, payload });
  const del = (village: string, date: string, half: string, headers: Record<string, string>, cadreId?: string) =>
    h.call({ method: 'DELETE', url: `/api/v1/duty/${village}/${date}/${half}${cadreId ? `?cadreId=${cadreId}` : ''}`, headers });
  const get = (url: string, headers: Record<string, string> = {}) => h.call({ method: 'GET', url, headers });
  const slotsOf = async (village: string, from: string, to = from) => (await get(`/api/v1/slots?villageCode=${village}&from=${from}&to=${to}`)).json().items;
  const slotRow = (slot: SlotRef) =>
    db.selectFrom('slots').selectAll().where('village_code', '=', slot.villageCode).where('date', '=', slot.date).where('half', '=', slot.half).executeTakeFirst();

  beforeAll(async () => {
    h = await startHarness(testDb);
    db = createDatabase(h.config.database);
    calendar = await loadCalendar(db);
    cadreA = await h.as({ name: '王坐班', role: 'cadre', villageCode: HOME });
    cadreB = await h.as({ name: '李同事', role: 'cadre', villageCode: HOME });
    neighbourCadre = await h.as({ name: '赵邻村', role: 'cadre', villageCode: NEIGHBOUR });
    resident = await h.as({ name: '张大爷', villageCode: HOME });
    ids.a = await idOf(cadreA);
    ids.b = await idOf(cadreB);
    ids.neighbour = await idOf(neighbourCadre);
    ids.resident = await idOf(resident);
  });
  afterAll(async () => {
    await db?.destroy();
    await h?.close();
  });

  describe('the rota', () => {
    it('lets a cadre put themselves on duty and take themselves off again', async () => {
      const on = await put(HOME, D1, 'am', cadreA);
      expect(on.statusCode).toBe(200);
      expect(on.json()).toEqual({ date: D1, half: 'am', cadres: [{ id: ids.a, name: '王坐班', phone: null }] });
      // Again, and with no body at all: still once.
      expect((await h.call({ method: 'PUT', url: `/api/v1/duty/${HOME}/${D1}/am`, headers: cadreA })).json().cadres).toHaveLength(1);

      const off = await del(HOME, D1, 'am', cadreA);
      expect(off.statusCode).toBe(200);
      expect(off.json().cadres).toEqual([]);
    });

    it('lets a cadre put a colleague of the same village on duty, and no one else', async () => {
      const res = await put(HOME, D2, 'pm', cadreA, { cadreId: ids.b });
      expect(res.statusCode).toBe(200);
      expect(res.json().cadres.map((c: { name: string }) => c.name)).toEqual(['李同事']);

      for (const stranger of [ids.neighbour, ids.resident, 'no-such-user']) {
        const bad = await put(HOME, D2, 'pm', cadreA, { cadreId: stranger });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error).toEqual({ code: 'CADRE_NOT_IN_VILLAGE', message: expect.stringMatching(/本村/) });
      }
      expect((await del(HOME, D2, 'pm', cadreA, ids.b)).json().cadres).toEqual([]);
    });

    it('refuses a cadre of another village (403) and a resident (403)', async () => {
      const other = await put(HOME, D1, 'pm', neighbourCadre);
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('SCOPE_FORBIDDEN');
      expect((await del(HOME, D1, 'pm', neighbourCadre, ids.a)).statusCode).toBe(403);
      const res = await put(HOME, D1, 'pm', resident);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect((await put(HOME, D1, 'pm', {})).statusCode).toBe(401);
    });

    it('refuses past dates, days off and dates that do not exist', async () => {
      const past = await put(HOME, addDays(TODAY, -1), 'am', cadreA);
      expect(past.statusCode).toBe(400);
      expect(past.json().error).toEqual({ code: 'DATE_PAST', message: expect.stringMatching(/过去/) });

      const off = await put(HOME, DAY_OFF, 'am', cadreA);
      expect(off.statusCode).toBe(400);
      expect(off.json().error).toEqual({ code: 'NOT_A_WORKING_DAY', message: expect.stringMatching(/工作日/) });
      expect((await del(HOME, DAY_OFF, 'am', cadreA)).json().error.code).toBe('NOT_A_WORKING_DAY');

      expect((await put(HOME, '2030-02-30', 'am', cadreA)).json().error.code).toBe('BAD_DATE');
      const noon = await put(HOME, D1, 'noon', cadreA);
      expect(noon.statusCode).toBe(400);
      expect(noon.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it("shows today's duty with names and phones to anyone", async () => {
      await h.call({ method: 'POST', url: '/api/v1/me/privacy', headers: cadreA, payload: { version: PRIVACY_VERSION } });
      expect((await h.call({ method: 'PATCH', url: '/api/v1/me', headers: cadreA, payload: { phone: '13912345678' } })).statusCode).toBe(200);
      // Today may be a weekend when this runs, so the rota rows go in directly.
      const at = new Date().toISOString();
      await db
        .insertInto('duty_shifts')
        .values([
          { id: 'today-am-a', village_code: HOME, date: TODAY, half: 'am', cadre_id: ids.a, created_at: at },
          { id: 'today-pm-b', village_code: HOME, date: TODAY, half: 'pm', cadre_id: ids.b, created_at: at },
        ])
        .execute();

      const res = await get(`/api/v1/duty/today?villageCode=${HOME}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        date: TODAY,
        workingDay: cal.isWorkingDay(TODAY),
        am: [{ id: ids.a, name: '王坐班', phone: '13912345678' }],
        pm: [{ id: ids.b, name: '李同事', phone: null }],
      });
      expect((await get(`/api/v1/duty/today?villageCode=${NEIGHBOUR}`)).json()).toMatchObject({ am: [], pm: [] });
    });

    it('lists every working half-day of a range with who is on duty', async () => {
      await put(HOME, D3, 'pm', cadreA);
      await put(HOME, D3, 'pm', cadreB);
      const res = await get(`/api/v1/duty?villageCode=${HOME}&from=${D3}&to=${D3}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        { date: D3, half: 'am', cadres: [] },
        { date: D3, half: 'pm', cadres: [expect.objectContaining({ name: '王坐班' }), expect.objectContaining({ name: '李同事' })] },
      ]);
      const week = (await get(`/api/v1/duty?villageCode=${HOME}`)).json().items as { date: string }[];
      expect(week.every((i) => cal.isWorkingDay(i.date) && i.date >= TODAY && i.date <= addDays(TODAY, 6))).toBe(true);
      expect(week.map((i) => i.date)).not.toContain(DAY_OFF);
    });

    it('takes a holiday written into the database off the slots and the rota on the next request', async () => {
      // Well ahead, so no other test's day changes; the app keeps the calendar with the catalogue.
      const day = cal.addWorkingDays(TODAY, 40);
      expect((await slotsOf(HOME, day)).map((s: { half: string }) => s.half)).toEqual(['am', 'pm']);
      await db.insertInto('holidays').values({ date: day, kind: 'holiday', name: '测试假日' }).execute();
      try {
        expect(await slotsOf(HOME, day)).toEqual([]);
        expect((await get(`/api/v1/duty?villageCode=${HOME}&from=${day}&to=${day}`)).json().items).toEqual([]);
      } finally {
        await db.deleteFrom('holidays').where('date', '=', day).execute();
      }
      expect(await slotsOf(HOME, day)).toHaveLength(2);
    });

    it('answers bad ranges and unknown villages with a plain message', async () => {
      const long = await get(`/api/v1/duty?villageCode=${HOME}&from=${TODAY}&to=${addDays(TODAY, 31)}`);
      expect(long.statusCode).toBe(400);
      expect(long.json().error).toEqual({ code: 'DATE_RANGE_TOO_LONG', message: expect.stringMatching(/31 天/) });
      expect((await get(`/api/v1/duty?villageCode=${HOME}&from=${TODAY}&to=${addDays(TODAY, 30)}`)).statusCode).toBe(200);
      expect((await get(`/api/v1/duty?villageCode=${HOME}&from=${D2}&to=${D1}`)).json().error.code).toBe('BAD_DATE_RANGE');
      expect((await get(`/api/v1/slots?villageCode=${HOME}&from=2030-13-01`)).json().error.code).toBe('BAD_DATE');
      expect((await get(`/api/v1/slots?villageCode=${HOME}&from=2030-02-01&to=2030-02-30`)).json().error.code).toBe('BAD_DATE');
      const unknown = await get('/api/v1/duty/today?villageCode=511621102299');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('VILLAGE_NOT_FOUND');
      expect((await get('/api/v1/slots?villageCode=12345')).statusCode).toBe(400);
    });

    it('drops a cadre who has moved to another village from the board', async () => {
      const mover = await h.as({ name: '周调走', role: 'cadre', villageCode: HOME });
      await put(HOME, D3, 'am', mover);
      expect((await get(`/api/v1/duty?villageCode=${HOME}&from=${D3}&to=${D3}`)).json().items[0].cadres).toHaveLength(1);
      await db.updateTable('users').set({ scope_code: NEIGHBOUR }).where('id', '=', await idOf(mover)).execute();
      expect((await get(`/api/v1/duty?villageCode=${HOME}&from=${D3}&to=${D3}`)).json().items[0].cadres).toEqual([]);
    });
  });

  describe('slots', () => {
    it('marks a working half-day bookable only while someone is on duty', async () => {
      await put(HOME, D1, 'am', cadreA);
      const [am, pm] = await slotsOf(HOME, D1);
      expect(am).toEqual({ date: D1, half: 'am', capacity: 6, booked: 0, available: 6, onDuty: true, bookable: true });
      expect(pm).toMatchObject({ half: 'pm', onDuty: false, bookable: false, available: 6 });
      await del(HOME, D1, 'am', cadreA);
      expect((await slotsOf(HOME, D1))[0]).toMatchObject({ onDuty: false, bookable: false });
      expect(await slotsOf(HOME, DAY_OFF)).toEqual([]);
    });

    it('refuses a booking for a day off, a half-day that has ended or one nobody is on duty for', async () => {
      const reason = async (slot: SlotRef, now?: Date) => {
        try {
          await db.transaction().execute((trx) => bookSlot(trx, slot, calendar, now));
        } catch (err) {
          return { status: (err as AppError).statusCode, code: (err as AppError).code };
        }
        return 'booked';
      };
      const unavailable = { status: 400, code: 'SLOT_UNAVAILABLE' };
      expect(await reason({ villageCode: HOME, date: DAY_OFF, half: 'am' })).toEqual(unavailable);
      expect(await reason({ villageCode: HOME, date: D2, half: 'am' })).toEqual(unavailable);
      await put(HOME, D2, 'am', cadreA);
      // 12:00 CST ends the morning.
      expect(await reason({ villageCode: HOME, date: D2, half: 'am' }, new Date(`${D2}T04:00:00Z`))).toEqual(unavailable);
      expect(await reason({ villageCode: HOME, date: D2, half: 'am' }, new Date(`${D2}T03:59:00Z`))).toBe('booked');
      await db.transaction().execute((trx) => releaseSlot(trx, { villageCode: HOME, date: D2, half: 'am' }));
      await del(HOME, D2, 'am', cadreA);
    });

    it('lets exactly 6 of 200 concurrent bookings of a 6-place slot through', async () => {
      const slot: SlotRef = { villageCode: NEIGHBOUR, date: D1, half: 'am' };
      expect((await put(NEIGHBOUR, D1, 'am', neighbourCadre)).statusCode).toBe(200);
      const { ok, codes } = await settle(db, calendar, slot, 200);
      expect(ok).toBe(6);
      expect(codes).toHaveLength(194);
      expect(new Set(codes)).toEqual(new Set(['SLOT_FULL']));
      expect(await slotRow(slot)).toMatchObject({ capacity: 6, booked: 6 });
      expect((await slotsOf(NEIGHBOUR, D1))[0]).toMatchObject({ capacity: 6, booked: 6, available: 0, bookable: false });
    });

    it('gives a place back on release, and never goes below zero', async () => {
      const slot: SlotRef = { villageCode: NEIGHBOUR, date: D1, half: 'am' };
      await db.transaction().execute((trx) => releaseSlot(trx, slot));
      expect(await slotRow(slot)).toMatchObject({ booked: 5 });
      expect((await slotsOf(NEIGHBOUR, D1))[0]).toMatchObject({ available: 1, bookable: true });
      expect(await settle(db, calendar, slot, 3)).toEqual({ ok: 1, codes: ['SLOT_FULL', 'SLOT_FULL'] });

      const empty: SlotRef = { villageCode: NEIGHBOUR, date: D1, half: 'pm' };
      await db.transaction().execute((trx) => releaseSlot(trx, empty));
      expect(await slotRow(empty)).toBeUndefined();
    });

    it('rolls the place back when the booking transaction fails later', async () => {
      const slot: SlotRef = { villageCode: NEIGHBOUR, date: D2, half: 'am' };
      await put(NEIGHBOUR, D2, 'am', neighbourCadre);
      await expect(
        db.transaction().execute(async (trx) => {
          await bookSlot(trx, slot, calendar);
          throw new Error('case insert failed');
        }),
      ).rejects.toThrow('case insert failed');
      expect((await slotRow(slot))?.booked ?? 0).toBe(0);
      await db.transaction().execute((trx) => bookSlot(trx, slot, calendar));
      expect(await slotRow(slot)).toMatchObject({ booked: 1 });
    });

    it('keeps the last cadre on duty while residents are booked', async () => {
      const res = await del(NEIGHBOUR, D2, 'am', neighbourCadre);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({ code: 'DUTY_HAS_BOOKINGS', message: expect.stringMatching(/预约/) });
      expect((await slotsOf(NEIGHBOUR, D2))[0]).toMatchObject({ onDuty: true });
    });

    it('changes the capacity of the living room and of future slots that can take it', async () => {
      const townshipAdmin = await h.as({ name: '坪滩镇管理员', role: 'township_admin', villageCode: HOME });
      const res = await h.call({ method: 'PUT', url: `/api/v1/living-rooms/${NEIGHBOUR}/slot-capacity`, headers: townshipAdmin, payload: { capacity: 3 } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        villageCode: NEIGHBOUR,
        slotCapacity: 3,
        slotsUpdated: 1,
        slotsKept: [{ date: D1, half: 'am', capacity: 6, booked: 6 }],
      });
      expect((await get(`/api/v1/living-rooms/${NEIGHBOUR}`)).json().slotCapacity).toBe(3);
      const [d2am, d2pm] = await slotsOf(NEIGHBOUR, D2);
      expect(d2am).toMatchObject({ capacity: 3, booked: 1, available: 2 });
      expect(d2pm).toMatchObject({ capacity: 3, booked: 0 });
      // A slot created after the change starts with the new capacity.
      await put(NEIGHBOUR, D3, 'pm', neighbourCadre);
      const slot: SlotRef = { villageCode: NEIGHBOUR, date: D3, half: 'pm' };
      expect(await settle(db, calendar, slot, 5)).toMatchObject({ ok: 3 });
      expect(await slotRow(slot)).toMatchObject({ capacity: 3, booked: 3 });
    });

    it('lets only those in charge of the village change its capacity, within 1 to 50', async () => {
      const call = (headers: Record<string, string>, capacity: unknown) =>
        h.call({ method: 'PUT', url: `/api/v1/living-rooms/${HOME}/slot-capacity`, headers, payload: { capacity } });
      const farAdmin = await h.as({ name: '别镇管理员', role: 'township_admin', villageCode: OTHER_TOWNSHIP_VILLAGE });
      const countyAdmin = await h.as({ name: '县管理员', role: 'county_admin', villageCode: OTHER_TOWNSHIP_VILLAGE });
      expect((await call(neighbourCadre, 8)).json().error.code).toBe('SCOPE_FORBIDDEN');
      expect((await call(farAdmin, 8)).json().error.code).toBe('SCOPE_FORBIDDEN');
      expect((await call(resident, 8)).statusCode).toBe(403);
      expect((await call(cadreA, 0)).statusCode).toBe(400);
      expect((await call(cadreA, 51)).statusCode).toBe(400);
      expect((await call(cadreA, 2.5)).statusCode).toBe(400);
      expect((await call(countyAdmin, 8)).statusCode).toBe(200);
      expect((await call(cadreA, 6)).json()).toMatchObject({ villageCode: HOME, slotCapacity: 6 });
    });
  });
});
