// Living-room talk routes (书记龙门阵, 政策宣讲). Handlers parse, call the service and answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { idempotencyKey } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import {
  AttendanceInputSchema,
  CreateTalkSchema,
  NextTalkSchema,
  QuestionInputSchema,
  QuestionParamsSchema,
  ReviewInputSchema,
  SummaryInputSchema,
  TalkDetailSchema,
  TalkListQuerySchema,
  TalkListSchema,
  TalkParamsSchema,
  TalkReviewInputSchema,
} from './schemas';
import type { TalkService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const REQUIRED_KEY = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'Required: 8–64 visible characters, the same on every retry' })) });

export const talkRoutes: FastifyPluginAsyncTypebox<{ talks: TalkService }> = async (app, { talks }) => {
  const signedIn = { access: 'user' as const };
  const cadres = { access: ['cadre'] as const };
  const reviewers = { access: ['cadre', 'township_admin', 'county_admin'] as const };
  const tags = ['talks'];
  const detail = { 200: TalkDetailSchema, ...errors };

  app.post(
    '/talks',
    { config: cadres, schema: { tags, summary: '安排书记龙门阵或政策宣讲（本村村干部；需 Idempotency-Key）', headers: REQUIRED_KEY, body: CreateTalkSchema, response: { 201: TalkDetailSchema, ...errors } } },
    async (request, reply) => {
      const { statusCode, body } = await talks.create(currentUser(request), request.body, idempotencyKey(request, { required: true }));
      return reply.code(statusCode).send(body);
    },
  );

  app.get('/talks', { config: signedIn, schema: { tags, summary: '本村的龙门阵与宣讲', querystring: TalkListQuerySchema, response: { 200: TalkListSchema, ...errors } } }, async (request) =>
    talks.list(currentUser(request), request.query.villageCode),
  );

  app.get('/talks/next', { config: signedIn, schema: { tags, summary: '本村下一场活动（首页）', querystring: TalkListQuerySchema, response: { 200: NextTalkSchema, ...errors } } }, async (request) =>
    talks.next(currentUser(request), request.query.villageCode),
  );

  app.get('/talks/:id', { config: signedIn, schema: { tags, summary: '活动详情', params: TalkParamsSchema, response: detail } }, async (request) =>
    talks.get(currentUser(request), request.params.id),
  );

  app.post('/talks/:id/signup', { config: signedIn, schema: { tags, summary: '报名', params: TalkParamsSchema, response: detail } }, async (request) =>
    talks.signup(currentUser(request), request.params.id),
  );

  app.post(
    '/talks/:id/questions',
    { config: signedIn, schema: { tags, summary: '提前提问（村干部和本人可见）', params: TalkParamsSchema, body: QuestionInputSchema, response: { 201: TalkDetailSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(await talks.ask(currentUser(request), request.params.id, request.body)),
  );

  app.post(
    '/talks/:id/questions/:questionId/review',
    { config: reviewers, schema: { tags, summary: '审核待审的提问', params: QuestionParamsSchema, body: ReviewInputSchema, response: detail } },
    async (request) => talks.reviewQuestion(currentUser(request), request.params.id, request.params.questionId, request.body.decision),
  );

  app.post(
    '/talks/:id/review',
    { config: reviewers, schema: { tags, summary: '审核待审的主题或小结（不能审核自己写的）', params: TalkParamsSchema, body: TalkReviewInputSchema, response: detail } },
    async (request) => talks.review(currentUser(request), request.params.id, request.body),
  );

  app.post(
    '/talks/:id/attendance',
    { config: cadres, schema: { tags, summary: '登记到场的人（活动开始后）', params: TalkParamsSchema, body: AttendanceInputSchema, response: detail } },
    async (request) => talks.recordAttendance(currentUser(request), request.params.id, request.body.userIds),
  );

  app.post(
    '/talks/:id/summary',
    { config: cadres, schema: { tags, summary: '写活动小结（活动开始后）', params: TalkParamsSchema, body: SummaryInputSchema, response: detail } },
    async (request) => talks.writeSummary(currentUser(request), request.params.id, request.body),
  );
};
