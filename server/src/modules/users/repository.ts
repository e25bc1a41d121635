// Kysely queries for users: the account row and the fields a profile edit may change.
import type { Db } from '../../db/database';
import { precompiled } from '../../db/precompiled';
import { newRowId } from '../../db/row-id';
import { readAlone } from '../../db/write-together';
import type { UserTable } from '../../db/schema';
import type { Role } from '../../http/access';

export type UserRow = UserTable;

export interface ProfilePatch {
  name?: string;
  phone?: string;
  village_code?: string;
}

// Every signed-in request's first read (the access hook's).
const userById = precompiled((db, { id }: { id: string }) => db.selectFrom('users').selectAll().where('id', '=', id));

export function createUserRepository(db: Db) {
  const now = () => new Date().toISOString();
  const byId = (id: string) => userById(db, { id });
  return {
    async findById(id: string): Promise<UserRow | undefined> {
      return (await readAlone(db)(byId(id)))[0];
    },

    // The lookup by id as a query, for a caller that sends it with another (the access hook).
    byId,

    // One row per WeChat user; a concurrent first login by the same user still makes one row.
    async upsertByOpenid(input: { openid: string; unionid?: string; name?: string; role?: Role; scopeCode?: string; villageCode?: string }): Promise<UserRow> {
      const at = now();
      await db
        .insertInto('users')
        .values({
          id: newRowId(),
          openid: input.openid,
          unionid: input.unionid ?? null,
          name: input.name ?? null,
          phone: null,
          village_code: input.villageCode ?? null,
          role: input.role ?? 'resident',
          scope_code: input.scopeCode ?? null,
          privacy_version: null,
          privacy_agreed_at: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        })
        .onConflict((oc) => oc.column('openid').doNothing())
        .execute();
      return db.selectFrom('users').selectAll().where('openid', '=', input.openid).executeTakeFirstOrThrow();
    },

    async cadresOf(villageCode: string): Promise<{ id: string; name: string | null }[]> {
      return db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('role', '=', 'cadre')
        .where('scope_code', '=', villageCode)
        .where('deleted_at', 'is', null)
        .orderBy('name')
        .execute();
    },

    async updateProfile(id: string, patch: ProfilePatch): Promise<void> {
      await db.updateTable('users').set({ ...patch, updated_at: now() }).where('id', '=', id).execute();
    },

    async agreePrivacy(id: string, version: string): Promise<void> {
      const at = now();
      await db.updateTable('users').set({ privacy_version: version, privacy_agreed_at: at, updated_at: at }).where('id', '=', id).execute();
    },

    async setRole(id: string, role: Role, scopeCode: string, patch: ProfilePatch = {}): Promise<void> {
      await db.updateTable('users').set({ ...patch, role, scope_code: scopeCode, updated_at: now() }).where('id', '=', id).execute();
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
