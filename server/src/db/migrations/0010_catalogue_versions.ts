import type { Kysely, Migration } from 'kysely';

// Catalogue editing (issue #6): every admin edit of an item is a numbered version. Version 1 (the
// seed content) is written lazily at the first edit. `services.version` is the current number and
// the compare-and-set guard for concurrent editors; `edited_at` set means an admin owns the item
// and the seed no longer rewrites it.
export const catalogueVersions: Migration = {
  async up(db: Kysely<any>) {
    // SQLite adds one column per ALTER TABLE.
    await db.schema.alterTable('services').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('services').addColumn('edited_at', 'text').execute();

    await db.schema
      .createTable('service_versions')
      .addColumn('code', 'text', (c) => c.notNull().references('services.code'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      // [{ path, label, before, after }]: short summaries, not whole values.
      .addColumn('changes', 'text', (c) => c.notNull())
      // Null for version 1 (the seed); the name is kept as it was, so history survives renames.
      .addColumn('changed_by', 'text')
      .addColumn('changed_by_name', 'text')
      .addColumn('changed_at', 'text', (c) => c.notNull())
      .addColumn('restored_from', 'integer')
      .addPrimaryKeyConstraint('service_versions_pk', ['code', 'version'])
      .execute();
  },
};
