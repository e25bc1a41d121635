// 消息: my in-app notifications (case progress, messages, follow-ups).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { NotificationListSchema, NotificationParamsSchema, NotificationQuerySchema, UnreadSchema } from './schemas';
import type { NotificationService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema };

export const notificationRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationService }> = async (app, { notifications }) => {
  const signedIn = { access: 'user' as const };

  app.get(
    '/notifications',
    {
      config: signedIn,
      schema: { tags: ['me'], summary: '我的消息（最新在前）与未读数', querystring: NotificationQuerySchema, response: { 200: NotificationListSchema, ...errors } },
    },
    async (request) => notifications.list(currentUser(request), request.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: signedIn,
      schema: { tags: ['me'], summary: '标记一条消息为已读', params: NotificationParamsSchema, response: { 200: UnreadSchema, 404: ErrorSchema, ...errors } },
    },
    async (request) => notifications.markRead(currentUser(request), request.params.id),
  );

  app.post(
    '/notifications/read-all',
    { config: signedIn, schema: { tags: ['me'], summary: '全部标为已读', response: { 200: UnreadSchema, ...errors } } },
    async (request) => notifications.markAllRead(currentUser(request)),
  );
};
