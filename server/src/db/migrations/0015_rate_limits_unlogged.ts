import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

// Write rate counts need no crash safety (a lost count does no harm; PostgreSQL empties an
// unlogged table after a crash), so on PostgreSQL they skip the write-ahead log: every write
// request bumps two of them.
export const rateLimitsUnlogged: Migration = {
  async up(db: Kysely<any>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`alter table rate_limits set unlogged`.execute(db);
  },
};
