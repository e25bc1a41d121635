// 和事佬 mediation routes. Handlers parse, call the service and answer; the service decides who
// may see and do what, and answers 404 to anyone the request is not for.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { idempotencyKey } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import {
  CreateMediationSchema,
  MediationDetailSchema,
  MediationListQuerySchema,
  MediationListSchema,
  MediationMessageInputSchema,
  MediationParamsSchema,
  OutcomeInputSchema,
} from './schemas';
import type { MediationService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const REQUIRED_KEY = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'Required: 8–64 visible characters, the same on every retry' })) });

export const mediationRoutes: FastifyPluginAsyncTypebox<{ mediations: MediationService }> = async (app, { mediations }) => {
  const signedIn = { access: 'user' as const };
  const tags = ['mediations'];

  app.post(
    '/mediations',
    { config: signedIn, schema: { tags, summary: '请和事佬调解（仅本村和事佬与村干部可见；需 Idempotency-Key）', headers: REQUIRED_KEY, body: CreateMediationSchema, response: { 201: MediationDetailSchema, ...errors } } },
    async (request, reply) => {
      const { statusCode, body } = await mediations.create(currentUser(request), request.body, idempotencyKey(request, { required: true }));
      return reply.code(statusCode).send(body);
    },
  );

  app.get('/mediations/mine', { config: signedIn, schema: { tags, summary: '我的调解请求', response: { 200: MediationListSchema, ...errors } } }, async (request) =>
    mediations.listMine(currentUser(request)),
  );

  app.get(
    '/mediations',
    { config: signedIn, schema: { tags, summary: '本村的调解请求（和事佬、村干部）', querystring: MediationListQuerySchema, response: { 200: MediationListSchema, ...errors } } },
    async (request) => mediations.listForMediator(currentUser(request), request.query),
  );

  app.get(
    '/mediations/:id',
    { config: signedIn, schema: { tags, summary: '调解详情与留言', params: MediationParamsSchema, response: { 200: MediationDetailSchema, ...errors } } },
    async (request) => mediations.get(currentUser(request), request.params.id),
  );

  app.post(
    '/mediations/:id/take',
    { config: signedIn, schema: { tags, summary: '和事佬接手', params: MediationParamsSchema, response: { 200: MediationDetailSchema, ...errors } } },
    async (request) => mediations.take(currentUser(request), request.params.id),
  );

  app.post(
    '/mediations/:id/withdraw',
    { config: signedIn, schema: { tags, summary: '撤回调解请求（还没人接手时）', params: MediationParamsSchema, response: { 200: MediationDetailSchema, ...errors } } },
    async (request) => mediations.withdraw(currentUser(request), request.params.id),
  );

  app.post(
    '/mediations/:id/messages',
    { config: signedIn, schema: { tags, summary: '群众与和事佬互相留言', params: MediationParamsSchema, body: MediationMessageInputSchema, response: { 201: MediationDetailSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await mediations.addMessage(currentUser(request), request.params.id, request.body)),
  );

  app.post(
    '/mediations/:id/outcome',
    { config: signedIn, schema: { tags, summary: '登记调解结果：调解成功（协议）或未成功（建议转办）', params: MediationParamsSchema, body: OutcomeInputSchema, response: { 200: MediationDetailSchema, ...errors } } },
    async (request) => mediations.recordOutcome(currentUser(request), request.params.id, request.body),
  );
};
