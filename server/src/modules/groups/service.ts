// 微家 groups (issue 5, items 1–2): cadres create them and appoint a leader; residents join or ask
// to join; leaders decide requests, remove members and name deputies. Member counts move only by
// conditional updates inside the transaction, so a cap holds under any concurrency.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { AppError } from '../../http/app-error';
import { runIdempotent, type IdempotentResponse } from '../../http/idempotency';
import { optionalText, requiredText } from '../cases/text-input';
import type { ContentSafety } from '../content-safety/check';
import { notify } from '../notifications/notify';
import { levelOfCode } from '../regions/codes';
import type { Room } from '../regions/schemas';
import type { UserRow } from '../users/repository';
import {
  canSeeReviewed,
  coversVillage,
  findGroup,
  groupNotFound,
  isLeading,
  leadersOf,
  notLeader,
  oversees,
  screen,
  standingOf,
  type GroupRow,
  type Standing,
} from './rules';
import type { CreateGroupInput, DecisionInput, GroupDetail, GroupList, GroupQuery, GroupSummary, PatchGroupInput } from './schemas';

const LIMITS = {
  name: { label: '微家名称', max: 30 },
  description: { label: '微家简介', max: 500 },
  reason: { label: '原因', max: 200 },
};

const forbidden = () => new AppError(403, 'GROUP_ACTION_FORBIDDEN', '您不能对这个微家做这项操作');
const full = () => new AppError(409, 'GROUP_FULL', '这个微家人数已满');
const alreadyMember = () => new AppError(409, 'ALREADY_MEMBER', '您已经是这个微家的成员了');

