// The held-content queue (issue 5, content safety): every text the content check marked 'review'
// in the places the reader oversees — a village cadre their village, an admin their region —
// oldest first, in one list. Approving and refusing stay with each text's own review route.
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { decodeCursor, encodeCursor } from '../cases/cursor';
import { KIND_LABELS } from '../talks/schemas';
import type { UserRow } from '../users/repository';
import type { HeldItem, ReviewKind, ReviewQuery } from './schemas';

const LABELS: Record<ReviewKind, string> = { group: '微家介绍', activity: '微家活动', talk_topic: '活动主题', talk_summary: '活动小结', talk_question: '提前提问' };

// by: the author of a talk text, who may not clear it.
type Row = Omit<HeldItem, 'key' | 'kindLabel'> & { by: string | null };

export function createReviewService({ db }: { db: Db }) {
  // Places are matched by code prefix: a cadre's 12-digit village matches itself only.
  const within = (user: UserRow): string => {
    if (!user.scope_code || !['cadre', 'township_admin', 'county_admin'].includes(user.role)) throw new AppError(403, 'REVIEW_FORBIDDEN', '只有村干部和管理员可以审核内容');
    return `${user.scope_code}%`;
  };

  const held = async (scope: string, after: string, take: number): Promise<Row[]> => {
    const groups = await db
      .selectFrom('groups as g')
      .leftJoin('users as u', 'u.id', 'g.created_by')
      .select(['g.id', 'g.name', 'g.description', 'g.scope_code', 'g.updated_at', 'u.name as author'])
      .where('g.review_status', '=', 'pending')
      .where('g.scope_code', 'like', scope)
      .where('g.updated_at', '>=', after)
      .orderBy('g.updated_at')
      .limit(take)
      .execute();
    const activities = await db
      .selectFrom('activities as a')
      .innerJoin('groups as g', 'g.id', 'a.group_id')
      .leftJoin('users as u', 'u.id', 'a.created_by')
      .select(['a.id', 'a.title', 'a.place', 'a.bring', 'a.created_at', 'g.name as group_name', 'g.scope_code', 'u.name as author'])
      .where('a.review_status', '=', 'pending')
      .where('g.scope_code', 'like', scope)
      .where('a.created_at', '>=', after)
      .orderBy('a.created_at')
      .limit(take)
      .execute();
    const topics = await db
      .selectFrom('talks as t')
      .leftJoin('users as u', 'u.id', 't.created_by')
      .select(['t.id', 't.kind', 't.topic', 't.place', 't.village_code', 't.created_by', 't.created_at', 'u.name as author'])
      .where('t.topic_status', '=', 'pending')
      .where('t.village_code', 'like', scope)
      .where('t.created_at', '>=', after)
      .orderBy('t.created_at')
      .limit(take)
      .execute();
    const summaries = await db
      .selectFrom('talks as t')
      .leftJoin('users as u', 'u.id', 't.summary_by')
      .select(['t.id', 't.kind', 't.topic', 't.summary', 't.summary_by', 't.village_code', 't.updated_at', 'u.name as author'])
      .where('t.summary_status', '=', 'pending')
      .where('t.village_code', 'like', scope)
      .where('t.updated_at', '>=', after)
      .orderBy('t.updated_at')
      .limit(take)
      .execute();
    const questions = await db
      .selectFrom('talk_questions as q')
      .innerJoin('talks as t', 't.id', 'q.talk_id')
      .leftJoin('users as u', 'u.id', 'q.user_id')
      .select(['q.id', 'q.talk_id', 'q.body', 'q.created_at', 't.topic', 't.village_code', 'u.name as author'])
      .where('q.review_status', '=', 'pending')
      .where('t.village_code', 'like', scope)
      .where('q.created_at', '>=', after)
      .orderBy('q.created_at')
      .limit(take)
      .execute();
    const both = ['approve', 'reject'] as HeldItem['actions'];
    return [
      ...groups.map((g) => ({ kind: 'group' as const, id: g.id, talkId: null, context: g.name, text: g.description, author: g.author, villageCode: g.scope_code, heldAt: g.updated_at, actions: both, by: null })),
      ...activities.map((a) => ({ kind: 'activity' as const, id: a.id, talkId: null, context: a.group_name, text: [a.title, a.place, a.bring].filter(Boolean).join('；'), author: a.author, villageCode: a.scope_code, heldAt: a.created_at, actions: both, by: null })),
      ...topics.map((t) => ({ kind: 'talk_topic' as const, id: t.id, talkId: t.id, context: KIND_LABELS[t.kind], text: `${t.topic}；${t.place}`, author: t.author, villageCode: t.village_code, heldAt: t.created_at, actions: both, by: t.created_by })),
      ...summaries.map((t) => ({ kind: 'talk_summary' as const, id: t.id, talkId: t.id, context: `${KIND_LABELS[t.kind]}：${t.topic}`, text: t.summary ?? '', author: t.author, villageCode: t.village_code, heldAt: t.updated_at, actions: both, by: t.summary_by })),
      ...questions.map((q) => ({ kind: 'talk_question' as const, id: q.id, talkId: q.talk_id, context: q.topic, text: q.body, author: q.author, villageCode: q.village_code, heldAt: q.created_at, actions: both, by: null })),
    ];
  };

  return {
    async list(user: UserRow, query: ReviewQuery): Promise<{ items: HeldItem[]; nextCursor: string | null }> {
      const scope = within(user);
      const limit = query.limit ?? 50;
      const cursor = decodeCursor(query.cursor);
      const keyOf = (r: { kind: string; id: string }) => `${r.kind}:${r.id}`;
      const rows = (await held(scope, cursor?.value ?? '', limit + 1))
        .filter((r) => !cursor || r.heldAt > cursor.value || (r.heldAt === cursor.value && keyOf(r) > cursor.id))
        .sort((a, b) => (a.heldAt === b.heldAt ? (keyOf(a) < keyOf(b) ? -1 : 1) : a.heldAt < b.heldAt ? -1 : 1));
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        // Talk texts are never cleared by their own author (the talk service refuses it too).
        items: shown.map(({ by, ...r }) => ({ ...r, key: keyOf(r), kindLabel: LABELS[r.kind], actions: by === user.id ? [] : r.actions })),
        nextCursor: rows.length > limit && last ? encodeCursor({ value: last.heldAt, id: keyOf(last) }) : null,
      };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
