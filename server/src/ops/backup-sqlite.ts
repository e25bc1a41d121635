// SQLite: an online backup through SQLite's backup API while the server keeps running, then
// the copy is opened on its own and checked.
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { OpsError } from './errors';
import { finishBackup } from './finish-backup';
import { uploadsPath } from './manifest';
import type { OpsReport } from './report';
import { sqliteCounts, sqliteIntegrity, sqliteMigrations, sqliteTables } from './sqlite-inspect';
import { copyUploads, missingUploads } from './uploads';

// All pages in one step: one read transaction, a consistent snapshot. WAL readers never block
// the server's writers, and a small step would restart each time the server writes.
const ALL_PAGES = 0x7fffffff;

export async function backupSqlite(sourceFile: string, target: string, uploadDir: string): Promise<OpsReport> {
  const started = performance.now();
  if (!fs.existsSync(sourceFile)) throw new OpsError(`找不到数据库文件 ${sourceFile}`, `database file not found: ${sourceFile}`);
  const source = new SQLite(sourceFile, { fileMustExist: true });
  let before, after, sourceMigrations;
  try {
    source.pragma('busy_timeout = 5000');
    before = sqliteCounts(source);
    sourceMigrations = sqliteMigrations(source);
    await source.backup(target, { progress: () => ALL_PAGES });
    after = sqliteCounts(source);
  } finally {
    source.close();
  }
  // After the database: every file the snapshot refers to was written before its row.
  const uploads = copyUploads(uploadDir, uploadsPath(target));

  const copy = new SQLite(target, { fileMustExist: true });
  const problems: string[] = [];
  let counts, copyMigrations;
  try {
    // A backup is one self-contained file, with no -wal beside it.
    copy.pragma('journal_mode = DELETE');
    const integrity = sqliteIntegrity(copy);
    if (integrity !== 'ok') problems.push(`完整性检查失败 / integrity_check: ${integrity}`);
    counts = sqliteCounts(copy);
    copyMigrations = sqliteMigrations(copy);
    const attachments = sqliteTables(copy).includes('attachments')
      ? (copy.prepare('select file_name, size from attachments').all() as { file_name: string; size: number }[])
      : [];
    problems.push(...missingUploads(uploads.dir, attachments));
  } finally {
    copy.close();
  }
  return finishBackup({ dialect: 'sqlite', target, started, before, after, counts, sourceMigrations, copyMigrations, uploads, problems });
}
