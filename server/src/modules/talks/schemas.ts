// TypeBox schemas of the living-room talks API (书记龙门阵, 政策宣讲).
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';

export const TALK_KINDS = ['secretary_talk', 'policy_briefing'] as const;
export type TalkKind = (typeof TALK_KINDS)[number];
export const KIND_LABELS: Record<TalkKind, string> = { secretary_talk: '书记龙门阵', policy_briefing: '政策宣讲' };
export const REVIEW_STATES = ['approved', 'pending', 'rejected'] as const;

const Id = Type.String({ minLength: 1, maxLength: 64 });
const VillageCode = Type.String({ pattern: '^\\d{12}$' });

export const CreateTalkSchema = Type.Object(
  {
    kind: StringEnum(TALK_KINDS, { description: 'secretary_talk 书记龙门阵 / policy_briefing 政策宣讲' }),
    topic: Type.String({ maxLength: 1000, description: 'Up to 100 characters' }),
    startsAt: Type.String({ format: 'date-time' }),
    place: Type.String({ maxLength: 500, description: 'Up to 50 characters' }),
    capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
    villageCode: VillageCode,
  },
  { additionalProperties: false },
);
export type CreateTalkInput = Static<typeof CreateTalkSchema>;

export const TalkListQuerySchema = Type.Object({ villageCode: VillageCode }, { additionalProperties: false });
export const TalkParamsSchema = Type.Object({ id: Id });
export const QuestionParamsSchema = Type.Object({ id: Id, questionId: Id });

export const QuestionInputSchema = Type.Object({ body: Type.String({ maxLength: 3000, description: 'Up to 300 characters' }) }, { additionalProperties: false });
export const AttendanceInputSchema = Type.Object({ userIds: Type.Array(Id, { maxItems: 1000, description: 'Everyone who came; replaces the earlier list' }) }, { additionalProperties: false });
export const SummaryInputSchema = Type.Object({ summary: Type.String({ maxLength: 20000, description: 'Up to 2,000 characters' }) }, { additionalProperties: false });
export const ReviewInputSchema = Type.Object({ decision: StringEnum(['approve', 'reject'] as const) }, { additionalProperties: false });
export const TalkReviewInputSchema = Type.Object(
  { part: StringEnum(['topic', 'summary'] as const), decision: StringEnum(['approve', 'reject'] as const) },
  { additionalProperties: false },
);
export type TalkReviewInput = Static<typeof TalkReviewInputSchema>;

const Question = Type.Object({
  id: Type.String(),
  asker: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  mine: Type.Boolean(),
  body: Type.String(),
  reviewStatus: StringEnum(REVIEW_STATES, { description: 'pending: held for a cadre by the content check' }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const TalkSchema = Type.Object({
  id: Type.String(),
  villageCode: Type.String(),
  kind: StringEnum(TALK_KINDS),
  kindLabel: Type.String(),
  topic: Type.String(),
  topicStatus: StringEnum(REVIEW_STATES, { description: 'pending: held for a cadre; only its author and the village cadres see it' }),
  startsAt: Type.String({ format: 'date-time' }),
  place: Type.String(),
  capacity: Type.Integer(),
  signedUp: Type.Integer(),
  placesLeft: Type.Integer(),
  mySignup: Type.Boolean(),
  summary: Nullable(Type.String({ description: 'Shown to residents once approved' })),
  summaryStatus: Nullable(StringEnum(REVIEW_STATES)),
  actions: Type.Array(Type.String(), { description: 'What you may do to it now' }),
});
export type Talk = Static<typeof TalkSchema>;

export const TalkDetailSchema = Type.Object({
  ...TalkSchema.properties,
  questions: Type.Array(Question, { description: 'Cadres see all; a resident sees their own' }),
  attendees: Nullable(Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()), signedUp: Type.Boolean(), attended: Type.Boolean() }), { description: 'Cadres only' })),
});
export type TalkDetail = Static<typeof TalkDetailSchema>;

export const TalkListSchema = Type.Object({ items: Type.Array(TalkSchema) });
export const NextTalkSchema = Type.Object({ talk: Nullable(TalkSchema) });
