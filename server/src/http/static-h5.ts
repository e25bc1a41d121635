// Serves the Taro H5 build from the same origin as the API, so the browser needs no CORS.
// Compressed and, for the content-hashed js/css, cached for a year: on village 3G the second
// visit costs one small request for index.html.
import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;

export async function registerH5(app: FastifyInstance, dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, 'index.html'))) {
    await app.register(async (h5) => {
      // Inside this plugin only: API answers keep their ETag handling untouched.
      await h5.register(fastifyCompress, { encodings: ['br', 'gzip'] });
      // Missing files fall through to the not-found handler; the app uses hash routing.
      await h5.register(fastifyStatic, {
        root: dir,
        prefix: '/',
        cacheControl: false,
        setHeaders: (res, file) => {
          res.setHeader('cache-control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    });
    return;
  }
  app.log.warn({ dir }, 'no H5 build found; / will explain how to build it');
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send('网页版还没有构建。请在项目目录运行 npm run build:h5，然后刷新本页。'),
  );
}
