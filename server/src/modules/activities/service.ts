// Activities (issue 5, item 3): leaders post them; members (or anyone, when open to all) sign up.
// Places and waiting-list positions are handed out by conditional updates of the activity row,
// which every sign-up and cancellation of one activity must lock first: positions follow the
// order the database commits them, and a cancellation promotes the first in line atomically.
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import type { ActivityTable } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { runIdempotent, type IdempotentResponse } from '../../http/idempotency';
import { optionalText, requiredText } from '../cases/text-input';
import type { ContentSafety } from '../content-safety/check';
import { notify } from '../notifications/notify';
import { canSeeReviewed, findGroup, groupNotFound, isLeading, notLeader, oversees, requireLeading, screen, standingOf } from '../groups/rules';
import type { UserRow } from '../users/repository';
import type { Activity, ActivityQuery, CheckinInput, CreateActivityInput } from './schemas';

export type ActivityRow = Omit<ActivityTable, 'signed_up' | 'wait_seq'> & { signed_up: number; wait_seq: number };

const LIMITS = { title: { label: '活动名称', max: 40 }, place: { label: '活动地点', max: 60 }, bring: { label: '需要带的东西', max: 200 } };
const HOUR_MS = 3_600_000;
// The door opens for check-in a day before and stays open two days after, for late ticks.
const CHECKIN_BEFORE_MS = 24 * HOUR_MS;
const CHECKIN_AFTER_MS = 48 * HOUR_MS;

const notFound = () => new AppError(404, 'ACTIVITY_NOT_FOUND', '没有找到这个活动');
const started = () => new AppError(409, 'ACTIVITY_STARTED', '活动已经开始，不能再报名或取消');

