// Duty rota (坐班) and slot rules: who may fill the rota, which dates may be filled, what a
// resident may book, and who may change a living room's places per half-day.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { AppError } from '../../http/app-error';
import { addDays, daysBetween, isDate, loadCalendar, type Calendar } from '../calendar/calendar';
import { isVillageInTownship, isWithinRegion } from '../regions/codes';
import type { UserRow } from '../users/repository';
import { createDutyRepository, type DutyCadreRow } from './repository';
import type { CapacityResult, DutyCadre, DutyHalfDay, DutyToday, RangeQuery, Slot } from './schemas';
import { halfDayEnded, HALVES, type Half, type SlotRef } from './slots';

const MAX_RANGE_DAYS = 31;
const DEFAULT_RANGE_DAYS = 7;

const badDate = () => new AppError(400, 'BAD_DATE', '日期不对，请重新选择');
const villageNotFound = () => new AppError(404, 'VILLAGE_NOT_FOUND', '没有找到这个村（社区）的睦邻客厅，请返回重新选择');

const cadre = (row: DutyCadreRow): DutyCadre => ({ id: row.id, name: row.name, phone: row.phone });

// A cadre of the village, a township admin of its township or a county admin of its county.
function managesVillage(user: UserRow, villageCode: string): boolean {
  if (!user.scope_code) return false;
  if (user.role === 'cadre') return user.scope_code === villageCode;
  if (user.role === 'township_admin') return isVillageInTownship(villageCode, user.scope_code);
  if (user.role === 'county_admin') return isWithinRegion(villageCode, user.scope_code);
  return false;
}

