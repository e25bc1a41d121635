// Every table that holds something about a person, in one place: what "export my data" returns
// and what closing an account erases. A module that stores personal data adds itself here.
import type { Db } from '../../db/database';
import { maskPhone } from './mask';

export async function exportPersonalData(db: Db, userId: string) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const sessions = await db
    .selectFrom('refresh_tokens')
    .select(['created_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const bindings = await db
    .selectFrom('binding_codes')
    .select(['role', 'scope_code', 'name', 'phone', 'created_at', 'used_at'])
    .where('used_by', '=', userId)
    .execute();
  const issued = await db
    .selectFrom('binding_codes')
    .select(['role', 'scope_code', 'name', 'phone', 'created_at', 'expires_at', 'used_at'])
    .where('issued_by', '=', userId)
    .execute();
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      phone: user.phone,
      villageCode: user.village_code,
      role: user.role,
      scopeCode: user.scope_code,
      wechatLinked: user.openid !== null,
      privacyVersion: user.privacy_version,
      privacyAgreedAt: user.privacy_agreed_at,
      createdAt: user.created_at,
      updatedAt: user.updated_at,
    },
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at, endedAt: s.revoked_at })),
    rolesTaken: bindings.map((b) => ({ role: b.role, scopeCode: b.scope_code, name: b.name, phone: b.phone, issuedAt: b.created_at, usedAt: b.used_at })),
    // Codes this person issued name other people: their phones stay masked here.
    codesIssued: issued.map((b) => ({ role: b.role, scopeCode: b.scope_code, name: b.name, phone: maskPhone(b.phone), issuedAt: b.created_at, expiresAt: b.expires_at, usedAt: b.used_at })),
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

// The account stays as an anonymous row so the village's records keep their shape.
export async function erasePersonalData(db: Db, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    await trx
      .updateTable('users')
      .set({ openid: null, unionid: null, name: null, phone: null, privacy_version: null, privacy_agreed_at: null, deleted_at: at, updated_at: at })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('refresh_tokens').where('user_id', '=', userId).execute();
    await trx.updateTable('binding_codes').set({ name: null, phone: null }).where('used_by', '=', userId).execute();
  });
}
