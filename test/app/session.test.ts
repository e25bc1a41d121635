import { authed, getSession, setSession } from '../../src/api/session';
import { __reset, __setRequestHandler } from './stubs/taro';

const json = (statusCode: number, data: unknown) => ({ statusCode, data, header: {} });
const expired = json(401, { error: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } });

let refreshes = 0;
beforeEach(() => {
  __reset();
  refreshes = 0;
  setSession({ accessToken: 'old', refreshToken: 'r1', expiresIn: 900 });
});

it('refreshes an expired access token once for concurrent calls and retries each call', async () => {
  __setRequestHandler(async ({ url, header }) => {
    if (url.endsWith('/auth/refresh')) {
      refreshes++;
      await new Promise((r) => setTimeout(r, 10));
      return json(200, { accessToken: 'new', refreshToken: 'r2', expiresIn: 900 });
    }
    return header?.Authorization === 'Bearer new' ? json(200, { ok: url }) : expired;
  });
  const answers = await Promise.all([authed('/api/v1/me'), authed('/api/v1/me/export'), authed('/api/v1/bindings')]);
  expect(answers).toEqual([{ ok: '/api/v1/me' }, { ok: '/api/v1/me/export' }, { ok: '/api/v1/bindings' }]);
  expect(refreshes).toBe(1);
  expect(getSession()?.refreshToken).toBe('r2');
});

it('signs the person out when the refresh token is no longer good', async () => {
  __setRequestHandler(async ({ url }) =>
    url.endsWith('/auth/refresh') ? json(401, { error: { code: 'REFRESH_INVALID', message: '登录已失效，请重新登录' } }) : expired,
  );
  await expect(authed('/api/v1/me')).rejects.toMatchObject({ code: 'REFRESH_INVALID', message: '登录已失效，请重新登录' });
  expect(getSession()).toBeNull();
});

it('keeps the session on an error that is not about signing in', async () => {
  __setRequestHandler(async () => json(403, { error: { code: 'PRIVACY_NOT_AGREED', message: '请先阅读并同意《隐私保护指引》' } }));
  await expect(authed('/api/v1/me/phone')).rejects.toMatchObject({ status: 403, code: 'PRIVACY_NOT_AGREED' });
  expect(getSession()?.accessToken).toBe('old');
});
