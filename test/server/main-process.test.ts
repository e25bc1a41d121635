// The real thing: `npm run server`'s command in its own process, over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { DatabaseConfig } from '../../server/src/config';
import { databaseUrl, testDatabases } from '../support/test-db';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../..');

// Resolves with the URL the server logs once it listens; rejects if it exits first.
function start(env: NodeJS.ProcessEnv): { child: ChildProcess; ready: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const ready = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (typeof entry.url === 'string') resolve(entry.url);
      } catch {
        // Not a log line.
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { child, ready, exited };
}

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
