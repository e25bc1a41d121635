import { sql, type Kysely, type Migration } from 'kysely';

// 和事佬 mediation requests with their private messages, and living-room talks (书记龙门阵,
// 政策宣讲) with sign-ups, attendance and questions sent in advance (issue 5, items 5–7).
export const mediationsTalks: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('mediations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('resident_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('neighbours', 'family', 'land', 'other')`))
      .addColumn('other_party', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'in_progress', 'resolved', 'referred', 'withdrawn')`))
      .addColumn('mediator_id', 'text', (c) => c.references('users.id'))
      .addColumn('agreement', 'text')
      .addColumn('referral', 'text')
      .addColumn('taken_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mediations_village_idx').on('mediations').columns(['village_code', 'status', 'created_at']).execute();
    await db.schema.createIndex('mediations_resident_idx').on('mediations').columns(['resident_id', 'created_at']).execute();

    await db.schema
      .createTable('mediation_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mediation_id', 'text', (c) => c.notNull().references('mediations.id'))
      .addColumn('author_id', 'text', (c) => c.references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mediation_messages_idx').on('mediation_messages').columns(['mediation_id', 'created_at']).execute();

    await db.schema
      .createTable('talks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('secretary_talk', 'policy_briefing')`))
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('topic_status', 'text', (c) => c.notNull().check(sql`topic_status in ('approved', 'pending', 'rejected')`))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      // Moves only by conditional updates, so capacity holds under any concurrency.
      .addColumn('signed_up', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('summary', 'text')
      .addColumn('summary_status', 'text', (c) => c.check(sql`summary_status in ('approved', 'pending', 'rejected')`))
      .addColumn('summary_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('talks_within_capacity', sql`signed_up >= 0 and signed_up <= capacity`)
      .execute();
    await db.schema.createIndex('talks_village_idx').on('talks').columns(['village_code', 'starts_at']).execute();

    // 'walk_in': attended without signing up; does not take a place.
    await db.schema
      .createTable('talk_signups')
      .addColumn('talk_id', 'text', (c) => c.notNull().references('talks.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('signed_up', 'walk_in')`))
      .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('talk_signups_pk', ['talk_id', 'user_id'])
      .execute();
    await db.schema.createIndex('talk_signups_user_idx').on('talk_signups').columns(['user_id']).execute();

    await db.schema
      .createTable('talk_questions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('talk_id', 'text', (c) => c.notNull().references('talks.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('review_status', 'text', (c) => c.notNull().check(sql`review_status in ('approved', 'pending', 'rejected')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('talk_questions_idx').on('talk_questions').columns(['talk_id', 'created_at']).execute();
  },
};
