// TypeBox schemas of the rectifications API (差评整改) for township and county admins.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas';

const Status = StringEnum(['open', 'closed'] as const);

export const RectificationSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  service: Type.Object({ code: Type.String(), name: Type.String() }),
  village: Type.Object({ code: Type.String(), name: Type.String() }),
  level: Type.Integer(),
  levelLabel: Type.String({ description: '不满意 / 非常不满意' }),
  comment: Nullable(Type.String()),
  status: Status,
  deadlineAt: Type.String({ format: 'date-time', description: '15 working days after the rating' }),
  overdue: Type.Boolean(),
  callbackNote: Nullable(Type.String()),
  callbackAt: Nullable(Type.String({ format: 'date-time' })),
  closingNote: Nullable(Type.String()),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Rectification = Static<typeof RectificationSchema>;

export const RectificationListSchema = Type.Object({ items: Type.Array(RectificationSchema), nextCursor: Nullable(Type.String()) });
export type RectificationList = Static<typeof RectificationListSchema>;

export const RectificationQuerySchema = Type.Object(
  {
    status: Type.Optional(Status),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type RectificationQuery = Static<typeof RectificationQuerySchema>;

export const RectificationParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const NoteSchema = Type.Object({ note: Type.String({ maxLength: 5000, description: 'Up to 500 characters' }) }, { additionalProperties: false });
