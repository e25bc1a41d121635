// 我的: a person's own account.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema, Nullable } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { MeSchema } from './schemas';
import type { UserService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema, 503: ErrorSchema };

export const userRoutes: FastifyPluginAsyncTypebox<{ users: UserService }> = async (app, { users }) => {
  const signedIn = { access: 'user' as const };

  app.get('/me', { config: signedIn, schema: { tags: ['me'], summary: '我的资料', response: { 200: MeSchema, ...errors } } }, async (request) =>
    users.getMe(currentUser(request)),
  );

  app.patch(
    '/me',
    {
      config: signedIn,
      schema: {
        tags: ['me'],
        summary: '修改资料：姓名、手机号、所在村（不收集身份证号）',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 40 })),
            phone: Type.Optional(Type.String({ maxLength: 20 })),
            villageCode: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => users.updateProfile(currentUser(request), request.body),
  );

  app.post(
    '/me/privacy',
    {
      config: signedIn,
      schema: {
        tags: ['me'],
        summary: '同意隐私保护指引',
        body: Type.Object({ version: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => users.agreePrivacy(currentUser(request), request.body.version),
  );

  app.post(
    '/me/phone',
    {
      config: signedIn,
      schema: {
        tags: ['me'],
        summary: '用微信手机号快速验证组件的 code 绑定手机号',
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => users.setPhoneFromWechat(currentUser(request), request.body.code),
  );

  app.get(
    '/cadres',
    {
      config: { access: ['cadre', 'township_admin', 'county_admin'] },
      schema: {
        tags: ['me'],
        summary: '本村的村干部（转交办件用）',
        querystring: Type.Object({ villageCode: Type.String({ pattern: '^\\d{12}$' }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })) }), ...errors },
      },
    },
    async (request) => ({ items: await users.villageCadres(currentUser(request), request.query.villageCode) }),
  );

  app.get(
    '/me/export',
    { config: signedIn, schema: { tags: ['me'], summary: '导出我的全部数据（JSON）', response: { 200: Type.Any({ description: '账号、登录记录、身份绑定等全部数据' }), 401: ErrorSchema } } },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="mulin-my-data.json"');
      return users.exportData(currentUser(request));
    },
  );

  app.delete(
    '/me',
    { config: signedIn, schema: { tags: ['me'], summary: '注销账号：删除姓名和手机号，办件记录匿名保留', response: { 204: Type.Null(), 401: ErrorSchema } } },
    async (request, reply) => {
      await users.closeAccount(currentUser(request));
      return reply.code(204).send(null);
    },
  );
};
