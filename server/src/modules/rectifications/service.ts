// 好差评 loop (issue 4 §7): every 不满意/非常不满意 rating opens a rectification for the case's
// township with a 15-working-day deadline; the township (or county) admin records the call-back
// (回访) and closes it with a note, and the resident is told it was followed up.
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { AppError } from '../../http/app-error';
import type { Calendar } from '../calendar/calendar';
import { decodeCursor, pageOf } from '../cases/cursor';
import { tell } from '../cases/notices';
import { createCaseRepository } from '../cases/repository';
import { RATING_LABELS } from '../cases/states';
import { requiredText } from '../cases/text-input';
import { isWithinRegion, levelOfCode } from '../regions/codes';
import type { UserRow } from '../users/repository';
import { createRectificationRepository, type RectificationListRow } from './repository';
import type { Rectification, RectificationList, RectificationQuery } from './schemas';

export const RECTIFICATION_WORKING_DAYS = 15;

const NOTE = { label: '说明', max: 500 };
const notFound = () => new AppError(404, 'RECTIFICATION_NOT_FOUND', '没有找到这条整改记录');
const closedAlready = () => new AppError(409, 'RECTIFICATION_CLOSED', '这条整改已经办结了');

export interface OpenRectificationInput {
  caseId: string;
  caseNumber: string;
  serviceName: string;
  villageCode: string;
  level: number;
  comment: string | null;
  at: string;
  calendar: Calendar;
}

// Called inside the rating's transaction: the rectification, its timeline entry and the
// township admins' notices commit with the rating or not at all.
export async function openRectification(trx: Db, input: OpenRectificationInput): Promise<void> {
  const repo = createRectificationRepository(trx);
  const townshipCode = input.villageCode.slice(0, 9);
  const deadlineAt = input.calendar.dueAt(input.at, RECTIFICATION_WORKING_DAYS);
  await repo.insert({
    id: newRowId(),
    case_id: input.caseId,
    township_code: townshipCode,
    level: input.level,
    deadline_at: deadlineAt,
    status: 'open',
    callback_note: null,
    callback_at: null,
    callback_by: null,
    closing_note: null,
    closed_at: null,
    closed_by: null,
    created_at: input.at,
  });
  const seq = await createCaseRepository(trx).appendEvent({
    caseId: input.caseId,
    action: 'rectification_opened',
    fromStatus: 'completed',
    toStatus: 'completed',
    actorId: null,
    actorRole: 'system',
    data: { deadlineAt },
    at: input.at,
  });
  const label = RATING_LABELS[input.level];
  await tell(trx, await repo.townshipAdmins(townshipCode), {
    caseId: input.caseId,
    eventKey: `case:${input.caseId}:event:${seq}`,
    kind: 'rectification_opened',
    title: '差评待整改',
    body: `办件 ${input.caseNumber}「${input.serviceName}」收到“${label}”评价${input.comment ? `：${input.comment}` : ''}。请在15个工作日内回访整改。`,
    wechat: { template: 'rectification', data: { number: input.caseNumber, service: input.serviceName, status: '待整改', note: input.comment ?? label } },
  });
}

// A township admin follows up their township; a county admin the whole county.
function scopePrefix(user: UserRow): string {
  const scope = user.scope_code ?? '';
  const level = levelOfCode(scope);
  if ((user.role === 'township_admin' && level === 'township') || (user.role === 'county_admin' && level === 'county')) return scope;
  throw new AppError(403, 'SCOPE_FORBIDDEN', '您没有管辖的乡镇或县，不能查看整改');
}

export function createRectificationService({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  const toView = (row: RectificationListRow, now: Date): Rectification => ({
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    service: { code: row.service_code, name: row.service_name },
    village: { code: row.village_code, name: row.village_name },
    level: row.level,
    levelLabel: RATING_LABELS[row.level],
    comment: row.rating_comment,
    status: row.status,
    deadlineAt: row.deadline_at,
    overdue: row.status === 'open' && now.getTime() > Date.parse(row.deadline_at),
    callbackNote: row.callback_note,
    callbackAt: row.callback_at,
    closingNote: row.closing_note,
    closedAt: row.closed_at,
    createdAt: row.created_at,
  });

  const findVisible = async (trx: Db, user: UserRow, id: string) => {
    const row = await createRectificationRepository(trx).find(id);
    if (!row || !isWithinRegion(row.township_code, scopePrefix(user))) throw notFound();
    return row;
  };

  // Timeline entry on the case, so the resident sees the follow-up where they look.
  const record = async (trx: Db, row: RectificationListRow, user: UserRow, action: string, note: string, at: string) => {
    const cases = createCaseRepository(trx);
    const c = await cases.findCase(row.case_id);
    await cases.touch(row.case_id, at);
    return cases.appendEvent({ caseId: row.case_id, action, fromStatus: c?.status ?? null, toStatus: c?.status ?? 'completed', actorId: user.id, actorRole: user.role, note, at });
  };

  return {
    async list(user: UserRow, query: RectificationQuery): Promise<RectificationList> {
      const limit = query.limit ?? 20;
      const rows = await createRectificationRepository(db).list({ townshipPrefix: scopePrefix(user), status: query.status }, { limit, after: decodeCursor(query.cursor) });
      const page = pageOf(rows, limit, (r) => r.created_at);
      const now = clock();
      return { items: page.rows.map((r) => toView(r, now)), nextCursor: page.nextCursor };
    },

    async callback(user: UserRow, id: string, input: { note?: string }): Promise<Rectification> {
      const note = requiredText(input.note, NOTE, { code: 'NOTE_REQUIRED', message: '请写下回访的情况' });
      const now = clock();
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await findVisible(trx, user, id);
        if (!(await createRectificationRepository(trx).setCallback(id, note, user.id, at))) throw closedAlready();
        await record(trx, row, user, 'rectification_callback', note, at);
        return toView((await createRectificationRepository(trx).find(id))!, now);
      });
    },

    async close(user: UserRow, id: string, input: { note?: string }): Promise<Rectification> {
      const note = requiredText(input.note, NOTE, { code: 'NOTE_REQUIRED', message: '请写下整改的结果' });
      const now = clock();
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const repo = createRectificationRepository(trx);
        const row = await findVisible(trx, user, id);
        if (row.status === 'closed') throw closedAlready();
        if (!row.callback_at) throw new AppError(409, 'CALLBACK_REQUIRED', '请先回访群众，再办结整改');
        if (!(await repo.close(id, note, user.id, at))) throw closedAlready();
        const seq = await record(trx, row, user, 'rectification_closed', note, at);
        await tell(trx, [row.resident_id], {
          caseId: row.case_id,
          eventKey: `case:${row.case_id}:event:${seq}`,
          kind: 'rectification_closed',
          title: '您的评价已处理',
          body: `您对「${row.service_name}」的评价，乡镇已回访并整改：${note}`,
          wechat: { template: 'rectification', data: { number: row.case_number, service: row.service_name, status: '已整改', note } },
        });
        return toView((await repo.find(id))!, now);
      });
    },
  };
}

export type RectificationService = ReturnType<typeof createRectificationService>;
