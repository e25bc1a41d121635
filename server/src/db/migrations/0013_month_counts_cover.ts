import type { Kysely, Migration } from 'kysely';

// The county's cases per village per month (issue 7 figures) read from the index alone: the
// counts come with the keys instead of one table lookup per village-month.
export const monthCountsCover: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('case_month_counts_cover_idx').on('case_month_counts').columns(['village_code', 'month', 'n']).execute();
  },
};
