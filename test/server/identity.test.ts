// Who is who: WeChat login, tokens, profile, privacy, binding codes, export and closing an account.
import { sql } from 'kysely';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { createDatabase } from '../../server/src/db/database';
import { PRIVACY_VERSION } from '../../server/src/modules/users/service';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

const [HOME, NEIGHBOUR] = DEMO_VILLAGES;
const OTHER_TOWNSHIP_VILLAGE = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;

describe.each(testDatabases())('identity on $dialect', (testDb) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testDb);
  });
  afterAll(async () => h?.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) => h.call({ method: 'POST', url, payload, headers });
  const issue = async (by: Record<string, string>, payload: object) => post('/api/v1/bindings', payload, by);
  const countUsers = async () => Number((await h.app.inject({ method: 'GET', url: '/api/v1/health' })) && (await userCount()));
  const userCount = async () => {
    const db = createDatabase(h.config.database);
    try {
      const { rows } = await sql<{ n: string | number }>`select count(*) as n from users`.execute(db);
      return Number(rows[0].n);
    } finally {
      await db.destroy();
    }
  };

  describe('WeChat login', () => {
    it('turns a good code into tokens for one user, and the same person again into the same user', async () => {
      const first = await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserAAAAAAAAAAAAAAAAAAAAAA') });
      expect(first.statusCode).toBe(200);
      const { accessToken, refreshToken, expiresIn } = first.json();
      expect(expiresIn).toBe(900);
      expect(first.body).not.toMatch(/session_key|sessionKey/);
      const me = await h.call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${accessToken}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ role: 'resident', name: null, profileComplete: false });

      const again = await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserAAAAAAAAAAAAAAAAAAAAAA') });
      const me2 = await h.call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${again.json().accessToken}` } });
      expect(me2.json().id).toBe(me.json().id);
      expect(refreshToken).not.toBe(again.json().refreshToken);
    });

    it('refuses a reused or invalid code with 401 and a Chinese message', async () => {
      const code = h.wechat.state.issueCode('oUserBBBBBBBBBBBBBBBBBBBBBB');
      expect((await post('/api/v1/auth/wechat', { code })).statusCode).toBe(200);
      for (const bad of [code, 'invalid-code-123', '短']) {
        const res = await post('/api/v1/auth/wechat', { code: bad });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('WECHAT_CODE_INVALID');
        expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    });

    it('answers 503 when WeChat is down and creates nobody', async () => {
      const before = await countUsers();
      const calls = h.wechat.state.calls['/sns/jscode2session'] ?? 0;
      // One try and two retries, all failing.
      h.wechat.state.failNext(3, 'http500');
      const res = await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserCCCCCCCCCCCCCCCCCCCCCC') });
      expect(h.wechat.state.calls['/sns/jscode2session']).toBe(calls + 3);
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({ code: 'WECHAT_UNAVAILABLE', message: expect.stringMatching(/微信/) });
      expect(await countUsers()).toBe(before);
    });
  });

  describe('tokens', () => {
    it('rotates refresh tokens and ends every session when an old one is presented again', async () => {
      const login = (await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserDDDDDDDDDDDDDDDDDDDDDD') })).json();
      const next = await post('/api/v1/auth/refresh', { refreshToken: login.refreshToken });
      expect(next.statusCode).toBe(200);
      const replay = await post('/api/v1/auth/refresh', { refreshToken: login.refreshToken });
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe('REFRESH_INVALID');
      // The stolen token's replay revoked the legitimate newer one too.
      expect((await post('/api/v1/auth/refresh', { refreshToken: next.json().refreshToken })).statusCode).toBe(401);
    });

    it('rejects a missing, forged or expired access token with 401', async () => {
      expect((await h.call({ method: 'GET', url: '/api/v1/me' })).json().error.code).toBe('UNAUTHENTICATED');
      const forged = await h.call({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer abc.def.ghi' } });
      expect(forged.statusCode).toBe(401);
      const expired = h.app.jwt.sign({ sub: 'x' }, { expiresIn: -10 });
      const res = await h.call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${expired}` } });
      expect(res.json().error.code).toBe('TOKEN_EXPIRED');
    });

    it('stops taking a token it has taken before once the token expires', async () => {
      const login = (await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserGGGGGGGGGGGGGGGGGGGGGG') })).json();
      const me = () => h.call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${login.accessToken}` } });
      expect((await me()).statusCode).toBe(200);
      expect((await me()).statusCode).toBe(200);
      const now = Date.now();
      const later = jest.spyOn(Date, 'now').mockReturnValue(now + 16 * 60 * 1000);
      try {
        const res = await me();
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('TOKEN_EXPIRED');
      } finally {
        later.mockRestore();
      }
      // Only the very token verified is taken on trust: one with its signature altered is refused.
      const [head, claims, signature] = login.accessToken.split('.');
      const altered = `${head}.${claims}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      expect((await h.call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${altered}` } })).json().error.code).toBe('UNAUTHENTICATED');
    });

    it('logs out: the refresh token stops working', async () => {
      const login = (await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserEEEEEEEEEEEEEEEEEEEEEE') })).json();
      expect((await post('/api/v1/auth/logout', { refreshToken: login.refreshToken })).statusCode).toBe(204);
      expect((await post('/api/v1/auth/refresh', { refreshToken: login.refreshToken })).statusCode).toBe(401);
    });
  });

  describe('profile and privacy', () => {
    it('keeps a phone number out until the privacy guide is agreed, then checks its format', async () => {
      const me = await h.as({ name: '赵一' });
      const patch = (payload: object) => h.call({ method: 'PATCH', url: '/api/v1/me', payload, headers: me });
      const early = await patch({ phone: '13812345678' });
      expect(early.statusCode).toBe(403);
      expect(early.json().error.code).toBe('PRIVACY_NOT_AGREED');

      expect((await post('/api/v1/me/privacy', { version: 'old' }, me)).json().error.code).toBe('PRIVACY_VERSION_OUTDATED');
      expect((await post('/api/v1/me/privacy', { version: PRIVACY_VERSION }, me)).json().privacy.current).toBe(true);

      expect((await patch({ phone: '1381234' })).json().error.code).toBe('PHONE_INVALID');
      expect((await patch({ villageCode: '511621999999' })).json().error.code).toBe('VILLAGE_NOT_FOUND');
      expect((await patch({ name: '' })).json().error.code).toBe('NAME_INVALID');
      // Fields the profile does not have (an ID-card number) are dropped, never stored.
      const extra = await patch({ idCard: '510000199001010000' });
      expect(extra.statusCode).toBe(200);
      expect(JSON.stringify(extra.json())).not.toContain('510000199001010000');

      const done = await patch({ name: '赵一', phone: '13812345678', villageCode: HOME });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ name: '赵一', phone: '13812345678', profileComplete: true, village: { code: HOME } });
      expect(done.json().village.township.name).toBeTruthy();
    });

    it('takes the phone number from WeChat’s phone button code', async () => {
      const me = await h.as({ name: '钱二' });
      await post('/api/v1/me/privacy', { version: PRIVACY_VERSION }, me);
      const res = await post('/api/v1/me/phone', { code: h.wechat.state.issuePhoneCode('13900001111') }, me);
      expect(res.statusCode).toBe(200);
      expect(res.json().phone).toBe('13900001111');
      expect((await post('/api/v1/me/phone', { code: 'nonsense-code' }, me)).json().error.code).toBe('WECHAT_PHONE_CODE_INVALID');
    });
  });

  describe('binding codes', () => {

    it('lets a county admin make a villager a cadre of a village, once', async () => {
      const county = await h.as({ name: '陈明', role: 'county_admin', villageCode: HOME });
      const issued = await issue(county, { role: 'cadre', scopeCode: HOME, name: '孙三', phone: '13700000003' });
      expect(issued.statusCode).toBe(201);
      const { code } = issued.json();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

      const villager = await h.as({ name: '孙三' });
      const taken = await post('/api/v1/me/binding', { code: code.toLowerCase().replace('-', ' ') }, villager);
      expect(taken.statusCode).toBe(200);
      expect(taken.json()).toMatchObject({ role: 'cadre', scope: { code: HOME }, village: { code: HOME } });

      const other = await h.as({ name: '李四' });
      const reused = await post('/api/v1/me/binding', { code }, other);
      expect(reused.statusCode).toBe(409);
      expect(reused.json().error.code).toBe('BINDING_CODE_USED');

      const list = await h.call({ method: 'GET', url: '/api/v1/bindings', headers: county });
      expect(list.json().items[0]).toMatchObject({ status: 'used', phone: '137****0003' });
    });

    it('refuses an expired code, an unknown code and a code for another village', async () => {
      const township = await h.as({ name: '刘芳', role: 'township_admin', villageCode: HOME });
      const expired = (await issue(township, { role: 'cadre', scopeCode: HOME })).json().code;
      const db = createDatabase(h.config.database);
      await db.updateTable('binding_codes').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('used_at', 'is', null).execute();
      await db.destroy();
      const someone = await h.as({ name: '周五' });
      expect((await post('/api/v1/me/binding', { code: expired }, someone)).json().error.code).toBe('BINDING_CODE_EXPIRED');
      expect((await post('/api/v1/me/binding', { code: 'ZZZZ-ZZZZ' }, someone)).json().error.code).toBe('BINDING_CODE_INVALID');

      const neighbourCode = (await issue(township, { role: 'cadre', scopeCode: NEIGHBOUR })).json().code;
      const resident = await h.as({ name: '吴六', villageCode: HOME });
      const wrong = await post('/api/v1/me/binding', { code: neighbourCode }, resident);
      expect(wrong.statusCode).toBe(409);
      expect(wrong.json().error.code).toBe('BINDING_CODE_WRONG_VILLAGE');
    });

    it('keeps each admin inside their own region and role', async () => {
      const township = await h.as({ name: '刘芳', role: 'township_admin', villageCode: HOME });
      expect((await issue(township, { role: 'cadre', scopeCode: OTHER_TOWNSHIP_VILLAGE })).statusCode).toBe(403);
      expect((await issue(township, { role: 'township_admin', scopeCode: HOME.slice(0, 9) })).statusCode).toBe(403);
      expect((await issue(township, { role: 'cadre', scopeCode: HOME.slice(0, 9) })).json().error.code).toBe('SCOPE_INVALID');
      const cadre = await h.as({ name: '张建华', role: 'cadre', villageCode: HOME });
      expect((await issue(cadre, { role: 'cadre', scopeCode: HOME })).statusCode).toBe(403);
      const county = await h.as({ name: '陈明', role: 'county_admin', villageCode: HOME });
      expect((await issue(county, { role: 'township_admin', scopeCode: OTHER_TOWNSHIP_VILLAGE.slice(0, 9) })).statusCode).toBe(201);
    });
  });

  describe('my data', () => {
    it('exports my data and only mine', async () => {
      const me = await h.as({ name: '郑七', villageCode: HOME });
      await h.as({ name: '王八', villageCode: HOME });
      const res = await h.call({ method: 'GET', url: '/api/v1/me/export', headers: me });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
      expect(res.json().account).toMatchObject({ name: '郑七', villageCode: HOME, role: 'resident' });
      expect(res.body).not.toContain('王八');
    });

    it('closing the account erases the name and phone from every table and ends the sessions', async () => {
      const name = '冯九九';
      const phone = '13600009999';
      const county = await h.as({ name: '陈明', role: 'county_admin', villageCode: HOME });
      const { code } = (await issue(county, { role: 'cadre', scopeCode: NEIGHBOUR, name, phone })).json();
      const login = (await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserFFFFFFFFFFFFFFFFFFFFFF') })).json();
      const me = { authorization: `Bearer ${login.accessToken}` };
      await post('/api/v1/me/privacy', { version: PRIVACY_VERSION }, me);
      await h.call({ method: 'PATCH', url: '/api/v1/me', payload: { name, phone }, headers: me });
      expect((await post('/api/v1/me/binding', { code }, me)).statusCode).toBe(200);

      expect((await h.call({ method: 'DELETE', url: '/api/v1/me', headers: me })).statusCode).toBe(204);
      expect((await h.call({ method: 'GET', url: '/api/v1/me', headers: me })).statusCode).toBe(401);
      expect((await post('/api/v1/auth/refresh', { refreshToken: login.refreshToken })).statusCode).toBe(401);

      const db = createDatabase(h.config.database);
      try {
        for (const table of ['users', 'refresh_tokens', 'binding_codes']) {
          const rows = await db.selectFrom(table as 'users').selectAll().execute();
          const text = JSON.stringify(rows);
          expect(text).not.toContain(name);
          expect(text).not.toContain(phone);
        }
      } finally {
        await db.destroy();
      }
      // Signing in again with WeChat starts a new, empty account.
      const again = (await post('/api/v1/auth/wechat', { code: h.wechat.state.issueCode('oUserFFFFFFFFFFFFFFFFFFFFFF') })).json();
      const fresh = await h.call({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${again.accessToken}` } });
      expect(fresh.json()).toMatchObject({ name: null, phone: null, role: 'resident' });
    });
  });

  describe('demo login', () => {
    it('lists the demo identities of the demo village', async () => {
      const res = await h.call({ method: 'GET', url: '/api/v1/auth/dev/identities' });
      expect(res.json().items.map((i: { role: string }) => i.role)).toEqual(['resident', 'resident', 'resident', 'cadre', 'township_admin', 'county_admin']);
    });
  });
});

describe.each(testDatabases())('guards on $dialect', (testDb) => {
  it('refuses demo login when it is not enabled, and rate-limits sign-in', async () => {
    const h = await startHarness(testDb, { devLogin: false, authRateLimitPerMinute: 3 });
    try {
      const dev = await h.call({ method: 'POST', url: '/api/v1/auth/dev', payload: { name: '某人' } });
      expect(dev.statusCode).toBe(403);
      expect(dev.json().error.code).toBe('DEV_LOGIN_DISABLED');
      const codes = await Promise.all([1, 2, 3].map(() => h.call({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'invalid-xxxxxxx' } })));
      expect(codes.map((r) => r.statusCode)).toEqual([401, 401, 401]);
      const limited = await h.call({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'invalid-xxxxxxx' } });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await h.close();
    }
  });

  it('sends security headers', async () => {
    const h = await startHarness(testDb);
    try {
      const res = await h.call({ method: 'GET', url: '/api/v1/health' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    } finally {
      await h.close();
    }
  });
});
