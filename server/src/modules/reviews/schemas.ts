// TypeBox schemas of the held-content queue: texts the content check held for a cadre.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';

export const REVIEW_KINDS = ['group', 'activity', 'talk_topic', 'talk_summary', 'talk_question'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const ReviewQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ReviewQuery = Static<typeof ReviewQuerySchema>;

export const HeldItemSchema = Type.Object({
  key: Type.String({ description: 'Unique in the queue: kind and id' }),
  kind: StringEnum(REVIEW_KINDS, { description: 'Which text: a group, an activity, a talk topic, a talk summary, a question' }),
  kindLabel: Type.String(),
  id: Type.String({ description: 'The group, activity, talk or question id' }),
  talkId: Nullable(Type.String({ description: 'For talk texts: the talk' })),
  context: Type.String({ description: 'Where the text belongs, e.g. the group or the talk' }),
  text: Type.String(),
  author: Nullable(Type.String()),
  villageCode: Type.String(),
  heldAt: Type.String({ format: 'date-time' }),
  actions: Type.Array(StringEnum(['approve', 'reject'] as const), { description: 'Empty for your own talk text: another cadre reviews it' }),
});
export type HeldItem = Static<typeof HeldItemSchema>;

export const HeldListSchema = Type.Object({ items: Type.Array(HeldItemSchema), nextCursor: Nullable(Type.String()) });
