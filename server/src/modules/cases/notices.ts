// Who hears about a change to a case, and what they are told: an in-app notification for each
// recipient and, for what a villager or cadre must not miss, a WeChat subscribe message.
import type { Compilable } from 'kysely';
import type { Db } from '../../db/database';
import type { Read } from '../../db/write-together';
import { cstDate } from '../calendar/calendar';
import { createDutyRepository, type DeskCadre } from '../duty/repository';
import { notifyMany, notifyWrites, type NotifyInput } from '../notifications/notify';
import type { TEMPLATE_FIELDS } from '../notifications/templates';

type Fields<T extends keyof typeof TEMPLATE_FIELDS> = Partial<Record<keyof (typeof TEMPLATE_FIELDS)[T], string>>;

export type CaseWechat =
  | { template: 'case_status'; data: Fields<'case_status'> }
  | { template: 'case_message'; data: Fields<'case_message'> }
  | { template: 'rectification'; data: Fields<'rectification'> };

export interface CaseNotice {
  caseId: string;
  // Unique per event, e.g. `case:<id>:event:<seq>`; the recipient's id is added to it.
  eventKey: string;
  kind: string;
  title: string;
  body: string;
  wechat?: CaseWechat;
}

export const casePage = (caseId: string) => `cases/detail/index?id=${caseId}`;

export async function tell(trx: Db, recipients: readonly string[], notice: CaseNotice): Promise<void> {
  await tellEach(trx, [{ to: recipients, notice }]);
}

type Notices = readonly { to: readonly string[]; notice: CaseNotice }[];

// Several notices of one change in one write. A person named twice for one event hears the first.
export async function tellEach(trx: Db, notices: Notices): Promise<void> {
  await notifyMany(trx, inputsOf(notices));
}

// tellEach's inserts, for a caller that sends them with its own writes.
export function tellWrites(trx: Db, notices: Notices): Compilable[] {
  return notifyWrites(trx, inputsOf(notices));
}

function inputsOf(notices: Notices): NotifyInput[] {
  const inputs = new Map<string, NotifyInput>();
  for (const { to, notice } of notices) {
    for (const userId of to) {
      const eventKey = `${notice.eventKey}:${userId}`;
      if (inputs.has(eventKey)) continue;
      inputs.set(eventKey, {
        userId,
        caseId: notice.caseId,
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
        eventKey,
        wechat: notice.wechat && { template: notice.wechat.template, page: casePage(notice.caseId), data: notice.wechat.data as Record<string, string> },
      });
    }
  }
  return [...inputs.values()];
}

// A case nobody handles yet goes to the village's cadres on duty today, or to all of them when
// nobody is on the rota today.
export async function villageDesk(trx: Db, villageCode: string, now: Date, read?: Read): Promise<string[]> {
  return deskOf(await createDutyRepository(trx).desk(villageCode, cstDate(now), read));
}

export function deskOf(cadres: DeskCadre[]): string[] {
  const onDuty = cadres.filter((c) => c.onDuty);
  return (onDuty.length ? onDuty : cadres).map((c) => c.id);
}

// '11月28日 17:30' in China Standard Time: how a due time reads in a message.
export function cstShort(instant: string): string {
  const local = new Date(Date.parse(instant) + 8 * 3_600_000);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${local.toISOString().slice(11, 16)}`;
}

// '11月30日上午': a booked half-day as a villager says it.
export function slotText(slot: { date: string; half: 'am' | 'pm' }): string {
  const [, month, day] = slot.date.split('-').map(Number);
  return `${month}月${day}日${slot.half === 'am' ? '上午' : '下午'}`;
}
