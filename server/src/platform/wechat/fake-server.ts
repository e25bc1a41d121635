// WeChat's server APIs on loopback, for tests and the demo (DESIGN.md §3): the real client code
// talks real HTTP to it. Request and answer shapes and error codes follow WeChat's; controls to
// issue codes, expire tokens and inject faults exist both in-process (state) and under /__fake/.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import QRCode from 'qrcode';

// The one user a well-formed but never-issued code logs in (wx.login in DevTools, demo mode).
export const FAKE_DEMO_OPENID = 'oDemoWeappUser0000000000000';

export type FaultMode = 'http500' | 'busy' | 'hang' | 'reset';

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  time: string;
}

export interface FakeState {
  // Requests seen per WeChat API path, faulted ones included.
  calls: Record<string, number>;
  sent: SentMessage[];
  issueCode(openid: string, options?: { unionid?: string }): string;
  issuePhoneCode(phone: string): string;
  expireTokens(): void;
  refuseSubscribe(openid: string): void;
  failNext(n: number, mode: FaultMode): void;
}

export interface FakeWechat {
  url: string;
  close(): Promise<void>;
  state: FakeState;
}

const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_S = 7200;
const TOKEN_RENEW_MS = 5 * 60_000;
const WELL_FORMED_CODE = /^[A-Za-z0-9_-]{8,64}$/;
const OPENID = /^[A-Za-z0-9_-]{20,40}$/;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,}$/;
// What WeChat's own checks allow in a scene: up to 32 visible characters of this set.
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
const HOME_PAGE = 'pages/home/index';
// Passed through to pngjs (not in qrcode's types): QR rows repeat, so the fixed Up filter
// compresses as well as pngjs's adaptive one, which is about 20 times slower under jest.
const PNG_OPTIONS = { filterType: 2, deflateStrategy: 0 };
const FAULT_MODES: FaultMode[] = ['http500', 'busy', 'hang', 'reset'];
const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const ENV_VERSIONS = ['release', 'trial', 'develop'];
// Subscribe-message value kinds with WeChat's length caps (characters).
const VALUE_LIMITS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32 };
// A small stand-in for WeChat's content model: words and the label WeChat would give them.
const RISKY_WORDS: Record<string, number> = { 赌博: 20006, 诈骗: 20006, 毒品: 20006, 色情: 20002 };
const REVIEW_WORDS: Record<string, number> = { 上访: 20001, 游行: 20001, 代开发票: 21000 };

interface WechatErr {
  errcode: number;
  errmsg: string;
}

interface LoginCode {
  openid: string;
  unionid?: string;
  issuedAt: number;
  used: boolean;
}

