// The one way a change tells someone: an in-app notification and, when asked, a WeChat subscribe
// message queued in the outbox, both written in the caller's transaction so they happen exactly
// when the change commits. The outbox worker delivers the message later.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { toWechatData, type TemplateName } from './templates';

export interface NotifyInput {
  userId: string;
  caseId?: string;
  kind: string;
  title: string;
  body: string;
  // Unique per event and recipient, e.g. `case:<id>:event:<seq>:resident`.
  eventKey: string;
  // data: the template's fields (TEMPLATE_FIELDS in ./templates), e.g. { number, service, status }.
  wechat?: { template: TemplateName; page: string; data: Record<string, string> };
}

// Writing the same event twice is a no-op, so a retried transaction never queues a message twice.
// Resolves true when this call wrote the notification, false when the event was already there.
export async function notify(trx: Db | Transaction<Database>, input: NotifyInput): Promise<boolean> {
  const now = new Date();
  const at = now.toISOString();
  const written = await trx
    .insertInto('notifications')
    .values({
      id: randomUUID(),
      event_key: input.eventKey,
      user_id: input.userId,
      case_id: input.caseId ?? null,
      kind: input.kind,
      title: input.title,
      body: input.body,
      read_at: null,
      created_at: at,
    })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .executeTakeFirst();
  const fresh = Number(written.numInsertedOrUpdatedRows ?? 0) === 1;
  if (!input.wechat) return fresh;
  await trx
    .insertInto('outbox')
    .values({
      id: randomUUID(),
      event_key: input.eventKey,
      user_id: input.userId,
      template: input.wechat.template,
      page: input.wechat.page,
      data: JSON.stringify(toWechatData(input.wechat.template, input.wechat.data, now)),
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      locked_until: null,
      last_error: null,
      created_at: at,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .execute();
  return fresh;
}
