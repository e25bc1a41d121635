// Kysely queries of rectifications (差评整改): opening one, the admins' list, the call-back and
// the closing note. Takes a Db or a transaction.
import type { Db } from '../../db/database';
import type { RectificationTable } from '../../db/schema';

export type RectificationRow = RectificationTable;

function listBase(db: Db) {
  return db
    .selectFrom('rectifications as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('services as s', 's.code', 'c.service_code')
    .innerJoin('regions as v', 'v.code', 'c.village_code')
    .leftJoin('ratings as g', 'g.case_id', 'r.case_id')
    .selectAll('r')
    .select(['c.number as case_number', 'c.village_code', 'c.resident_id', 'c.service_code', 's.name as service_name', 'v.name as village_name', 'g.comment as rating_comment']);
}

export type RectificationListRow = Awaited<ReturnType<ReturnType<typeof listBase>['executeTakeFirstOrThrow']>>;

export function createRectificationRepository(db: Db) {
  return {
    async insert(row: RectificationRow): Promise<void> {
      await db.insertInto('rectifications').values(row).execute();
    },

    async find(id: string): Promise<RectificationListRow | undefined> {
      return listBase(db).where('r.id', '=', id).executeTakeFirst();
    },

    // Open ones oldest first (the nearest deadline leads); closed ones newest first.
    async list(filter: { townshipPrefix: string; status?: 'open' | 'closed' }, page: { limit: number; after?: { value: string; id: string } }) {
      const direction = filter.status === 'open' ? 'asc' : 'desc';
      let q = listBase(db).where('r.township_code', 'like', `${filter.townshipPrefix}%`);
      if (filter.status) q = q.where('r.status', '=', filter.status);
      if (page.after) {
        const { value, id } = page.after;
        const op = direction === 'asc' ? '>' : '<';
        q = q.where((eb) => eb.or([eb('r.created_at', op, value), eb.and([eb('r.created_at', '=', value), eb('r.id', op, id)])]));
      }
      return q.orderBy('r.created_at', direction).orderBy('r.id', direction).limit(page.limit + 1).execute();
    },

    async setCallback(id: string, note: string, by: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('rectifications')
        .set({ callback_note: note, callback_at: at, callback_by: by })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    // Closes only an open one that has had its call-back.
    async close(id: string, note: string, by: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('rectifications')
        .set({ status: 'closed', closing_note: note, closed_at: at, closed_by: by })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .where('callback_at', 'is not', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async townshipAdmins(townshipCode: string): Promise<string[]> {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'township_admin')
        .where('scope_code', '=', townshipCode)
        .where('deleted_at', 'is', null)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}
