// Kysely queries for attachment rows; the files themselves live under UPLOAD_DIR.
import type { Db } from '../../db/database';
import type { AttachmentTable } from '../../db/schema';

export type AttachmentRow = AttachmentTable;

export function createAttachmentRepository(db: Db) {
  return {
    async insert(row: AttachmentRow): Promise<void> {
      await db.insertInto('attachments').values(row).execute();
    },

    async findById(id: string): Promise<AttachmentRow | undefined> {
      return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async listUnclaimedBefore(at: string, limit: number): Promise<AttachmentRow[]> {
      return db.selectFrom('attachments').selectAll().where('case_id', 'is', null).where('visit_id', 'is', null).where('created_at', '<', at).limit(limit).execute();
    },

    // False when a case or a visit claimed it in the meantime: then it stays.
    async deleteIfUnclaimed(id: string): Promise<boolean> {
      const result = await db.deleteFrom('attachments').where('id', '=', id).where('case_id', 'is', null).where('visit_id', 'is', null).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type AttachmentRepository = ReturnType<typeof createAttachmentRepository>;
