// `npm run restore -- FILE [--yes]`: puts a backup back into the configured database, after
// checking nothing is using that database and, unless --yes, that it holds no data.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import type { Config } from '../config';
import { equalCounts } from './count-checks';
import { OpsError } from './errors';
import { LATEST_MIGRATION } from './latest';
import { readManifest, sha256File, uploadsPath } from './manifest';
import { pgCounts, pgMigrations, pgOtherSessions } from './pg-inspect';
import { checkClientTools, pgRestoreAtomically, withClient } from './pg-tools';
import type { OpsReport } from './report';
import { serverAnswers } from './server-probe';
import { sqliteCounts, sqliteIntegrity, sqliteMigrations, type Counts } from './sqlite-inspect';
import { copyUploads } from './uploads';

type RestoreConfig = Pick<Config, 'database' | 'uploadDir' | 'host' | 'port'>;

export async function restore(config: RestoreConfig, options: { file: string; yes: boolean }): Promise<OpsReport> {
  const file = path.resolve(options.file);
  if (!fs.existsSync(file)) throw new OpsError(`找不到备份文件 ${file}`, `backup file not found: ${file}`);
  const kind = file.endsWith('.sqlite') ? 'sqlite' : file.endsWith('.dump') ? 'postgres' : null;
  if (kind !== config.database.dialect) {
    throw new OpsError(
      `备份文件类型与配置的数据库不符：SQLite 备份以 .sqlite 结尾，PostgreSQL 备份以 .dump 结尾，当前数据库是 ${config.database.dialect}`,
      `the backup does not match the configured database (${config.database.dialect}): SQLite backups end in .sqlite, PostgreSQL backups in .dump`,
    );
  }
  const manifest = readManifest(file);
  if (manifest && manifest.sha256 !== (await sha256File(file))) {
    throw new OpsError('备份文件已损坏（校验和与备份时不同），未做任何改动', 'the backup file is damaged (checksum differs from when it was made); nothing was changed');
  }
  if (await serverAnswers(config.host, config.port)) {
    throw new OpsError(
      `服务器正在运行（端口 ${config.port} 有响应）：请先停止服务器再恢复`,
      `a server is running (port ${config.port} answers /api/v1/ready): stop it before restoring`,
    );
  }
  const started = performance.now();
  const database = config.database;
  const restored =
    database.dialect === 'sqlite'
      ? await restoreSqlite(file, database.file, options.yes)
      : await restorePostgres(file, database.url, database.schema, options.yes);
  const uploadsDir = uploadsPath(file);
  const uploads = fs.existsSync(uploadsDir) ? copyUploads(uploadsDir, config.uploadDir) : { dir: config.uploadDir, files: 0, bytes: 0 };

  // Without a manifest (a dump made by hand) a PostgreSQL restore has only itself to compare with.
  const expected = manifest?.tables ?? restored.backupCounts ?? restored.counts;
  const tables = equalCounts(expected, restored.counts);
  const problems = [...restored.problems, ...tables.filter((t) => !t.ok).map((t) => `行数不符 / row count: ${t.table} ${t.source} → ${t.copy}`)];
  if (manifest && uploads.files < manifest.uploads.files) problems.push(`附件少于备份 / fewer uploads than backed up: ${uploads.files} < ${manifest.uploads.files}`);
  return {
    action: 'restore',
    dialect: database.dialect,
    file,
    bytes: fs.statSync(file).size,
    seconds: (performance.now() - started) / 1000,
    tables,
    rows: Object.values(restored.counts).reduce((a, b) => a + b, 0),
    migrations: { copy: restored.migrations.at(-1) ?? null, latest: LATEST_MIGRATION },
    uploads: { dir: config.uploadDir, files: uploads.files, bytes: uploads.bytes },
    problems,
  };
}

interface Restored {
  counts: Counts;
  backupCounts?: Counts;
  migrations: string[];
  problems: string[];
}

function refuseData(counts: Counts, yes: boolean): void {
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  if (rows > 0 && !yes) {
    throw new OpsError(
      `目标数据库已有 ${rows} 行数据，恢复会覆盖它们。确认无误后加 --yes 再运行`,
      `the target database holds ${rows} rows that the restore would replace; run again with --yes if you mean it`,
    );
  }
}

async function restoreSqlite(file: string, target: string, yes: boolean): Promise<Restored> {
  const backupDb = new SQLite(file, { readonly: true, fileMustExist: true });
  let backupCounts;
  try {
    const integrity = sqliteIntegrity(backupDb);
    if (integrity !== 'ok') throw new OpsError('备份文件完整性检查失败，未做任何改动', `the backup fails integrity_check (${integrity}); nothing was changed`);
    backupCounts = sqliteCounts(backupDb);
  } finally {
    backupDb.close();
  }
  if (fs.existsSync(target)) {
    const current = new SQLite(target, { fileMustExist: true });
    try {
      current.pragma('busy_timeout = 0');
      // Leaving WAL needs the only connection: it fails while any other process has the file open.
      try {
        current.pragma('journal_mode = DELETE');
      } catch {
        throw new OpsError(
          `数据库文件正被其他进程使用（服务器还在运行？）：${target}。请先停止服务器`,
          `the database file is in use by another process (is the server running?): ${target}. Stop it first`,
        );
      }
      refuseData(sqliteCounts(current), yes);
    } finally {
      current.close();
    }
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Copy beside, then rename: the target is either the old database or the whole backup.
  const temp = `${target}.restoring-${randomBytes(4).toString('hex')}`;
  fs.copyFileSync(file, temp);
  const fd = fs.openSync(temp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  for (const stale of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) fs.rmSync(stale, { force: true });
  fs.renameSync(temp, target);

  const restored = new SQLite(target, { fileMustExist: true });
  try {
    const integrity = sqliteIntegrity(restored);
    return {
      counts: sqliteCounts(restored),
      backupCounts,
      migrations: sqliteMigrations(restored),
      problems: integrity === 'ok' ? [] : [`完整性检查失败 / integrity_check: ${integrity}`],
    };
  } finally {
    restored.close();
  }
}

async function restorePostgres(file: string, url: string, schema: string, yes: boolean): Promise<Restored> {
  await withClient(url, async (client) => {
    await checkClientTools(client);
    const others = await pgOtherSessions(client);
    if (others > 0) {
      throw new OpsError(
        `数据库还有 ${others} 个其他连接（服务器还在运行？）：请先停止服务器并关闭其他连接`,
        `the database has ${others} other connection(s) (is the server running?): stop the server and close them first`,
      );
    }
    refuseData(await pgCounts(client, schema), yes);
  });
  await pgRestoreAtomically(file, url, schema);
  return withClient(url, async (client) => ({ counts: await pgCounts(client, schema), migrations: await pgMigrations(client, schema), problems: [] }));
}

