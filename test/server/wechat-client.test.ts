// The real WeChat client against the fake WeChat server, over loopback HTTP.
import { createWechatClient, isTransientWechatError, type WechatConfig } from '../../server/src/platform/wechat/client';
import { FAKE_DEMO_OPENID, startFakeWechat, type FakeWechat } from '../../server/src/platform/wechat/fake-server';

const APP_ID = 'wxtest0000000001';
const SECRET = 'test-secret-do-not-log';
const OPENID = 'oTestUser00000000000000001';
const CHINESE = /[\u4e00-\u9fa5]/;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let fake: FakeWechat;
let logs: { level: string; obj: object; msg: string }[];

const logger = {
  warn: (obj: object, msg: string) => logs.push({ level: 'warn', obj, msg }),
  error: (obj: object, msg: string) => logs.push({ level: 'error', obj, msg }),
};

function client(overrides: Partial<WechatConfig> = {}) {
  return createWechatClient({ appId: APP_ID, secret: SECRET, baseUrl: fake.url, ...overrides }, { logger });
}

function logged(): string {
  return JSON.stringify(logs);
}

beforeEach(async () => {
  logs = [];
  fake = await startFakeWechat({ appId: APP_ID, secret: SECRET });
});
afterEach(async () => {
  await fake.close();
});

describe('login (code2Session)', () => {
  it('exchanges a login code for the openid, keeping session_key and the secret out of the logs', async () => {
    const code = fake.state.issueCode(OPENID, { unionid: 'uTestUnion0001' });
    // One busy answer first, so there is something logged to look into.
    fake.state.failNext(1, 'busy');
    const session = await client().code2Session(code);
    expect(session.openid).toBe(OPENID);
    expect(session.unionid).toBe('uTestUnion0001');
    expect(session.sessionKey).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(logs.length).toBeGreaterThan(0);
    expect(logged()).not.toContain(session.sessionKey);
    expect(logged()).not.toContain(SECRET);
  });

  it('logs a code the fake never issued in as the one demo user, once', async () => {
    const c = client();
    const session = await c.code2Session('devtools-code-0001');
    expect(session.openid).toBe(FAKE_DEMO_OPENID);
    expect(session.unionid).toBeUndefined();
    await expect(c.code2Session('devtools-code-0001')).rejects.toMatchObject({ statusCode: 401, code: 'WECHAT_CODE_INVALID' });
  });

  it('refuses a used code with 401 and a plain Chinese sentence', async () => {
    const c = client();
    const code = fake.state.issueCode(OPENID);
    await c.code2Session(code);
    const err = await c.code2Session(code).catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 401, code: 'WECHAT_CODE_INVALID', message: '微信登录已失效，请重新进入小程序' });
    expect(isTransientWechatError(err)).toBe(false);
  });

  it.each(['short', 'has spaces in it', 'invalid-code-0001', ''])('refuses the malformed code %p with 401', async (code) => {
    await expect(client().code2Session(code)).rejects.toMatchObject({ statusCode: 401, code: 'WECHAT_CODE_INVALID' });
  });
});

describe('failures and retries', () => {
  it('gives up with 503 after 1 + maxRetries attempts when WeChat keeps failing', async () => {
    fake.state.failNext(5, 'http500');
    const err = await client().code2Session(fake.state.issueCode(OPENID)).catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 503, code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时连不上，请稍后再试' });
    expect(isTransientWechatError(err)).toBe(true);
    expect(fake.state.calls['/sns/jscode2session']).toBe(3);
  });

  it('honours a smaller maxRetries', async () => {
    fake.state.failNext(5, 'busy');
    await expect(client({ maxRetries: 0 }).getAccessToken()).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE' });
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(1);
  });

  it('retries a dropped connection and then succeeds', async () => {
    fake.state.failNext(1, 'reset');
    const session = await client().code2Session(fake.state.issueCode(OPENID));
    expect(session.openid).toBe(OPENID);
    expect(fake.state.calls['/sns/jscode2session']).toBe(2);
    expect(logs).toEqual([expect.objectContaining({ level: 'warn', obj: expect.objectContaining({ api: '/sns/jscode2session' }) })]);
  });

  it('does not wait forever on a WeChat that never answers', async () => {
    fake.state.failNext(3, 'hang');
    const started = Date.now();
    await expect(client({ timeoutMs: 200 }).getAccessToken()).rejects.toMatchObject({ statusCode: 503, code: 'WECHAT_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(3);
  });

  it('answers 502 for a wrong secret and logs the errcode, not the secret', async () => {
    const err = await client({ secret: 'wrong-secret-value' }).getAccessToken().catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 502, code: 'WECHAT_ERROR' });
    expect((err as Error).message).toMatch(CHINESE);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', obj: expect.objectContaining({ errcode: 40125 }) }));
    expect(logged()).not.toContain('wrong-secret-value');
  });
});

