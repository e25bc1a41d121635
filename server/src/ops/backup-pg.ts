// PostgreSQL: pg_dump of the configured schema, then the dump is restored into a scratch
// database and checked there, and the scratch database dropped.
import fs from 'node:fs';
import path from 'node:path';
import { checkCounts } from './count-checks';
import { LATEST_MIGRATION, migrationProblems } from './latest';
import { manifestPath, sha256File, uploadsPath, type Manifest } from './manifest';
import { pgCounts, pgMigrations, pgTables } from './pg-inspect';
import { checkClientTools, createScratchDatabase, pgDump, pgRestoreAtomically, withClient } from './pg-tools';
import type { OpsReport } from './report';
import { quoteIdent } from './identifiers';
import { copyUploads, missingUploads } from './uploads';

export async function backupPostgres(url: string, schema: string, target: string, uploadDir: string): Promise<OpsReport> {
  const started = performance.now();
  const { before, sourceMigrations } = await withClient(url, async (client) => {
    await checkClientTools(client);
    return { before: await pgCounts(client, schema), sourceMigrations: await pgMigrations(client, schema) };
  });
  await pgDump(url, schema, target);
  const after = await withClient(url, (client) => pgCounts(client, schema));
  const uploads = copyUploads(uploadDir, uploadsPath(target));

  const problems: string[] = [];
  const scratch = await createScratchDatabase(url);
  let counts, copyMigrations;
  try {
    await pgRestoreAtomically(target, scratch.url, schema);
    ({ counts, copyMigrations } = await withClient(scratch.url, async (client) => {
      const attachments = (await pgTables(client, schema)).includes('attachments')
        ? (await client.query<{ file_name: string; size: number }>(`select file_name, size from ${quoteIdent(schema)}.attachments`)).rows
        : [];
      problems.push(...missingUploads(uploads.dir, attachments));
      return { counts: await pgCounts(client, schema), copyMigrations: await pgMigrations(client, schema) };
    }));
  } finally {
    await scratch.drop();
  }
  problems.push(...migrationProblems(sourceMigrations, copyMigrations));
  const tables = checkCounts(before, after, counts);
  problems.push(...tables.filter((t) => !t.ok).map((t) => `行数不符 / row count: ${t.table} ${t.source} → ${t.copy}`));

  const bytes = fs.statSync(target).size;
  const manifest: Manifest = {
    createdAt: new Date().toISOString(),
    dialect: 'postgres',
    schema,
    file: path.basename(target),
    sha256: await sha256File(target),
    bytes,
    migrations: copyMigrations,
    tables: counts,
    uploads: { dir: path.basename(uploads.dir), files: uploads.files, bytes: uploads.bytes },
  };
  fs.writeFileSync(manifestPath(target), JSON.stringify(manifest, null, 2));
  return {
    action: 'backup',
    dialect: 'postgres',
    file: target,
    bytes,
    seconds: (performance.now() - started) / 1000,
    tables,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    migrations: { copy: copyMigrations.at(-1) ?? null, latest: LATEST_MIGRATION },
    uploads,
    problems,
  };
}
