// 差评整改: township and county admins list the rectifications of their region, record the
// call-back (回访) and close each with a note.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { NoteSchema, RectificationListSchema, RectificationParamsSchema, RectificationQuerySchema, RectificationSchema } from './schemas';
import type { RectificationService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const rectificationRoutes: FastifyPluginAsyncTypebox<{ rectifications: RectificationService }> = async (app, { rectifications }) => {
  const admins = { access: ['township_admin', 'county_admin'] as const };

  app.get(
    '/rectifications',
    {
      config: admins,
      schema: { tags: ['rectifications'], summary: '差评整改：本乡镇（县）的整改清单', querystring: RectificationQuerySchema, response: { 200: RectificationListSchema, ...errors } },
    },
    async (request) => rectifications.list(currentUser(request), request.query),
  );

  app.post(
    '/rectifications/:id/callback',
    {
      config: admins,
      schema: { tags: ['rectifications'], summary: '记录回访', params: RectificationParamsSchema, body: NoteSchema, response: { 200: RectificationSchema, ...errors } },
    },
    async (request) => rectifications.callback(currentUser(request), request.params.id, request.body),
  );

  app.post(
    '/rectifications/:id/close',
    {
      config: admins,
      schema: { tags: ['rectifications'], summary: '整改办结（须先回访）', params: RectificationParamsSchema, body: NoteSchema, response: { 200: RectificationSchema, ...errors } },
    },
    async (request) => rectifications.close(currentUser(request), request.params.id, request.body),
  );
};
