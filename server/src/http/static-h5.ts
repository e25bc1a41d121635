// Serves the Taro H5 build from the same origin as the API, so the browser needs no CORS.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function registerH5(app: FastifyInstance, dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, 'index.html'))) {
    // Missing files fall through to the not-found handler; the app uses hash routing.
    await app.register(fastifyStatic, { root: dir, prefix: '/' });
    return;
  }
  app.log.warn({ dir }, 'no H5 build found; / will explain how to build it');
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send('网页版还没有构建。请在项目目录运行 npm run build:h5，然后刷新本页。'),
  );
}
