// `npm run backup`: one verified backup of the configured database and its uploads.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { backupPostgres } from './backup-pg';
import { backupSqlite } from './backup-sqlite';
import { OpsError } from './errors';
import type { OpsReport } from './report';
import { backupBaseName } from './stamp';

export async function backup(config: Pick<Config, 'database' | 'uploadDir'>, options: { outDir: string; now?: Date }): Promise<OpsReport> {
  const outDir = path.resolve(options.outDir);
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, backupBaseName(options.now));
  const { database } = config;
  if (database.dialect === 'sqlite') {
    if (database.file === ':memory:') throw new OpsError('内存数据库无法备份', 'an in-memory database cannot be backed up');
    const target = `${base}.sqlite`;
    refuseExisting(target);
    return backupSqlite(database.file, target, config.uploadDir);
  }
  const target = `${base}.dump`;
  refuseExisting(target);
  return backupPostgres(database.url, database.schema, target, config.uploadDir);
}

function refuseExisting(target: string): void {
  if (fs.existsSync(target)) throw new OpsError(`备份文件已存在：${target}，请稍后再试`, `backup file already exists: ${target}; try again in a second`);
}