// `calendar`: the app passes the catalogue's, kept per catalogue version, instead of a read per request.
export function createDutyService({ db, now = () => new Date(), calendar: loadCal = () => loadCalendar(db) }: { db: Db; now?: () => Date; calendar?: () => Promise<Calendar> }) {
  const repo = createDutyRepository(db);

  const requireVillage = async (villageCode: string): Promise<number> => {
    const capacity = await repo.findSlotCapacity(villageCode);
    if (capacity === undefined) throw villageNotFound();
    return capacity;
  };

  const range = (calendar: Calendar, query: RangeQuery): { from: string; to: string } => {
    const from = query.from ?? calendar.today(now());
    if (!isDate(from)) throw badDate();
    const to = query.to ?? addDays(from, DEFAULT_RANGE_DAYS - 1);
    if (!isDate(to)) throw badDate();
    if (to < from) throw new AppError(400, 'BAD_DATE_RANGE', '结束日期不能早于开始日期');
    if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw new AppError(400, 'DATE_RANGE_TOO_LONG', `一次最多查看 ${MAX_RANGE_DAYS} 天`);
    return { from, to };
  };

  const workingHalfDays = (calendar: Calendar, from: string, to: string): { date: string; half: Half }[] =>
    Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i))
      .filter((date) => calendar.isWorkingDay(date))
      .flatMap((date) => HALVES.map((half) => ({ date, half })));

  const key = (date: string, half: Half) => `${date}/${half}`;

  const groupCadres = (rows: DutyCadreRow[]): Map<string, DutyCadre[]> => {
    const byHalf = new Map<string, DutyCadre[]>();
    for (const row of rows) {
      const k = key(row.date, row.half);
      byHalf.set(k, [...(byHalf.get(k) ?? []), cadre(row)]);
    }
    return byHalf;
  };

  const halfDay = async (slot: SlotRef): Promise<DutyHalfDay> => ({
    date: slot.date,
    half: slot.half,
    cadres: (await repo.cadresOnDuty(slot.villageCode, slot.date, slot.date)).filter((r) => r.half === slot.half).map(cadre),
  });

  // Rota changes: only the village's own cadres, only for working days from today on.
  const checkShiftChange = async (user: UserRow, slot: SlotRef): Promise<void> => {
    if (user.role !== 'cadre' || user.scope_code !== slot.villageCode) {
      throw new AppError(403, 'SCOPE_FORBIDDEN', '只能安排本村（社区）的坐班');
    }
    await requireVillage(slot.villageCode);
    if (!isDate(slot.date)) throw badDate();
    const calendar = await loadCal();
    if (slot.date < calendar.today(now())) throw new AppError(400, 'DATE_PAST', '不能修改已经过去的日期的坐班');
    if (!calendar.isWorkingDay(slot.date)) throw new AppError(400, 'NOT_A_WORKING_DAY', '这一天不是工作日，不用安排坐班');
  };

  const colleague = async (user: UserRow, villageCode: string, cadreId: string | undefined): Promise<string> => {
    if (cadreId === undefined || cadreId === user.id) return user.id;
    const other = await repo.findUser(cadreId);
    if (!other || other.deleted_at || other.role !== 'cadre' || other.scope_code !== villageCode) {
      throw new AppError(400, 'CADRE_NOT_IN_VILLAGE', '只能安排本村（社区）的村干部坐班');
    }
    return other.id;
  };

  return {
    async listDuty(query: RangeQuery): Promise<DutyHalfDay[]> {
      await requireVillage(query.villageCode);
      const calendar = await loadCal();
      const { from, to } = range(calendar, query);
      const cadres = groupCadres(await repo.cadresOnDuty(query.villageCode, from, to));
      return workingHalfDays(calendar, from, to).map(({ date, half }) => ({ date, half, cadres: cadres.get(key(date, half)) ?? [] }));
    },

    // 今日值班 on the home tab.
    async today(villageCode: string): Promise<DutyToday> {
      await requireVillage(villageCode);
      const calendar = await loadCal();
      const date = calendar.today(now());
      const cadres = groupCadres(await repo.cadresOnDuty(villageCode, date, date));
      return { date, workingDay: calendar.isWorkingDay(date), am: cadres.get(key(date, 'am')) ?? [], pm: cadres.get(key(date, 'pm')) ?? [] };
    },

    async assign(user: UserRow, slot: SlotRef, cadreId?: string): Promise<DutyHalfDay> {
      await checkShiftChange(user, slot);
      const id = await colleague(user, slot.villageCode, cadreId);
      await repo.addShift(slot, id, newRowId(), now().toISOString());
      return halfDay(slot);
    },

    async unassign(user: UserRow, slot: SlotRef, cadreId?: string): Promise<DutyHalfDay> {
      await checkShiftChange(user, slot);
      const id = cadreId ?? user.id;
      // Residents booked this half-day because someone was on duty: it may not be left empty.
      await db.transaction().execute(async (trx) => {
        const tx = createDutyRepository(trx);
        if ((await tx.removeShift(slot, id)) === 0) return;
        const booked = (await tx.findSlot(slot))?.booked ?? 0;
        if (booked > 0 && (await tx.countOnDuty(slot)) === 0) {
          throw new AppError(409, 'DUTY_HAS_BOOKINGS', `这个时段已有 ${booked} 位群众预约，请先安排其他村干部坐班再退出`);
        }
      });
      return halfDay(slot);
    },

    async listSlots(query: RangeQuery): Promise<Slot[]> {
      const roomCapacity = await requireVillage(query.villageCode);
      const calendar = await loadCal();
      const { from, to } = range(calendar, query);
      const at = now();
      const rows = new Map((await repo.slotRows(query.villageCode, from, to)).map((r) => [key(r.date, r.half), r]));
      const cadres = groupCadres(await repo.cadresOnDuty(query.villageCode, from, to));
      return workingHalfDays(calendar, from, to).map(({ date, half }) => {
        const row = rows.get(key(date, half));
        const capacity = row?.capacity ?? roomCapacity;
        const booked = row?.booked ?? 0;
        const available = Math.max(0, capacity - booked);
        const onDuty = (cadres.get(key(date, half))?.length ?? 0) > 0;
        return { date, half, capacity, booked, available, onDuty, bookable: onDuty && available > 0 && !halfDayEnded(date, half, at) };
      });
    },

    async setSlotCapacity(user: UserRow, villageCode: string, capacity: number): Promise<CapacityResult> {
      if (!managesVillage(user, villageCode)) throw new AppError(403, 'SCOPE_FORBIDDEN', '只能设置您管辖范围内的睦邻客厅');
      await requireVillage(villageCode);
      const at = now();
      const today = (await loadCal()).today(at);
      const { updated, kept } = await db.transaction().execute(async (trx) => {
        const tx = createDutyRepository(trx);
        await tx.setLivingRoomCapacity(villageCode, capacity, at.toISOString());
        return tx.setFutureSlotCapacity(villageCode, today, capacity);
      });
      return { villageCode, slotCapacity: capacity, slotsUpdated: updated, slotsKept: kept };
    },
  };
}

export type DutyService = ReturnType<typeof createDutyService>;
