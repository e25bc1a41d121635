// The framework's own ceiling: a bare Fastify app (no plugins, no logger) answering every
// request with the bytes the bench last captured from the real server for that method and path.
// Run as its own process: `tsx bench/bare-server.ts <port>`.
import Fastify from 'fastify';

interface Canned {
  status: number;
  body: string;
}

async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const app = Fastify({ logger: false });
  const canned = new Map<string, Canned>();
  let fallback: Canned = { status: 200, body: '{}' };

  app.post<{ Body: { key: string; status: number; body: string } }>('/__bench/canned', async (request) => {
    fallback = { status: request.body.status, body: request.body.body };
    canned.set(request.body.key, fallback);
    return { ok: true };
  });
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async (request, reply) => {
      const path = request.url.split('?')[0];
      const answer = canned.get(`${request.method} ${request.url}`) ?? canned.get(`${request.method} ${path}`) ?? fallback;
      return reply.code(answer.status).header('content-type', 'application/json; charset=utf-8').send(answer.body);
    },
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
