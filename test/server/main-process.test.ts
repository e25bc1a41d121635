// The real thing: `npm run server`'s command in its own process, over real HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../../server/src/config';
import { startServer as start } from '../support/server-process';
import { databaseUrl, testDatabases } from '../support/test-db';

jest.setTimeout(60_000);

describe.each(testDatabases())('the server process on $dialect', (testDb) => {
  let database: DatabaseConfig;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-proc-'));
    database = await testDb.create();
  });
  afterAll(async () => {
    await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts on an empty data directory, answers over HTTP and stops on SIGTERM', async () => {
    // SQLite gets a directory that does not exist yet, as on a fresh checkout.
    const sqliteFile = path.join(dir, 'data', 'mulin.db');
    const url = testDb.dialect === 'sqlite' ? `file:${sqliteFile}` : databaseUrl(database);
    const server = start({ DATABASE_URL: url, H5_DIR: path.join(dir, 'no-h5') });
    try {
      const base = await server.ready;
      const health = await fetch(`${base}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', db: testDb.dialect });
      const services = await fetch(`${base}/api/v1/services?q=dibao&limit=1`);
      const { items } = (await services.json()) as { items: { code: string }[] };
      expect(items[0].code).toBe('shjz-01');
      if (testDb.dialect === 'sqlite') expect(fs.existsSync(sqliteFile)).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('refuses to start with a clear message when the configuration is wrong', async () => {
    const server = start({ DATABASE_URL: databaseUrl(database), PORT: 'eighty' });
    await expect(server.ready).rejects.toThrow(/PORT must be a port number/);
    expect(await server.exited).toBe(1);
  });
});
