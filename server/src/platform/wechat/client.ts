// The one module that calls WeChat's server APIs (DESIGN.md §3): timeouts, retries on transient
// failures, one shared access token, and every failure turned into an AppError a villager can read.
// Never logs the secret, an access token or a session_key: log lines name the API path only.
import { AppError } from '../../http/app-error';

export interface WechatConfig {
  appId: string;
  secret: string;
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
}

export interface WechatClient {
  code2Session(code: string): Promise<{ openid: string; sessionKey: string; unionid?: string }>;
  getAccessToken(): Promise<string>;
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
  sendSubscribeMessage(msg: {
    toUser: string;
    templateId: string;
    page?: string;
    data: Record<string, { value: string }>;
    miniprogramState?: 'developer' | 'trial' | 'formal';
  }): Promise<void>;
  msgSecCheck(input: {
    openid: string;
    content: string;
    scene: 1 | 2 | 3 | 4;
    title?: string;
  }): Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number }>;
  getUnlimitedQrCode(input: {
    scene: string;
    page?: string;
    width?: number;
    checkPath?: boolean;
    envVersion?: 'release' | 'trial' | 'develop';
  }): Promise<Buffer>;
}

// Fastify's and pino's loggers fit this; the default drops everything.
export interface WechatLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WechatClientOptions {
  logger?: WechatLogger;
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_RETRIES = 2;
const BACKOFF_MS = 100;
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

// -1 system busy, 45011 frequency limit: worth another try after a pause.
const TRANSIENT_ERRCODES = new Set([-1, 45011]);
// 40001 invalid credential, 42001 expired, 40014 invalid token: a fresh token fixes them.
const TOKEN_ERRCODES = new Set([40001, 42001, 40014]);
// 40029 invalid code, 40163 code been used, 41008 missing code.
const LOGIN_CODE_ERRCODES = new Set([40029, 40163, 41008]);
const SUGGESTIONS = new Set(['pass', 'review', 'risky']);

interface WechatJson {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

type Reply = { kind: 'json'; data: WechatJson } | { kind: 'binary'; bytes: Buffer };

interface Call {
  method: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
}

const silent: WechatLogger = { warn() {}, error() {} };

export function createWechatClient(config: WechatConfig, options: WechatClientOptions = {}): WechatClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = config.maxRetries ?? DEFAULT_MAX_RETRIES;
  const log = options.logger ?? silent;

  let cached: { token: string; refreshAt: number } | undefined;
  let refreshing: Promise<string> | undefined;

  function wechatError(api: string, data: WechatJson): AppError {
    log.error({ api, errcode: data.errcode, errmsg: data.errmsg }, 'WeChat answered with an error');
    return new AppError(502, 'WECHAT_ERROR', '微信服务返回错误，请稍后再试');
  }

