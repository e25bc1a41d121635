// Catalogue endpoints: parse (the schemas do it), call the service, answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagHook, etagMatches } from '../../http/etag';
import { ErrorSchema } from '../../http/schemas';
import {
  CategoryListSchema,
  ServiceDetailSchema,
  ServiceListSchema,
  ServiceParamsSchema,
  ServiceQuerySchema,
} from './schemas';
import type { CatalogueService, Serialize } from './service';
import type { CachedBody } from './versioned-cache';

// A cached answer as is: the ETag was computed once, and a match costs a 304 before any other work.
function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedBody): FastifyReply {
  reply.header('etag', cached.etag).header('cache-control', 'no-cache');
  if (etagMatches(request.headers['if-none-match'], cached.etag)) return reply.code(304).send();
  return reply.header('content-type', 'application/json; charset=utf-8').send(cached.body);
}

// The route's own response serializer, so cached bytes are exactly what the schema would send.
const serializer = (reply: FastifyReply): Serialize => (value) => reply.serialize(value) as string;

export const catalogueRoutes: FastifyPluginAsyncTypebox<{ catalogue: CatalogueService }> = async (app, { catalogue }) => {
  app.addHook('onSend', etagHook);

  app.get(
    '/categories',
    {
      config: { access: 'public' },
      schema: { tags: ['catalogue'], summary: '事项分类（含事项数）', response: { 200: CategoryListSchema } },
    },
    async (request, reply) => sendCached(request, reply, await catalogue.categoriesResponse(serializer(reply))),
  );

  app.get(
    '/services',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: '办事事项列表：搜索、按分类和办理方式筛选',
        querystring: ServiceQuerySchema,
        response: { 200: ServiceListSchema, 400: ErrorSchema },
      },
    },
    async (request, reply) => sendCached(request, reply, await catalogue.servicesResponse(request.query, serializer(reply))),
  );

  app.get(
    '/services/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: '办事指南：一卡通、流程图、明白纸、材料清单',
        params: ServiceParamsSchema,
        response: { 200: ServiceDetailSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => sendCached(request, reply, await catalogue.serviceResponse(request.params.code, serializer(reply))),
  );
};