export function createActivityService({ db, safety, clock = () => new Date() }: { db: Db; safety: ContentSafety; clock?: () => Date }) {
  const load = async (user: UserRow | null, id: string) => {
    const a = (await db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst()) as ActivityRow | undefined;
    if (!a) throw notFound();
    const g = (await findGroup(db, a.group_id))!;
    if (!canSeeReviewed(user, g.review_status, [g.created_by, g.leader_id], g.scope_code) || !canSeeReviewed(user, a.review_status, [a.created_by], g.scope_code)) throw notFound();
    return { a, g };
  };

  // 1 = next in; counted among those still waiting, so it closes up as people are promoted.
  const positionOf = async (trx: Db, activityId: string, waitSeq: number | null) => {
    if (waitSeq === null) return null;
    const r = await trx.selectFrom('activity_signups').select((eb) => eb.fn.countAll().as('n')).where('activity_id', '=', activityId).where('status', '=', 'waitlisted').where('wait_seq', '<', waitSeq).executeTakeFirstOrThrow();
    return Number(r.n) + 1;
  };

  const view = async (user: UserRow | null, id: string): Promise<Activity> => {
    const { a, g } = await load(user, id);
    const standing = await standingOf(db, g.id, user?.id);
    const mine = user ? await db.selectFrom('activity_signups').selectAll().where('activity_id', '=', id).where('user_id', '=', user.id).executeTakeFirst() : undefined;
    const waiting = await db.selectFrom('activity_signups').select((eb) => eb.fn.countAll().as('n')).where('activity_id', '=', id).where('status', '=', 'waitlisted').executeTakeFirstOrThrow();
    const now = clock().getTime();
    const before = Date.parse(a.starts_at) > now;
    const approved = a.review_status === 'approved';
    const active = mine && mine.status !== 'cancelled';
    const actions: string[] = [];
    if (user && approved && before && !active && (a.open_to_all || (standing !== null && standing !== 'pending'))) actions.push('signup');
    if (active && before && !mine.checked_in_at) actions.push('cancel_signup');
    if (isLeading(standing) && approved) actions.push('checkin');
    if (a.review_status === 'pending' && oversees(user, g.scope_code)) actions.push('review');
    const leading = isLeading(standing);
    let signups: Activity['signups'];
    if (leading) {
      const rows = await db
        .selectFrom('activity_signups as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['s.user_id', 'u.name', 's.status', 's.wait_seq', 's.checked_in_at', 's.hours'])
        .where('s.activity_id', '=', id)
        .where('s.status', '!=', 'cancelled')
        .orderBy('s.wait_seq')
        .orderBy('s.created_at')
        .execute();
      let n = 0;
      signups = rows.map((r) => ({ userId: r.user_id, name: r.name, status: r.status, position: r.status === 'waitlisted' ? ++n : null, checkedInAt: r.checked_in_at, hours: r.hours }));
    }
    return {
      id: a.id,
      groupId: g.id,
      groupName: g.name,
      groupKind: g.kind,
      scopeCode: g.scope_code,
      title: a.title,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      place: a.place,
      capacity: a.capacity,
      signedUp: Number(a.signed_up),
      waitlisted: Number(waiting.n),
      bring: a.bring,
      openToAll: a.open_to_all === 1,
      volunteerHours: a.volunteer_hours,
      reviewStatus: a.review_status,
      mySignup: mine
        ? {
            status: mine.status,
            position: mine.status === 'waitlisted' ? await positionOf(db, id, mine.wait_seq) : null,
            checkinCode: mine.status === 'cancelled' ? null : mine.checkin_code,
            checkedInAt: mine.checked_in_at,
            hours: mine.hours,
          }
        : null,
      actions,
      ...(signups ? { signups } : {}),
    };
  };

  return {
    view,

    async list(user: UserRow | null, query: ActivityQuery) {
      const village = query.villageCode ?? user?.village_code ?? null;
      const from = query.from ?? clock().toISOString();
      let q = db.selectFrom('activities as a').innerJoin('groups as g', 'g.id', 'a.group_id').select(['a.id', 'a.review_status', 'a.created_by', 'g.scope_code', 'g.review_status as group_review', 'g.created_by as group_creator', 'g.leader_id']).where('a.ends_at', '>=', from);
      if (query.groupId) q = q.where('a.group_id', '=', query.groupId);
      if (village) q = q.where((eb) => eb.or([eb('g.scope_code', '=', village), eb('g.scope_code', '=', village.slice(0, 9))]));
      const rows = (await q.orderBy('a.starts_at').orderBy('a.id').execute()).filter(
        (r) => canSeeReviewed(user, r.group_review, [r.group_creator, r.leader_id], r.scope_code) && canSeeReviewed(user, r.review_status, [r.created_by], r.scope_code),
      );
      const items: Activity[] = [];
      for (const r of rows.slice(0, query.limit ?? 50)) items.push(await view(user, r.id));
      return { items, nextCursor: null };
    },

    async create(user: UserRow, groupId: string, input: CreateActivityInput, key: string | undefined): Promise<IdempotentResponse<Activity>> {
      const g = await findGroup(db, groupId);
      if (!g || !canSeeReviewed(user, g.review_status, [g.created_by, g.leader_id], g.scope_code)) throw groupNotFound();
      await requireLeading(db, g, user);
      if (g.review_status !== 'approved') throw new AppError(409, 'GROUP_NOT_APPROVED', '微家还在审核中，暂时不能发布活动');
      const title = requiredText(input.title, LIMITS.title, { code: 'TITLE_REQUIRED', message: '请填写活动名称' });
      const place = requiredText(input.place, LIMITS.place, { code: 'PLACE_REQUIRED', message: '请填写活动地点' });
      const bring = optionalText(input.bring, LIMITS.bring);
      const starts = Date.parse(input.startsAt);
      const ends = Date.parse(input.endsAt);
      if (starts <= clock().getTime()) throw new AppError(400, 'STARTS_IN_PAST', '活动开始时间应在现在之后');
      if (ends <= starts || ends - starts > 24 * HOUR_MS) throw new AppError(400, 'BAD_TIMES', '结束时间应在开始之后，且一天之内');
      if (input.volunteerHours !== undefined && g.kind !== 'charity') throw new AppError(400, 'HOURS_CHARITY_ONLY', '只有公益微家的活动记录志愿服务时长');
      const review = await screen(safety, user, [title, place, bring].filter(Boolean).join('\n'));
      const work = async (trx: Db): Promise<IdempotentResponse<Activity>> => {
        const at = clock().toISOString();
        const id = newRowId();
        await trx
          .insertInto('activities')
          .values({
            id,
            group_id: g.id,
            title,
            starts_at: new Date(starts).toISOString(),
            ends_at: new Date(ends).toISOString(),
            place,
            capacity: input.capacity,
            bring,
            open_to_all: input.openToAll ? 1 : 0,
            volunteer_hours: input.volunteerHours ?? null,
            review_status: review,
            created_by: user.id,
            created_at: at,
            updated_at: at,
          })
          .execute();
        return { statusCode: 201, body: { id } as unknown as Activity };
      };
      const result = key ? await runIdempotent(db, { userId: user.id, key, route: `POST /groups/${groupId}/activities`, payload: input }, work) : await db.transaction().execute(work);
      return { statusCode: result.statusCode, body: await view(user, (result.body as { id: string }).id) };
    },

    async review(user: UserRow, id: string, approve: boolean): Promise<Activity> {
      const { a, g } = await load(user, id);
      if (!oversees(user, g.scope_code)) throw new AppError(403, 'ACTIVITY_ACTION_FORBIDDEN', '您不能审核这个活动');
      await db.transaction().execute(async (trx) => {
        const at = clock().toISOString();
        const r = await trx.updateTable('activities').set({ review_status: approve ? 'approved' : 'rejected', updated_at: at }).where('id', '=', id).where('review_status', '=', 'pending').executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'NOT_PENDING', '这条内容不在待审核状态');
        await notify(trx, { userId: a.created_by, kind: 'activity_review', title: approve ? '活动已通过审核' : '活动未通过审核', body: `「${a.title}」${approve ? '已对大家显示' : '未通过审核，请修改后重新发布'}。`, eventKey: `activity:${id}:review:${a.created_by}` });
      });
      return view(user, id);
    },

    async signup(user: UserRow, id: string): Promise<Activity> {
      const { a, g } = await load(user, id);
      if (a.review_status !== 'approved') throw new AppError(409, 'ACTIVITY_NOT_APPROVED', '活动还在审核中，暂时不能报名');
      if (Date.parse(a.starts_at) <= clock().getTime()) throw started();
      const standing = await standingOf(db, g.id, user.id);
      if (!a.open_to_all && (standing === null || standing === 'pending')) throw new AppError(403, 'MEMBERS_ONLY', '这个活动只对本微家成员开放');
      await db.transaction().execute(async (trx) => {
        const at = clock().toISOString();
        await lockActivity(trx, id, at);
        const old = await trx.selectFrom('activity_signups').select(['id', 'status']).where('activity_id', '=', id).where('user_id', '=', user.id).executeTakeFirst();
        if (old && old.status !== 'cancelled') throw new AppError(409, 'ALREADY_SIGNED_UP', '您已经报过名了');
        // A free place, or else the next number on the waiting list; both lock the activity row.
        const took = await trx.updateTable('activities').set((eb) => ({ signed_up: eb('signed_up', '+', 1), updated_at: at })).where('id', '=', id).where('signed_up', '<', (eb) => eb.ref('capacity')).executeTakeFirst();
        let status: 'signed_up' | 'waitlisted' = 'signed_up';
        let waitSeq: number | null = null;
        if (Number(took.numUpdatedRows) !== 1) {
          const seq = await trx.updateTable('activities').set((eb) => ({ wait_seq: eb('wait_seq', '+', 1), updated_at: at })).where('id', '=', id).returning('wait_seq').executeTakeFirstOrThrow();
          status = 'waitlisted';
          waitSeq = Number(seq.wait_seq);
        }
        const code = await freshCode(trx, id);
        if (old) {
          const r = await trx.updateTable('activity_signups').set({ status, wait_seq: waitSeq, checkin_code: code, reminded_at: null, updated_at: at }).where('id', '=', old.id).where('status', '=', 'cancelled').executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'ALREADY_SIGNED_UP', '您已经报过名了');
        } else {
          const r = await trx
            .insertInto('activity_signups')
            .values({ id: newRowId(), activity_id: id, user_id: user.id, status, wait_seq: waitSeq, checkin_code: code, checked_in_at: null, checked_in_by: null, hours: null, reminded_at: null, created_at: at, updated_at: at })
            .onConflict((oc) => oc.columns(['activity_id', 'user_id']).doNothing())
            .executeTakeFirst();
          if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError(409, 'ALREADY_SIGNED_UP', '您已经报过名了');
        }
      });
      return view(user, id);
    },

    async cancel(user: UserRow, id: string): Promise<Activity> {
      const { a } = await load(user, id);
      if (Date.parse(a.starts_at) <= clock().getTime()) throw started();
      await db.transaction().execute((trx) => cancelIn(trx, a, user.id, clock().toISOString()));
      return view(user, id);
    },

    async checkin(user: UserRow, id: string, input: CheckinInput): Promise<Activity> {
      const { a, g } = await load(user, id);
      if (!isLeading(await standingOf(db, g.id, user.id))) throw notLeader();
      if ((input.userId === undefined) === (input.code === undefined)) throw new AppError(400, 'CHECKIN_TARGET_REQUIRED', '请勾选一位报名的人，或输入对方手机上的签到码');
      const now = clock().getTime();
      if (now < Date.parse(a.starts_at) - CHECKIN_BEFORE_MS || now > Date.parse(a.ends_at) + CHECKIN_AFTER_MS) throw new AppError(409, 'CHECKIN_NOT_OPEN', '现在不是这个活动的签到时间');
      if (input.hours !== undefined && g.kind !== 'charity') throw new AppError(400, 'HOURS_CHARITY_ONLY', '只有公益微家的活动记录志愿服务时长');
      let q = db.selectFrom('activity_signups').selectAll().where('activity_id', '=', id);
      q = input.userId !== undefined ? q.where('user_id', '=', input.userId) : q.where('checkin_code', '=', input.code!);
      const s = await q.executeTakeFirst();
      if (!s || s.status === 'cancelled') throw new AppError(404, 'SIGNUP_NOT_FOUND', '没有找到这个报名，请核对签到码');
      if (s.status !== 'signed_up') throw new AppError(409, 'NOT_SIGNED_UP', '这位还在候补名单上，没有正式报名');
      const duration = Math.round(((Date.parse(a.ends_at) - Date.parse(a.starts_at)) / HOUR_MS) * 10) / 10;
      const hours = g.kind === 'charity' ? (input.hours ?? a.volunteer_hours ?? duration) : null;
      const at = clock().toISOString();
      const r = await db.updateTable('activity_signups').set({ checked_in_at: at, checked_in_by: user.id, hours, updated_at: at }).where('id', '=', s.id).where('status', '=', 'signed_up').where('checked_in_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'ALREADY_CHECKED_IN', '这位已经签到过了');
      return view(user, id);
    },

    async volunteerHours(user: UserRow) {
      const rows = await db
        .selectFrom('activity_signups as s')
        .innerJoin('activities as a', 'a.id', 's.activity_id')
        .innerJoin('groups as g', 'g.id', 'a.group_id')
        .select(['a.id', 'a.title', 'g.name', 'a.starts_at', 's.hours'])
        .where('s.user_id', '=', user.id)
        .where('s.hours', 'is not', null)
        .orderBy('a.starts_at', 'desc')
        .execute();
      const items = rows.map((r) => ({ activityId: r.id, title: r.title, groupName: r.name, startsAt: r.starts_at, hours: Number(r.hours) }));
      return { totalHours: Math.round(items.reduce((t, i) => t + i.hours, 0) * 10) / 10, items };
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;

// Locks the activity row for the rest of the transaction: sign-ups and cancellations queue here.
async function lockActivity(trx: Db, id: string, at: string): Promise<void> {
  await trx.updateTable('activities').set({ updated_at: at }).where('id', '=', id).execute();
}

async function promoteFirst(trx: Db, a: ActivityRow, at: string): Promise<void> {
  const next = await trx.selectFrom('activity_signups').select(['id', 'user_id']).where('activity_id', '=', a.id).where('status', '=', 'waitlisted').orderBy('wait_seq').limit(1).executeTakeFirst();
  if (!next) {
    await trx.updateTable('activities').set((eb) => ({ signed_up: eb('signed_up', '-', 1) })).where('id', '=', a.id).execute();
    return;
  }
  await trx.updateTable('activity_signups').set({ status: 'signed_up', wait_seq: null, updated_at: at }).where('id', '=', next.id).execute();
  await notify(trx, { userId: next.user_id, kind: 'activity_promoted', title: '候补成功', body: `有人取消了报名，您已从候补转为正式报名「${a.title}」。`, eventKey: `activity:${a.id}:promoted:${next.id}:${at}` });
}

// Cancels one sign-up (theirs, or on closing an account) and lets the next person in.
export async function cancelIn(trx: Db, a: ActivityRow, userId: string, at: string): Promise<void> {
  await lockActivity(trx, a.id, at);
  const s = await trx.selectFrom('activity_signups').select(['id', 'status', 'checked_in_at']).where('activity_id', '=', a.id).where('user_id', '=', userId).executeTakeFirst();
  if (!s || s.status === 'cancelled') throw new AppError(409, 'NOT_SIGNED_UP', '您没有报名这个活动');
  if (s.checked_in_at) throw new AppError(409, 'ALREADY_CHECKED_IN', '已经签到，不能取消报名');
  await trx.updateTable('activity_signups').set({ status: 'cancelled', wait_seq: null, updated_at: at }).where('id', '=', s.id).execute();
  if (s.status === 'signed_up') await promoteFirst(trx, a, at);
}

// A check-in code no one else at this activity holds; the activity row is locked, so no race.
async function freshCode(trx: Db, activityId: string): Promise<string> {
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const taken = await trx.selectFrom('activity_signups').select('id').where('activity_id', '=', activityId).where('checkin_code', '=', code).executeTakeFirst();
    if (!taken) return code;
  }
}
