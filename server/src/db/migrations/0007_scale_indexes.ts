import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

// What keeps the cost flat as a county's cases grow (issue 7 §2): indexes for the workbench tabs
// that sort or filter on due_at / closed_at, and a per-village, per-month count of cases kept by
// the database itself so the county figure reads 12 × villages rows, not a year of cases.
export const scaleIndexes: Migration = {
  async up(db: Kysely<any>) {
    // 已办结: closed in the last 30 days, newest first; the count uses the same range.
    await db.schema.createIndex('cases_village_closed_idx').on('cases').columns(['village_code', 'status', 'closed_at']).execute();
    // 我的 / 待补充: by due time within a village's open states.
    await db.schema.createIndex('cases_village_due_idx').on('cases').columns(['village_code', 'status', 'due_at']).execute();

    // month is the China Standard Time month (YYYY-MM) of created_at.
    await db.schema
      .createTable('case_month_counts')
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_month_counts_pk', ['village_code', 'month'])
      .execute();

    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      // Statement-level with a transition table: a bulk insert adds its counts in one upsert.
      await sql`
        create function case_month_counts_add() returns trigger language plpgsql as $$
        begin
          insert into case_month_counts (village_code, month, n)
          select village_code, to_char(created_at::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)
          from new_cases group by 1, 2
          on conflict (village_code, month) do update set n = case_month_counts.n + excluded.n;
          return null;
        end $$`.execute(db);
      await sql`create trigger cases_month_count after insert on cases referencing new table as new_cases for each statement execute function case_month_counts_add()`.execute(db);
      await sql`
        insert into case_month_counts (village_code, month, n)
        select village_code, to_char(created_at::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*) from cases group by 1, 2`.execute(db);
    } else {
      await sql`
        create trigger cases_month_count after insert on cases begin
          insert or ignore into case_month_counts (village_code, month, n) values (new.village_code, strftime('%Y-%m', new.created_at, '+8 hours'), 0);
          update case_month_counts set n = n + 1 where village_code = new.village_code and month = strftime('%Y-%m', new.created_at, '+8 hours');
        end`.execute(db);
      await sql`
        insert into case_month_counts (village_code, month, n)
        select village_code, strftime('%Y-%m', created_at, '+8 hours'), count(*) from cases group by 1, 2`.execute(db);
    }
  },
};
