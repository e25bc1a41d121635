import path from 'node:path';
import { loadConfig, parseDatabaseUrl } from '../../server/src/config';

describe('configuration from the environment', () => {
  it('has working defaults: port 3000, all interfaces, SQLite under ./data, H5 from dist/h5', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      database: { dialect: 'sqlite', file: path.resolve('data/mulin.db') },
      demo: false,
      devLogin: false,
      logLevel: 'info',
      h5Dir: path.resolve('dist/h5'),
      jwtSecret: expect.any(String),
      wechat: { appId: expect.any(String), secret: expect.any(String), apiBase: null },
      authRateLimitPerMinute: 30,
      wechatTemplates: { caseStatus: 'tmpl-case-status', caseMessage: 'tmpl-case-message', rectification: 'tmpl-rectification' },
      reminderHour: 18,
      outboxWorker: true,
      outboxLeaseSeconds: 60,
      uploadDir: path.resolve('data/uploads'),
      writeRateLimit: { perUser: 120, perAddress: 1200 },
      redisUrl: null,
      loadShedding: { maxEventLoopDelayMs: 1000, maxEventLoopUtilization: 0, maxHeapUsedBytes: 0 },
      print: { publicUrl: null, qr: 'auto', qrCacheDir: path.resolve('data/qr-cache') },
    });
  });

  it('reads the outbox, template and upload settings', () => {
    const config = loadConfig({
      OUTBOX_WORKER: '0',
      OUTBOX_LEASE_SECONDS: '5',
      UPLOAD_DIR: '/srv/mulin/uploads',
      WECHAT_TEMPLATE_CASE_STATUS: 'tpl-a',
      WECHAT_TEMPLATE_CASE_MESSAGE: 'tpl-b',
      WECHAT_TEMPLATE_RECTIFICATION: 'tpl-c',
      WECHAT_TEMPLATE_ACTIVITY_REMINDER: 'tpl-d',
      MULIN_REMINDER_HOUR: '19',
    });
    expect(config).toMatchObject({
      outboxWorker: false,
      outboxLeaseSeconds: 5,
      uploadDir: '/srv/mulin/uploads',
      wechatTemplates: { caseStatus: 'tpl-a', caseMessage: 'tpl-b', rectification: 'tpl-c', activityReminder: 'tpl-d' },
      reminderHour: 19,
    });
    expect(loadConfig({}).wechatTemplates.activityReminder).toBeUndefined();
    expect(() => loadConfig({ MULIN_REMINDER_HOUR: '24' })).toThrow(/MULIN_REMINDER_HOUR/);
    expect(loadConfig({ OUTBOX_WORKER: '1' }).outboxWorker).toBe(true);
    expect(() => loadConfig({ OUTBOX_LEASE_SECONDS: '0' })).toThrow(/OUTBOX_LEASE_SECONDS/);
  });

  it('reads the write rate limits, Redis and the load-shedding thresholds', () => {
    const config = loadConfig({
      WRITE_RATE_LIMIT: '5',
      WRITE_RATE_LIMIT_PER_ADDRESS: '50',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
      LOAD_SHED_EVENT_LOOP_UTILIZATION: '0.9',
      LOAD_SHED_HEAP_BYTES: '1000000',
    });
    expect(config).toMatchObject({
      writeRateLimit: { perUser: 5, perAddress: 50 },
      redisUrl: 'redis://127.0.0.1:6379',
      loadShedding: { maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0.9, maxHeapUsedBytes: 1_000_000 },
    });
    expect(() => loadConfig({ WRITE_RATE_LIMIT: '0' })).toThrow(/WRITE_RATE_LIMIT/);
    expect(() => loadConfig({ LOAD_SHED_HEAP_BYTES: '-1' })).toThrow(/LOAD_SHED_HEAP_BYTES/);
  });

  it('refuses a production start without its secrets, and names what is missing', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET, WECHAT_APPID, WECHAT_SECRET must be set/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/at least 32/);
    const prod = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' });
    expect(prod.wechat).toEqual({ appId: 'wx1', secret: 's', apiBase: 'https://api.weixin.qq.com' });
    expect(() => loadConfig({ AUTH_RATE_LIMIT: '0' })).toThrow(/AUTH_RATE_LIMIT/);
  });

  it('selects PostgreSQL for postgres:// and postgresql:// URLs, schema public unless named', () => {
    expect(parseDatabaseUrl('postgres://u@db:5432/mulin')).toEqual({ dialect: 'postgres', url: 'postgres://u@db:5432/mulin', schema: 'public' });
    expect(parseDatabaseUrl('postgresql://u@db/mulin?schema=county_a&sslmode=require')).toEqual({
      dialect: 'postgres',
      url: 'postgresql://u@db/mulin?sslmode=require',
      schema: 'county_a',
    });
    expect(() => parseDatabaseUrl('postgres://u@db/mulin?schema=a;drop')).toThrow(/schema/);
  });

  it('reads file: URLs and plain paths as SQLite files', () => {
    expect(parseDatabaseUrl('file:/var/lib/mulin/m.db')).toEqual({ dialect: 'sqlite', file: '/var/lib/mulin/m.db' });
    expect(parseDatabaseUrl('./x.db')).toEqual({ dialect: 'sqlite', file: path.resolve('x.db') });
  });

  it('reads the flags and refuses settings that cannot work', () => {
    const config = loadConfig({ PORT: '8080', MULIN_DEMO: '1', MULIN_DEV_LOGIN: 'true', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ port: 8080, demo: true, devLogin: true, logLevel: 'warn' });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ NODE_ENV: 'production', MULIN_DEV_LOGIN: '1' })).toThrow(/MULIN_DEV_LOGIN/);
  });
});
