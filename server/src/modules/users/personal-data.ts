// Every table that holds something about a person, in one place: what "export my data" returns
// and what closing an account erases. A module that stores personal data adds itself here.
import type { Db } from '../../db/database';
import { eraseGroupData, exportGroupData } from '../groups/personal-data';
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
  const cases = await db
    .selectFrom('cases as c')
    .innerJoin('services as s', 's.code', 'c.service_code')
    .leftJoin('ratings as r', 'r.case_id', 'c.id')
    .select(['c.id', 'c.number', 's.name as service', 'c.channel', 'c.status', 'c.slot_date', 'c.slot_half', 'c.description', 'c.created_at', 'c.closed_at', 'r.level as rating', 'r.comment as ratingComment'])
    .where('c.resident_id', '=', userId)
    .orderBy('c.created_at')
    .execute();
  const messages = await db
    .selectFrom('case_messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select(['c.number', 'm.body', 'm.created_at'])
    .where('m.author_id', '=', userId)
    .orderBy('m.created_at')
    .execute();
  const notifications = await db
    .selectFrom('notifications')
    .select(['title', 'body', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const uploads = await db
    .selectFrom('attachments')
    .select(['id', 'mime', 'size', 'case_id', 'created_at'])
    .where('uploader_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const mediations = await db
    .selectFrom('mediations')
    .select(['id', 'kind', 'other_party', 'description', 'status', 'agreement', 'referral', 'created_at', 'closed_at'])
    .where('resident_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const mediationMessages = await db
    .selectFrom('mediation_messages')
    .select(['mediation_id', 'body', 'created_at'])
    .where('author_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const talkSignups = await db
    .selectFrom('talk_signups as s')
    .innerJoin('talks as t', 't.id', 's.talk_id')
    .select(['t.topic', 't.starts_at', 's.kind', 's.attended', 's.created_at'])
    .where('s.user_id', '=', userId)
    .orderBy('s.created_at')
    .execute();
  const talkQuestions = await db
    .selectFrom('talk_questions as q')
    .innerJoin('talks as t', 't.id', 'q.talk_id')
    .select(['t.topic', 'q.body', 'q.review_status', 'q.created_at'])
    .where('q.user_id', '=', userId)
    .orderBy('q.created_at')
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
    cases: cases.map((c) => ({
      number: c.number,
      service: c.service,
      channel: c.channel,
      status: c.status,
      slot: c.slot_date ? `${c.slot_date} ${c.slot_half}` : null,
      description: c.description,
      createdAt: c.created_at,
      closedAt: c.closed_at,
      rating: c.rating === null ? null : { level: c.rating, comment: c.ratingComment },
    })),
    messagesWritten: messages.map((m) => ({ caseNumber: m.number, body: m.body, createdAt: m.created_at })),
    notifications: notifications.map((n) => ({ title: n.title, body: n.body, createdAt: n.created_at, readAt: n.read_at })),
    ...(await exportGroupData(db, userId)),
    photosUploaded: uploads.map((a) => ({ id: a.id, mime: a.mime, size: a.size, attachedToCase: a.case_id !== null, uploadedAt: a.created_at })),
    mediations: mediations.map((m) => ({ id: m.id, kind: m.kind, otherParty: m.other_party, description: m.description, status: m.status, agreement: m.agreement, referral: m.referral, createdAt: m.created_at, closedAt: m.closed_at })),
    mediationMessagesWritten: mediationMessages.map((m) => ({ mediationId: m.mediation_id, body: m.body, createdAt: m.created_at })),
    talksSignedUp: talkSignups.map((t) => ({ topic: t.topic, startsAt: t.starts_at, signedUp: t.kind === 'signed_up', attended: t.attended === 1, createdAt: t.created_at })),
    talkQuestions: talkQuestions.map((q) => ({ topic: q.topic, body: q.body, reviewStatus: q.review_status, createdAt: q.created_at })),
    // Codes this person issued name other people: their phones stay masked here.
    codesIssued: issued.map((b) => ({ role: b.role, scopeCode: b.scope_code, name: b.name, phone: maskPhone(b.phone), issuedAt: b.created_at, expiresAt: b.expires_at, usedAt: b.used_at })),
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

// The account stays as an anonymous row so the village's records (its cases, their timeline)
// keep their shape without saying who it was.
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
    await trx.deleteFrom('notifications').where('user_id', '=', userId).execute();
    await eraseGroupData(trx, userId);
    // A mediation is about this person and a neighbour: its words go, its kind and outcome stay
    // for the village's counts. Questions sent before a talk go too.
    const asked = trx.selectFrom('mediations').select('id').where('resident_id', '=', userId);
    await trx.deleteFrom('mediation_messages').where('mediation_id', 'in', asked).execute();
    await trx.updateTable('mediation_messages').set({ body: '' }).where('author_id', '=', userId).execute();
    await trx.updateTable('mediations').set({ other_party: null, description: '', agreement: null, referral: null, updated_at: at }).where('resident_id', '=', userId).execute();
    await trx.deleteFrom('talk_questions').where('user_id', '=', userId).execute();
    // Photos sent with a case stay with the village's record of it; loose uploads are removed
    // with their files by the outbox worker's daily sweep.
  });
}
