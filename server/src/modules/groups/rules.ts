// Who a user is to a group and what follows from it: shared by groups, activities and rooms so a
// leader, a deputy or the village's cadre means the same thing everywhere.
import type { Db } from '../../db/database';
import type { GroupTable } from '../../db/schema';
import { AppError } from '../../http/app-error';
import type { ContentSafety } from '../content-safety/check';
import { isWithinRegion } from '../regions/codes';
import type { UserRow } from '../users/repository';

export type GroupRow = Omit<GroupTable, 'member_count'> & { member_count: number };
export type Standing = 'leader' | 'deputy' | 'member' | 'pending' | null;

export const groupNotFound = () => new AppError(404, 'GROUP_NOT_FOUND', '没有找到这个微家');
export const notLeader = () => new AppError(403, 'NOT_GROUP_LEADER', '只有微家负责人才能做这件事');

export async function findGroup(db: Db, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function standingOf(db: Db, groupId: string, userId: string | undefined): Promise<Standing> {
  if (!userId) return null;
  const m = await db.selectFrom('group_members').select(['role', 'status']).where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  if (!m) return null;
  if (m.status === 'pending') return 'pending';
  return m.status === 'active' ? m.role : null;
}

export const isLeading = (s: Standing): boolean => s === 'leader' || s === 'deputy';

// The cadres of the group's village and the admins whose region holds it.
export function oversees(user: UserRow | null, scopeCode: string): boolean {
  if (!user?.scope_code || user.deleted_at) return false;
  if (user.role === 'cadre') return user.scope_code === scopeCode;
  if (user.role === 'township_admin' || user.role === 'county_admin') return isWithinRegion(scopeCode, user.scope_code);
  return false;
}

// A text nobody has approved is seen by its author and those who oversee it only.
export function canSeeReviewed(user: UserRow | null, reviewStatus: string, authorIds: string[], scopeCode: string): boolean {
  if (reviewStatus === 'approved') return true;
  return !!user && (authorIds.includes(user.id) || oversees(user, scopeCode));
}

// The village a group's room or activity lies in must be the group's village or in its township.
export const coversVillage = (scopeCode: string, villageCode: string) => villageCode === scopeCode || villageCode.startsWith(scopeCode);

// WeChat's content check: 'risky' is refused, 'review' holds the text for a cadre.
export async function screen(safety: ContentSafety, user: UserRow, text: string): Promise<'approved' | 'pending'> {
  const openid = user.openid && !user.openid.startsWith('dev:') ? user.openid : null;
  const verdict = await safety.checkText({ text, openid, scene: 3 });
  if (verdict === 'risky') throw new AppError(400, 'CONTENT_REJECTED', '内容含有不当信息，请修改后再提交');
  return verdict === 'pass' ? 'approved' : 'pending';
}

export async function leadersOf(db: Db, groupId: string): Promise<string[]> {
  const rows = await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('status', '=', 'active').where('role', 'in', ['leader', 'deputy']).execute();
  return rows.map((r) => r.user_id);
}

export async function requireLeading(db: Db, group: GroupRow, user: UserRow): Promise<void> {
  if (!isLeading(await standingOf(db, group.id, user.id))) throw notLeader();
}
