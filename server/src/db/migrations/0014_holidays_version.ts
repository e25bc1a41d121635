import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

// Holidays join services and categories under the catalogue version (0011): every process keeps
// the working-day calendar with its catalogue cache instead of reading the table per request.
export const holidaysVersion: Migration = {
  async up(db: Kysely<any>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      // catalogue_version_bump() comes from 0011.
      await sql`create trigger holidays_version after insert or update or delete on holidays for each statement execute function catalogue_version_bump()`.execute(db);
      return;
    }
    for (const event of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.raw(`holidays_version_${event}`)} after ${sql.raw(event)} on holidays begin
        update catalogue_version set version = version + 1 where id = 1;
      end`.execute(db);
    }
  },
};
