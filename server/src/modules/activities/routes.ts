// Activity routes: post, list, detail, sign up and cancel, check-in at the door, my hours.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database';
import { idempotencyKey } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { GroupParamsSchema, ReviewSchema } from '../groups/schemas';
import { optionalViewer } from '../groups/viewer';
import { ActivityListSchema, ActivityParamsSchema, ActivityQuerySchema, ActivitySchema, CheckinSchema, CreateActivitySchema, VolunteerHoursSchema } from './schemas';
import type { ActivityService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const OPTIONAL_KEY = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'Optional: a resend with the same key returns the first answer' })) });
const tags = ['groups'];

export const activityRoutes: FastifyPluginAsyncTypebox<{ activities: ActivityService; db: Db }> = async (app, { activities, db }) => {
  const signedIn = { access: 'user' as const };

  app.post(
    '/groups/:id/activities',
    { config: signedIn, schema: { tags, summary: '发布活动（负责人）', params: GroupParamsSchema, headers: OPTIONAL_KEY, body: CreateActivitySchema, response: { 201: ActivitySchema, ...errors } } },
    async (request, reply) => {
      const { statusCode, body } = await activities.create(currentUser(request), request.params.id, request.body, idempotencyKey(request, { required: false }));
      return reply.code(statusCode).send(body);
    },
  );

  app.get(
    '/activities',
    { config: { access: 'public' }, schema: { tags, summary: '近期活动（默认本村）', querystring: ActivityQuerySchema, response: { 200: ActivityListSchema, ...errors } } },
    async (request) => activities.list(await optionalViewer(request, db), request.query),
  );

  app.get(
    '/activities/:id',
    { config: { access: 'public' }, schema: { tags, summary: '活动详情', params: ActivityParamsSchema, response: { 200: ActivitySchema, ...errors } } },
    async (request) => activities.view(await optionalViewer(request, db), request.params.id),
  );

  app.post(
    '/activities/:id/review',
    { config: { access: ['cadre', 'township_admin', 'county_admin'] }, schema: { tags, summary: '审核活动', params: ActivityParamsSchema, body: ReviewSchema, response: { 200: ActivitySchema, ...errors } } },
    async (request) => activities.review(currentUser(request), request.params.id, request.body.approve),
  );

  app.post(
    '/activities/:id/signup',
    { config: signedIn, schema: { tags, summary: '报名（满员后进入候补）', params: ActivityParamsSchema, response: { 200: ActivitySchema, ...errors } } },
    async (request) => activities.signup(currentUser(request), request.params.id),
  );

  app.post(
    '/activities/:id/cancel-signup',
    { config: signedIn, schema: { tags, summary: '取消报名（候补第一位自动递补）', params: ActivityParamsSchema, response: { 200: ActivitySchema, ...errors } } },
    async (request) => activities.cancel(currentUser(request), request.params.id),
  );

  app.post(
    '/activities/:id/checkin',
    { config: signedIn, schema: { tags, summary: '签到（负责人勾选或输入签到码）', params: ActivityParamsSchema, body: CheckinSchema, response: { 200: ActivitySchema, ...errors } } },
    async (request) => activities.checkin(currentUser(request), request.params.id, request.body),
  );

  app.get(
    '/me/volunteer-hours',
    { config: signedIn, schema: { tags: ['me'], summary: '我的志愿服务时长', response: { 200: VolunteerHoursSchema, ...errors } } },
    async (request) => activities.volunteerHours(currentUser(request)),
  );
};
