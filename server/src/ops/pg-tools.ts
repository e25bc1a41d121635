// pg_dump / pg_restore / psql from the machine's PostgreSQL client, and scratch databases to
// restore into when verifying a dump.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { OpsError } from './errors';
import { quoteIdent } from './identifiers';

const run = promisify(execFile);
const MAX_OUTPUT = 64 * 1024 * 1024;

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function toolMajor(tool: string): Promise<number> {
  try {
    const { stdout } = await run(tool, ['--version']);
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    if (!match) throw new Error(stdout);
    return Number(match[1]);
  } catch {
    throw new OpsError(`找不到可用的 ${tool}：请安装 PostgreSQL 客户端`, `${tool} not found or not runnable: install the PostgreSQL client tools`);
  }
}

// pg_dump refuses a newer server, and an older pg_restore cannot read a newer dump.
export async function checkClientTools(client: Client): Promise<{ server: number; dump: number }> {
  const { rows } = await client.query<{ v: string }>('show server_version_num');
  const server = Math.floor(Number(rows[0].v) / 10_000);
  const dump = await toolMajor('pg_dump');
  await toolMajor('pg_restore');
  await toolMajor('psql');
  if (dump < server) {
    throw new OpsError(
      `pg_dump 版本 ${dump} 低于数据库服务器版本 ${server}，请安装 ${server} 版的 PostgreSQL 客户端`,
      `pg_dump ${dump} is older than the server (${server}): install the PostgreSQL ${server} client tools`,
    );
  }
  return { server, dump };
}

export async function pgDump(url: string, schema: string, file: string): Promise<void> {
  try {
    await run('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${file}`, `--dbname=${url}`], { maxBuffer: MAX_OUTPUT });
  } catch (err) {
    throw new OpsError('pg_dump 备份失败', `pg_dump failed: ${stderrOf(err)}`);
  }
}

// The schema a dump was taken from, from its table of contents.
export async function dumpSchema(file: string): Promise<{ schema: string; list: string }> {
  let list: string;
  try {
    ({ stdout: list } = await run('pg_restore', ['--list', file], { maxBuffer: MAX_OUTPUT }));
  } catch (err) {
    throw new OpsError('无法读取备份文件（不是 pg_dump 自定义格式？）', `cannot read the dump (not a pg_dump custom-format file?): ${stderrOf(err)}`);
  }
  const match = /^\d+; \d+ \d+ SCHEMA - (\S+) /m.exec(list);
  if (!match) throw new OpsError('备份文件中没有找到数据架构', 'the dump names no schema');
  return { schema: match[1], list };
}

// Restores a dump into `schema` of the database at `url` as ONE transaction: the old schema is
// dropped and the dump loaded, or on any error nothing changes. The dump's own CREATE SCHEMA is
// left out so a dump of `public` loads where `public` already exists.
export async function pgRestoreAtomically(file: string, url: string, schema: string): Promise<void> {
  const { schema: dumped, list } = await dumpSchema(file);
  if (dumped !== schema) {
    throw new OpsError(
      `备份来自数据架构 ${dumped}，而配置的是 ${schema}：请让 DATABASE_URL 的 ?schema= 与备份一致`,
      `the dump holds schema "${dumped}" but DATABASE_URL names "${schema}": set ?schema=${dumped}`,
    );
  }
  const kept = list.split('\n').filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - (SCHEMA )?\S+ /.test(line));
  const listFile = path.join(os.tmpdir(), `mulin-restore-${randomBytes(6).toString('hex')}.list`);
  fs.writeFileSync(listFile, kept.join('\n'));
  try {
    const prelude = `drop schema if exists ${quoteIdent(schema)} cascade;\ncreate schema ${quoteIdent(schema)};\n`;
    await pipeRestore(['--no-owner', '--no-privileges', `--use-list=${listFile}`, '--file=-', file], url, prelude);
  } finally {
    fs.rmSync(listFile, { force: true });
  }
}

function pipeRestore(restoreArgs: string[], url: string, prelude: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const restore = spawn('pg_restore', restoreArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    const psql = spawn('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', `--dbname=${url}`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let errors = '';
    restore.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    psql.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    psql.stdin.on('error', () => undefined); // psql stopped early: its exit code tells why
    psql.stdin.write(prelude);
    restore.stdout.pipe(psql.stdin);
    const exited = (child: typeof restore | typeof psql) => new Promise<number | null>((done) => child.on('close', done));
    Promise.all([exited(restore), exited(psql)]).then(([restoreCode, psqlCode]) => {
      if (restoreCode === 0 && psqlCode === 0) resolve();
      else reject(new OpsError('恢复失败，数据库未做任何改动', `restore failed, the database was left unchanged: ${errors.trim()}`));
    });
    restore.on('error', reject);
    psql.on('error', reject);
  });
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

// A throw-away database beside the configured one, named so a leftover is recognisable.
export async function createScratchDatabase(url: string): Promise<ScratchDatabase> {
  const name = `mulin_verify_${Date.now()}_${randomBytes(4).toString('hex')}`;
  try {
    await withClient(url, (c) => c.query(`create database ${quoteIdent(name)}`));
  } catch (err) {
    throw new OpsError(
      '无法创建校验用的临时数据库：数据库用户需要 CREATEDB 权限',
      `cannot create the scratch database the dump is verified in (the user needs CREATEDB): ${(err as Error).message}`,
    );
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: () => withClient(url, (c) => c.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(() => undefined),
  };
}

function stderrOf(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  return (e.stderr || e.message || String(err)).trim();
}
