// 月观摩 routes: the standards, the county's monthly seeded draw, and the evaluation group's visits.
// Handlers parse, call the service and answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { idempotencyKey } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import {
  CreateDrawSchema,
  CreateVisitSchema,
  DrawListQuerySchema,
  DrawListSchema,
  DrawSchema,
  IdParamsSchema,
  StandardListSchema,
  VerifyDrawSchema,
  VerifyResultSchema,
  VisitListQuerySchema,
  VisitListSchema,
  VisitSchema,
} from './schemas';
import type { ObservationService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const REQUIRED_KEY = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'Required: 8–64 visible characters, the same on every retry' })) });

export const observationRoutes: FastifyPluginAsyncTypebox<{ observations: ObservationService }> = async (app, { observations }) => {
  const admins = { access: ['township_admin', 'county_admin'] as const };
  const county = { access: ['county_admin'] as const };
  const tags = ['observations'];

  app.get('/observations/standards', { config: admins, schema: { tags, summary: '月观摩评估标准：6类12项及各项满分', response: { 200: StandardListSchema, ...errors } } }, async (request) =>
    observations.standards(currentUser(request)),
  );

  app.post(
    '/observations/draws',
    {
      config: county,
      schema: { tags, summary: '抽取本月观摩的睦邻客厅（县管理员；需 Idempotency-Key；种子不填则随机生成并记录）', headers: REQUIRED_KEY, body: CreateDrawSchema, response: { 201: DrawSchema, ...errors } },
    },
    async (request, reply) => {
      const { statusCode, body } = await observations.createDraw(currentUser(request), request.body, idempotencyKey(request, { required: true }));
      return reply.code(statusCode).send(body);
    },
  );

  app.get('/observations/draws', { config: admins, schema: { tags, summary: '抽取记录（本辖区）', querystring: DrawListQuerySchema, response: { 200: DrawListSchema, ...errors } } }, async (request) =>
    observations.listDraws(currentUser(request), request.query),
  );

  app.get('/observations/draws/:id', { config: admins, schema: { tags, summary: '一次抽取：种子、候选名单、结果和算法，可据此复核', params: IdParamsSchema, response: { 200: DrawSchema, ...errors } } }, async (request) =>
    observations.getDraw(currentUser(request), request.params.id),
  );

  app.post(
    '/observations/draws/verify',
    { config: admins, schema: { tags, summary: '复核：用记录的种子和候选名单重新抽一次', body: VerifyDrawSchema, response: { 200: VerifyResultSchema, ...errors } } },
    async (request) => observations.verifyDraw(currentUser(request), request.body),
  );

  app.post(
    '/observations/visits',
    {
      config: admins,
      schema: { tags, summary: '提交现场观摩评分（评估组；需 Idempotency-Key；总分由服务器计算）', headers: REQUIRED_KEY, body: CreateVisitSchema, response: { 201: VisitSchema, ...errors } },
    },
    async (request, reply) => {
      const { statusCode, body } = await observations.createVisit(currentUser(request), request.body, idempotencyKey(request, { required: true }));
      return reply.code(statusCode).send(body);
    },
  );

  app.get('/observations/visits', { config: admins, schema: { tags, summary: '观摩评分记录（本辖区）', querystring: VisitListQuerySchema, response: { 200: VisitListSchema, ...errors } } }, async (request) =>
    observations.listVisits(currentUser(request), request.query),
  );

  app.get('/observations/visits/:id', { config: admins, schema: { tags, summary: '一次观摩的逐项得分、小结和照片', params: IdParamsSchema, response: { 200: VisitSchema, ...errors } } }, async (request) =>
    observations.getVisit(currentUser(request), request.params.id),
  );
};
