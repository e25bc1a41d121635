// Queries of catalogue editing: the editable row, the version rows, and the guarded update.
import type { Db } from '../../db/database';
import { serviceRow } from '../../db/seed';
import type { ServiceItem } from './content';
import type { Change } from './editing-schemas';

export interface EditableRow {
  code: string;
  version: number;
  editedAt: string | null;
  updatedAt: string;
  item: ServiceItem;
}

export interface VersionRow {
  version: number;
  item: ServiceItem;
  changes: Change[];
  changedBy: { id: string; name: string } | null;
  changedAt: string;
  restoredFrom: number | null;
}

export interface NewVersion {
  code: string;
  version: number;
  item: ServiceItem;
  changes: Change[];
  changedBy: { id: string; name: string } | null;
  changedAt: string;
  restoredFrom: number | null;
}

type VersionDbRow = {
  version: number;
  data: string;
  changes: string;
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: string;
  restored_from: number | null;
};

const toVersion = (r: VersionDbRow): VersionRow => ({
  version: Number(r.version),
  item: JSON.parse(r.data) as ServiceItem,
  changes: JSON.parse(r.changes) as Change[],
  changedBy: r.changed_by ? { id: r.changed_by, name: r.changed_by_name ?? '' } : null,
  changedAt: r.changed_at,
  restoredFrom: r.restored_from === null ? null : Number(r.restored_from),
});

const VERSION_COLUMNS = ['version', 'data', 'changes', 'changed_by', 'changed_by_name', 'changed_at', 'restored_from'] as const;

export function createVersionsRepository(db: Db) {
  return {
    async findEditable(code: string): Promise<EditableRow | undefined> {
      const row = await db.selectFrom('services').select(['code', 'version', 'edited_at', 'updated_at', 'data']).where('code', '=', code).executeTakeFirst();
      if (!row) return undefined;
      return { code: row.code, version: Number(row.version), editedAt: row.edited_at, updatedAt: row.updated_at, item: JSON.parse(row.data) as ServiceItem };
    },

    async categoryCodes(): Promise<{ code: string }[]> {
      return db.selectFrom('categories').select('code').execute();
    },

    async nameTakenByOther(name: string, code: string): Promise<boolean> {
      const row = await db.selectFrom('services').select('code').where('name', '=', name).where('code', '!=', code).executeTakeFirst();
      return row !== undefined;
    },

    // Newest first; versions below `before` when paging.
    async listVersions(code: string, limit: number, before?: number): Promise<VersionRow[]> {
      let query = db.selectFrom('service_versions').select(VERSION_COLUMNS).where('code', '=', code);
      if (before !== undefined) query = query.where('version', '<', before);
      return (await query.orderBy('version', 'desc').limit(limit).execute()).map(toVersion);
    },

    async findVersion(code: string, version: number): Promise<VersionRow | undefined> {
      const row = await db.selectFrom('service_versions').select(VERSION_COLUMNS).where('code', '=', code).where('version', '=', version).executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    async insertVersion(v: NewVersion): Promise<void> {
      await db
        .insertInto('service_versions')
        .values({
          code: v.code,
          version: v.version,
          data: JSON.stringify(v.item),
          changes: JSON.stringify(v.changes),
          changed_by: v.changedBy?.id ?? null,
          changed_by_name: v.changedBy?.name ?? null,
          changed_at: v.changedAt,
          restored_from: v.restoredFrom,
        })
        // Version 1 is written lazily by whichever edit comes first; a second writer finds it there.
        .onConflict((oc) => oc.columns(['code', 'version']).doNothing())
        .execute();
    },

    // Compare-and-set on the version: false when someone else saved first (on any process).
    async updateService(item: ServiceItem, fromVersion: number, toVersion: number, at: string): Promise<boolean> {
      // The seed hash is left as it was: it records the last seed content, not this edit.
      const { seed_hash: _seedHash, ...row } = serviceRow(item);
      const result = await db
        .updateTable('services')
        .set({ ...row, version: toVersion, edited_at: at, updated_at: at })
        .where('code', '=', item.code)
        .where('version', '=', fromVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type VersionsRepository = ReturnType<typeof createVersionsRepository>;
