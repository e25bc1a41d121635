// Room booking routes: a living room's 微家 rooms by half-day.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { idempotencyKey } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { BookingIdParamsSchema, BookingListSchema, BookingParamsSchema, BookingQuerySchema, BookingSchema, CreateBookingSchema, VillageParamsSchema } from './schemas';
import type { RoomService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['groups'];

export const roomRoutes: FastifyPluginAsyncTypebox<{ rooms: RoomService }> = async (app, { rooms }) => {
  const signedIn = { access: 'user' as const };

  app.post(
    '/rooms/:villageCode/:roomId/bookings',
    { config: signedIn, schema: { tags, summary: '预约微家工作室/活动室（半天，负责人；可带 Idempotency-Key 防重复）', params: BookingParamsSchema, body: CreateBookingSchema, response: { 201: BookingSchema, ...errors } } },
    async (request, reply) => {
      const { statusCode, body } = await rooms.book(currentUser(request), request.params.villageCode, request.params.roomId, request.body, idempotencyKey(request, { required: false }));
      return reply.code(statusCode).send(body);
    },
  );

  app.get(
    '/rooms/:villageCode/bookings',
    { config: signedIn, schema: { tags, summary: '房间预约情况', params: VillageParamsSchema, querystring: BookingQuerySchema, response: { 200: BookingListSchema, ...errors } } },
    async (request) => rooms.list(currentUser(request), request.params.villageCode, request.query),
  );

  app.delete(
    '/rooms/:villageCode/bookings/:id',
    { config: signedIn, schema: { tags, summary: '取消房间预约', params: BookingIdParamsSchema, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await rooms.cancel(currentUser(request), request.params.villageCode, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
