// 微家 routes: kinds, the list (my village first), a group's page, membership and requests.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database';
import { idempotencyKey } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import {
  CreateGroupSchema,
  DecisionSchema,
  DeputySchema,
  GroupDetailSchema,
  GroupKindListSchema,
  GroupListSchema,
  GroupParamsSchema,
  GroupQuerySchema,
  JoinResultSchema,
  MemberParamsSchema,
  PatchGroupSchema,
  ReasonSchema,
  RequestListSchema,
  ReviewSchema,
} from './schemas';
import type { GroupService } from './service';
import { optionalViewer } from './viewer';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const OPTIONAL_KEY = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'Optional: a resend with the same key returns the first answer' })) });
const tags = ['groups'];

export const groupRoutes: FastifyPluginAsyncTypebox<{ groups: GroupService; db: Db }> = async (app, { groups, db }) => {
  const signedIn = { access: 'user' as const };
  const overseers = { access: ['cadre', 'township_admin', 'county_admin'] as const };

  app.get('/group-kinds', { config: { access: 'public' }, schema: { tags, summary: '微家类型', response: { 200: GroupKindListSchema } } }, async () => groups.kinds());

  app.get(
    '/groups',
    { config: { access: 'public' }, schema: { tags, summary: '微家列表：本村优先，其次本镇', querystring: GroupQuerySchema, response: { 200: GroupListSchema, ...errors } } },
    async (request) => groups.list(await optionalViewer(request, db), request.query),
  );

  app.get(
    '/groups/:id',
    { config: { access: 'public' }, schema: { tags, summary: '微家详情与成员', params: GroupParamsSchema, response: { 200: GroupDetailSchema, ...errors } } },
    async (request) => groups.get(await optionalViewer(request, db), request.params.id),
  );

  app.post(
    '/groups',
    { config: overseers, schema: { tags, summary: '建立微家并任命负责人', headers: OPTIONAL_KEY, body: CreateGroupSchema, response: { 201: GroupDetailSchema, ...errors } } },
    async (request, reply) => {
      const { statusCode, body } = await groups.create(currentUser(request), request.body, idempotencyKey(request, { required: false }));
      return reply.code(statusCode).send(body);
    },
  );

  app.patch(
    '/groups/:id',
    { config: signedIn, schema: { tags, summary: '修改微家信息（负责人或村干部）', params: GroupParamsSchema, body: PatchGroupSchema, response: { 200: GroupDetailSchema, ...errors } } },
    async (request) => groups.patch(currentUser(request), request.params.id, request.body),
  );

  app.post(
    '/groups/:id/review',
    { config: overseers, schema: { tags, summary: '审核微家介绍', params: GroupParamsSchema, body: ReviewSchema, response: { 200: GroupDetailSchema, ...errors } } },
    async (request) => groups.review(currentUser(request), request.params.id, request.body.approve),
  );

  app.post(
    '/groups/:id/deputies',
    { config: signedIn, schema: { tags, summary: '任命副负责人', params: GroupParamsSchema, body: DeputySchema, response: { 200: GroupDetailSchema, ...errors } } },
    async (request) => groups.addDeputy(currentUser(request), request.params.id, request.body.userId),
  );

  app.post(
    '/groups/:id/join',
    { config: signedIn, schema: { tags, summary: '加入或申请加入', params: GroupParamsSchema, response: { 200: JoinResultSchema, ...errors } } },
    async (request) => groups.join(currentUser(request), request.params.id),
  );

  app.post(
    '/groups/:id/leave',
    { config: signedIn, schema: { tags, summary: '退出微家（或撤回申请）', params: GroupParamsSchema, response: { 200: GroupDetailSchema, ...errors } } },
    async (request) => groups.leave(currentUser(request), request.params.id),
  );

  app.get(
    '/groups/:id/requests',
    { config: signedIn, schema: { tags, summary: '待审核的入群申请（负责人）', params: GroupParamsSchema, response: { 200: RequestListSchema, ...errors } } },
    async (request) => groups.requests(currentUser(request), request.params.id),
  );

  app.post(
    '/groups/:id/requests/:userId',
    { config: signedIn, schema: { tags, summary: '同意或拒绝入群申请（负责人）', params: MemberParamsSchema, body: DecisionSchema, response: { 200: GroupDetailSchema, ...errors } } },
    async (request) => groups.decide(currentUser(request), request.params.id, request.params.userId, request.body),
  );

  app.post(
    '/groups/:id/members/:userId/remove',
    { config: signedIn, schema: { tags, summary: '移出成员（负责人，需说明原因）', params: MemberParamsSchema, body: ReasonSchema, response: { 200: GroupDetailSchema, ...errors } } },
    async (request) => groups.remove(currentUser(request), request.params.id, request.params.userId, request.body.reason),
  );
};
