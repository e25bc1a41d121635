// Bookable half-day slots (预约办, and the hand-over of materials for 代办). A slot's row is
// created on first booking with the living room's capacity; places are taken and given back
// only by conditional updates inside the caller's transaction, never by read-then-write.
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { writeTogether, type Read, type RequiredWrite } from '../../db/write-together';
import { AppError } from '../../http/app-error';
import { cstDate, cstInstant, HALF_DAYS, isDate, type Calendar } from '../calendar/calendar';
import { createDutyRepository, type DeskCadre } from './repository';

export type Half = 'am' | 'pm';
export const HALVES: readonly Half[] = ['am', 'pm'];

export interface SlotRef {
  villageCode: string;
  date: string;
  half: Half;
}

// A half-day is past once it has ended.
export function halfDayEnded(date: string, half: Half, now: Date): boolean {
  return now.getTime() >= Date.parse(cstInstant(date, HALF_DAYS[half].end));
}

const unavailable = (message: string) => new AppError(400, 'SLOT_UNAVAILABLE', message);

export async function bookSlot(trx: Db | Transaction<Database>, slot: SlotRef, calendar: Calendar, now: Date = new Date()): Promise<void> {
  await takeSlot(trx, slot, (await checkSlot(trx, slot, calendar, now)).capacity);
}

// Whether the slot can be booked at all (reads only); answers the living room's capacity and
// the village's desk today (who hears of a new booking), in one round trip (`read` may send a
// write of the caller's with it).
export async function checkSlot(
  trx: Db | Transaction<Database>,
  slot: SlotRef,
  calendar: Calendar,
  now: Date = new Date(),
  read?: Read,
): Promise<{ capacity: number; desk: DeskCadre[] }> {
  if (!isDate(slot.date)) throw unavailable('预约日期不对，请重新选择时段');
  if (!calendar.isWorkingDay(slot.date)) throw unavailable('这一天不是工作日，请选择其他时段');
  if (halfDayEnded(slot.date, slot.half, now)) throw unavailable('这个时段已经过去了，请选择其他时段');
  const facts = await createDutyRepository(trx).slotFacts(slot, cstDate(now), read);
  if (!facts) throw unavailable('这个村（社区）还没有睦邻客厅，暂时不能预约');
  if (facts.onDuty === 0) throw unavailable('这个时段没有村干部坐班，请选择其他时段');
  return facts;
}

// Takes a place: the slot's row stays locked until the caller's transaction ends, so a caller
// that can do it last keeps other bookings of the slot waiting for the least time.
export async function takeSlot(trx: Db | Transaction<Database>, slot: SlotRef, capacity: number): Promise<void> {
  await writeTogether(trx, [slotTaking(trx, slot, capacity)]);
}

// takeSlot's write, for a caller that sends it with its own writes: a full slot undoes them all.
export function slotTaking(trx: Db | Transaction<Database>, slot: SlotRef, capacity: number): RequiredWrite {
  // A living room without places (capacity 0) must not get a new slot row with one taken.
  if (capacity <= 0) throw slotFull();
  return { write: createDutyRepository(trx).placeTaking(slot, capacity), orElse: slotFull };
}

const slotFull = () => new AppError(409, 'SLOT_FULL', '该时段已约满，请选择其他时段');

// Gives back one place (a cancelled or moved booking); a slot already empty stays at zero.
export async function releaseSlot(trx: Db | Transaction<Database>, slot: SlotRef): Promise<void> {
  await createDutyRepository(trx).givePlaceBack(slot);
}