export function createGroupService({ db, safety }: { db: Db; safety: ContentSafety }) {
  const names = async (codes: string[]) => {
    const rows = codes.length ? await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', [...new Set(codes)]).execute() : [];
    return new Map(rows.map((r) => [r.code, r.name]));
  };

  const roomOf = async (trx: Db, villageCode: string, roomId: string): Promise<Room | undefined> => {
    const lr = await trx.selectFrom('living_rooms').select('rooms').where('village_code', '=', villageCode).executeTakeFirst();
    return lr ? (JSON.parse(lr.rooms) as Room[]).find((r) => r.id === roomId) : undefined;
  };

  const checkRoom = async (scopeCode: string, room: { villageCode: string; roomId: string } | null | undefined) => {
    if (!room) return null;
    const found = coversVillage(scopeCode, room.villageCode) ? await roomOf(db, room.villageCode, room.roomId) : undefined;
    if (!found || found.kind === 'service') throw new AppError(400, 'ROOM_NOT_FOUND', '活动地点应是本村睦邻客厅的微家工作室或活动室');
    return room;
  };

  const actionsFor = (user: UserRow | null, g: GroupRow, standing: Standing): string[] => {
    const actions: string[] = [];
    if (!user) return actions;
    const approved = g.review_status === 'approved';
    if (approved && standing === null) actions.push(g.join_policy === 'open' ? 'join' : 'request_join');
    if (standing === 'member' || standing === 'deputy') actions.push('leave');
    if (isLeading(standing) && approved) actions.push('review_requests', 'remove_member', 'post_activity', 'book_room');
    if (isLeading(standing) || oversees(user, g.scope_code)) actions.push('edit');
    if (standing === 'leader' || oversees(user, g.scope_code)) actions.push('add_deputy');
    if (g.review_status === 'pending' && oversees(user, g.scope_code)) actions.push('review');
    return actions;
  };

  const summaries = async (user: UserRow | null, rows: GroupRow[], home: string | null): Promise<GroupSummary[]> => {
    if (!rows.length) return [];
    const regionNames = await names(rows.map((g) => g.scope_code));
    const kinds = new Map((await db.selectFrom('group_kinds').select(['code', 'name']).execute()).map((k) => [k.code, k.name]));
    const leaders = new Map(
      (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(rows.map((g) => g.leader_id))]).execute()).map((u) => [u.id, u.name]),
    );
    const mine = user
      ? await db.selectFrom('group_members').select(['group_id', 'role', 'status']).where('user_id', '=', user.id).where('group_id', 'in', rows.map((g) => g.id)).execute()
      : [];
    const standing = new Map(mine.map((m) => [m.group_id, m.status === 'pending' ? 'pending' : m.status === 'active' ? m.role : null] as const));
    const out: GroupSummary[] = [];
    for (const g of rows) {
      const s = standing.get(g.id) ?? null;
      const room = g.room_village_code && g.room_id ? await roomOf(db, g.room_village_code, g.room_id) : undefined;
      out.push({
        id: g.id,
        kind: g.kind,
        kindName: kinds.get(g.kind) ?? g.kind,
        name: g.name,
        scopeCode: g.scope_code,
        scopeName: regionNames.get(g.scope_code) ?? g.scope_code,
        nearness: home && g.scope_code === home ? 'mine' : home && home.startsWith(g.township_code) ? 'nearby' : 'other',
        leader: { id: g.leader_id, name: leaders.get(g.leader_id) ?? null },
        joinPolicy: g.join_policy,
        memberCap: g.member_cap,
        memberCount: Number(g.member_count),
        description: g.description,
        meetingRoom: room && g.room_village_code && g.room_id ? { villageCode: g.room_village_code, roomId: g.room_id, name: room.name } : null,
        reviewStatus: g.review_status,
        myStanding: s,
        actions: actionsFor(user, g, s),
      });
    }
    return out;
  };

  const detail = async (user: UserRow | null, id: string): Promise<GroupDetail> => {
    const g = await findGroup(db, id);
    if (!g || !canSeeReviewed(user, g.review_status, [g.created_by, g.leader_id], g.scope_code)) throw groupNotFound();
    const [summary] = await summaries(user, [g], user?.village_code ?? null);
    const members = await db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.name', 'u.phone', 'm.role', 'm.joined_at'])
      .where('m.group_id', '=', id)
      .where('m.status', '=', 'active')
      .orderBy('m.joined_at')
      .orderBy('u.id')
      .execute();
    const order = { leader: 0, deputy: 1, member: 2 } as const;
    members.sort((a, b) => order[a.role] - order[b.role]);
    // Phones only to the group's leaders, who need to reach their members.
    const showPhones = isLeading(summary.myStanding);
    return {
      ...summary,
      deputies: members.filter((m) => m.role === 'deputy').map((m) => ({ id: m.id, name: m.name })),
      members: members.map((m) => ({ id: m.id, name: m.name, role: m.role, ...(showPhones ? { phone: m.phone } : {}) })),
    };
  };

  const visibleGroup = async (user: UserRow, id: string): Promise<GroupRow> => {
    const g = await findGroup(db, id);
    if (!g || !canSeeReviewed(user, g.review_status, [g.created_by, g.leader_id], g.scope_code)) throw groupNotFound();
    return g;
  };

  const tellMany = async (trx: Db, userIds: string[], n: { eventKey: string; kind: string; title: string; body: string }) => {
    for (const userId of new Set(userIds)) await notify(trx, { userId, kind: n.kind, title: n.title, body: n.body, eventKey: `${n.eventKey}:${userId}` });
  };

  // One more member, unless the cap is reached (zero rows updated).
  const takePlace = async (trx: Db, groupId: string, at: string) => {
    const r = await trx
      .updateTable('groups')
      .set((eb) => ({ member_count: eb('member_count', '+', 1), updated_at: at }))
      .where('id', '=', groupId)
      .where((eb) => eb.or([eb('member_cap', 'is', null), eb('member_count', '<', eb.ref('member_cap'))]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw full();
  };
  const freePlace = (trx: Db, groupId: string, at: string) =>
    trx.updateTable('groups').set((eb) => ({ member_count: eb('member_count', '-', 1), updated_at: at })).where('id', '=', groupId).execute();

  return {
    kinds: async () => ({ items: await db.selectFrom('group_kinds').selectAll().orderBy('sort').execute() }),

    async list(user: UserRow | null, query: GroupQuery): Promise<GroupList> {
      const home = query.villageCode ?? user?.village_code ?? null;
      let q = db.selectFrom('groups').selectAll();
      if (query.kind) q = q.where('kind', '=', query.kind);
      const rows = (await q.orderBy('created_at').orderBy('id').execute()).filter((g) => canSeeReviewed(user, g.review_status, [g.created_by, g.leader_id], g.scope_code));
      const rank = (g: GroupRow) => (home && g.scope_code === home ? 0 : home && home.startsWith(g.township_code) ? 1 : 2);
      rows.sort((a, b) => rank(a) - rank(b));
      const offset = decodeOffset(query.cursor);
      const limit = query.limit ?? 50;
      const page = rows.slice(offset, offset + limit);
      return { items: await summaries(user, page, home), nextCursor: offset + limit < rows.length ? encodeOffset(offset + limit) : null };
    },

    get: detail,

    async create(user: UserRow, input: CreateGroupInput, key: string | undefined): Promise<IdempotentResponse<GroupDetail>> {
      const level = levelOfCode(input.scopeCode);
      if (level !== 'village' && level !== 'township') throw new AppError(400, 'BAD_SCOPE', '微家应属于一个村（社区）或乡镇');
      if (!oversees(user, input.scopeCode)) throw new AppError(403, 'SCOPE_FORBIDDEN', '只能在自己负责的村（社区）或乡镇建立微家');
      const region = await db.selectFrom('regions').select('code').where('code', '=', input.scopeCode).executeTakeFirst();
      if (!region) throw new AppError(404, 'REGION_NOT_FOUND', '没有这个村（社区）或乡镇');
      const kind = await db.selectFrom('group_kinds').select('code').where('code', '=', input.kind).executeTakeFirst();
      if (!kind) throw new AppError(400, 'GROUP_KIND_NOT_FOUND', '没有这种微家类型');
      const name = requiredText(input.name, LIMITS.name, { code: 'NAME_REQUIRED', message: '请填写微家名称' });
      const description = requiredText(input.description, LIMITS.description, { code: 'DESCRIPTION_REQUIRED', message: '请用一两句话介绍这个微家' });
      const leader = await db.selectFrom('users').selectAll().where('id', '=', input.leaderId).executeTakeFirst();
      if (!leader || leader.deleted_at) throw new AppError(404, 'LEADER_NOT_FOUND', '没有找到要任命的负责人');
      if (!leader.village_code || !coversVillage(input.scopeCode, leader.village_code)) {
        throw new AppError(400, 'LEADER_NOT_IN_SCOPE', '负责人应是本村（社区）或本乡镇的居民');
      }
      const room = await checkRoom(input.scopeCode, input.meetingRoom);
      const review = await screen(safety, user, `${name}\n${description}`);
      const work = async (trx: Db): Promise<IdempotentResponse<GroupDetail>> => {
        const at = new Date().toISOString();
        const id = newRowId();
        await trx
          .insertInto('groups')
          .values({
            id,
            kind: input.kind,
            name,
            scope_code: input.scopeCode,
            township_code: input.scopeCode.slice(0, 9),
            leader_id: leader.id,
            join_policy: input.joinPolicy,
            member_cap: input.memberCap ?? null,
            member_count: 1,
            description,
            room_village_code: room?.villageCode ?? null,
            room_id: room?.roomId ?? null,
            review_status: review,
            created_by: user.id,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await trx.insertInto('group_members').values({ group_id: id, user_id: leader.id, role: 'leader', status: 'active', reason: null, requested_at: at, joined_at: at, updated_at: at }).execute();
        if (leader.id !== user.id) {
          await tellMany(trx, [leader.id], { eventKey: `group:${id}:leader`, kind: 'group_leader', title: '您被任命为微家负责人', body: `您已被任命为「${name}」的负责人。` });
        }
        return { statusCode: 201, body: { id } as unknown as GroupDetail };
      };
      const result = key ? await runIdempotent(db, { userId: user.id, key, route: 'POST /groups', payload: input }, work) : await db.transaction().execute(work);
      return { statusCode: result.statusCode, body: await detail(user, (result.body as { id: string }).id) };
    },

    async patch(user: UserRow, id: string, input: PatchGroupInput): Promise<GroupDetail> {
      const g = await visibleGroup(user, id);
      if (!isLeading(await standingOf(db, id, user.id)) && !oversees(user, g.scope_code)) throw forbidden();
      const name = input.name === undefined ? g.name : requiredText(input.name, LIMITS.name, { code: 'NAME_REQUIRED', message: '请填写微家名称' });
      const description = input.description === undefined ? g.description : requiredText(input.description, LIMITS.description, { code: 'DESCRIPTION_REQUIRED', message: '请用一两句话介绍这个微家' });
      const room = input.meetingRoom === undefined ? undefined : await checkRoom(g.scope_code, input.meetingRoom);
      const textChanged = name !== g.name || description !== g.description;
      const review = textChanged ? await screen(safety, user, `${name}\n${description}`) : g.review_status;
      const cap = input.memberCap === undefined ? g.member_cap : input.memberCap;
      if (cap !== null && cap < Number(g.member_count)) throw new AppError(409, 'CAP_BELOW_MEMBERS', `现有${g.member_count}名成员，人数上限不能比这更少`);
      const r = await db
        .updateTable('groups')
        .set({
          name,
          description,
          join_policy: input.joinPolicy ?? g.join_policy,
          member_cap: cap,
          review_status: review,
          ...(room === undefined ? {} : { room_village_code: room?.villageCode ?? null, room_id: room?.roomId ?? null }),
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', id)
        .where((eb) => (cap === null ? eb.val(true) : eb('member_count', '<=', cap)))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'CAP_BELOW_MEMBERS', '成员人数已超过新的上限，请调高上限');
      return detail(user, id);
    },

    async review(user: UserRow, id: string, approve: boolean): Promise<GroupDetail> {
      const g = await visibleGroup(user, id);
      if (!oversees(user, g.scope_code)) throw forbidden();
      await db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        const r = await trx.updateTable('groups').set({ review_status: approve ? 'approved' : 'rejected', updated_at: at }).where('id', '=', id).where('review_status', '=', 'pending').executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'NOT_PENDING', '这条内容不在待审核状态');
        await tellMany(trx, [g.created_by, g.leader_id], {
          eventKey: `group:${id}:review:${at}`,
          kind: 'group_review',
          title: approve ? '微家介绍已通过审核' : '微家介绍未通过审核',
          body: approve ? `「${g.name}」已对大家显示。` : `「${g.name}」的介绍未通过审核，请修改后再提交。`,
        });
      });
      return detail(user, id);
    },

    async addDeputy(user: UserRow, id: string, deputyId: string): Promise<GroupDetail> {
      const g = await visibleGroup(user, id);
      if ((await standingOf(db, id, user.id)) !== 'leader' && !oversees(user, g.scope_code)) throw notLeader();
      const r = await db
        .updateTable('group_members')
        .set({ role: 'deputy', updated_at: new Date().toISOString() })
        .where('group_id', '=', id)
        .where('user_id', '=', deputyId)
        .where('status', '=', 'active')
        .where('role', '=', 'member')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'NOT_A_MEMBER', '只能从现有成员中选副负责人');
      return detail(user, id);
    },

    async join(user: UserRow, id: string): Promise<{ status: 'active' | 'pending'; group: GroupDetail }> {
      const g = await visibleGroup(user, id);
      if (g.review_status !== 'approved') throw new AppError(409, 'GROUP_NOT_APPROVED', '这个微家还在审核中，暂时不能加入');
      if (!user.name) throw new AppError(409, 'PROFILE_INCOMPLETE', '请先在“我的”里填好姓名');
      const status = await db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        const old = await trx.selectFrom('group_members').select(['status']).where('group_id', '=', id).where('user_id', '=', user.id).executeTakeFirst();
        if (old?.status === 'active') throw alreadyMember();
        if (old?.status === 'pending') throw new AppError(409, 'ALREADY_REQUESTED', '已经申请过了，请等负责人审核');
        // A removed member asks again rather than walking back in.
        const next: 'active' | 'pending' = g.join_policy === 'open' && old?.status !== 'removed' ? 'active' : 'pending';
        if (next === 'active') await takePlace(trx, id, at);
        const values = { role: 'member' as const, status: next, reason: null, requested_at: at, joined_at: next === 'active' ? at : null, updated_at: at };
        if (old) {
          const r = await trx.updateTable('group_members').set(values).where('group_id', '=', id).where('user_id', '=', user.id).where('status', '=', old.status).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw alreadyMember();
        } else {
          const r = await trx.insertInto('group_members').values({ group_id: id, user_id: user.id, ...values }).onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing()).executeTakeFirst();
          if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw alreadyMember();
        }
        if (next === 'pending') {
          await tellMany(trx, await leadersOf(trx, id), { eventKey: `group:${id}:request:${user.id}:${at}`, kind: 'group_request', title: '有人申请加入微家', body: `${user.name}申请加入「${g.name}」，请审核。` });
        }
        return next;
      });
      return { status, group: await detail(user, id) };
    },

    async leave(user: UserRow, id: string): Promise<GroupDetail> {
      await visibleGroup(user, id);
      await db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        const standing = await standingOf(trx, id, user.id);
        if (standing === 'leader') throw new AppError(409, 'LEADER_CANNOT_LEAVE', '负责人不能退出，请先请村干部另选负责人');
        if (standing === 'pending') {
          await trx.deleteFrom('group_members').where('group_id', '=', id).where('user_id', '=', user.id).where('status', '=', 'pending').execute();
          return;
        }
        const r = await trx.updateTable('group_members').set({ status: 'left', role: 'member', updated_at: at }).where('group_id', '=', id).where('user_id', '=', user.id).where('status', '=', 'active').executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'NOT_A_MEMBER', '您不是这个微家的成员');
        await freePlace(trx, id, at);
      });
      return detail(user, id);
    },

    async requests(user: UserRow, id: string) {
      const g = await visibleGroup(user, id);
      if (!isLeading(await standingOf(db, g.id, user.id))) throw notLeader();
      const rows = await db
        .selectFrom('group_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name', 'u.phone', 'u.village_code', 'm.requested_at'])
        .where('m.group_id', '=', id)
        .where('m.status', '=', 'pending')
        .orderBy('m.requested_at')
        .execute();
      return { items: rows.map((r) => ({ userId: r.id, name: r.name, phone: r.phone, villageCode: r.village_code, requestedAt: r.requested_at })) };
    },

    async decide(user: UserRow, id: string, applicantId: string, input: DecisionInput): Promise<GroupDetail> {
      const g = await visibleGroup(user, id);
      if (!isLeading(await standingOf(db, id, user.id))) throw notLeader();
      const reason = input.approve ? optionalText(input.reason, LIMITS.reason) : requiredText(input.reason, LIMITS.reason, { code: 'REASON_REQUIRED', message: '请说明不同意的原因' });
      await db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        if (input.approve) await takePlace(trx, id, at);
        const r = await trx
          .updateTable('group_members')
          .set({ status: input.approve ? 'active' : 'declined', role: 'member', reason, joined_at: input.approve ? at : null, updated_at: at })
          .where('group_id', '=', id)
          .where('user_id', '=', applicantId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'REQUEST_NOT_PENDING', '这条申请已经处理过了');
        await tellMany(trx, [applicantId], {
          eventKey: `group:${id}:decision:${applicantId}:${at}`,
          kind: 'group_decision',
          title: input.approve ? '入群申请已通过' : '入群申请未通过',
          body: input.approve ? `欢迎加入「${g.name}」。` : `「${g.name}」没有通过您的申请：${reason}`,
        });
      });
      return detail(user, id);
    },

    async remove(user: UserRow, id: string, memberId: string, rawReason: string): Promise<GroupDetail> {
      const g = await visibleGroup(user, id);
      const mine = await standingOf(db, id, user.id);
      if (!isLeading(mine)) throw notLeader();
      const reason = requiredText(rawReason, LIMITS.reason, { code: 'REASON_REQUIRED', message: '请说明移出的原因' });
      const theirs = await standingOf(db, id, memberId);
      if (theirs === null || theirs === 'pending') throw new AppError(404, 'MEMBER_NOT_FOUND', '这个人不是本微家的成员');
      // Only the leader removes a deputy; nobody removes the leader.
      if (theirs === 'leader' || (theirs === 'deputy' && mine !== 'leader')) throw forbidden();
      await db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        const r = await trx.updateTable('group_members').set({ status: 'removed', role: 'member', reason, updated_at: at }).where('group_id', '=', id).where('user_id', '=', memberId).where('status', '=', 'active').executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'MEMBER_NOT_FOUND', '这个人已经不在本微家了');
        await freePlace(trx, id, at);
        await tellMany(trx, [memberId], { eventKey: `group:${id}:removed:${memberId}:${at}`, kind: 'group_removed', title: '您已被移出微家', body: `您已被移出「${g.name}」：${reason}` });
      });
      return detail(user, id);
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;

function encodeOffset(n: number): string {
  return Buffer.from(String(n)).toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw new AppError(400, 'BAD_CURSOR', '翻页位置不对，请从第一页重新查看');
  return n;
}

