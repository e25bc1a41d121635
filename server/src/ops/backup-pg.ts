// PostgreSQL: pg_dump of the configured schema, then the dump is restored into a scratch
// database and checked there, and the scratch database dropped.
import { finishBackup } from './finish-backup';
import { uploadsPath } from './manifest';
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
  return finishBackup({ dialect: 'postgres', schema, target, started, before, after, counts, sourceMigrations, copyMigrations, uploads, problems });
}
