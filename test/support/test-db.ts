// The databases the server suites run on: always a fresh SQLite file, plus a fresh PostgreSQL
// schema when TEST_DATABASE_URL is set. CI must run both, so there a missing URL is an error.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Config, DatabaseConfig } from '../../server/src/config';

export interface TestDatabase {
  dialect: DatabaseConfig['dialect'];
  // A new, empty database for one suite.
  create(): Promise<DatabaseConfig>;
  drop(): Promise<void>;
}

export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.CI && !url) {
    throw new Error('CI is set but TEST_DATABASE_URL is not: the server tests must also run on PostgreSQL in CI');
  }
  return url ? [sqliteDatabase(), postgresDatabase(url)] : [sqliteDatabase()];
}

function sqliteDatabase(): TestDatabase {
  let dir: string | undefined;
  return {
    dialect: 'sqlite',
    async create() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-test-'));
      return { dialect: 'sqlite', file: path.join(dir, 'mulin.db') };
    },
    async drop() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresDatabase(url: string): TestDatabase {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    dialect: 'postgres',
    async create() {
      await run(`create schema ${schema}`);
      return { dialect: 'postgres', url, schema };
    },
    async drop() {
      await run(`drop schema if exists ${schema} cascade`);
    },
  };
}

// A DATABASE_URL for a child process that points at the same test database.
export function databaseUrl(database: DatabaseConfig): string {
  if (database.dialect === 'sqlite') return `file:${database.file}`;
  const url = new URL(database.url);
  url.searchParams.set('schema', database.schema);
  return url.toString();
}

export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database,
    demo: false,
    devLogin: false,
    logLevel: 'silent',
    h5Dir: path.join(os.tmpdir(), `mulin-no-h5-${randomBytes(6).toString('hex')}`),
    jwtSecret: 'test-secret-test-secret-test-secret-0000',
    // No WeChat base: the app runs its own fake on loopback.
    wechat: { appId: 'wxtest0000000000', secret: 'test-secret', apiBase: null },
    authRateLimitPerMinute: 10_000,
    wechatTemplates: { caseStatus: 'tmpl-case-status', caseMessage: 'tmpl-case-message', rectification: 'tmpl-rectification' },
    reminderHour: 18,
    // Tests drive the outbox with runOnce().
    outboxWorker: false,
    outboxLeaseSeconds: 60,
    uploadDir: path.join(os.tmpdir(), `mulin-uploads-${randomBytes(6).toString('hex')}`),
    writeRateLimit: { perUser: 1_000_000, perAddress: 1_000_000 },
    redisUrl: null,
    // A busy test machine must not shed the tests' own load.
    loadShedding: { maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0, maxHeapUsedBytes: 0 },
    print: { publicUrl: null, qr: 'auto', qrCacheDir: path.join(os.tmpdir(), `mulin-qr-${randomBytes(6).toString('hex')}`) },
    ...overrides,
  };
}
