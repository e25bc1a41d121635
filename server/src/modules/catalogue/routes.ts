// Catalogue endpoints: parse (the schemas do it), call the service, answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { etagHook } from '../../http/etag';
import { ErrorSchema } from '../../http/schemas';
import {
  CategoryListSchema,
  ServiceDetailSchema,
  ServiceListSchema,
  ServiceParamsSchema,
  ServiceQuerySchema,
} from './schemas';
import type { CatalogueService } from './service';

export const catalogueRoutes: FastifyPluginAsyncTypebox<{ catalogue: CatalogueService }> = async (app, { catalogue }) => {
  app.addHook('onSend', etagHook);

  app.get(
    '/categories',
    {
      config: { access: 'public' },
      schema: { tags: ['catalogue'], summary: '事项分类（含事项数）', response: { 200: CategoryListSchema } },
    },
    async () => ({ items: await catalogue.listCategories() }),
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
    async (request) => catalogue.listServices(request.query),
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
    async (request) => catalogue.getService(request.params.code),
  );
};
