import { sql, type Kysely, type Migration } from 'kysely';

// 微家 (issue 5, items 1–4): group kinds as data, groups with their members and join requests,
// activities with sign-ups, the waiting list, check-in and volunteer hours, and half-day
// bookings of a living room's 微家 rooms.
export const groups: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('group_kinds')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('icon', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().references('group_kinds.code'))
      .addColumn('name', 'text', (c) => c.notNull())
      // A village (12 digits) or, for a larger group, a township (9 digits).
      .addColumn('scope_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('township_code', 'text', (c) => c.notNull())
      .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('join_policy', 'text', (c) => c.notNull().check(sql`join_policy in ('open', 'approval')`))
      .addColumn('member_cap', 'integer')
      // Moves only by conditional updates, so the cap holds under any concurrency.
      .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('room_village_code', 'text')
      .addColumn('room_id', 'text')
      .addColumn('review_status', 'text', (c) => c.notNull().check(sql`review_status in ('approved', 'pending', 'rejected')`))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('groups_within_cap', sql`member_count >= 0 and (member_cap is null or member_count <= member_cap)`)
      .execute();
    await db.schema.createIndex('groups_scope_idx').on('groups').columns(['township_code', 'scope_code']).execute();

    await db.schema
      .createTable('group_members')
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('leader', 'deputy', 'member')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'pending', 'declined', 'left', 'removed')`))
      .addColumn('reason', 'text')
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
      .execute();
    await db.schema.createIndex('group_members_user_idx').on('group_members').columns(['user_id', 'status']).execute();

    await db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('bring', 'text')
      .addColumn('open_to_all', 'integer', (c) => c.notNull())
      // 公益 only: hours credited per attendee; null means the activity's duration.
      .addColumn('volunteer_hours', 'real')
      .addColumn('review_status', 'text', (c) => c.notNull().check(sql`review_status in ('approved', 'pending', 'rejected')`))
      // signed_up moves by conditional updates; wait_seq hands out waiting-list places in commit order.
      .addColumn('signed_up', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('wait_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('activities_within_capacity', sql`signed_up >= 0 and signed_up <= capacity`)
      .execute();
    await db.schema.createIndex('activities_group_idx').on('activities').columns(['group_id', 'starts_at']).execute();
    await db.schema.createIndex('activities_starts_idx').on('activities').columns(['starts_at']).execute();

    await db.schema
      .createTable('activity_signups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('signed_up', 'waitlisted', 'cancelled')`))
      .addColumn('wait_seq', 'integer')
      .addColumn('checkin_code', 'text', (c) => c.notNull())
      .addColumn('checked_in_at', 'text')
      .addColumn('checked_in_by', 'text', (c) => c.references('users.id'))
      .addColumn('hours', 'real')
      .addColumn('reminded_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('activity_signups_one_per_user', ['activity_id', 'user_id'])
      .addUniqueConstraint('activity_signups_code', ['activity_id', 'checkin_code'])
      .execute();
    await db.schema.createIndex('activity_signups_wait_idx').on('activity_signups').columns(['activity_id', 'status', 'wait_seq']).execute();
    await db.schema.createIndex('activity_signups_user_idx').on('activity_signups').columns(['user_id', 'status']).execute();

    await db.schema
      .createTable('room_bookings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('half', 'text', (c) => c.notNull().check(sql`half in ('am', 'pm')`))
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('booked_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'cancelled')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('cancelled_at', 'text')
      .execute();
    // The database, not the service, keeps two groups out of one room at one half-day.
    await db.schema
      .createIndex('room_bookings_one_per_half_day')
      .on('room_bookings')
      .columns(['village_code', 'room_id', 'date', 'half'])
      .unique()
      .where(sql.ref('status'), '=', 'active')
      .execute();
  },
};
