// Living-room talks (issue 5 item 6): cadres schedule 书记龙门阵 and 政策宣讲, residents sign up and
// send questions in advance, and afterwards the cadre records who came and a summary. Topics,
// summaries and questions pass WeChat's content check: 'risky' is refused, 'review' is held for
// another cadre, visible meanwhile only to its author and the village's cadres.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import type { ReviewStatus, TalkTable } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { runIdempotent, type IdempotentResponse } from '../../http/idempotency';
import { requiredText } from '../cases/text-input';
import type { ContentSafety, ContentVerdict } from '../content-safety/check';
import { notify } from '../notifications/notify';
import { isVillageInTownship, isWithinRegion, levelOfCode } from '../regions/codes';
import type { UserRow } from '../users/repository';
import { KIND_LABELS, type CreateTalkInput, type Talk, type TalkDetail, type TalkReviewInput } from './schemas';

type TalkRow = Omit<TalkTable, 'signed_up'> & { signed_up: number };

const LIMITS = {
  topic: { label: '主题', max: 100 },
  place: { label: '地点', max: 50 },
  question: { label: '问题', max: 300 },
  summary: { label: '活动小结', max: 2000 },
};
// WeChat's scenes: 2 comment (a question), 3 forum post (a topic or summary).
const SCENE_POST = 3;
const SCENE_COMMENT = 2;

const notFound = () => new AppError(404, 'TALK_NOT_FOUND', '没有找到这场活动');
const notVillageCadre = () => new AppError(403, 'TALK_FORBIDDEN', '只有本村的村干部可以做这件事');
const rejected = () => new AppError(400, 'CONTENT_REJECTED', '内容含有不适合发布的词语，请修改后再提交');

const heldOrApproved = (verdict: ContentVerdict): ReviewStatus => {
  if (verdict === 'risky') throw rejected();
  return verdict === 'pass' ? 'approved' : 'pending';
};

const isVillageCadre = (user: UserRow, villageCode: string) => user.role === 'cadre' && user.scope_code === villageCode;
// Who may approve a held text: the village's cadres and the admins over the village.
const isReviewer = (user: UserRow, villageCode: string): boolean => {
  const scope = user.scope_code;
  if (!scope) return false;
  if (user.role === 'cadre') return scope === villageCode;
  if (user.role === 'township_admin') return isVillageInTownship(villageCode, scope);
  return user.role === 'county_admin' && levelOfCode(scope) === 'county' && isWithinRegion(villageCode, scope);
};

