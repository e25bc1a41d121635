// The four kinds of 微家 (issue 5) and, in demo mode, a few groups of the first demo village led by
// the demo resident 赵桂兰 (the same account the demo sign-in "村民：微家带头人" opens).
import { createUserRepository } from '../../modules/users/repository';
import type { Db } from '../database';
import { DEMO_VILLAGES } from './demo-regions';

export const GROUP_KINDS = [
  { code: 'charity', name: '公益微家', icon: '益', description: '志愿服务、助老助残、环境整治', sort: 1 },
  { code: 'mediators', name: '和事佬微家', icon: '和', description: '邻里纠纷有人说和，小事不出村', sort: 2 },
  { code: 'recreation', name: '同乐微家', icon: '乐', description: '广场舞、川剧、象棋，一起热闹', sort: 3 },
  { code: 'skills', name: '技能微家', icon: '技', description: '裁缝、维修、种养技术，互教互帮', sort: 4 },
];

// Idempotent: the list here wins.
export async function seedGroupKinds(db: Db): Promise<number> {
  for (const k of GROUP_KINDS) {
    await db
      .insertInto('group_kinds')
      .values(k)
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: k.name, icon: k.icon, description: k.description, sort: k.sort }))
      .execute();
  }
  return GROUP_KINDS.length;
}

const DEMO_GROUPS = [
  { id: 'demo-group-recreation', kind: 'recreation', name: '桂花村同乐微家', policy: 'open', room: 'activity', description: '每周二、四晚上跳广场舞，周末下象棋、唱川剧，欢迎大家来。' },
  { id: 'demo-group-mediators', kind: 'mediators', name: '桂花村和事佬微家', policy: 'approval', room: 'studio', description: '几位老党员、老教师，帮邻里说和家长里短的矛盾。' },
  { id: 'demo-group-charity', kind: 'charity', name: '桂花村公益微家', policy: 'open', room: 'studio', description: '给独居老人送饭、打扫院坝，服务记志愿时长。' },
] as const;

export async function seedDemoGroups(db: Db): Promise<number> {
  const village = DEMO_VILLAGES[0];
  const leader = await createUserRepository(db).upsertByOpenid({ openid: `dev:resident:${village}:赵桂兰`, name: '赵桂兰', villageCode: village });
  const at = new Date().toISOString();
  for (const g of DEMO_GROUPS) {
    const inserted = await db
      .insertInto('groups')
      .values({
        id: g.id,
        kind: g.kind,
        name: g.name,
        scope_code: village,
        township_code: village.slice(0, 9),
        leader_id: leader.id,
        join_policy: g.policy,
        member_cap: null,
        member_count: 1,
        description: g.description,
        room_village_code: village,
        room_id: g.room,
        review_status: 'approved',
        created_by: leader.id,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      await db.insertInto('group_members').values({ group_id: g.id, user_id: leader.id, role: 'leader', status: 'active', reason: null, requested_at: at, joined_at: at, updated_at: at }).execute();
    }
  }
  return DEMO_GROUPS.length;
}
