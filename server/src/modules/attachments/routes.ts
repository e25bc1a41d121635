// 上传照片: one image per request (multipart field any name), then shown to those allowed to see it.
import { createReadStream, type ReadStream } from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/app-error';
import { ErrorSchema } from '../../http/schemas';
import { currentUser } from '../auth/access-hook';
import { AttachmentParamsSchema, AttachmentSchema } from './schemas';
import { fileTooLarge, MAX_IMAGE_BYTES, type AttachmentService } from './service';

const errors = { 400: ErrorSchema, 401: ErrorSchema };
// The file's bytes, streamed as they are (Fastify does not serialize a stream).
const ImageBody = Type.Unsafe<ReadStream>({ type: 'string', format: 'binary', description: 'JPEG, PNG or WebP' });

export const attachmentRoutes: FastifyPluginAsyncTypebox<{ attachments: AttachmentService }> = async (app, { attachments }) => {
  // Registered here, so only these routes accept multipart bodies.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10, parts: 11 } });
  const signedIn = { access: 'user' as const };

  app.post(
    '/attachments',
    {
      config: signedIn,
      schema: {
        tags: ['attachments'],
        summary: '上传一张照片（JPG/PNG/WebP，不超过 5 MB），multipart/form-data',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentSchema, 413: ErrorSchema, 415: ErrorSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      if (!request.isMultipart()) throw fileRequired();
      let bytes: Buffer;
      try {
        const part = await request.file();
        if (!part) throw fileRequired();
        bytes = await part.toBuffer();
      } catch (err) {
        throw uploadError(err);
      }
      return reply.code(201).send(await attachments.upload(user, bytes));
    },
  );

  app.get(
    '/attachments/:id',
    {
      config: signedIn,
      schema: {
        tags: ['attachments'],
        summary: '查看照片：上传人，以及所属办件的群众、本村干部和辖区管理员',
        params: AttachmentParamsSchema,
        response: { 200: ImageBody, 404: ErrorSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { file, mime, size } = await attachments.open(currentUser(request), request.params.id);
      // Private: a shared cache must never hand one person's documents to another.
      reply.header('cache-control', 'private, max-age=86400, immutable');
      reply.header('content-length', size);
      return reply.type(mime).send(createReadStream(file));
    },
  );
};

// Parsing only reads the request, so any failure without a status is a broken upload, not ours.
function uploadError(err: unknown): unknown {
  const { code, statusCode } = err as { code?: string; statusCode?: number };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge();
  if (err instanceof AppError || (statusCode && statusCode < 500)) return err;
  return new AppError(400, 'UPLOAD_INCOMPLETE', '照片没有传完整，请重新上传');
}

function fileRequired(): AppError {
  return new AppError(400, 'FILE_REQUIRED', '请选择一张照片再上传');
}
