// Strong ETags for cacheable GETs: the client keeps its copy and asks again each time
// (no-cache); an unchanged body costs a 304 with no payload, which matters on village 3G.
import { createHash } from 'node:crypto';
import type { onSendHookHandler } from 'fastify';

export const etagHook: onSendHookHandler = async (request, reply, payload) => {
  if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
  // A handler that cached its answer set the ETag (and answered If-None-Match) itself.
  if (reply.hasHeader('etag')) return payload;
  const etag = `"${createHash('sha256').update(payload).digest('base64url')}"`;
  reply.header('etag', etag);
  reply.header('cache-control', 'no-cache');
  if (etagMatches(request.headers['if-none-match'], etag)) {
    reply.code(304);
    reply.removeHeader('content-type');
    return null;
  }
  return payload;
};

// If-None-Match uses the weak comparison: W/ prefixes are ignored, `*` matches anything.
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
