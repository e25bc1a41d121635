// Regions endpoints, open to anyone (a villager picks a village before signing in): parse (the
// schemas do it), call the service, answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { etagHook } from '../../http/etag';
import { ErrorSchema } from '../../http/schemas';
import {
  LivingRoomParamsSchema,
  LivingRoomSchema,
  RegionDetailSchema,
  RegionListSchema,
  RegionParamsSchema,
  RegionQuerySchema,
} from './schemas';
import type { RegionsService } from './service';

export const regionsRoutes: FastifyPluginAsyncTypebox<{ regions: RegionsService }> = async (app, { regions }) => {
  app.addHook('onSend', etagHook);

  app.get(
    '/regions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: '下级地区：县 → 乡镇（街道）→ 村（社区）',
        querystring: RegionQuerySchema,
        response: { 200: RegionListSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => ({ items: await regions.listRegions(request.query.parent) }),
  );

  app.get(
    '/regions/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: '一个地区及其上级',
        params: RegionParamsSchema,
        response: { 200: RegionDetailSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => regions.getRegion(request.params.code),
  );

  app.get(
    '/living-rooms/:villageCode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: '村（社区）睦邻客厅：地址、开放时间、功能室、代办点',
        params: LivingRoomParamsSchema,
        response: { 200: LivingRoomSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => regions.getLivingRoom(request.params.villageCode),
  );
};
