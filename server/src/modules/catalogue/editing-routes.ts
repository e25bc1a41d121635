// Catalogue editing endpoints, county admins only. Handlers parse, call the service and answer;
// an invalid item answers 400 with every problem, each naming its field.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { idempotencyKey, type IdempotentResponse } from '../../http/idempotency';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { ItemInvalidError, type CatalogueEditing } from './editing';
import {
  CodeParamsSchema,
  EditableItemSchema,
  EditInputSchema,
  ItemInvalidSchema,
  RestoreInputSchema,
  VersionDetailSchema,
  VersionListQuerySchema,
  VersionListSchema,
  VersionParamsSchema,
} from './editing-schemas';

const errors = { 400: ItemInvalidSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const OPTIONAL_KEY = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: '8–64 visible characters, the same on every retry' })) });

async function answer<T>(reply: FastifyReply, work: Promise<IdempotentResponse<T>>) {
  try {
    const { statusCode, body } = await work;
    return reply.code(statusCode).send(body);
  } catch (err) {
    if (err instanceof ItemInvalidError) {
      reply.request.log.info({ code: err.code, problems: err.problems.length }, err.message);
      return reply.code(400).send({ error: { code: err.code, message: err.message, problems: err.problems } });
    }
    throw err;
  }
}

export const catalogueEditingRoutes: FastifyPluginAsyncTypebox<{ editing: CatalogueEditing }> = async (app, { editing }) => {
  const countyAdmins = { access: ['county_admin'] as const };
  const tags = ['catalogue-admin'];

  app.get(
    '/admin/catalogue/:code',
    { config: countyAdmins, schema: { tags, summary: '编辑用：事项的完整内容和当前版本号', params: CodeParamsSchema, response: { 200: EditableItemSchema, ...errors } } },
    async (request) => editing.get(request.params.code),
  );

  app.put(
    '/admin/catalogue/:code',
    {
      config: countyAdmins,
      schema: {
        tags,
        summary: '保存对事项的修改（与种子数据同样的检查；内容没变则不产生新版本；可带 Idempotency-Key）',
        params: CodeParamsSchema,
        headers: OPTIONAL_KEY,
        body: EditInputSchema,
        response: { 200: EditableItemSchema, ...errors },
      },
    },
    async (request, reply) =>
      answer(reply, editing.update(currentUser(request), request.params.code, request.body, idempotencyKey(request, { required: false }))),
  );

  app.get(
    '/admin/catalogue/:code/versions',
    {
      config: countyAdmins,
      schema: { tags, summary: '历史版本：谁、什么时候、改了什么（新的在前）', params: CodeParamsSchema, querystring: VersionListQuerySchema, response: { 200: VersionListSchema, ...errors } },
    },
    async (request) => editing.listVersions(request.params.code, request.query),
  );

  app.get(
    '/admin/catalogue/:code/versions/:version',
    { config: countyAdmins, schema: { tags, summary: '某个历史版本的完整内容', params: VersionParamsSchema, response: { 200: VersionDetailSchema, ...errors } } },
    async (request) => editing.getVersion(request.params.code, request.params.version),
  );

  app.post(
    '/admin/catalogue/:code/versions/:version/restore',
    {
      config: countyAdmins,
      schema: {
        tags,
        summary: '恢复某个历史版本（作为一个新版本保存；可带 Idempotency-Key）',
        params: VersionParamsSchema,
        headers: OPTIONAL_KEY,
        body: RestoreInputSchema,
        response: { 200: EditableItemSchema, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        editing.restore(currentUser(request), request.params.code, request.params.version, request.body.baseVersion, idempotencyKey(request, { required: false })),
      ),
  );
};
