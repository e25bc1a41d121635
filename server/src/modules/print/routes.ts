// Print pages, served as HTML next to the H5 app: public notices, so public; they never carry a
// person's phone number. Answers are never cached, so an edited guide prints as edited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorSchema } from '../../http/schemas';
import { ItemParamsSchema, PosterQuerySchema, RoomParamsSchema } from './schemas';
import type { PrintService } from './service';

const errors = { 400: ErrorSchema, 404: ErrorSchema };
const tags = ['print'];
const open = { access: 'public' as const };

function page(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
}

export const printRoutes: FastifyPluginAsyncTypebox<{ print: PrintService; publicUrl: string | null }> = async (app, { print, publicUrl }) => {
  // Without MULIN_PUBLIC_URL the QR codes point back to the address this page was asked on.
  const base = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.host}`;

  app.get(
    '/print/items/:code',
    { config: open, schema: { tags, summary: '打印：一个事项的 A4 页（HTML）', params: ItemParamsSchema, response: errors } },
    async (request, reply) => page(reply, await print.itemPage(request.params.code, base(request))),
  );

  app.get(
    '/print/booklet',
    { config: open, schema: { tags, summary: '打印：全部事项的办事指南小册子（A4，HTML）', response: errors } },
    async (request, reply) => page(reply, await print.booklet(base(request))),
  );

  app.get(
    '/print/rooms/:villageCode',
    { config: open, schema: { tags, summary: '打印：睦邻客厅上墙海报（A3 竖版，HTML）', params: RoomParamsSchema, querystring: PosterQuerySchema, response: errors } },
    async (request, reply) => page(reply, await print.poster(request.params.villageCode, base(request), request.query.week)),
  );
};
