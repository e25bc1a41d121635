// Kysely queries of cases: the row and its timeline, messages, materials receipt and rating, the
// per-day number counter, and the lists (mine, workbench). Takes a Db or a transaction.
import { sql, type Compilable } from 'kysely';
import { isPostgres, type Db } from '../../db/database';
import { insertRows, precompiled } from '../../db/precompiled';
import { newRowId } from '../../db/row-id';
import { UNFLUSHED } from '../../db/unflushed';
import type { CaseEventTable, CaseTable } from '../../db/schema';
import type { Half, SlotRef } from '../duty/slots';
import { OPEN_STATES, type CaseState } from './states';

export type CaseRow = CaseTable;
export type CaseEventRow = CaseEventTable;

export interface NewEvent {
  caseId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string;
  note?: string | null;
  data?: Record<string, unknown> | null;
  at: string;
}

export interface CaseCount {
  villageCode: string;
  states: readonly CaseState[];
  assigneeId?: string;
  closedSince?: string;
}

// Keyset paging: the sort value and the id of the last row shown.
export interface Page {
  limit: number;
  after?: { value: string; id: string };
}

// One line of a list: the case with what a list shows of its service, resident and rating.
function listBase(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('services', 'services.code', 'cases.service_code')
    .innerJoin('users', 'users.id', 'cases.resident_id')
    .leftJoin('ratings', 'ratings.case_id', 'cases.id')
    .selectAll('cases')
    .select(['services.name as service_name', 'users.name as resident_name', 'users.phone as resident_phone', 'ratings.level as rating_level']);
}

type ListQuery = ReturnType<typeof listBase>;
export type CaseListRow = Awaited<ReturnType<ListQuery['executeTakeFirstOrThrow']>>;

// The day's case counter, one up (see numberTaking below).
const numberTaking = precompiled((db, { day }: { day: string }) => {
  const insert = db.insertInto('case_counters');
  return (
    isPostgres(db)
      ? insert.columns(['day', 'last']).expression(db.selectNoFrom((eb) => [eb.val(day).as('day'), sql.lit(1).as('last')]).where(UNFLUSHED))
      : insert.values({ day, last: 1 })
  )
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`${sql.ref('case_counters.last')} + 1` }))
    .returning('last');
});

