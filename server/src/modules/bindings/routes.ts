// Binding codes: admins issue them, a person redeems one in 我的 to take a role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema, Nullable, StringEnum } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { MeSchema } from '../users/schemas';
import type { UserService } from '../users/service';
import type { BindingService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema };

export const bindingRoutes: FastifyPluginAsyncTypebox<{ bindings: BindingService; users: UserService; perMinute: number }> = async (
  app,
  { bindings, users, perMinute },
) => {
  const admins = ['township_admin', 'county_admin'] as const;

  app.post(
    '/bindings',
    {
      config: { access: admins },
      schema: {
        tags: ['bindings'],
        summary: '发放绑定码（24小时内有效，只能用一次）',
        body: Type.Object(
          {
            role: StringEnum(['cadre', 'township_admin', 'county_admin'] as const),
            scopeCode: Type.String({ pattern: '^\\d{6}(\\d{3}){0,2}$' }),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
            phone: Type.Optional(Type.String({ pattern: '^1[3-9]\\d{9}$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            code: Type.String(),
            role: Type.String(),
            scope: Type.Object({ code: Type.String(), name: Type.String() }),
            expiresAt: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await bindings.issue(currentUser(request), request.body)),
  );

  app.get(
    '/bindings',
    {
      config: { access: admins },
      schema: {
        tags: ['bindings'],
        summary: '我发放的绑定码',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                role: Type.String(),
                scopeCode: Type.String(),
                name: Nullable(Type.String()),
                phone: Nullable(Type.String()),
                issuedAt: Type.String(),
                expiresAt: Type.String(),
                status: StringEnum(['open', 'used', 'expired'] as const),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await bindings.listIssued(currentUser(request)) }),
  );

  app.post(
    '/me/binding',
    {
      config: { access: 'user', rateLimit: { max: perMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['me'],
        summary: '输入绑定码，成为村干部或管理员',
        body: Type.Object({ code: Type.String({ minLength: 4, maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => {
      const user = currentUser(request);
      await bindings.redeem(user, request.body.code);
      return users.getMe(user);
    },
  );
};