describe('access token', () => {
  it('shares one request between 20 concurrent callers and caches the result', async () => {
    const c = client();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => c.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(await c.getAccessToken()).toBe(tokens[0]);
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(1);
  });

  it('replaces an expired token once and retries the call', async () => {
    const c = client();
    const first = await c.getAccessToken();
    fake.state.expireTokens();
    const phone = await c.getPhoneNumber(fake.state.issuePhoneCode('13800138000'));
    expect(phone.purePhoneNumber).toBe('13800138000');
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(2);
    expect(fake.state.calls['/wxa/business/getuserphonenumber']).toBe(2);
    const second = await c.getAccessToken();
    expect(second).not.toBe(first);
    expect(logged()).not.toContain(first);
    expect(logged()).not.toContain(second);
  });

  it('renews the token in its last 5 minutes, not before', async () => {
    const c = client();
    const first = await c.getAccessToken();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(now + (7200 - 301) * 1000);
      expect(await c.getAccessToken()).toBe(first);
      clock.mockReturnValue(now + (7200 - 299) * 1000);
      expect(await c.getAccessToken()).not.toBe(first);
    } finally {
      clock.mockRestore();
    }
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(2);
  });

  it('recovers in every server process without revoking the others\' token', async () => {
    const [a, b] = [client(), client()];
    await Promise.all([a.getAccessToken(), b.getAccessToken()]);
    fake.state.expireTokens();
    await a.getPhoneNumber(fake.state.issuePhoneCode('13800138000'));
    await b.getPhoneNumber(fake.state.issuePhoneCode('13800138001'));
    await a.getPhoneNumber(fake.state.issuePhoneCode('13800138002'));
    // Two first fetches and one refresh each; a forced refresh by b would have cost a a third.
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(4);
    expect(fake.state.calls['/wxa/business/getuserphonenumber']).toBe(5);
  });

  it('lets concurrent callers that all hit an expired token share one refresh', async () => {
    const c = client();
    await c.getAccessToken();
    fake.state.expireTokens();
    const codes = Array.from({ length: 5 }, () => fake.state.issuePhoneCode('13900139000'));
    await Promise.all(codes.map((code) => c.getPhoneNumber(code)));
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(2);
  });
});

describe('phone number', () => {
  it('exchanges a phone code for the number', async () => {
    const phone = await client().getPhoneNumber(fake.state.issuePhoneCode('13712345678'));
    expect(phone).toEqual({ phoneNumber: '13712345678', purePhoneNumber: '13712345678', countryCode: '86' });
  });

  it('refuses an unknown or used phone code with 400', async () => {
    const c = client();
    const code = fake.state.issuePhoneCode('13712345678');
    await c.getPhoneNumber(code);
    for (const bad of [code, 'never-issued-code']) {
      await expect(c.getPhoneNumber(bad)).rejects.toMatchObject({
        statusCode: 400,
        code: 'WECHAT_PHONE_CODE_INVALID',
        message: '获取手机号失败，请重新点击授权',
      });
    }
  });
});

describe('subscribe messages', () => {
  const message = {
    toUser: OPENID,
    templateId: 'tmpl-case-accepted',
    page: 'pages/me/index',
    data: { thing1: { value: '低保申请' }, phrase2: { value: '已受理' }, time3: { value: '2024-05-06 09:30' } },
  };

  it('sends a message WeChat records', async () => {
    await client().sendSubscribeMessage(message);
    expect(fake.state.sent).toEqual([
      expect.objectContaining({ touser: OPENID, template_id: 'tmpl-case-accepted', page: 'pages/me/index', data: message.data }),
    ]);
  });

  it('answers 409 for a user who did not subscribe, which is final', async () => {
    fake.state.refuseSubscribe(OPENID);
    const err = await client().sendSubscribeMessage(message).catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 409, code: 'WECHAT_NOT_SUBSCRIBED' });
    expect(isTransientWechatError(err)).toBe(false);
    expect(fake.state.sent).toHaveLength(0);
  });

  it('answers 502 for data WeChat refuses and logs why', async () => {
    const tooLong = { ...message, data: { thing1: { value: '这是一段远远超过二十个字的事项名称用来测试长度限制' } } };
    await expect(client().sendSubscribeMessage(tooLong)).rejects.toMatchObject({ statusCode: 502, code: 'WECHAT_ERROR' });
    expect(logs).toContainEqual(expect.objectContaining({ obj: expect.objectContaining({ errcode: 47003 }) }));
  });
});

