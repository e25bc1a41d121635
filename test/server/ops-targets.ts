// Fresh databases to restore or migrate into, beside the one a suite's harness runs on: a new
// SQLite file, or a new PostgreSQL database (unique name) holding the same schema name.
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../server/src/config';
import type { TestDatabase } from '../support/test-db';
import { root } from '../support/server-process';

export interface Target extends TestDatabase {
  config: DatabaseConfig;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function freshTarget(like: DatabaseConfig): Promise<Target> {
  if (like.dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-ops-target-'));
    const config: DatabaseConfig = { dialect: 'sqlite', file: path.join(dir, 'mulin.db') };
    return { dialect: 'sqlite', config, create: async () => config, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return freshPostgres(like.url, like.schema);
}

export async function freshPostgres(baseUrl: string, schema = 'public'): Promise<Target> {
  const name = `mulin_test_${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { dialect: 'postgres', url: url.toString(), schema };
  return {
    dialect: 'postgres',
    config,
    create: async () => config,
    drop: () => admin(baseUrl, `drop database if exists ${name} with (force)`),
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const execTsx = promisify(execFile);

// Runs one of the npm scripts' files as the operator would; never throws, returns the exit code.
export async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execTsx(path.join(root, 'node_modules/.bin/tsx'), [`server/scripts/${script}`, ...args], {
      cwd: root,
      env: { ...process.env, PORT: '0', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
