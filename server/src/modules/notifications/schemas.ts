// What 消息 shows: a person's own in-app notifications, newest first.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas';

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'What happened, e.g. case_status, case_message' }),
  title: Type.String(),
  body: Type.String(),
  caseId: Nullable(Type.String()),
  read: Type.Boolean(),
  createdAt: Type.String({ description: 'ISO instant' }),
});
export type NotificationItem = Static<typeof NotificationSchema>;

export const NotificationListSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  nextCursor: Nullable(Type.String()),
  unread: Type.Integer({ description: 'How many of my notifications are unread' }),
});
export type NotificationList = Static<typeof NotificationListSchema>;

export const UnreadSchema = Type.Object({ unread: Type.Integer() });

export const NotificationQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuerySchema>;

export const NotificationParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