  async function send(api: string, call: Call): Promise<Reply> {
    const url = `${baseUrl}${api}${call.query ? `?${new URLSearchParams(call.query)}` : ''}`;
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      try {
        const res = await fetch(url, {
          method: call.method,
          headers: call.body === undefined ? undefined : { 'content-type': 'application/json' },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (res.status >= 500) {
          await res.body?.cancel();
          reason = `http ${res.status}`;
        } else {
          const reply = await readReply(api, res);
          if (reply.kind === 'binary' || !TRANSIENT_ERRCODES.has(reply.data.errcode ?? 0)) return reply;
          reason = `errcode ${reply.data.errcode}`;
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        reason = describeFailure(err);
      }
      if (attempt >= maxRetries) {
        log.error({ api, attempts: attempt + 1, reason }, 'WeChat unreachable');
        throw new AppError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时连不上，请稍后再试');
      }
      log.warn({ api, attempt: attempt + 1, reason }, 'WeChat call failed, retrying');
      await sleep(BACKOFF_MS * 2 ** attempt);
    }
  }

  // WeChat answers JSON (sometimes labelled text/plain) or, for mini-program codes, image bytes.
  async function readReply(api: string, res: Response): Promise<Reply> {
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    if (type.startsWith('image/')) return { kind: 'binary', bytes };
    try {
      const data = JSON.parse(bytes.toString('utf8')) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) return { kind: 'json', data: data as WechatJson };
    } catch {
      // Falls through: not JSON is as wrong as JSON of the wrong shape.
    }
    throw wechatError(api, { errmsg: `unexpected ${res.status} answer (${type || 'no content type'})` });
  }

  // Never force_refresh: forcing revokes the token every other server process holds (WeChat keeps
  // it for leaked tokens, 20 a day); the normal mode already hands out a new token near expiry.
  async function fetchToken(): Promise<string> {
    const api = '/cgi-bin/stable_token';
    const reply = await send(api, {
      method: 'POST',
      body: { grant_type: 'client_credential', appid: config.appId, secret: config.secret, force_refresh: false },
    });
    const data = reply.kind === 'json' ? reply.data : {};
    if (typeof data.access_token !== 'string' || typeof data.expires_in !== 'number') throw wechatError(api, data);
    cached = { token: data.access_token, refreshAt: Date.now() + data.expires_in * 1000 - REFRESH_BEFORE_EXPIRY_MS };
    return data.access_token;
  }

  // Concurrent callers share one request to WeChat.
  function refreshToken(): Promise<string> {
    refreshing ??= fetchToken().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  function getAccessToken(): Promise<string> {
    if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
    return refreshToken();
  }

  // Another caller may already have replaced the rejected token; only then is no request needed.
  function replaceToken(rejected: string): Promise<string> {
    if (cached?.token === rejected) cached = undefined;
    if (cached) return Promise.resolve(cached.token);
    return refreshToken();
  }

  async function sendWithToken(api: string, body: unknown): Promise<Reply> {
    const token = await getAccessToken();
    const reply = await send(api, { method: 'POST', query: { access_token: token }, body });
    if (reply.kind !== 'json' || !TOKEN_ERRCODES.has(reply.data.errcode ?? 0)) return reply;
    log.warn({ api, errcode: reply.data.errcode }, 'WeChat refused the access token, refreshing it');
    const fresh = await replaceToken(token);
    return send(api, { method: 'POST', query: { access_token: fresh }, body });
  }

  async function sendJsonWithToken(api: string, body: unknown): Promise<WechatJson> {
    const reply = await sendWithToken(api, body);
    if (reply.kind === 'binary') throw wechatError(api, { errmsg: 'unexpected image answer' });
    return reply.data;
  }

  return {
    getAccessToken,

    async code2Session(code) {
      const api = '/sns/jscode2session';
      const reply = await send(api, {
        method: 'GET',
        query: { appid: config.appId, secret: config.secret, js_code: code, grant_type: 'authorization_code' },
      });
      const data = reply.kind === 'json' ? reply.data : {};
      if (LOGIN_CODE_ERRCODES.has(data.errcode ?? 0)) {
        throw new AppError(401, 'WECHAT_CODE_INVALID', '微信登录已失效，请重新进入小程序');
      }
      if (typeof data.openid !== 'string' || typeof data.session_key !== 'string') throw wechatError(api, data);
      return {
        openid: data.openid,
        sessionKey: data.session_key,
        ...(typeof data.unionid === 'string' ? { unionid: data.unionid } : {}),
      };
    },

    async getPhoneNumber(code) {
      const api = '/wxa/business/getuserphonenumber';
      const data = await sendJsonWithToken(api, { code });
      if (data.errcode === 40029) {
        throw new AppError(400, 'WECHAT_PHONE_CODE_INVALID', '获取手机号失败，请重新点击授权');
      }
      const info = data.phone_info as Record<string, unknown> | undefined;
      if (
        data.errcode ||
        typeof info?.phoneNumber !== 'string' ||
        typeof info.purePhoneNumber !== 'string' ||
        typeof info.countryCode !== 'string'
      ) {
        throw wechatError(api, data);
      }
      return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: info.countryCode };
    },

    async sendSubscribeMessage(msg) {
      const api = '/cgi-bin/message/subscribe/send';
      const data = await sendJsonWithToken(api, {
        touser: msg.toUser,
        template_id: msg.templateId,
        page: msg.page,
        data: msg.data,
        miniprogram_state: msg.miniprogramState,
        lang: 'zh_CN',
      });
      if (data.errcode === 43101) {
        throw new AppError(409, 'WECHAT_NOT_SUBSCRIBED', '对方没有订阅这条消息，无法发送');
      }
      if (data.errcode) throw wechatError(api, data);
    },

    async msgSecCheck(input) {
      const api = '/wxa/msg_sec_check';
      const data = await sendJsonWithToken(api, {
        content: input.content,
        version: 2,
        scene: input.scene,
        openid: input.openid,
        title: input.title,
      });
      const result = data.result as { suggest?: unknown; label?: unknown } | undefined;
      if (data.errcode || !SUGGESTIONS.has(result?.suggest as string) || typeof result?.label !== 'number') {
        throw wechatError(api, data);
      }
      return { suggest: result.suggest as 'pass' | 'review' | 'risky', label: result.label };
    },

    async getUnlimitedQrCode(input) {
      const api = '/wxa/getwxacodeunlimit';
      const reply = await sendWithToken(api, {
        scene: input.scene,
        page: input.page,
        width: input.width,
        check_path: input.checkPath,
        env_version: input.envVersion,
      });
      if (reply.kind === 'json') throw wechatError(api, reply.data);
      return reply.bytes;
    },
  };
}

// For the outbox: only an unreachable WeChat is worth trying again later.
export function isTransientWechatError(e: unknown): boolean {
  return e instanceof AppError && e.code === 'WECHAT_UNAVAILABLE';
}

function describeFailure(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return `network ${cause.code}`;
  return err instanceof Error ? `network ${err.message}` : 'network failure';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
