import { sql, type Kysely, type Migration } from 'kysely';

export const regions: Migration = {
  // Migrations see the schema as it was then, not today's Database type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('regions')
      // Statistical division code: 6 digits county, 9 township, 12 village (村/社区).
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('county', 'township', 'village')`))
      .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('regions_parent_code_idx').on('regions').column('parent_code').execute();

    await db.schema
      .createTable('living_rooms')
      .addColumn('village_code', 'text', (c) => c.primaryKey().references('regions.code'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      // Double, not PostgreSQL's 4-byte real: that would round coordinates to about a metre.
      .addColumn('lat', 'double precision')
      .addColumn('lng', 'double precision')
      .addColumn('hours', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('proxy_point', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rooms', 'text', (c) => c.notNull())
      .addColumn('slot_capacity', 'integer', (c) => c.notNull().defaultTo(6))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
