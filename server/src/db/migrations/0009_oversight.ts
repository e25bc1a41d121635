import { sql, type Kysely, type Migration } from 'kysely';

// 月观摩 and the 好/中/差 band (issue 6): the 12 evaluation standards as data, the monthly seeded
// draws of living rooms (recorded so anyone can re-run them), the scored visits with their photos,
// and the county's band rules as numbered versions (a change adds a version, never edits one).
export const oversight: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('observation_standards')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('checks', 'text', (c) => c.notNull())
      .addColumn('max_score', 'integer', (c) => c.notNull().check(sql`max_score > 0`))
      .addColumn('sort', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('observation_draws')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('month', 'text', (c) => c.notNull())
      // The county or the township the candidates were taken from.
      .addColumn('scope_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('seed', 'text', (c) => c.notNull())
      .addColumn('algorithm', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      // JSON arrays of village codes: the candidates in draw order, and the rooms drawn.
      .addColumn('candidates', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('drawn_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('observation_draws_one_per_month', ['month', 'scope_code'])
      .execute();

    await db.schema
      .createTable('observation_visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('township_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('draw_id', 'text', (c) => c.references('observation_draws.id'))
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('max_total', 'integer', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('visited_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('observation_visits_one_per_month', ['village_code', 'month'])
      .execute();
    await db.schema.createIndex('observation_visits_month_idx').on('observation_visits').columns(['month', 'township_code', 'village_code']).execute();

    await db.schema
      .createTable('observation_scores')
      .addColumn('visit_id', 'text', (c) => c.notNull().references('observation_visits.id'))
      .addColumn('standard_code', 'text', (c) => c.notNull().references('observation_standards.code'))
      .addColumn('score', 'integer', (c) => c.notNull())
      // The standard's maximum when scored, so an old visit still reads right if the standard changes.
      .addColumn('max_score', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('observation_scores_pk', ['visit_id', 'standard_code'])
      .addCheckConstraint('observation_scores_range', sql`score >= 0 and score <= max_score`)
      .execute();

    // A photo is claimed by a case or by a visit, never both (the claims check both columns).
    await db.schema.alterTable('attachments').addColumn('visit_id', 'text', (c) => c.references('observation_visits.id')).execute();
    await db.schema.createIndex('attachments_visit_idx').on('attachments').column('visit_id').execute();

    await db.schema
      .createTable('band_rules')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      // The whole rule set as JSON: weights, thresholds, minimum cases, treatments, flag rule.
      .addColumn('rules', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
