import { sql, type Kysely, type Migration } from 'kysely';

// Cases and everything around them (DESIGN.md §4, §5): the duty rota and bookable half-day
// slots, the working-day calendar, the case with its timeline, messages, attachments,
// materials receipt, rating and rectification, in-app notifications, the WeChat outbox and
// idempotency keys.
export const cases: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('holidays')
      .addColumn('date', 'text', (c) => c.primaryKey()) // YYYY-MM-DD
      // 'holiday': a weekday off; 'workday': a weekend day worked instead (调休).
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('duty_shifts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('half', 'text', (c) => c.notNull().check(sql`half in ('am', 'pm')`))
      .addColumn('cadre_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('duty_shifts_unique', ['village_code', 'date', 'half', 'cadre_id'])
      .execute();

    // One row per bookable half-day; `booked` only moves by conditional updates, so capacity
    // holds under any concurrency on both dialects.
    await db.schema
      .createTable('slots')
      .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('half', 'text', (c) => c.notNull().check(sql`half in ('am', 'pm')`))
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('slots_pk', ['village_code', 'date', 'half'])
      .addCheckConstraint('slots_within_capacity', sql`booked >= 0 and booked <= capacity`)
      .execute();

    await db.schema
      .createTable('case_counters')
      .addColumn('day', 'text', (c) => c.primaryKey()) // YYYYMMDD
      .addColumn('last', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'text', (c) => c.notNull().unique()) // YC-20261128-0042
      .addColumn('service_code', 'text', (c) => c.notNull().references('services.code'))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('proxy', 'online', 'appointment')`))
      .addColumn('resident_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('status', 'text', (c) => c.notNull())
      // proxy only: hand the materials over at a slot, or a home visit (上门) with a reason.
      .addColumn('handover', 'text')
      .addColumn('home_visit_reason', 'text')
      .addColumn('slot_date', 'text')
      .addColumn('slot_half', 'text')
      .addColumn('description', 'text')
      .addColumn('materials_checked', 'text', (c) => c.notNull()) // JSON: names the resident ticked
      .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
      .addColumn('accepted_at', 'text')
      .addColumn('due_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('result_note', 'text')
      .addColumn('reject_reason', 'text')
      .addColumn('reject_referral', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cases_village_status_idx').on('cases').columns(['village_code', 'status', 'created_at']).execute();
    await db.schema.createIndex('cases_resident_idx').on('cases').columns(['resident_id', 'created_at']).execute();
    await db.schema.createIndex('cases_assignee_idx').on('cases').columns(['assignee_id', 'status']).execute();
    // A resident holds a given slot once while the booking is open.
    await db.schema
      .createIndex('cases_one_booking_per_slot')
      .on('cases')
      .columns(['resident_id', 'village_code', 'slot_date', 'slot_half'])
      .unique()
      .where(sql.ref('status'), 'in', ['submitted', 'accepted', 'in_progress', 'awaiting_resident'])
      .where('slot_date', 'is not', null)
      .execute();

    await db.schema
      .createTable('case_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('data', 'text') // JSON
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('case_events_seq', ['case_id', 'seq'])
      .execute();

    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('file_name', 'text', (c) => c.notNull()) // random, under UPLOAD_DIR
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('case_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('author_id', 'text', (c) => c.references('users.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('attachment_ids', 'text', (c) => c.notNull()) // JSON
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_messages_case_idx').on('case_messages').columns(['case_id', 'created_at']).execute();

    await db.schema
      .createTable('case_materials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('copies', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('received_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('returned_at', 'text')
      .addColumn('returned_by', 'text', (c) => c.references('users.id'))
      .execute();

    await db.schema
      .createTable('ratings')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 5`))
      .addColumn('comment', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('rectifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
      .addColumn('township_code', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('deadline_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
      .addColumn('callback_note', 'text')
      .addColumn('callback_at', 'text')
      .addColumn('callback_by', 'text', (c) => c.references('users.id'))
      .addColumn('closing_note', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rectifications_township_idx').on('rectifications').columns(['township_code', 'status']).execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // One notification per event and person, like the outbox: a repeated notify() is a no-op.
      .addColumn('event_key', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // One message per event: a second write for the same event is a no-op.
      .addColumn('event_key', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('page', 'text')
      .addColumn('data', 'text', (c) => c.notNull()) // JSON
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'skipped')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
      .execute();
  },
};
