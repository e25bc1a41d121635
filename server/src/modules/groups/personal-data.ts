// A person's 微家 records for "export my data", and what closing the account undoes: memberships
// end (freeing their places), future sign-ups are cancelled so the next in line moves up.
import type { Db } from '../../db/database';
import { cancelIn } from '../activities/service';

export async function exportGroupData(db: Db, userId: string) {
  const memberships = await db
    .selectFrom('group_members as m')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .select(['g.name', 'm.role', 'm.status', 'm.reason', 'm.requested_at', 'm.joined_at'])
    .where('m.user_id', '=', userId)
    .orderBy('m.requested_at')
    .execute();
  const signups = await db
    .selectFrom('activity_signups as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['a.title', 'a.starts_at', 's.status', 's.checked_in_at', 's.hours', 's.created_at'])
    .where('s.user_id', '=', userId)
    .orderBy('s.created_at')
    .execute();
  const bookings = await db
    .selectFrom('room_bookings')
    .select(['village_code', 'room_id', 'date', 'half', 'purpose', 'status', 'created_at'])
    .where('booked_by', '=', userId)
    .orderBy('created_at')
    .execute();
  return {
    groups: memberships.map((m) => ({ group: m.name, role: m.role, status: m.status, reason: m.reason, requestedAt: m.requested_at, joinedAt: m.joined_at })),
    activitySignups: signups.map((s) => ({ activity: s.title, startsAt: s.starts_at, status: s.status, checkedInAt: s.checked_in_at, volunteerHours: s.hours, signedUpAt: s.created_at })),
    volunteerHoursTotal: Math.round(signups.reduce((t, s) => t + Number(s.hours ?? 0), 0) * 10) / 10,
    roomBookings: bookings.map((b) => ({ villageCode: b.village_code, roomId: b.room_id, date: b.date, half: b.half, purpose: b.purpose, status: b.status, bookedAt: b.created_at })),
  };
}

// Runs in the account-closing transaction. A leader's group keeps its (now anonymous) leader
// until a cadre appoints another; past attendance and hours stay with the activity's record.
export async function eraseGroupData(trx: Db, userId: string): Promise<void> {
  const at = new Date().toISOString();
  const active = await trx.selectFrom('group_members').select('group_id').where('user_id', '=', userId).where('status', '=', 'active').where('role', '!=', 'leader').execute();
  for (const { group_id } of active) {
    await trx.updateTable('group_members').set({ status: 'left', role: 'member', updated_at: at }).where('group_id', '=', group_id).where('user_id', '=', userId).execute();
    await trx.updateTable('groups').set((eb) => ({ member_count: eb('member_count', '-', 1), updated_at: at })).where('id', '=', group_id).execute();
  }
  await trx.deleteFrom('group_members').where('user_id', '=', userId).where('status', '=', 'pending').execute();
  await trx.updateTable('group_members').set({ reason: null }).where('user_id', '=', userId).execute();
  const future = await trx
    .selectFrom('activity_signups as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .selectAll('a')
    .where('s.user_id', '=', userId)
    .where('s.status', '!=', 'cancelled')
    .where('s.checked_in_at', 'is', null)
    .where('a.starts_at', '>', at)
    .execute();
  for (const a of future) await cancelIn(trx, { ...a, signed_up: Number(a.signed_up), wait_seq: Number(a.wait_seq) }, userId, at);
  await trx.updateTable('room_bookings').set({ purpose: '（已注销）' }).where('booked_by', '=', userId).execute();
}
