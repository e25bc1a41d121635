// Half-day bookings of a living room's 微家工作室 / 活动室 by group leaders (issue 5, item 4). Two
// bookings of one room and half-day are kept apart by a partial unique index, not by a read.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { AppError } from '../../http/app-error';
import { runIdempotent, type IdempotentResponse } from '../../http/idempotency';
import { addDays, cstDate, daysBetween, isDate } from '../calendar/calendar';
import { requiredText } from '../cases/text-input';
import { coversVillage, findGroup, groupNotFound, isLeading, oversees, standingOf } from '../groups/rules';
import type { Room } from '../regions/schemas';
import type { UserRow } from '../users/repository';
import type { Booking, BookingQuery, CreateBookingInput } from './schemas';

// How far ahead a room can be booked.
const MAX_DAYS_AHEAD = 90;
const taken = () => new AppError(409, 'ROOM_TAKEN', '这个时段房间已被预约，请换个时段');

// PostgreSQL names the index; SQLite names its columns.
function isTaken(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return (e.code === '23505' && e.constraint === 'room_bookings_one_per_half_day') || (!!e.code?.startsWith('SQLITE_CONSTRAINT') && !!e.message?.includes('room_bookings.village_code'));
}

export function createRoomService({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  const rooms = async (villageCode: string): Promise<Room[]> => {
    const lr = await db.selectFrom('living_rooms').select('rooms').where('village_code', '=', villageCode).executeTakeFirst();
    if (!lr) throw new AppError(404, 'LIVING_ROOM_NOT_FOUND', '这个村还没有睦邻客厅');
    return JSON.parse(lr.rooms) as Room[];
  };

  const mayCancel = async (user: UserRow, b: { booked_by: string; group_id: string; village_code: string }) =>
    b.booked_by === user.id || oversees(user, b.village_code) || isLeading(await standingOf(db, b.group_id, user.id));

  return {
    async list(user: UserRow, villageCode: string, query: BookingQuery): Promise<{ items: Booking[] }> {
      const today = cstDate(clock());
      const from = query.from ?? today;
      const badRange = () => new AppError(400, 'BAD_DATE_RANGE', '日期范围不对，请重新选择');
      // A well-shaped but impossible date (0000-00-00) must be refused before any date arithmetic.
      if (!isDate(from)) throw badRange();
      const to = query.to ?? addDays(from, 30);
      if (!isDate(to) || daysBetween(from, to) < 0 || daysBetween(from, to) > 366) throw badRange();
      const names = new Map((await rooms(villageCode)).map((r) => [r.id, r.name]));
      const rows = await db
        .selectFrom('room_bookings as b')
        .innerJoin('groups as g', 'g.id', 'b.group_id')
        .select(['b.id', 'b.village_code', 'b.room_id', 'b.date', 'b.half', 'b.group_id', 'g.name as group_name', 'b.purpose', 'b.booked_by'])
        .where('b.village_code', '=', villageCode)
        .where('b.status', '=', 'active')
        .where('b.date', '>=', from)
        .where('b.date', '<=', to)
        .orderBy('b.date')
        .orderBy('b.half')
        .orderBy('b.room_id')
        .execute();
      const items: Booking[] = [];
      for (const r of rows) {
        items.push({
          id: r.id,
          villageCode: r.village_code,
          roomId: r.room_id,
          roomName: names.get(r.room_id) ?? r.room_id,
          date: r.date,
          half: r.half,
          groupId: r.group_id,
          groupName: r.group_name,
          purpose: r.purpose,
          actions: (await mayCancel(user, r)) ? ['cancel'] : [],
        });
      }
      return { items };
    },

    // With an Idempotency-Key a resend gets the first answer instead of "already booked".
    async book(user: UserRow, villageCode: string, roomId: string, input: CreateBookingInput, key?: string): Promise<IdempotentResponse<Booking>> {
      const room = (await rooms(villageCode)).find((r) => r.id === roomId);
      if (!room) throw new AppError(404, 'ROOM_NOT_FOUND', '没有找到这个房间');
      if (room.kind === 'service') throw new AppError(400, 'ROOM_NOT_BOOKABLE', '只有微家工作室和活动室可以预约');
      const g = await findGroup(db, input.groupId);
      if (!g) throw groupNotFound();
      if (!isLeading(await standingOf(db, g.id, user.id))) throw new AppError(403, 'NOT_GROUP_LEADER', '只有微家负责人才能预约房间');
      if (g.review_status !== 'approved') throw new AppError(409, 'GROUP_NOT_APPROVED', '微家还在审核中，暂时不能预约房间');
      if (!coversVillage(g.scope_code, villageCode)) throw new AppError(403, 'ROOM_OUTSIDE_GROUP', '只能预约本村（本镇）睦邻客厅的房间');
      const today = cstDate(clock());
      if (!isDate(input.date) || daysBetween(today, input.date) < 0) throw new AppError(400, 'DATE_IN_PAST', '请选择今天或以后的日期');
      if (daysBetween(today, input.date) > MAX_DAYS_AHEAD) throw new AppError(400, 'DATE_TOO_FAR', `最多只能预约${MAX_DAYS_AHEAD}天以内的房间`);
      const purpose = requiredText(input.purpose, { label: '用途', max: 60 }, { code: 'PURPOSE_REQUIRED', message: '请写一下用房间做什么' });
      const insert = async (trx: Db): Promise<IdempotentResponse<Booking>> => {
        const id = newRowId();
        try {
          await trx
            .insertInto('room_bookings')
            .values({ id, village_code: villageCode, room_id: roomId, date: input.date, half: input.half, group_id: g.id, purpose, booked_by: user.id, status: 'active', created_at: clock().toISOString(), cancelled_at: null })
            .execute();
        } catch (err) {
          if (isTaken(err)) throw taken();
          throw err;
        }
        return { statusCode: 201, body: { id, villageCode, roomId, roomName: room.name, date: input.date, half: input.half, groupId: g.id, groupName: g.name, purpose, actions: ['cancel'] } };
      };
      if (!key) return insert(db);
      return runIdempotent(db, { userId: user.id, key, route: `POST /rooms/${villageCode}/${roomId}/bookings`, payload: input }, insert);
    },

    async cancel(user: UserRow, villageCode: string, id: string): Promise<void> {
      const b = await db.selectFrom('room_bookings').selectAll().where('id', '=', id).where('village_code', '=', villageCode).where('status', '=', 'active').executeTakeFirst();
      if (!b) throw new AppError(404, 'BOOKING_NOT_FOUND', '没有找到这个预约');
      if (!(await mayCancel(user, b))) throw new AppError(403, 'BOOKING_FORBIDDEN', '只有预约的微家负责人或村干部可以取消');
      await db.updateTable('room_bookings').set({ status: 'cancelled', cancelled_at: clock().toISOString() }).where('id', '=', id).where('status', '=', 'active').execute();
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;
