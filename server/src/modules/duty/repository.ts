// Kysely queries of the duty rota, the living rooms' slot capacity and the slots. Takes a Db or
// a transaction, so bookings run inside the caller's transaction.
import type { ExpressionBuilder, Transaction } from 'kysely';
import type { Db } from '../../db/database';
import { precompiled } from '../../db/precompiled';
import type { Database } from '../../db/schema';
import { readAlone, type Read } from '../../db/write-together';
import type { Half, SlotRef } from './slots';

export type Executor = Db | Transaction<Database>;

export interface DutyCadreRow {
  date: string;
  half: Half;
  id: string;
  name: string | null;
  phone: string | null;
}

export interface SlotRow {
  date: string;
  half: Half;
  capacity: number;
  booked: number;
}

export interface DeskCadre {
  id: string;
  onDuty: boolean;
}

// SQLite answers exists() as 0/1.
const deskCadre = (r: { id: string; on_duty_that_day: unknown }): DeskCadre => ({ id: r.id, onDuty: Boolean(r.on_duty_that_day) });

// Whether the cadre `u` is on the village's rota that day.
const onDutyThatDay = (eb: ExpressionBuilder<Database & { u: Database['users'] }, 'u'>, villageCode: string, date: string) =>
  eb
    .exists(eb.selectFrom('duty_shifts as d').select('d.cadre_id').whereRef('d.cadre_id', '=', 'u.id').where('d.village_code', '=', villageCode).where('d.date', '=', date))
    .as('on_duty_that_day');

// Only shifts of people who are still cadres of that village count: a cadre moved elsewhere
// or a closed account drops off the board and stops making slots bookable.
const onDutyIn = (db: Executor, villageCode: string) =>
  db
    .selectFrom('duty_shifts as d')
    .innerJoin('users as u', 'u.id', 'd.cadre_id')
    .where('d.village_code', '=', villageCode)
    .where('u.role', '=', 'cadre')
    .where('u.scope_code', '=', villageCode)
    .where('u.deleted_at', 'is', null);

// The village's cadres, each marked whether on the rota on `date`, by name.
const deskQuery = precompiled((db, { villageCode, date }: { villageCode: string; date: string }) =>
  db
    .selectFrom('users as u')
    .select((eb) => ['u.id', onDutyThatDay(eb, villageCode, date)])
    .where('u.role', '=', 'cadre')
    .where('u.scope_code', '=', villageCode)
    .where('u.deleted_at', 'is', null)
    .orderBy('u.name'),
);

// One row per cadre of the village (one with no cadre if it has none): the living room's
// capacity, how many sit the half-day, and whether the cadre is on the rota on `deskOn`.
const slotFactsQuery = precompiled((db, { villageCode, date, half, deskOn }: { villageCode: string; date: string; half: Half; deskOn: string }) =>
  db
    .selectFrom('living_rooms as lr')
    .leftJoin('users as u', (join) => join.onRef('u.scope_code', '=', 'lr.village_code').on('u.role', '=', 'cadre').on('u.deleted_at', 'is', null))
    .select((eb) => [
      'lr.slot_capacity',
      onDutyIn(db, villageCode)
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .where('d.date', '=', date)
        .where('d.half', '=', half)
        .as('on_duty'),
      'u.id',
      onDutyThatDay(eb, villageCode, deskOn),
    ])
    .where('lr.village_code', '=', villageCode)
    .orderBy('u.name'),
);

// One place of the slot taken: its row made with one booked, or one more booked while any is
// left (touches no row when full).
const placeTakingQuery = precompiled((db, { villageCode, date, half, capacity }: { villageCode: string; date: string; half: Half; capacity: number }) =>
  db
    .insertInto('slots')
    .values({ village_code: villageCode, date, half, capacity, booked: 1 })
    .onConflict((oc) =>
      oc
        .columns(['village_code', 'date', 'half'])
        .doUpdateSet((eb) => ({ booked: eb('slots.booked', '+', 1) }))
        .whereRef('slots.booked', '<', 'slots.capacity'),
    ),
);

