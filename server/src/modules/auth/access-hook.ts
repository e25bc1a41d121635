// Enforces each route's declared access (server/src/http/access.ts): verifies the bearer token,
// loads the user afresh (so a closed account or a changed role takes effect at once) and checks
// the role. A route under /api or /print without a declaration stops the server from starting.
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../http/app-error';
import type { Access, Role } from '../../http/access';
import type { UserRow } from '../users/repository';
import { createSubjectVerifier, type VerifySubject } from './verified-tokens';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyRequest {
    currentUser: UserRow | null;
  }
  interface FastifyInstance {
    // Every /api and /print route with its access: the authorization-matrix test walks this list.
    declaredRoutes: DeclaredRoute[];
    // The bearer token's user id (verified-tokens.ts).
    verifySubject: VerifySubject;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

// Loads the signed-in user by id; the request lets it count a write in the same round trip.
export type FindUser = (request: FastifyRequest, id: string) => Promise<UserRow | undefined>;

export const accessControl = fp<{ secret: string; findUser: FindUser }>(async (app: FastifyInstance, { secret, findUser }) => {
  await app.register(fastifyJwt, { secret, sign: { expiresIn: ACCESS_TOKEN_TTL_SECONDS } });
  app.decorateRequest('currentUser', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.decorate('verifySubject', createSubjectVerifier());

  app.addHook('onRoute', (route) => {
    // /print pages are answers of this API too, only outside /api so they sit next to the H5 app.
    if (!route.url.startsWith('/api/') && !route.url.startsWith('/print/')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.push({ method, url: route.url, access });
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const user = await authenticate(request, findUser);
    if (access !== 'user' && !access.includes(user.role as Role)) {
      throw new AppError(403, 'FORBIDDEN', '您没有权限做这件事');
    }
    request.currentUser = user;
  });
});

async function authenticate(request: FastifyRequest, findUser: FindUser): Promise<UserRow> {
  if (!request.headers.authorization) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  let sub: string;
  try {
    sub = await request.server.verifySubject(request);
  } catch (err) {
    // The app refreshes quietly on TOKEN_EXPIRED; anything else means signing in again.
    if ((err as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') {
      throw new AppError(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
    }
    throw new AppError(401, 'UNAUTHENTICATED', '登录信息无效，请重新登录');
  }
  const user = await findUser(request, sub);
  if (!user || user.deleted_at) throw new AppError(401, 'UNAUTHENTICATED', '账号不存在或已注销，请重新登录');
  return user;
}

// For handlers behind a non-public route: the hook has already loaded the user.
export function currentUser(request: FastifyRequest): UserRow {
  if (!request.currentUser) throw new AppError(401, 'UNAUTHENTICATED', '请先登录');
  return request.currentUser;
}
