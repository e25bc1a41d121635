// Liveness (/health) and readiness (/ready): both answer only when the database answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../../config';
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
});

const ReadySchema = Type.Object({ status: Type.Literal('ready') });

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db; dialect: DatabaseConfig['dialect'] }> = async (
  app,
  { db, dialect },
) => {
  app.get('/health', { config: { access: 'public' }, schema: { tags: ['system'], summary: '健康检查', response: { 200: HealthSchema } } }, async (request) => {
    try {
      await sql`select 1`.execute(db);
    } catch (err) {
      request.log.error({ err }, 'health check: database unreachable');
      throw new AppError(503, 'DB_UNAVAILABLE', '服务器开小差了，请稍后再试');
    }
    return { status: 'ok' as const, db: dialect };
  });

  // For a load balancer: 503 while the database is unreachable; while shutting down the limits
  // hook (server/src/http/limits.ts) answers 503 SHUTTING_DOWN before this runs.
  app.get('/ready', { config: { access: 'public' }, schema: { tags: ['system'], summary: '就绪检查', response: { 200: ReadySchema } } }, async (request) => {
    try {
      await sql`select 1`.execute(db);
    } catch (err) {
      request.log.error({ err }, 'readiness check: database unreachable');
      throw new AppError(503, 'DB_UNAVAILABLE', '服务器开小差了，请稍后再试');
    }
    return { status: 'ready' as const };
  });
};
