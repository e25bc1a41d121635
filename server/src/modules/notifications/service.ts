// 消息: a signed-in person sees and marks only their own notifications; anyone else's is "not found".
import { AppError } from '../../http/app-error';
import type { UserRow } from '../users/repository';
import type { NotificationPosition, NotificationRepository, NotificationRow } from './repository';
import type { NotificationItem, NotificationList, NotificationQuery } from './schemas';

const DEFAULT_LIMIT = 20;

export function createNotificationService(repo: NotificationRepository) {
  return {
    async list(user: UserRow, query: NotificationQuery): Promise<NotificationList> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      // One extra row tells whether another page exists.
      const rows = await repo.list(user.id, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toItem),
        nextCursor: rows.length > limit ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
        unread: await repo.countUnread(user.id),
      };
    },

    async markRead(user: UserRow, id: string): Promise<{ unread: number }> {
      if (!(await repo.exists(user.id, id))) throw new AppError(404, 'NOTIFICATION_NOT_FOUND', '没有找到这条消息，请刷新后再试');
      await repo.markRead(user.id, new Date().toISOString(), id);
      return { unread: await repo.countUnread(user.id) };
    },

    async markAllRead(user: UserRow): Promise<{ unread: number }> {
      await repo.markRead(user.id, new Date().toISOString());
      return { unread: await repo.countUnread(user.id) };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

function toItem(row: NotificationRow): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    caseId: row.case_id,
    read: row.read_at !== null,
    createdAt: row.created_at,
  };
}

// Opaque to clients: the position of the last row shown.
function encodeCursor(position: NotificationPosition): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt, i: position.id })).toString('base64url');
}

function decodeCursor(cursor: string): NotificationPosition {
  try {
    const { c, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { c: unknown; i: unknown };
    if (typeof c === 'string' && typeof i === 'string') return { createdAt: c, id: i };
  } catch {
    // Falls through: a cursor that does not parse is as wrong as one of the wrong shape.
  }
  throw new AppError(400, 'BAD_CURSOR', '翻页位置不对，请从第一页重新查看');
}
