// Duty rota (坐班) and slots endpoints: parse (the schemas do it), call the service, answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import {
  AssignBodySchema,
  CapacityBodySchema,
  CapacityParamsSchema,
  CapacityResultSchema,
  DutyHalfDaySchema,
  DutyListSchema,
  DutyTodaySchema,
  RangeQuerySchema,
  ShiftParamsSchema,
  SlotListSchema,
  TodayQuerySchema,
  UnassignQuerySchema,
} from './schemas';
import type { DutyService } from './service';

const readErrors = { 400: ErrorSchema, 404: ErrorSchema };
const writeErrors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const dutyRoutes: FastifyPluginAsyncTypebox<{ duty: DutyService }> = async (app, { duty }) => {
  app.get(
    '/duty',
    {
      config: { access: 'public' },
      schema: {
        tags: ['duty'],
        summary: '坐班表：每个工作日上午、下午谁在村里坐班（含值班电话）',
        querystring: RangeQuerySchema,
        response: { 200: DutyListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await duty.listDuty(request.query) }),
  );

  app.get(
    '/duty/today',
    {
      config: { access: 'public' },
      schema: {
        tags: ['duty'],
        summary: '今日值班',
        querystring: TodayQuerySchema,
        response: { 200: DutyTodaySchema, ...readErrors },
      },
    },
    async (request) => duty.today(request.query.villageCode),
  );

  app.put(
    '/duty/:villageCode/:date/:half',
    {
      config: { access: ['cadre'] },
      schema: {
        tags: ['duty'],
        summary: '安排坐班：自己或本村另一位村干部',
        params: ShiftParamsSchema,
        body: AssignBodySchema,
        response: { 200: DutyHalfDaySchema, ...writeErrors },
      },
      // Putting oneself on duty needs no body at all.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const { villageCode, date, half } = request.params;
      return duty.assign(currentUser(request), { villageCode, date, half }, request.body.cadreId);
    },
  );

  app.delete(
    '/duty/:villageCode/:date/:half',
    {
      config: { access: ['cadre'] },
      schema: {
        tags: ['duty'],
        summary: '取消坐班：自己或本村另一位村干部',
        params: ShiftParamsSchema,
        querystring: UnassignQuerySchema,
        response: { 200: DutyHalfDaySchema, ...writeErrors },
      },
    },
    async (request) => {
      const { villageCode, date, half } = request.params;
      return duty.unassign(currentUser(request), { villageCode, date, half }, request.query.cadreId);
    },
  );

  app.get(
    '/slots',
    {
      config: { access: 'public' },
      schema: {
        tags: ['duty'],
        summary: '可预约时段：每个工作日上午、下午的名额和是否可约',
        querystring: RangeQuerySchema,
        response: { 200: SlotListSchema, ...readErrors },
      },
    },
    async (request) => ({ items: await duty.listSlots(request.query) }),
  );

  app.put(
    '/living-rooms/:villageCode/slot-capacity',
    {
      config: { access: ['cadre', 'township_admin', 'county_admin'] },
      schema: {
        tags: ['duty'],
        summary: '设置睦邻客厅每个半天的预约名额（1—50）',
        params: CapacityParamsSchema,
        body: CapacityBodySchema,
        response: { 200: CapacityResultSchema, ...writeErrors },
      },
    },
    async (request) => duty.setSlotCapacity(currentUser(request), request.params.villageCode, request.body.capacity),
  );
};
