import type { Kysely, Migration } from 'kysely';

// Write rate limits shared by every API process on one database: one counter per key (a user or
// an address) per fixed one-minute window, bumped by an upsert.
export const rateLimits: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start', 'integer', (c) => c.notNull()) // minutes since the epoch
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
      .execute();
    // Old windows are deleted by range.
    await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').column('window_start').execute();
  },
};
