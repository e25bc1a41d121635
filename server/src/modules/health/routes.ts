// Liveness and readiness in one: answers only when the database answers.
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
};
