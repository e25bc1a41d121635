// The one way a change tells someone: an in-app notification and, when asked, a WeChat subscribe
// message queued in the outbox, both written in the caller's transaction so they happen exactly
// when the change commits. The outbox worker delivers the message later.
import type { Compilable, Transaction } from 'kysely';
import type { Db } from '../../db/database';
import { insertRows } from '../../db/precompiled';
import { newRowId } from '../../db/row-id';
import type { Database } from '../../db/schema';
import { writeTogether } from '../../db/write-together';
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
  return (await notifyMany(trx, [input])) > 0;
}

// Several at once (one event's recipients): one insert for the notifications and one for the
// outbox rows, however many there are, sent together. Resolves how many notifications were new.
export async function notifyMany(trx: Db | Transaction<Database>, inputs: readonly NotifyInput[]): Promise<number> {
  if (!inputs.length) return 0;
  const [written] = await writeTogether(trx, notifyWrites(trx, inputs));
  return written;
}

// The inserts notifyMany sends, for a caller that sends them with its own writes.
export function notifyWrites(trx: Db | Transaction<Database>, inputs: readonly NotifyInput[]): Compilable[] {
  if (!inputs.length) return [];
  const now = new Date();
  const at = now.toISOString();
  const notifications = insertRows(
    trx,
    'notifications',
    inputs.map((input) => ({
      id: newRowId(),
      event_key: input.eventKey,
      user_id: input.userId,
      case_id: input.caseId ?? null,
      kind: input.kind,
      title: input.title,
      body: input.body,
      read_at: null,
      created_at: at,
    })),
    ['event_key'],
  );
  const messages = inputs.flatMap((input) =>
    input.wechat
      ? [
          {
            id: newRowId(),
            event_key: input.eventKey,
            user_id: input.userId,
            template: input.wechat.template,
            page: input.wechat.page,
            data: JSON.stringify(toWechatData(input.wechat.template, input.wechat.data, now)),
            status: 'pending' as const,
            attempts: 0,
            next_attempt_at: at,
            locked_until: null,
            last_error: null,
            created_at: at,
            sent_at: null,
          },
        ]
      : [],
  );
  return messages.length ? [notifications, insertRows(trx, 'outbox', messages, ['event_key'])] : [notifications];
}