export function createDutyRepository(db: Executor) {
  const onDuty = (villageCode: string) => onDutyIn(db, villageCode);

  // One place more in one statement: the slot's row is created with the first place taken, or a
  // place is taken only while `booked` is below `capacity` (no row touched when full), so under
  // any concurrency it never passes it.
  const placeTaking = (slot: SlotRef, capacity: number) => placeTakingQuery(db, { villageCode: slot.villageCode, date: slot.date, half: slot.half, capacity });

  return {
    async findSlotCapacity(villageCode: string): Promise<number | undefined> {
      const row = await db.selectFrom('living_rooms').select('slot_capacity').where('village_code', '=', villageCode).executeTakeFirst();
      return row?.slot_capacity;
    },

    async findUser(id: string) {
      return db.selectFrom('users').select(['id', 'role', 'scope_code', 'deleted_at']).where('id', '=', id).executeTakeFirst();
    },

    // Ordered by date, morning first, then by who signed up first.
    async cadresOnDuty(villageCode: string, from: string, to: string): Promise<DutyCadreRow[]> {
      return onDuty(villageCode)
        .select(['d.date', 'd.half', 'u.id', 'u.name', 'u.phone'])
        .where('d.date', '>=', from)
        .where('d.date', '<=', to)
        .orderBy('d.date')
        .orderBy('d.half')
        .orderBy('d.created_at')
        .orderBy('u.id')
        .execute();
    },

    // The village's cadres, each marked whether on the rota that day, in one round trip.
    async desk(villageCode: string, date: string, read: Read = readAlone(db)): Promise<DeskCadre[]> {
      return (await read(deskQuery(db, { villageCode, date }))).map(deskCadre);
    },

    // The living room's capacity, how many cadres sit the half-day and the village's desk on
    // `deskOn` (each cadre marked whether on the rota that day), in one round trip: one row per
    // cadre, the facts repeated on each. Undefined when the village has no living room.
    async slotFacts(slot: SlotRef, deskOn: string, read: Read = readAlone(db)): Promise<{ capacity: number; onDuty: number; desk: DeskCadre[] } | undefined> {
      const rows = await read(slotFactsQuery(db, { villageCode: slot.villageCode, date: slot.date, half: slot.half, deskOn }));
      if (!rows.length) return undefined;
      const desk = rows.flatMap(({ id, on_duty_that_day }) => (id === null ? [] : [deskCadre({ id, on_duty_that_day })]));
      return { capacity: rows[0].slot_capacity, onDuty: Number(rows[0].on_duty), desk };
    },

    async countOnDuty(slot: SlotRef): Promise<number> {
      const row = await onDuty(slot.villageCode)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('d.date', '=', slot.date)
        .where('d.half', '=', slot.half)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async addShift(slot: SlotRef, cadreId: string, id: string, at: string): Promise<void> {
      await db
        .insertInto('duty_shifts')
        .values({ id, village_code: slot.villageCode, date: slot.date, half: slot.half, cadre_id: cadreId, created_at: at })
        .onConflict((oc) => oc.columns(['village_code', 'date', 'half', 'cadre_id']).doNothing())
        .execute();
    },

    async removeShift(slot: SlotRef, cadreId: string): Promise<number> {
      const result = await db
        .deleteFrom('duty_shifts')
        .where('village_code', '=', slot.villageCode)
        .where('date', '=', slot.date)
        .where('half', '=', slot.half)
        .where('cadre_id', '=', cadreId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async slotRows(villageCode: string, from: string, to: string): Promise<SlotRow[]> {
      return db
        .selectFrom('slots')
        .select(['date', 'half', 'capacity', 'booked'])
        .where('village_code', '=', villageCode)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .execute();
    },

    async findSlot(slot: SlotRef): Promise<SlotRow | undefined> {
      return db
        .selectFrom('slots')
        .select(['date', 'half', 'capacity', 'booked'])
        .where('village_code', '=', slot.villageCode)
        .where('date', '=', slot.date)
        .where('half', '=', slot.half)
        .executeTakeFirst();
    },

    placeTaking,

    async givePlaceBack(slot: SlotRef): Promise<boolean> {
      const result = await db
        .updateTable('slots')
        .set((eb) => ({ booked: eb('booked', '-', 1) }))
        .where('village_code', '=', slot.villageCode)
        .where('date', '=', slot.date)
        .where('half', '=', slot.half)
        .where('booked', '>', 0)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setLivingRoomCapacity(villageCode: string, capacity: number, at: string): Promise<void> {
      await db.updateTable('living_rooms').set({ slot_capacity: capacity, updated_at: at }).where('village_code', '=', villageCode).execute();
    },

    // Slots from `from` on that can take the new capacity get it; fuller ones keep theirs.
    async setFutureSlotCapacity(villageCode: string, from: string, capacity: number): Promise<{ updated: number; kept: SlotRow[] }> {
      const result = await db
        .updateTable('slots')
        .set({ capacity })
        .where('village_code', '=', villageCode)
        .where('date', '>=', from)
        .where('booked', '<=', capacity)
        .executeTakeFirst();
      const kept = await db
        .selectFrom('slots')
        .select(['date', 'half', 'capacity', 'booked'])
        .where('village_code', '=', villageCode)
        .where('date', '>=', from)
        .where('booked', '>', capacity)
        .orderBy('date')
        .orderBy('half')
        .execute();
      return { updated: Number(result.numUpdatedRows), kept };
    },
  };
}

export type DutyRepository = ReturnType<typeof createDutyRepository>;
