// The held-content queue for cadres and admins; decisions go to each text's own review route.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { HeldListSchema, ReviewQuerySchema } from './schemas';
import type { ReviewService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

export const reviewRoutes: FastifyPluginAsyncTypebox<{ reviews: ReviewService }> = async (app, { reviews }) => {
  app.get(
    '/reviews',
    {
      config: { access: ['cadre', 'township_admin', 'county_admin'] },
      schema: { tags: ['groups'], summary: '待审核的内容（本村或本辖区，最早的在前）', querystring: ReviewQuerySchema, response: { 200: HeldListSchema, ...errors } },
    },
    async (request) => reviews.list(currentUser(request), request.query),
  );
};
