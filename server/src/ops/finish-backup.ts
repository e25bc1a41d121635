// The end of every backup, whatever the database: check the copy's counts and migrations against
// the source, write the manifest beside the file, and report.
import fs from 'node:fs';
import path from 'node:path';
import { checkCounts } from './count-checks';
import { LATEST_MIGRATION, migrationProblems } from './latest';
import { manifestPath, sha256File, type Manifest } from './manifest';
import type { OpsReport } from './report';
import type { Counts } from './sqlite-inspect';
import type { UploadsCopy } from './uploads';

export interface BackupOutcome {
  dialect: 'sqlite' | 'postgres';
  schema?: string;
  target: string;
  started: number;
  // Source rows when the backup began and when it ended; the copy's rows.
  before: Counts;
  after: Counts;
  counts: Counts;
  sourceMigrations: string[];
  copyMigrations: string[];
  uploads: UploadsCopy;
  problems: string[];
}

export async function finishBackup(o: BackupOutcome): Promise<OpsReport> {
  const problems = [...o.problems, ...migrationProblems(o.sourceMigrations, o.copyMigrations)];
  const tables = checkCounts(o.before, o.after, o.counts);
  problems.push(...tables.filter((t) => !t.ok).map((t) => `行数不符 / row count: ${t.table} ${t.source} → ${t.copy}`));
  const bytes = fs.statSync(o.target).size;
  const manifest: Manifest = {
    createdAt: new Date().toISOString(),
    dialect: o.dialect,
    ...(o.schema === undefined ? {} : { schema: o.schema }),
    file: path.basename(o.target),
    sha256: await sha256File(o.target),
    bytes,
    migrations: o.copyMigrations,
    tables: o.counts,
    uploads: { dir: path.basename(o.uploads.dir), files: o.uploads.files, bytes: o.uploads.bytes },
  };
  fs.writeFileSync(manifestPath(o.target), JSON.stringify(manifest, null, 2));
  return {
    action: 'backup',
    dialect: o.dialect,
    file: o.target,
    bytes,
    seconds: (performance.now() - o.started) / 1000,
    tables,
    rows: Object.values(o.counts).reduce((a, b) => a + b, 0),
    migrations: { copy: o.copyMigrations.at(-1) ?? null, latest: LATEST_MIGRATION },
    uploads: o.uploads,
    problems,
  };
}
