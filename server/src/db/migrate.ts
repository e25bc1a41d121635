import { Migrator } from 'kysely';
import type { DatabaseConfig } from '../config';
import type { Db } from './database';
import { migrations } from './migrations';

// Brings the database to the latest schema; runs at every start on both dialects. Kysely
// takes a lock, so several processes starting together on one PostgreSQL are safe.
export async function migrateToLatest(db: Db, database: DatabaseConfig): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely's bookkeeping tables live beside the data; naming the schema also stops it from
    // mistaking another schema's bookkeeping table for ours.
    migrationTableSchema: database.dialect === 'postgres' ? database.schema : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).map((r) => r.migrationName);
}
