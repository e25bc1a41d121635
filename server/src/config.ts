// Reads the server's settings from the environment (DESIGN.md §7) once, at start.
import path from 'node:path';
import type { TemplateIds } from './modules/notifications/templates';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; schema: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  demo: boolean;
  devLogin: boolean;
  logLevel: string;
  h5Dir: string;
  jwtSecret: string;
  // apiBase null: no WeChat configured outside production, so the server runs the fake one.
  wechat: { appId: string; secret: string; apiBase: string | null };
  authRateLimitPerMinute: number;
  // Subscribe-message template ids from the mini-program console (订阅消息).
  // activityReminder: optional; without it reminders the day before are in-app only.
  wechatTemplates: TemplateIds;
  // CST hour of the day before an event from which its reminders go out (0–23).
  reminderHour: number;
  // This process delivers the WeChat outbox; any number of processes may.
  outboxWorker: boolean;
  // How long a claimed message stays with one process; longer than a send can take (about 30 s).
  outboxLeaseSeconds: number;
  uploadDir: string;
  // Writes (POST/PUT/PATCH/DELETE) allowed a minute per signed-in user and per client address.
  writeRateLimit: { perUser: number; perAddress: number };
  // Rate-limit counters live in Redis when set, else in the database: shared by every process.
  redisUrl: string | null;
  // Load shedding: past any of these the server answers 503 + Retry-After; 0 turns one off.
  loadShedding: { maxEventLoopDelayMs: number; maxEventLoopUtilization: number; maxHeapUsedBytes: number };
  print: PrintConfig;
}

// Print pages (/print): where the QR codes point and where mini-program codes are kept.
export interface PrintConfig {
  // The H5 site's address for QR codes; null: the address the print page was requested on.
  publicUrl: string | null;
  // auto: a mini-program code when WeChat is configured (wechat.apiBase set), else a QR of the H5 URL.
  qr: 'auto' | 'wxacode' | 'h5';
  // Mini-program codes fetched from WeChat, one file per (page, scene).
  qrCacheDir: string;
}

const DEV_JWT_SECRET = 'mulin-development-only-secret-do-not-use-in-production';
const DEMO_WECHAT = { appId: 'wxdemo0000000000', secret: 'demo-secret' };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const devLogin = flag(env.MULIN_DEV_LOGIN);
  if (devLogin && env.NODE_ENV === 'production') {
    throw new Error('MULIN_DEV_LOGIN must not be set when NODE_ENV=production');
  }
  const production = env.NODE_ENV === 'production';
  if (production) {
    const missing = ['JWT_SECRET', 'WECHAT_APPID', 'WECHAT_SECRET'].filter((k) => !env[k]);
    if (missing.length) throw new Error(`${missing.join(', ')} must be set when NODE_ENV=production`);
  }
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL || 'file:./data/mulin.db'),
    demo: flag(env.MULIN_DEMO),
    devLogin,
    logLevel,
    h5Dir: path.resolve(env.H5_DIR || 'dist/h5'),
    jwtSecret: env.JWT_SECRET || DEV_JWT_SECRET,
    wechat: {
      appId: env.WECHAT_APPID || DEMO_WECHAT.appId,
      secret: env.WECHAT_SECRET || DEMO_WECHAT.secret,
      apiBase: env.WECHAT_API_BASE || (production ? 'https://api.weixin.qq.com' : null),
    },
    authRateLimitPerMinute: positiveInt(env.AUTH_RATE_LIMIT, 30, 'AUTH_RATE_LIMIT'),
    wechatTemplates: {
      caseStatus: env.WECHAT_TEMPLATE_CASE_STATUS || 'tmpl-case-status',
      caseMessage: env.WECHAT_TEMPLATE_CASE_MESSAGE || 'tmpl-case-message',
      rectification: env.WECHAT_TEMPLATE_RECTIFICATION || 'tmpl-rectification',
      ...(env.WECHAT_TEMPLATE_ACTIVITY_REMINDER ? { activityReminder: env.WECHAT_TEMPLATE_ACTIVITY_REMINDER } : {}),
    },
    reminderHour: hourOfDay(env.MULIN_REMINDER_HOUR, 18, 'MULIN_REMINDER_HOUR'),
    outboxWorker: env.OUTBOX_WORKER === undefined || env.OUTBOX_WORKER === '' ? true : flag(env.OUTBOX_WORKER),
    outboxLeaseSeconds: positiveInt(env.OUTBOX_LEASE_SECONDS, 60, 'OUTBOX_LEASE_SECONDS'),
    uploadDir: path.resolve(env.UPLOAD_DIR || 'data/uploads'),
    writeRateLimit: {
      perUser: positiveInt(env.WRITE_RATE_LIMIT, 120, 'WRITE_RATE_LIMIT'),
      // A village office shares one address among many phones.
      perAddress: positiveInt(env.WRITE_RATE_LIMIT_PER_ADDRESS, 1200, 'WRITE_RATE_LIMIT_PER_ADDRESS'),
    },
    redisUrl: env.REDIS_URL || null,
    loadShedding: {
      maxEventLoopDelayMs: nonNegative(env.LOAD_SHED_EVENT_LOOP_DELAY_MS, 1000, 'LOAD_SHED_EVENT_LOOP_DELAY_MS'),
      // Off by default: a busy but healthy process (start-up, a benchmark) runs near 1.0.
      maxEventLoopUtilization: nonNegative(env.LOAD_SHED_EVENT_LOOP_UTILIZATION, 0, 'LOAD_SHED_EVENT_LOOP_UTILIZATION'),
      maxHeapUsedBytes: nonNegative(env.LOAD_SHED_HEAP_BYTES, 0, 'LOAD_SHED_HEAP_BYTES'),
    },
    print: {
      publicUrl: parsePublicUrl(env.MULIN_PUBLIC_URL),
      qr: parsePrintQr(env.MULIN_PRINT_QR),
      qrCacheDir: path.resolve(env.QR_CACHE_DIR || 'data/qr-cache'),
    },
  };
}

function parsePublicUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`MULIN_PUBLIC_URL must be an http(s) address, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`MULIN_PUBLIC_URL must be an http(s) address, got "${value}"`);
  return value.replace(/\/+$/, '');
}

function parsePrintQr(value: string | undefined): PrintConfig['qr'] {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'wxacode' || value === 'h5') return value;
  throw new Error(`MULIN_PRINT_QR must be auto, wxacode or h5, got "${value}"`);
}

// postgres://… selects PostgreSQL (?schema= picks the schema, default public); file:… or a
// plain path selects SQLite, resolved against the working directory.
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new Error('DATABASE_URL schema must be a lower-case SQL identifier');
    }
    return { dialect: 'postgres', url: parsed.toString(), schema };
  }
  const file = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (!file) throw new Error('DATABASE_URL names no SQLite file');
  return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return port;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function hourOfDay(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 23) throw new Error(`${name} must be an hour from 0 to 23, got "${value}"`);
  return n;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got "${value}"`);
  return n;
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}
