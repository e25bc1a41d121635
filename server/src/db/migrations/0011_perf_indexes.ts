import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

// Issue 7 figures: an index for the workbench's 已办结 tab; a catalogue version the database bumps
// on every change to services or categories, whoever writes (seed, admin edit, any process), so
// each process can cache catalogue answers and check one tiny row per read; and on PostgreSQL the
// per-month case count moved to commit time.
export const perfIndexes: Migration = {
  async up(db: Kysely<any>) {
    // 已办结 (closed in the last 30 days, newest first): read in index order and stop after a page,
    // instead of sorting every case the village closed this month (id breaks ties in the order).
    await db.schema.createIndex('cases_village_closed_at_idx').on('cases').columns(['village_code', 'closed_at', 'id']).execute();

    await db.schema
      .createTable('catalogue_version')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('catalogue_version').values({ id: 1, version: 1 }).execute();

    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      // The per-month case count (0007) is added at commit instead of at the insert, so concurrent
      // creates in one village hold its row only while committing, not for their whole transaction.
      await sql`drop trigger cases_month_count on cases`.execute(db);
      await sql`drop function case_month_counts_add()`.execute(db);
      await sql`
        create function case_month_counts_add_row() returns trigger language plpgsql as $$
        begin
          insert into case_month_counts (village_code, month, n)
          values (new.village_code, to_char(new.created_at::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM'), 1)
          on conflict (village_code, month) do update set n = case_month_counts.n + 1;
          return null;
        end $$`.execute(db);
      await sql`create constraint trigger cases_month_count after insert on cases deferrable initially deferred for each row execute function case_month_counts_add_row()`.execute(db);

      await sql`
        create function catalogue_version_bump() returns trigger language plpgsql as $$
        begin
          update catalogue_version set version = version + 1 where id = 1;
          return null;
        end $$`.execute(db);
      for (const table of ['services', 'categories']) {
        await sql`create trigger ${sql.raw(`${table}_version`)} after insert or update or delete on ${sql.table(table)} for each row execute function catalogue_version_bump()`.execute(db);
      }
    } else {
      for (const table of ['services', 'categories']) {
        for (const event of ['insert', 'update', 'delete']) {
          await sql`create trigger ${sql.raw(`${table}_version_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} begin
            update catalogue_version set version = version + 1 where id = 1;
          end`.execute(db);
        }
      }
    }
  },
};
