// Who an attachment belongs to: an upload is its uploader's until a case claims it (a message
// or a request names it), and from then on it is also visible to that case's parties.
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { isWithinRegion } from '../regions/codes';
import type { UserRow } from '../users/repository';

export const MAX_ATTACHMENTS = 9;

// One conditional update inside the caller's transaction: of two cases naming the same upload at
// once, one claims it and the other is refused (and rolls back).
export async function claimAttachments(trx: Db | Transaction<Database>, input: { ids: string[]; uploaderId: string; caseId: string }): Promise<void> {
  await claim(trx, input.ids, input.uploaderId, { case_id: input.caseId }, '有图片已失效或已用过，请重新上传后再发送');
}

// The same claim for an observation visit's site photos (月观摩); from then on only admins over
// the village see them.
export async function claimVisitPhotos(trx: Db | Transaction<Database>, input: { ids: string[]; uploaderId: string; visitId: string }): Promise<void> {
  await claim(trx, input.ids, input.uploaderId, { visit_id: input.visitId }, '有照片已失效或已用过，请重新上传后再提交');
}

// Unused uploads of this user only, each given to one owner (a case or a visit).
async function claim(trx: Db | Transaction<Database>, given: string[], uploaderId: string, owner: { case_id: string } | { visit_id: string }, stale: string): Promise<void> {
  const ids = [...new Set(given)];
  if (ids.length > MAX_ATTACHMENTS) {
    throw new AppError(400, 'ATTACHMENT_INVALID', `一次最多只能附 ${MAX_ATTACHMENTS} 张图片`);
  }
  if (ids.length === 0) return;
  const result = await trx
    .updateTable('attachments')
    .set(owner)
    .where('id', 'in', ids)
    .where('uploader_id', '=', uploaderId)
    .where('case_id', 'is', null)
    .where('visit_id', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== ids.length) throw new AppError(400, 'ATTACHMENT_INVALID', stale);
}

// The uploader always; once a case claims it, the case's resident, the cadres of its village and
// the admins whose township or county contains it; once a visit claims it, those admins only.
export async function canReadAttachment(db: Db, attachmentId: string, user: UserRow): Promise<boolean> {
  const row = await db
    .selectFrom('attachments')
    .leftJoin('cases', 'cases.id', 'attachments.case_id')
    .leftJoin('observation_visits', 'observation_visits.id', 'attachments.visit_id')
    .select(['attachments.uploader_id', 'cases.resident_id', 'cases.village_code', 'observation_visits.village_code as visit_village_code'])
    .where('attachments.id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) return false;
  if (row.uploader_id === user.id) return true;
  // A visit's photos are the evaluation group's record: admins over the village, nobody else.
  if (row.visit_village_code) {
    const admin = user.role === 'township_admin' || user.role === 'county_admin';
    return admin && !!user.scope_code && isWithinRegion(row.visit_village_code, user.scope_code);
  }
  if (!row.village_code) return false;
  if (row.resident_id === user.id) return true;
  if (!user.scope_code) return false;
  if (user.role === 'cadre') return user.scope_code === row.village_code;
  if (user.role === 'township_admin' || user.role === 'county_admin') return isWithinRegion(row.village_code, user.scope_code);
  return false;
}
