// 县级统计 routes for township and county admins: the figures, their CSV export and the trend.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendCsv } from '../../http/csv';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { ExportQuerySchema, FiguresQuerySchema, FiguresSchema, TrendQuerySchema, TrendSchema } from './schemas';
import type { FiguresService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

export const figuresRoutes: FastifyPluginAsyncTypebox<{ figures: FiguresService }> = async (app, { figures }) => {
  const admins = { access: ['township_admin', 'county_admin'] as const };
  const tags = ['figures'];

  app.get(
    '/figures',
    {
      config: admins,
      schema: {
        tags,
        summary: '各村、乡镇与全县的服务统计（县管理员看全县，乡镇管理员看本乡镇）',
        description: '时段用北京时间：月 2026-11、季度 2026-Q4、年 2026。每个村都有一行（没有办件的村为 0）；乡镇和全县的数字由原始数据直接算出（中位数不是各村中位数的平均）。',
        querystring: FiguresQuerySchema,
        response: { 200: FiguresSchema, ...errors },
      },
    },
    async (request) => figures.figures(currentUser(request), request.query),
  );

  app.get(
    '/figures/export.csv',
    {
      config: admins,
      schema: {
        tags,
        summary: '导出统计表（CSV，UTF-8 带 BOM，可用 Excel 打开）',
        description: 'level=village 每村一行（含乡镇名），level=township 每乡镇一行。比例为百分数，保留一位小数。',
        querystring: ExportQuerySchema,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV 文本（text/csv）' }), ...errors },
      },
    },
    async (request, reply) => sendCsv(reply, await figures.exportCsv(currentUser(request), request.query)),
  );

  app.get(
    '/figures/trend',
    {
      config: admins,
      schema: { tags, summary: '按月趋势：办件数、按时办结率、满意率（到本月为止）', querystring: TrendQuerySchema, response: { 200: TrendSchema, ...errors } },
    },
    async (request) => figures.trend(currentUser(request), request.query),
  );
};
