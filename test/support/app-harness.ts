// A whole server for one suite: a fresh database, the demo regions, dev login and a fake WeChat
// on loopback that the real adapter talks to.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/src/app';
import type { Config } from '../../server/src/config';
import type { Role } from '../../server/src/http/access';
import { startFakeWechat, type FakeWechat } from '../../server/src/platform/wechat/fake-server';
import { testConfig, type TestDatabase } from './test-db';

export interface Harness {
  app: FastifyInstance;
  wechat: FakeWechat;
  config: Config;
  // Signs in a demo identity (creating it on first use) and returns its bearer header.
  as(identity: { name: string; role?: Role; villageCode?: string }): Promise<Record<string, string>>;
  call(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startHarness(testDb: TestDatabase, overrides: Partial<Config> = {}): Promise<Harness> {
  const wechat = await startFakeWechat({ appId: 'wxtest0000000000', secret: 'test-secret' });
  const config = testConfig(await testDb.create(), {
    demo: true,
    devLogin: true,
    wechat: { appId: 'wxtest0000000000', secret: 'test-secret', apiBase: wechat.url },
    authRateLimitPerMinute: 10_000,
    ...overrides,
  });
  const app = await buildApp({ config, logger: false });
  const headers = new Map<string, Record<string, string>>();
  return {
    app,
    wechat,
    config,
    async as(identity) {
      const key = JSON.stringify(identity);
      if (!headers.has(key)) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/dev', payload: identity });
        if (res.statusCode !== 200) throw new Error(`dev login failed: ${res.body}`);
        headers.set(key, { authorization: `Bearer ${res.json().accessToken}` });
      }
      return headers.get(key)!;
    },
    call: (options) => app.inject(options),
    async close() {
      await app.close();
      await wechat.close();
      await testDb.drop();
    },
  };
}
