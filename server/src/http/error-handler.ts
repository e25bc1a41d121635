// One place where every failure becomes `{ error: { code, message } }`: AppErrors as thrown,
// schema failures as 400 naming the field, framework 4xx mapped to stable codes, and any 5xx
// logged in full but answered with one plain sentence.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { issueField, validationMessage } from './validation-message';

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const SERVER_ERROR_MESSAGE = '服务器开小差了，请稍后再试';

const CLIENT_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求有误，请检查后重试' },
  404: { code: 'NOT_FOUND', message: '没有找到您要的内容' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持这种操作' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大了，请减少后重试' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '提交的内容格式不支持' },
  429: { code: 'TOO_MANY_REQUESTS', message: '操作太频繁了，请稍后再试' },
};

const BAD_JSON = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      request.log.info({ code: error.code }, error.message);
      return reply.code(error.statusCode).send(body(error.code, error.message));
    }
    if ('validation' in error && error.validation?.length) {
      const issue = error.validation[0];
      request.log.info({ validation: error.validation, context: error.validationContext }, 'invalid request');
      return reply.code(400).send({
        error: { code: 'BAD_REQUEST', message: validationMessage(issue), field: issueField(issue) },
      } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, 'client error');
      if (BAD_JSON.has(error.code)) return reply.code(400).send(body('INVALID_JSON', '提交的内容格式不对，请刷新后重试'));
      const known = CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400];
      return reply.code(status).send(body(known.code, known.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(body('INTERNAL_ERROR', SERVER_ERROR_MESSAGE));
  });

  app.setNotFoundHandler((request, reply) => {
    request.log.info({ url: request.url }, 'route not found');
    return reply.code(404).send(body('NOT_FOUND', '没有找到您要的内容，请返回首页'));
  });
}

function body(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