export function createTalkService({ db, contentSafety, clock = () => new Date() }: { db: Db; contentSafety: ContentSafety; clock?: () => Date }) {
  const check = (user: UserRow, text: string, scene: 2 | 3) => contentSafety.checkText({ text, openid: user.openid, scene });

  const seesHeld = (user: UserRow, t: TalkRow) => t.created_by === user.id || isReviewer(user, t.village_code);

  // The talk as this user may see it, or 404: a held topic exists only for its author and reviewers.
  const visible = async (trx: Db, user: UserRow, id: string): Promise<TalkRow> => {
    const t = await trx.selectFrom('talks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t || (t.topic_status !== 'approved' && !seesHeld(user, t))) throw notFound();
    return t;
  };

  const view = (user: UserRow, t: TalkRow, mySignup: boolean, now: Date): Talk => {
    const started = Date.parse(t.starts_at) <= now.getTime();
    const open = t.topic_status === 'approved' && !started;
    const cadre = isVillageCadre(user, t.village_code);
    const showSummary = t.summary_status === 'approved' || (t.summary !== null && (t.summary_by === user.id || isReviewer(user, t.village_code)));
    const actions: string[] = [];
    if (open && !mySignup && t.signed_up < t.capacity) actions.push('signup');
    if (open) actions.push('ask');
    if (cadre && started) actions.push('record_attendance', 'write_summary');
    if (t.topic_status === 'pending' && isReviewer(user, t.village_code) && t.created_by !== user.id) actions.push('review_topic');
    if (t.summary_status === 'pending' && isReviewer(user, t.village_code) && t.summary_by !== user.id) actions.push('review_summary');
    return {
      id: t.id,
      villageCode: t.village_code,
      kind: t.kind,
      kindLabel: KIND_LABELS[t.kind],
      topic: t.topic,
      topicStatus: t.topic_status,
      startsAt: t.starts_at,
      place: t.place,
      capacity: t.capacity,
      signedUp: t.signed_up,
      placesLeft: Math.max(0, t.capacity - t.signed_up),
      mySignup,
      summary: showSummary ? t.summary : null,
      summaryStatus: showSummary ? t.summary_status : null,
      actions,
    };
  };

  const signedUpIds = async (trx: Db, user: UserRow, talkIds: string[]): Promise<Set<string>> => {
    if (!talkIds.length) return new Set();
    const rows = await trx.selectFrom('talk_signups').select('talk_id').where('user_id', '=', user.id).where('kind', '=', 'signed_up').where('talk_id', 'in', talkIds).execute();
    return new Set(rows.map((r) => r.talk_id));
  };

  const detail = async (trx: Db, user: UserRow, id: string): Promise<TalkDetail> => {
    const t = await visible(trx, user, id);
    const now = clock();
    const reviewer = isReviewer(user, t.village_code);
    let q = trx
      .selectFrom('talk_questions as q')
      .innerJoin('users as u', 'u.id', 'q.user_id')
      .select(['q.id', 'q.user_id', 'u.name', 'q.body', 'q.review_status', 'q.created_at'])
      .where('q.talk_id', '=', id);
    if (!reviewer) q = q.where('q.user_id', '=', user.id);
    const questions = await q.orderBy('q.created_at').orderBy('q.id').execute();
    const attendees = reviewer
      ? await trx
          .selectFrom('talk_signups as s')
          .innerJoin('users as u', 'u.id', 's.user_id')
          .select(['s.user_id', 'u.name', 's.kind', 's.attended'])
          .where('s.talk_id', '=', id)
          .orderBy('s.created_at')
          .execute()
      : null;
    return {
      ...view(user, t, (await signedUpIds(trx, user, [id])).has(id), now),
      questions: questions.map((x) => ({ id: x.id, asker: { id: x.user_id, name: x.name }, mine: x.user_id === user.id, body: x.body, reviewStatus: x.review_status, createdAt: x.created_at })),
      attendees: attendees?.map((a) => ({ id: a.user_id, name: a.name, signedUp: a.kind === 'signed_up', attended: a.attended === 1 })) ?? null,
    };
  };

  const cadreOf = async (trx: Db, user: UserRow, id: string): Promise<TalkRow> => {
    const t = await visible(trx, user, id);
    if (!isVillageCadre(user, t.village_code)) throw notVillageCadre();
    return t;
  };
  const afterStart = (t: TalkRow) => {
    if (Date.parse(t.starts_at) > clock().getTime()) throw new AppError(409, 'TALK_NOT_STARTED', '活动还没开始，结束后再登记');
  };

  return {
    async create(user: UserRow, input: CreateTalkInput, key: string): Promise<IdempotentResponse<TalkDetail>> {
      if (!isVillageCadre(user, input.villageCode)) throw notVillageCadre();
      const topic = requiredText(input.topic, LIMITS.topic, { code: 'TOPIC_REQUIRED', message: '请写上这次活动的主题' });
      const place = requiredText(input.place, LIMITS.place, { code: 'PLACE_REQUIRED', message: '请写上活动地点' });
      const startsAt = new Date(input.startsAt);
      if (Number.isNaN(startsAt.getTime()) || startsAt.getTime() <= clock().getTime()) {
        throw new AppError(400, 'STARTS_AT_PAST', '活动时间要在现在之后');
      }
      const status = heldOrApproved(await check(user, `${topic}\n${place}`, SCENE_POST));
      return runIdempotent(db, { userId: user.id, key, route: 'POST /talks', payload: input }, async (trx) => {
        const id = newRowId();
        const at = clock().toISOString();
        await trx
          .insertInto('talks')
          .values({ id, village_code: input.villageCode, kind: input.kind, topic, topic_status: status, starts_at: startsAt.toISOString(), place, capacity: input.capacity, summary: null, summary_status: null, summary_by: null, created_by: user.id, created_at: at, updated_at: at })
          .execute();
        return { statusCode: 201, body: await detail(trx, user, id) };
      });
    },

    async list(user: UserRow, villageCode: string): Promise<{ items: Talk[] }> {
      let q = db.selectFrom('talks').selectAll().where('village_code', '=', villageCode);
      if (!isReviewer(user, villageCode)) q = q.where((eb) => eb.or([eb('topic_status', '=', 'approved'), eb('created_by', '=', user.id)]));
      const rows = await q
        .orderBy('starts_at', 'desc')
        .limit(50)
        .execute();
      const mine = await signedUpIds(db, user, rows.map((r) => r.id));
      const now = clock();
      return { items: rows.map((t) => view(user, t, mine.has(t.id), now)) };
    },

    // For the home tab: the next approved talk of the village.
    async next(user: UserRow, villageCode: string): Promise<{ talk: Talk | null }> {
      const now = clock();
      const t = await db
        .selectFrom('talks')
        .selectAll()
        .where('village_code', '=', villageCode)
        .where('topic_status', '=', 'approved')
        .where('starts_at', '>', now.toISOString())
        .orderBy('starts_at')
        .orderBy('id')
        .executeTakeFirst();
      if (!t) return { talk: null };
      return { talk: view(user, t, (await signedUpIds(db, user, [t.id])).has(t.id), now) };
    },

    get(user: UserRow, id: string): Promise<TalkDetail> {
      return detail(db, user, id);
    },

    // The place is taken by a conditional update, so capacity holds under any number of taps.
    async signup(user: UserRow, id: string): Promise<TalkDetail> {
      return db.transaction().execute(async (trx) => {
        const t = await visible(trx, user, id);
        const now = clock();
        if (t.topic_status !== 'approved') throw new AppError(409, 'TALK_NOT_OPEN', '这场活动还在审核，暂时不能报名');
        if (Date.parse(t.starts_at) <= now.getTime()) throw new AppError(409, 'TALK_STARTED', '活动已经开始，不能再报名了');
        const inserted = await trx
          .insertInto('talk_signups')
          .values({ talk_id: id, user_id: user.id, kind: 'signed_up', created_at: now.toISOString() })
          .onConflict((oc) => oc.columns(['talk_id', 'user_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new AppError(409, 'ALREADY_SIGNED_UP', '您已经报过名了');
        const taken = await trx
          .updateTable('talks')
          .set((eb) => ({ signed_up: eb('signed_up', '+', 1) }))
          .where('id', '=', id)
          .where('signed_up', '<', t.capacity)
          .where('topic_status', '=', 'approved')
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) throw new AppError(409, 'TALK_FULL', '名额已经报满了，下次早点来报名');
        return detail(trx, user, id);
      });
    },

    async ask(user: UserRow, id: string, input: { body: string }): Promise<TalkDetail> {
      const body = requiredText(input.body, LIMITS.question, { code: 'QUESTION_EMPTY', message: '请写上您想问的问题' });
      const t = await visible(db, user, id);
      if (t.topic_status !== 'approved') throw new AppError(409, 'TALK_NOT_OPEN', '这场活动还在审核，暂时不能提问');
      if (Date.parse(t.starts_at) <= clock().getTime()) throw new AppError(409, 'TALK_STARTED', '活动已经开始，请在现场提问');
      const status = heldOrApproved(await check(user, body, SCENE_COMMENT));
      return db.transaction().execute(async (trx) => {
        const questionId = newRowId();
        await trx.insertInto('talk_questions').values({ id: questionId, talk_id: id, user_id: user.id, body, review_status: status, created_at: clock().toISOString() }).execute();
        const cadres = await trx.selectFrom('users').select('id').where('role', '=', 'cadre').where('scope_code', '=', t.village_code).where('deleted_at', 'is', null).execute();
        for (const c of cadres) {
          if (c.id === user.id) continue;
          await notify(trx, { userId: c.id, kind: 'talk_question', title: `${KIND_LABELS[t.kind]}收到提问`, body: `「${t.topic}」有人提前提了问题${status === 'pending' ? '（待审核）' : ''}。`, eventKey: `talk:${id}:question:${questionId}:${c.id}` });
        }
        return detail(trx, user, id);
      });
    },

    async reviewQuestion(user: UserRow, id: string, questionId: string, decision: 'approve' | 'reject'): Promise<TalkDetail> {
      return db.transaction().execute(async (trx) => {
        const t = await visible(trx, user, id);
        if (!isReviewer(user, t.village_code)) throw notVillageCadre();
        const moved = await trx
          .updateTable('talk_questions')
          .set({ review_status: decision === 'approve' ? 'approved' : 'rejected' })
          .where('id', '=', questionId)
          .where('talk_id', '=', id)
          .where('review_status', '=', 'pending')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new AppError(409, 'NOTHING_TO_REVIEW', '这条内容不需要审核或已经审核过了');
        return detail(trx, user, id);
      });
    },

    // Another reviewer approves a held topic or summary: nobody clears their own text.
    async review(user: UserRow, id: string, input: TalkReviewInput): Promise<TalkDetail> {
      return db.transaction().execute(async (trx) => {
        const t = await visible(trx, user, id);
        if (!isReviewer(user, t.village_code)) throw notVillageCadre();
        const author = input.part === 'topic' ? t.created_by : t.summary_by;
        if (author === user.id) throw new AppError(403, 'REVIEW_OWN_TEXT', '自己写的内容要请其他村干部审核');
        const status = input.decision === 'approve' ? 'approved' : 'rejected';
        const column = input.part === 'topic' ? 'topic_status' : 'summary_status';
        const moved = await trx
          .updateTable('talks')
          .set({ [column]: status, updated_at: clock().toISOString() })
          .where('id', '=', id)
          .where(column, '=', 'pending')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new AppError(409, 'NOTHING_TO_REVIEW', '这条内容不需要审核或已经审核过了');
        if (author) {
          await notify(trx, { userId: author, kind: 'talk_review', title: status === 'approved' ? '内容已审核通过' : '内容未通过审核', body: `「${t.topic}」的${input.part === 'topic' ? '主题' : '活动小结'}${status === 'approved' ? '已经公布' : '没有通过审核，请修改后重新提交'}。`, eventKey: `talk:${id}:review:${input.part}:${clock().toISOString()}:${author}` });
        }
        return detail(trx, user, id);
      });
    },

    // The full list of who came; people who came without signing up are recorded as walk-ins.
    async recordAttendance(user: UserRow, id: string, userIds: string[]): Promise<TalkDetail> {
      const ids = [...new Set(userIds)];
      return db.transaction().execute(async (trx) => {
        const t = await cadreOf(trx, user, id);
        afterStart(t);
        if (ids.length) {
          const known = await trx.selectFrom('users').select('id').where('id', 'in', ids).execute();
          if (known.length !== ids.length) throw new AppError(400, 'UNKNOWN_ATTENDEE', '名单里有找不到的人，请刷新后重新勾选');
        }
        await trx.updateTable('talk_signups').set({ attended: 0 }).where('talk_id', '=', id).execute();
        let removeWalkIns = trx.deleteFrom('talk_signups').where('talk_id', '=', id).where('kind', '=', 'walk_in');
        if (ids.length) removeWalkIns = removeWalkIns.where('user_id', 'not in', ids);
        await removeWalkIns.execute();
        const at = clock().toISOString();
        for (const userId of ids) {
          await trx
            .insertInto('talk_signups')
            .values({ talk_id: id, user_id: userId, kind: 'walk_in', attended: 1, created_at: at })
            .onConflict((oc) => oc.columns(['talk_id', 'user_id']).doUpdateSet({ attended: 1 }))
            .execute();
        }
        await trx.updateTable('talks').set({ updated_at: at }).where('id', '=', id).execute();
        return detail(trx, user, id);
      });
    },

    async writeSummary(user: UserRow, id: string, input: { summary: string }): Promise<TalkDetail> {
      const summary = requiredText(input.summary, LIMITS.summary, { code: 'SUMMARY_REQUIRED', message: '请写上活动小结' });
      const t = await cadreOf(db, user, id);
      afterStart(t);
      const status = heldOrApproved(await check(user, summary, SCENE_POST));
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('talks').set({ summary, summary_status: status, summary_by: user.id, updated_at: clock().toISOString() }).where('id', '=', id).execute();
        return detail(trx, user, id);
      });
    },
  };
}

export type TalkService = ReturnType<typeof createTalkService>;
