// The cadre's workbench (issue 4 §6): the village queue in four tabs — 待受理 (submitted), 我的
// (accepted or in progress, handled by me), 待补充 (waiting for a resident) and 已办结 (closed in
// the last 30 days) — overdue first, then by due time, with a count per tab.
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { loadCalendar, type Calendar } from '../calendar/calendar';
import type { UserRow } from '../users/repository';
import { decodeCursor, pageOf } from './cursor';
import { createCaseRepository, type CaseListRow, type Page } from './repository';
import type { Workbench, WorkbenchQuery, WorkbenchTab } from './schemas';
import { CLOSED_STATES, type CaseState } from './states';
import { toSummary } from './view';

const DONE_DAYS = 30;
const MINE: readonly CaseState[] = ['accepted', 'in_progress'];
const AWAITING: readonly CaseState[] = ['awaiting_resident'];

// `calendar`: the app passes the catalogue's, kept per catalogue version, instead of a read per request.
export function createWorkbenchService({ db, clock = () => new Date(), calendar: loadCal = () => loadCalendar(db) }: { db: Db; clock?: () => Date; calendar?: () => Promise<Calendar> }) {
  return {
    async get(user: UserRow, query: WorkbenchQuery): Promise<Workbench> {
      const village = user.scope_code;
      if (user.role !== 'cadre' || !village) throw new AppError(403, 'SCOPE_FORBIDDEN', '只有村干部可以使用工作台');
      const now = clock();
      const calendar = await loadCal();
      const repo = createCaseRepository(db);
      const tab: WorkbenchTab = query.tab ?? 'pending';
      const limit = query.limit ?? 20;
      const page: Page = { limit, after: decodeCursor(query.cursor) };
      const doneSince = new Date(now.getTime() - DONE_DAYS * 86_400_000).toISOString();

      const lists: Record<WorkbenchTab, () => Promise<{ rows: CaseListRow[]; sortValue: (r: CaseListRow) => string | null }>> = {
        pending: async () => ({ rows: await repo.listSubmitted(village, page), sortValue: (r) => r.created_at }),
        mine: async () => ({ rows: await repo.listByDue(village, MINE, user.id, page), sortValue: (r) => r.due_at }),
        awaiting: async () => ({ rows: await repo.listByDue(village, AWAITING, undefined, page), sortValue: (r) => r.due_at }),
        done: async () => ({ rows: await repo.listClosedSince(village, CLOSED_STATES, doneSince, page), sortValue: (r) => r.closed_at }),
      };
      const [{ rows, sortValue }, counts] = await Promise.all([
        lists[tab](),
        repo.counts({
          pending: { villageCode: village, states: ['submitted'] },
          mine: { villageCode: village, states: MINE, assigneeId: user.id },
          awaiting: { villageCode: village, states: AWAITING },
          done: { villageCode: village, states: CLOSED_STATES, closedSince: doneSince },
        }),
      ]);
      const shown = pageOf(rows, limit, sortValue);
      const ctx = { user, calendar, now };
      return { items: shown.rows.map((r) => toSummary(r, ctx)), nextCursor: shown.nextCursor, counts };
    },
  };
}

export type WorkbenchService = ReturnType<typeof createWorkbenchService>;
