// Band routes: the county's rules (read by admins, changed by county admins) and each village's
// 好/中/差 for a period with its reasons. Handlers parse, call the service and answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendCsv } from '../../http/csv';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { BandListSchema, BandQuerySchema, PutRulesSchema, RuleVersionSchema, RulesResponseSchema } from './schemas';
import type { BandService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const bandRoutes: FastifyPluginAsyncTypebox<{ bands: BandService }> = async (app, { bands }) => {
  const admins = { access: ['township_admin', 'county_admin'] as const };
  const county = { access: ['county_admin'] as const };
  const tags = ['bands'];

  app.get('/bands/rules', { config: admins, schema: { tags, summary: '好中差评定规则：当前版本和修改记录', response: { 200: RulesResponseSchema, ...errors } } }, async (request) =>
    bands.rules(currentUser(request)),
  );

  app.put(
    '/bands/rules',
    { config: county, schema: { tags, summary: '修改评定规则（县管理员；生成新版本，权重合计 100，好线高于差线）', body: PutRulesSchema, response: { 200: RuleVersionSchema, ...errors } } },
    async (request) => bands.putRules(currentUser(request), request.body),
  );

  app.get(
    '/bands/export.csv',
    {
      config: admins,
      schema: {
        tags,
        summary: '导出好中差评定（CSV，UTF-8 带 BOM，可用 Excel 打开；含各项得分和原因）',
        querystring: BandQuerySchema,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV 文本（text/csv）' }), ...errors },
      },
    },
    async (request, reply) => sendCsv(reply, await bands.exportCsv(currentUser(request), request.query)),
  );

  app.get('/bands', { config: admins, schema: { tags, summary: '各村好中差评定及原因（县看全县，乡镇看本乡镇）', querystring: BandQuerySchema, response: { 200: BandListSchema, ...errors } } }, async (request) =>
    bands.bands(currentUser(request), request.query),
  );
};