describe('content security', () => {
  it.each([
    ['村里周六在客厅办书法班，欢迎参加', 'pass', 100],
    ['有人说要组织大家去上访', 'review', 20001],
    ['加群带你赌博赚钱', 'risky', 20006],
  ])('judges %p as %p (label %p)', async (content, suggest, label) => {
    expect(await client().msgSecCheck({ openid: OPENID, content, scene: 2 })).toEqual({ suggest, label });
  });

  it('checks the title too', async () => {
    const result = await client().msgSecCheck({ openid: OPENID, content: '详情见内', title: '电信诈骗', scene: 3 });
    expect(result.suggest).toBe('risky');
  });
});

describe('mini-program code', () => {
  it('returns a PNG of the requested width', async () => {
    const png = await client().getUnlimitedQrCode({ scene: 'case=c123', page: 'pages/me/index', width: 430 });
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(png.length).toBeGreaterThan(500);
    expect(png.length).toBeLessThan(100_000);
    // The IHDR chunk holds the image width right after the signature and chunk header.
    expect(png.readUInt32BE(16)).toBe(430);
  });

  it('answers 502 for a page WeChat refuses', async () => {
    await expect(client().getUnlimitedQrCode({ scene: 'a=1', page: '/pages/me/index' })).rejects.toMatchObject({
      statusCode: 502,
      code: 'WECHAT_ERROR',
    });
    expect(logs).toContainEqual(expect.objectContaining({ obj: expect.objectContaining({ errcode: 41030 }) }));
  });
});

describe('the fake over HTTP', () => {
  async function post(path: string, body: unknown) {
    const res = await fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('issues codes, expires tokens, injects faults and reports its state', async () => {
    const c = client();
    const login = await post('/__fake/codes', { openid: OPENID });
    expect((await c.code2Session(login.body.code as string)).openid).toBe(OPENID);

    const phoneCode = await post('/__fake/phone-codes', { phone: '13600136000' });
    expect((await c.getPhoneNumber(phoneCode.body.code as string)).purePhoneNumber).toBe('13600136000');

    expect((await post('/__fake/expire-tokens', {})).status).toBe(200);
    await c.sendSubscribeMessage({ toUser: OPENID, templateId: 't1', data: { thing1: { value: '测试' } } });
    expect(fake.state.calls['/cgi-bin/stable_token']).toBe(2);

    expect((await post('/__fake/fail', { n: 1, mode: 'http500' })).status).toBe(200);
    const failed = await fetch(`${fake.url}/sns/jscode2session`);
    expect(failed.status).toBe(500);

    const state = (await (await fetch(`${fake.url}/__fake/state`)).json()) as {
      calls: Record<string, number>;
      sent: { touser: string }[];
    };
    expect(state.calls['/sns/jscode2session']).toBe(2);
    expect(state.sent.map((m) => m.touser)).toEqual([OPENID]);
    expect(state.calls).not.toHaveProperty('/__fake/state');
  });

  it('holds a hung request until it closes', async () => {
    const other = await startFakeWechat({ appId: APP_ID, secret: SECRET });
    other.state.failNext(1, 'hang');
    const request = fetch(`${other.url}/cgi-bin/stable_token`, { method: 'POST' }).then(
      () => 'answered',
      () => 'cut',
    );
    const waited = new Promise((resolve) => setTimeout(() => resolve('pending'), 300));
    expect(await Promise.race([request, waited])).toBe('pending');
    await other.close();
    expect(await request).toBe('cut');
  });

  it('refuses a bad control request with 400', async () => {
    expect((await post('/__fake/fail', { n: 1, mode: 'explode' })).status).toBe(400);
    expect((await post('/__fake/codes', {})).status).toBe(400);
  });
});
