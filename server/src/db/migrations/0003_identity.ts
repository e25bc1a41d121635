import type { Kysely, Migration } from 'kysely';

export const identity: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Null after the account is closed, so the same WeChat user would start afresh.
      .addColumn('openid', 'text', (c) => c.unique())
      .addColumn('unionid', 'text')
      .addColumn('name', 'text')
      .addColumn('phone', 'text')
      .addColumn('village_code', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      // The region the role covers: a cadre's village, a township admin's township, a county.
      .addColumn('scope_code', 'text')
      .addColumn('privacy_version', 'text')
      .addColumn('privacy_agreed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema.createIndex('users_scope_idx').on('users').columns(['role', 'scope_code']).execute();

    await db.schema
      .createTable('refresh_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('refresh_tokens_user_idx').on('refresh_tokens').column('user_id').execute();

    await db.schema
      .createTable('binding_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('scope_code', 'text', (c) => c.notNull())
      // Who the code was made for, shown to the admin and used to fill an empty profile.
      .addColumn('name', 'text')
      .addColumn('phone', 'text')
      .addColumn('issued_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('used_by', 'text')
      .execute();
    await db.schema.createIndex('binding_codes_scope_idx').on('binding_codes').column('scope_code').execute();
  },
};
