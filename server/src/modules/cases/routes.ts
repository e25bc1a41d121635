// Cases: residents open and follow them, cadres work them from the workbench. Handlers parse,
// call the service and answer; who may do what is decided in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { idempotencyKey } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import {
  CaseDetailSchema,
  CaseListSchema,
  CaseParamsSchema,
  CreateCaseSchema,
  MaterialInputSchema,
  MaterialParamsSchema,
  MessageInputSchema,
  MineQuerySchema,
  RatingInputSchema,
  TransitionSchema,
  WorkbenchQuerySchema,
  WorkbenchSchema,
} from './schemas';
import type { CaseService } from './service';
import type { WorkbenchService } from './workbench';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
// Documented here; idempotencyKey() checks it, so a missing or bad key gets its own code.
const keyHeader = (description: string) => Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description })) });
const REQUIRED_KEY = keyHeader('Required: 8–64 visible characters, the same on every retry of one submission');
const OPTIONAL_KEY = keyHeader('Optional: a resend with the same key returns the first answer');

export const caseRoutes: FastifyPluginAsyncTypebox<{ cases: CaseService; workbench: WorkbenchService }> = async (app, { cases, workbench }) => {
  const signedIn = { access: 'user' as const };

  app.post(
    '/cases',
    {
      config: signedIn,
      schema: {
        tags: ['cases'],
        summary: '提交办件：预约代办、网上办或预约到厅（需 Idempotency-Key）',
        headers: REQUIRED_KEY,
        body: CreateCaseSchema,
        response: { 201: CaseDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { statusCode, body } = await cases.create(user, request.body, idempotencyKey(request, { required: true }));
      return reply.code(statusCode).send(body);
    },
  );

  app.get(
    '/cases/mine',
    { config: signedIn, schema: { tags: ['cases'], summary: '我的办件', querystring: MineQuerySchema, response: { 200: CaseListSchema, ...errors } } },
    async (request) => cases.listMine(currentUser(request), request.query),
  );

  app.get(
    '/cases/:id',
    { config: signedIn, schema: { tags: ['cases'], summary: '办件详情：进度、留言、材料回执、评价', params: CaseParamsSchema, response: { 200: CaseDetailSchema, ...errors } } },
    async (request) => cases.get(currentUser(request), request.params.id),
  );

  app.post(
    '/cases/:id/transitions',
    {
      config: signedIn,
      schema: {
        tags: ['cases'],
        summary: '办件操作：受理、开始办理、请群众补充、继续办理、办结、不予受理、取消、转交、改约、评价',
        params: CaseParamsSchema,
        body: TransitionSchema,
        response: { 200: CaseDetailSchema, ...errors },
      },
    },
    async (request) => cases.transition(currentUser(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/messages',
    {
      config: signedIn,
      schema: {
        tags: ['cases'],
        summary: '留言（可附最多9张照片）',
        params: CaseParamsSchema,
        headers: OPTIONAL_KEY,
        body: MessageInputSchema,
        response: { 201: CaseDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { statusCode, body } = await cases.addMessage(currentUser(request), request.params.id, request.body, idempotencyKey(request, { required: false }));
      return reply.code(statusCode).send(body);
    },
  );

  app.post(
    '/cases/:id/materials',
    {
      config: { access: ['cadre'] },
      schema: {
        tags: ['cases'],
        summary: '登记收到的材料（回执）',
        params: CaseParamsSchema,
        headers: OPTIONAL_KEY,
        body: MaterialInputSchema,
        response: { 201: CaseDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { statusCode, body } = await cases.addMaterial(currentUser(request), request.params.id, request.body, idempotencyKey(request, { required: false }));
      return reply.code(statusCode).send(body);
    },
  );

  app.post(
    '/cases/:id/materials/:materialId/return',
    { config: { access: ['cadre'] }, schema: { tags: ['cases'], summary: '登记退还材料', params: MaterialParamsSchema, response: { 200: CaseDetailSchema, ...errors } } },
    async (request) => cases.returnMaterial(currentUser(request), request.params.id, request.params.materialId),
  );

  app.post(
    '/cases/:id/rating',
    {
      config: signedIn,
      schema: { tags: ['cases'], summary: '评价（办结后一次）', params: CaseParamsSchema, body: RatingInputSchema, response: { 200: CaseDetailSchema, ...errors } },
    },
    async (request) => cases.rate(currentUser(request), request.params.id, request.body),
  );

  app.get(
    '/workbench',
    {
      config: { access: ['cadre'] },
      schema: { tags: ['cases'], summary: '村干部工作台：待受理、我的、待补充、已办结', querystring: WorkbenchQuerySchema, response: { 200: WorkbenchSchema, ...errors } },
    },
    async (request) => workbench.get(currentUser(request), request.query),
  );
};