export function createCaseRepository(db: Db) {
  // Rows after the cursor in (column, id) order, one more than asked so the caller knows if
  // another page follows.
  const paged = (query: ListQuery, column: 'cases.created_at' | 'cases.due_at' | 'cases.closed_at', direction: 'asc' | 'desc', page: Page) => {
    let q = query;
    if (page.after) {
      const { value, id } = page.after;
      const op = direction === 'asc' ? '>' : '<';
      q = q.where((eb) => eb.or([eb(column, op, value), eb.and([eb(column, '=', value), eb('cases.id', op, id)])]));
    }
    return q.orderBy(column, direction).orderBy('cases.id', direction).limit(page.limit + 1).execute();
  };

  return {
    async findService(code: string) {
      return db
        .selectFrom('services')
        .select(['code', 'name', 'promised_days', 'ch_proxy', 'ch_online', 'ch_appointment', 'data'])
        .where('code', '=', code)
        .executeTakeFirst();
    },

    async findCase(id: string): Promise<CaseRow | undefined> {
      return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findListRow(id: string): Promise<CaseListRow | undefined> {
      return listBase(db).where('cases.id', '=', id).executeTakeFirst();
    },

    // The day's counter moves in one upsert, so two cases never share a number; answers `last`.
    // Taken outside the case's transaction, without a flush of its own: the case that uses the
    // number commits after it, and flushing that commit flushes the counter's earlier log with it.
    // PostgreSQL: the statement's text says so; SQLite: how it is sent (writeAndRead's `unflushed`).
    numberTaking: (day: string) => numberTaking(db, { day }),

    // A new case and its first event, for the caller to send with its other writes.
    newCaseWrites(row: CaseRow, first: CaseEventRow): Compilable[] {
      return [insertRows(db, 'cases', [row]), insertRows(db, 'case_events', [first])];
    },

    // The one way a case row changes: only while it still is as the caller saw it. Zero rows
    // means someone else moved it first.
    async updateIf(id: string, expected: { status: CaseState; assigneeId?: string | null; slot?: { date: string; half: Half } | null }, patch: Partial<CaseRow>): Promise<boolean> {
      let q = db.updateTable('cases').set(patch).where('id', '=', id).where('status', '=', expected.status);
      if (expected.assigneeId !== undefined) {
        q = expected.assigneeId === null ? q.where('assignee_id', 'is', null) : q.where('assignee_id', '=', expected.assigneeId);
      }
      if (expected.slot !== undefined) {
        q = expected.slot === null ? q.where('slot_date', 'is', null) : q.where('slot_date', '=', expected.slot.date).where('slot_half', '=', expected.slot.half);
      }
      const result = await q.executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    // Writes that do not change the status (a message, a material) still take the case row's lock
    // first, so the timeline's seq is handed out one writer at a time.
    async touch(id: string, at: string): Promise<boolean> {
      const result = await db.updateTable('cases').set({ updated_at: at }).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    // Another open case of this resident already holding the slot (the unique index is the
    // final word under races; this gives the plain answer first).
    async holdsSlot(residentId: string, slot: SlotRef, exceptCaseId?: string): Promise<boolean> {
      let q = db
        .selectFrom('cases')
        .select('id')
        .where('resident_id', '=', residentId)
        .where('village_code', '=', slot.villageCode)
        .where('slot_date', '=', slot.date)
        .where('slot_half', '=', slot.half)
        .where('status', 'in', OPEN_STATES);
      if (exceptCaseId) q = q.where('id', '!=', exceptCaseId);
      return (await q.executeTakeFirst()) !== undefined;
    },

    async appendEvent(e: NewEvent): Promise<number> {
      const last = await db
        .selectFrom('case_events')
        .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
        .where('case_id', '=', e.caseId)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      await db.insertInto('case_events').values({
        id: newRowId(),
        case_id: e.caseId,
        seq,
        action: e.action,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        actor_id: e.actorId,
        actor_role: e.actorRole,
        note: e.note ?? null,
        data: e.data ? JSON.stringify(e.data) : null,
        created_at: e.at,
      }).execute();
      return seq;
    },

    async events(caseId: string) {
      return db
        .selectFrom('case_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.seq', 'e.action', 'e.from_status', 'e.to_status', 'e.actor_id', 'e.actor_role', 'e.note', 'e.data', 'e.created_at', 'u.name as actor_name'])
        .where('e.case_id', '=', caseId)
        .orderBy('e.seq')
        .execute();
    },

    async messages(caseId: string) {
      return db
        .selectFrom('case_messages as m')
        .leftJoin('users as u', 'u.id', 'm.author_id')
        .select(['m.id', 'm.author_id', 'm.body', 'm.attachment_ids', 'm.created_at', 'u.name as author_name', 'u.role as author_role'])
        .where('m.case_id', '=', caseId)
        .orderBy('m.created_at')
        .orderBy('m.id')
        .execute();
    },

    async insertMessage(row: { id: string; caseId: string; authorId: string; body: string; attachmentIds: string[]; at: string }): Promise<void> {
      await db
        .insertInto('case_messages')
        .values({ id: row.id, case_id: row.caseId, author_id: row.authorId, body: row.body, attachment_ids: JSON.stringify(row.attachmentIds), created_at: row.at })
        .execute();
    },

    async materials(caseId: string) {
      return db
        .selectFrom('case_materials as m')
        .leftJoin('users as r', 'r.id', 'm.received_by')
        .leftJoin('users as b', 'b.id', 'm.returned_by')
        .select(['m.id', 'm.name', 'm.form', 'm.copies', 'm.note', 'm.received_at', 'm.returned_at', 'r.name as received_by_name', 'b.name as returned_by_name'])
        .where('m.case_id', '=', caseId)
        .orderBy('m.received_at')
        .orderBy('m.id')
        .execute();
    },

    async insertMaterial(row: { id: string; caseId: string; name: string; form: string; copies: number; note: string | null; by: string; at: string }): Promise<void> {
      await db
        .insertInto('case_materials')
        .values({
          id: row.id,
          case_id: row.caseId,
          name: row.name,
          form: row.form,
          copies: row.copies,
          note: row.note,
          received_at: row.at,
          received_by: row.by,
          returned_at: null,
          returned_by: null,
        })
        .execute();
    },

    async findMaterial(caseId: string, materialId: string) {
      return db.selectFrom('case_materials').selectAll().where('case_id', '=', caseId).where('id', '=', materialId).executeTakeFirst();
    },

    // Only a material not yet handed back: a double tap records one return.
    async markReturned(materialId: string, by: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('case_materials')
        .set({ returned_at: at, returned_by: by })
        .where('id', '=', materialId)
        .where('returned_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async rating(caseId: string) {
      return db.selectFrom('ratings').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    },

    // The primary key on case_id keeps it to one rating, even for two taps at once.
    async insertRating(row: { caseId: string; level: number; comment: string | null; at: string }): Promise<boolean> {
      const result = await db
        .insertInto('ratings')
        .values({ case_id: row.caseId, level: row.level, comment: row.comment, created_at: row.at })
        .onConflict((oc) => oc.column('case_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async rectification(caseId: string) {
      return db
        .selectFrom('rectifications')
        .select(['status', 'deadline_at', 'callback_at', 'closed_at', 'closing_note'])
        .where('case_id', '=', caseId)
        .executeTakeFirst();
    },

    async findUser(id: string) {
      return db.selectFrom('users').select(['id', 'name', 'phone', 'role', 'scope_code', 'deleted_at']).where('id', '=', id).executeTakeFirst();
    },

    // The resident's own cases, newest first.
    async listMine(residentId: string, states: readonly CaseState[] | undefined, page: Page): Promise<CaseListRow[]> {
      let q = listBase(db).where('cases.resident_id', '=', residentId);
      if (states) q = q.where('cases.status', 'in', states);
      return paged(q, 'cases.created_at', 'desc', page);
    },

    // 待受理: oldest first, which is also accept-by order (it only grows with the arrival time),
    // so the overdue ones lead.
    async listSubmitted(villageCode: string, page: Page): Promise<CaseListRow[]> {
      return paged(listBase(db).where('cases.village_code', '=', villageCode).where('cases.status', '=', 'submitted'), 'cases.created_at', 'asc', page);
    },

    // By due time: an overdue case is due earliest, so it comes first.
    async listByDue(villageCode: string, states: readonly CaseState[], assigneeId: string | undefined, page: Page): Promise<CaseListRow[]> {
      let q = listBase(db).where('cases.village_code', '=', villageCode).where('cases.status', 'in', states);
      if (assigneeId) q = q.where('cases.assignee_id', '=', assigneeId);
      return paged(q, 'cases.due_at', 'asc', page);
    },

    async listClosedSince(villageCode: string, states: readonly CaseState[], since: string, page: Page): Promise<CaseListRow[]> {
      const q = listBase(db).where('cases.village_code', '=', villageCode).where('cases.status', 'in', states).where('cases.closed_at', '>=', since);
      return paged(q, 'cases.closed_at', 'desc', page);
    },

    // Several counts of the village's cases in one statement (one round trip on PostgreSQL).
    async counts<K extends string>(filters: Record<K, CaseCount>): Promise<Record<K, number>> {
      const keys = Object.keys(filters) as K[];
      const row = await db
        .selectNoFrom(() =>
          keys.map((k) => {
            const f = filters[k];
            let q = db
              .selectFrom('cases')
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .where('village_code', '=', f.villageCode)
              .where('status', 'in', f.states);
            if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
            if (f.closedSince) q = q.where('closed_at', '>=', f.closedSince);
            return q.as(k);
          }),
        )
        .$castTo<Record<K, number | string>>()
        .executeTakeFirstOrThrow();
      return Object.fromEntries(keys.map((k) => [k, Number(row[k])])) as Record<K, number>;
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
