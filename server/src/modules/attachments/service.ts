// Photos of documents: stored under UPLOAD_DIR with random names, shown only to the uploader and,
// once a case claims them, to that case's parties. Anyone else is told it does not exist.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/database';
import { newRowId } from '../../db/row-id';
import { AppError } from '../../http/app-error';
import type { UserRow } from '../users/repository';
import { canReadAttachment } from './claim';
import { IMAGE_EXTENSIONS, sniffImage } from './image-type';
import type { AttachmentRepository } from './repository';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
// Uploads no case claimed within a day were abandoned (a closed form, a failed send).
const UNCLAIMED_TTL_MS = 24 * 3600_000;
const SWEEP_BATCH = 200;

export interface StoredAttachment {
  id: string;
  mime: string;
  size: number;
}

export function createAttachmentService({ db, repo, uploadDir }: { db: Db; repo: AttachmentRepository; uploadDir: string }) {
  const notFound = () => new AppError(404, 'ATTACHMENT_NOT_FOUND', '没有找到这张图片');

  return {
    async upload(user: UserRow, bytes: Buffer): Promise<StoredAttachment> {
      if (bytes.length > MAX_IMAGE_BYTES) throw fileTooLarge();
      const mime = sniffImage(bytes);
      if (!mime) throw new AppError(415, 'FILE_NOT_IMAGE', '只能上传照片（JPG、PNG 或 WebP 格式）');
      const fileName = `${randomBytes(16).toString('hex')}.${IMAGE_EXTENSIONS[mime]}`;
      await fs.mkdir(uploadDir, { recursive: true });
      const file = path.join(uploadDir, fileName);
      await fs.writeFile(file, bytes, { flag: 'wx' });
      const id = newRowId();
      try {
        await repo.insert({ id, uploader_id: user.id, case_id: null, file_name: fileName, mime, size: bytes.length, created_at: new Date().toISOString() });
      } catch (err) {
        await fs.rm(file, { force: true });
        throw err;
      }
      return { id, mime, size: bytes.length };
    },

    async open(user: UserRow, id: string): Promise<{ file: string; mime: string; size: number }> {
      if (!(await canReadAttachment(db, id, user))) throw notFound();
      const row = await repo.findById(id);
      if (!row) throw notFound();
      const file = path.join(uploadDir, row.file_name);
      try {
        await fs.access(file);
      } catch {
        throw notFound();
      }
      return { file, mime: row.mime, size: row.size };
    },

    // Safe from any number of processes at once: a row goes only while still unclaimed.
    async sweepUnclaimed(now: Date = new Date()): Promise<number> {
      const rows = await repo.listUnclaimedBefore(new Date(now.getTime() - UNCLAIMED_TTL_MS).toISOString(), SWEEP_BATCH);
      let removed = 0;
      for (const row of rows) {
        if (!(await repo.deleteIfUnclaimed(row.id))) continue;
        await fs.rm(path.join(uploadDir, row.file_name), { force: true });
        removed++;
      }
      return removed;
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;

export function fileTooLarge(): AppError {
  return new AppError(413, 'FILE_TOO_LARGE', '图片不能超过 5 MB，请换一张或压缩后再上传');
}
