// Kysely queries for a person's notifications; every query is scoped to one user.
import type { Db } from '../../db/database';
import type { NotificationTable } from '../../db/schema';

export type NotificationRow = NotificationTable;

// Keyset paging: newest first, ties broken by id, so a page never repeats or skips a row.
export interface NotificationPosition {
  createdAt: string;
  id: string;
}

export function createNotificationRepository(db: Db) {
  return {
    async list(userId: string, limit: number, after?: NotificationPosition): Promise<NotificationRow[]> {
      let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
      if (after) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
        );
      }
      return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },

    async countUnread(userId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async exists(userId: string, id: string): Promise<boolean> {
      const row = await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return row !== undefined;
    },

    // Already-read rows keep their first read time.
    async markRead(userId: string, at: string, id?: string): Promise<void> {
      let query = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (id !== undefined) query = query.where('id', '=', id);
      await query.execute();
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
