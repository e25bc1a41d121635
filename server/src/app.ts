// Builds the whole API as one Fastify instance: database ready (migrated and seeded), routes,
// error handling, OpenAPI and the H5 build. Tests call it and use inject() or listen on port 0.
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seedCatalogue } from './db/seed';
import { registerErrorHandling } from './http/error-handler';
import { registerH5 } from './http/static-h5';
import { createCatalogueRepository } from './modules/catalogue/repository';
import { catalogueRoutes } from './modules/catalogue/routes';
import { createCatalogueService } from './modules/catalogue/service';
import { healthRoutes } from './modules/health/routes';

export interface AppOptions {
  config: Config;
  // Tests pass false; by default pino logs at config.logLevel.
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp({ config, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // A proxy's request id is kept, so one id follows a request through every log line.
    requestIdHeader: 'x-request-id',
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const db = createDatabase(config.database);
  app.addHook('onClose', async () => db.destroy());
  try {
    const migrations = await migrateToLatest(db, config.database);
    const seed = await seedCatalogue(db);
    app.log.info({ dialect: config.database.dialect, migrations, seed }, 'database ready');
  } catch (err) {
    await db.destroy();
    throw err;
  }

  registerErrorHandling(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '睦邻客厅 API', version: '0.1.0', description: 'Mulin: village service catalogue and errands' },
      tags: [
        { name: 'catalogue', description: '办事目录' },
        { name: 'system', description: '系统' },
      ],
    },
  });
  app.get('/api/docs/json', { schema: { hide: true } }, async () => app.swagger());

  const catalogue = createCatalogueService(createCatalogueRepository(db));
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db, dialect: config.database.dialect });
      await api.register(catalogueRoutes, { catalogue });
    },
    { prefix: '/api/v1' },
  );

  await registerH5(app, config.h5Dir);
  return app;
}
