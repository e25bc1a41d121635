// Sign-in endpoints. Rate-limited per IP: a login code or a refresh token is a credential.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../http/access';
import { ErrorSchema, StringEnum } from '../../http/schemas';
import type { AuthService } from './service';

const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
});
const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema };

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; perMinute: number }> = async (app, { auth, perMinute }) => {
  const limited = { access: 'public' as const, rateLimit: { max: perMinute, timeWindow: '1 minute' } };

  app.post(
    '/auth/wechat',
    {
      config: limited,
      schema: {
        tags: ['auth'],
        summary: '微信登录：wx.login 的 code 换取登录凭证',
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
        response: { 200: TokenPairSchema, ...errors },
      },
    },
    async (request) => auth.loginWithWechat(request.body.code),
  );

  app.post(
    '/auth/dev',
    {
      config: limited,
      schema: {
        tags: ['auth'],
        summary: '演示登录（仅演示和测试环境）',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 20 }),
            role: Type.Optional(StringEnum(ROLES)),
            villageCode: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: TokenPairSchema, ...errors },
      },
    },
    async (request) => auth.devLogin(request.body),
  );

  app.get(
    '/auth/dev/identities',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '演示身份列表（仅演示环境）',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Type.String(),
                label: Type.String(),
                name: Type.String(),
                role: StringEnum(ROLES),
                villageCode: Type.String(),
                villageName: Type.String(),
              }),
            ),
          }),
          403: ErrorSchema,
        },
      },
    },
    async () => ({ items: await auth.devIdentities() }),
  );

  app.post(
    '/auth/refresh',
    { config: limited, schema: { tags: ['auth'], summary: '刷新登录凭证', body: RefreshBody, response: { 200: TokenPairSchema, ...errors } } },
    async (request) => auth.refresh(request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    { config: limited, schema: { tags: ['auth'], summary: '退出登录', body: RefreshBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );
};
