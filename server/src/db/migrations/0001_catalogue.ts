import type { Kysely, Migration } from 'kysely';

export const catalogue: Migration = {
  // Migrations see the schema as it was then, not today's Database type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('categories')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('icon', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('services')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull().references('categories.code'))
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('delegated', 'integer', (c) => c.notNull())
      .addColumn('trips', 'integer', (c) => c.notNull())
      .addColumn('promised_days', 'integer', (c) => c.notNull())
      .addColumn('legal_days', 'integer')
      .addColumn('ch_proxy', 'integer', (c) => c.notNull())
      .addColumn('ch_online', 'integer', (c) => c.notNull())
      .addColumn('ch_appointment', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('search_name', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('seed_hash', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createIndex('services_category_idx').on('services').column('category').execute();
  },
};
