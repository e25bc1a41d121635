// Who mediates in a village: its cadres and the leaders and deputies of its 和事佬 groups
// (groups of kind MEDIATOR_GROUP_KIND scoped to that village).
import type { Db } from '../../db/database';
import type { UserRow } from '../users/repository';

export const MEDIATOR_GROUP_KIND = 'mediators';

// The villages this user mediates in.
export async function mediatorVillages(db: Db, user: UserRow): Promise<string[]> {
  const villages = new Set<string>();
  if (user.role === 'cadre' && user.scope_code) villages.add(user.scope_code);
  const led = await db
    .selectFrom('groups as g')
    .leftJoin('group_members as m', (j) => j.onRef('m.group_id', '=', 'g.id').on('m.user_id', '=', user.id))
    .select('g.scope_code')
    .where('g.kind', '=', MEDIATOR_GROUP_KIND)
    .where((eb) =>
      eb.or([eb('g.leader_id', '=', user.id), eb.and([eb('m.status', '=', 'active'), eb('m.role', 'in', ['leader', 'deputy'])])]),
    )
    .execute();
  for (const g of led) if (g.scope_code.length === 12) villages.add(g.scope_code);
  return [...villages];
}

export async function isMediatorOf(db: Db, user: UserRow, villageCode: string): Promise<boolean> {
  return (await mediatorVillages(db, user)).includes(villageCode);
}

// Everyone to tell about a new request in the village.
export async function mediatorsOf(db: Db, villageCode: string): Promise<string[]> {
  const cadres = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'cadre')
    .where('scope_code', '=', villageCode)
    .where('deleted_at', 'is', null)
    .execute();
  const leaders = await db
    .selectFrom('groups as g')
    .leftJoin('group_members as m', (j) => j.onRef('m.group_id', '=', 'g.id').on('m.status', '=', 'active').on('m.role', 'in', ['leader', 'deputy']))
    .select(['g.leader_id', 'm.user_id'])
    .where('g.kind', '=', MEDIATOR_GROUP_KIND)
    .where('g.scope_code', '=', villageCode)
    .execute();
  const ids = new Set(cadres.map((c) => c.id));
  for (const l of leaders) {
    ids.add(l.leader_id);
    if (l.user_id) ids.add(l.user_id);
  }
  return [...ids];
}