export async function startFakeWechat(opts: { appId: string; secret: string; port?: number }): Promise<FakeWechat> {
  const loginCodes = new Map<string, LoginCode>();
  const demoCodesUsed = new Set<string>();
  const phoneCodes = new Map<string, string>();
  const tokens = new Map<string, { expiresAt: number; expired: boolean; revoked: boolean }>();
  const refused = new Set<string>();
  const faults: FaultMode[] = [];
  let current: string | undefined;

  const state: FakeState = {
    calls: {},
    sent: [],
    issueCode(openid, options = {}) {
      const code = randomToken(24);
      loginCodes.set(code, { openid, unionid: options.unionid, issuedAt: Date.now(), used: false });
      return code;
    },
    issuePhoneCode(phone) {
      const code = randomToken(24);
      phoneCodes.set(code, phone);
      return code;
    },
    expireTokens() {
      for (const token of tokens.values()) token.expired = true;
    },
    refuseSubscribe(openid) {
      refused.add(openid);
    },
    failNext(n, mode) {
      for (let i = 0; i < n; i++) faults.push(mode);
    },
  };

  // WeChat appends a request id to every errmsg; callers must not depend on the exact text.
  function err(errcode: number, errmsg: string): WechatErr {
    return { errcode, errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}` };
  }

  function tokenError(token: unknown): WechatErr | undefined {
    if (typeof token !== 'string' || token === '') return err(41001, 'access_token missing');
    const known = tokens.get(token);
    if (!known || known.revoked) {
      return TOKEN_SHAPE.test(token)
        ? err(40001, 'invalid credential, access_token is invalid or not latest')
        : err(40014, 'invalid access_token');
    }
    if (known.expired || Date.now() >= known.expiresAt) return err(42001, 'access_token expired');
    return undefined;
  }

  const app = Fastify({ logger: false, forceCloseConnections: true });

  // Faults come before anything else so a test sees exactly what a broken WeChat would do.
  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/__fake/')) return done();
    state.calls[path] = (state.calls[path] ?? 0) + 1;
    const fault = faults.shift();
    if (fault === undefined) return done();
    if (fault === 'http500') {
      reply.code(500).type('text/html').send('<html><body>500 Internal Server Error</body></html>');
    } else if (fault === 'busy') {
      reply.send(err(-1, 'system error'));
    } else {
      // No answer at all: a hung request is cut when the client gives up or the fake closes.
      reply.hijack();
      if (fault === 'reset') request.raw.socket.destroy();
    }
  });

  // WeChat answers a broken body with an errcode, never with an HTTP error.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(200).send(err(44002, 'empty post data'));
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply.code(200).send(err(47001, 'data format error'));
    }
    return reply.code(500).send(err(-1, 'system error'));
  });

  app.get('/sns/jscode2session', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    // The real endpoint labels its JSON text/plain.
    reply.type('text/plain');
    if (q.appid !== opts.appId) return JSON.stringify(err(40013, 'invalid appid'));
    if (q.secret !== opts.secret) return JSON.stringify(err(40125, 'invalid appsecret'));
    if (q.grant_type !== 'authorization_code') return JSON.stringify(err(40002, 'invalid grant_type'));
    const code = q.js_code;
    if (!code) return JSON.stringify(err(41008, 'missing code'));
    if (!WELL_FORMED_CODE.test(code) || code.startsWith('invalid')) return JSON.stringify(err(40029, 'invalid code'));
    const issued = loginCodes.get(code);
    let user: { openid: string; unionid?: string };
    if (issued) {
      if (issued.used) return JSON.stringify(err(40163, 'code been used'));
      if (Date.now() - issued.issuedAt > CODE_TTL_MS) return JSON.stringify(err(40029, 'invalid code'));
      issued.used = true;
      user = issued;
    } else {
      if (demoCodesUsed.has(code)) return JSON.stringify(err(40163, 'code been used'));
      demoCodesUsed.add(code);
      user = { openid: FAKE_DEMO_OPENID };
    }
    return JSON.stringify({
      session_key: randomBytes(16).toString('base64'),
      openid: user.openid,
      ...(user.unionid ? { unionid: user.unionid } : {}),
    });
  });

  app.post('/cgi-bin/stable_token', async (request) => {
    const body = objectBody(request);
    if (body.grant_type !== 'client_credential') return err(40002, 'invalid grant_type');
    if (body.appid !== opts.appId) return err(40013, 'invalid appid');
    if (body.secret !== opts.secret) return err(40125, 'invalid appsecret');
    // WeChat's stable token: the same token until 5 minutes before it expires, when a new one is
    // handed out and the old one stays valid to its end; forcing revokes the current one at once.
    const known = current === undefined ? undefined : tokens.get(current);
    if (body.force_refresh === true && known) known.revoked = true;
    else if (current && known && !known.expired && known.expiresAt - Date.now() > TOKEN_RENEW_MS) {
      return { access_token: current, expires_in: Math.floor((known.expiresAt - Date.now()) / 1000) };
    }
    current = randomToken(64);
    tokens.set(current, { expiresAt: Date.now() + TOKEN_TTL_S * 1000, expired: false, revoked: false });
    return { access_token: current, expires_in: TOKEN_TTL_S };
  });

  app.post('/wxa/business/getuserphonenumber', async (request) => {
    const failure = tokenError(accessToken(request));
    if (failure) return failure;
    const { code } = objectBody(request);
    const phone = typeof code === 'string' ? phoneCodes.get(code) : undefined;
    if (phone === undefined) return err(40029, 'invalid code');
    phoneCodes.delete(code as string);
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: opts.appId },
      },
    };
  });

  app.post('/cgi-bin/message/subscribe/send', async (request) => {
    const failure = tokenError(accessToken(request));
    if (failure) return failure;
    const body = objectBody(request);
    if (typeof body.touser !== 'string' || !OPENID.test(body.touser)) return err(40003, 'invalid openid');
    if (typeof body.template_id !== 'string' || body.template_id === '') return err(40037, 'invalid template_id');
    if (body.miniprogram_state !== undefined && !MINIPROGRAM_STATES.includes(body.miniprogram_state as string)) {
      return err(47003, 'argument invalid! miniprogram_state invalid');
    }
    const dataError = checkMessageData(body.data);
    if (dataError) return err(47003, `argument invalid! ${dataError}`);
    if (refused.has(body.touser)) return err(43101, 'user refuse to accept the msg');
    state.sent.push({
      touser: body.touser,
      template_id: body.template_id,
      page: typeof body.page === 'string' ? body.page : undefined,
      data: body.data as Record<string, { value: string }>,
      miniprogram_state: body.miniprogram_state as string | undefined,
      time: new Date().toISOString(),
    });
    return { errcode: 0, errmsg: 'ok', msgid: Date.now() };
  });

  app.post('/wxa/msg_sec_check', async (request) => {
    const failure = tokenError(accessToken(request));
    if (failure) return failure;
    const body = objectBody(request);
    if (body.version !== 2) return err(40097, 'invalid args, version must be 2');
    if (typeof body.openid !== 'string' || !OPENID.test(body.openid)) return err(40003, 'invalid openid');
    if (![1, 2, 3, 4].includes(body.scene as number)) return err(40097, 'invalid args, scene');
    if (typeof body.content !== 'string' || body.content === '' || [...body.content].length > 2500) {
      return err(40097, 'invalid args, content');
    }
    const text = `${typeof body.title === 'string' ? body.title : ''}\n${body.content}`;
    const risky = Object.keys(RISKY_WORDS).find((w) => text.includes(w));
    const review = Object.keys(REVIEW_WORDS).find((w) => text.includes(w));
    const verdict = risky
      ? { suggest: 'risky', label: RISKY_WORDS[risky], keyword: risky }
      : review
        ? { suggest: 'review', label: REVIEW_WORDS[review], keyword: review }
        : { suggest: 'pass', label: 100 };
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: verdict.suggest, label: verdict.label },
      detail: [{ strategy: 'content_model', errcode: 0, prob: verdict.suggest === 'pass' ? 0 : 90, ...verdict }],
      trace_id: randomBytes(12).toString('hex'),
    };
  });

  app.post('/wxa/getwxacodeunlimit', async (request, reply) => {
    const failure = tokenError(accessToken(request));
    if (failure) return failure;
    const body = objectBody(request);
    if (typeof body.scene !== 'string' || !SCENE.test(body.scene)) return err(40169, 'invalid length for scene');
    const page = body.page === undefined || body.page === '' ? HOME_PAGE : body.page;
    // WeChat wants a path without a leading slash or query: parameters belong in scene.
    if (typeof page !== 'string' || !PAGE.test(page)) return err(41030, 'invalid page');
    if (body.env_version !== undefined && !ENV_VERSIONS.includes(body.env_version as string)) {
      return err(40097, 'invalid args, env_version');
    }
    const width = Math.min(1280, Math.max(280, typeof body.width === 'number' ? body.width : 430));
    const png = await QRCode.toBuffer(`${page}?scene=${encodeURIComponent(body.scene)}`, {
      type: 'png',
      width,
      margin: 2,
      rendererOpts: PNG_OPTIONS,
    });
    return reply.type('image/png').send(png);
  });

  app.post('/__fake/codes', async (request, reply) => {
    const { openid, unionid } = objectBody(request);
    if (typeof openid !== 'string' || openid === '') return controlError(reply, 'openid required');
    return { code: state.issueCode(openid, typeof unionid === 'string' ? { unionid } : {}) };
  });
  app.post('/__fake/phone-codes', async (request, reply) => {
    const { phone } = objectBody(request);
    if (typeof phone !== 'string' || phone === '') return controlError(reply, 'phone required');
    return { code: state.issuePhoneCode(phone) };
  });
  app.post('/__fake/expire-tokens', async () => {
    state.expireTokens();
    return { ok: true };
  });
  app.post('/__fake/refuse-subscribe', async (request, reply) => {
    const { openid } = objectBody(request);
    if (typeof openid !== 'string' || openid === '') return controlError(reply, 'openid required');
    state.refuseSubscribe(openid);
    return { ok: true };
  });
  app.post('/__fake/fail', async (request, reply) => {
    const { n, mode } = objectBody(request);
    if (!Number.isInteger(n) || (n as number) < 1 || !FAULT_MODES.includes(mode as FaultMode)) {
      return controlError(reply, `n must be a positive integer and mode one of ${FAULT_MODES.join(', ')}`);
    }
    state.failNext(n as number, mode as FaultMode);
    return { ok: true };
  });
  app.get('/__fake/state', async () => ({ calls: state.calls, sent: state.sent }));

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    async close() {
      await app.close();
    },
  };
}

function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function accessToken(request: FastifyRequest): string | undefined {
  return (request.query as Record<string, string | undefined>).access_token;
}

// Control requests are the tests' own: a plain 400 with the reason is enough.
function controlError(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).send({ error: message });
}

// Why WeChat would refuse a message's data, or undefined when it would accept it.
function checkMessageData(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
    return 'data invalid';
  }
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const value = (entry as { value?: unknown } | null)?.value;
    if (!kind) return `data.${key} invalid`;
    if (typeof value !== 'string' || value === '') return `data.${key}.value invalid`;
    const limit = VALUE_LIMITS[kind];
    if (limit !== undefined && [...value].length > limit) return `data.${key}.value invalid`;
  }
  return undefined;
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
