// Catalogue editing (issue #6): county admins change an item with the seed's own rules, every
// change is a numbered version (who, when, what) and any earlier version can be restored.
// Residents read the services row, which each edit rewrites with all its derived columns, so they
// always see the current version and the response ETags change with it.
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { runIdempotent, type IdempotentResponse } from '../../http/idempotency';
import type { UserRow } from '../users/repository';
import { canonical, diffItems } from './changes';
import type { ServiceItem } from './content';
import type { EditableItem, EditInput, VersionDetail, VersionList, VersionSummary } from './editing-schemas';
import { parseItemInput } from './item-input';
import { itemProblems, type Problem } from './validate';
import { createVersionsRepository, type EditableRow, type VersionRow } from './versions-repository';

const DEFAULT_PAGE = 20;

export class ItemInvalidError extends AppError {
  constructor(readonly problems: Problem[]) {
    super(400, 'ITEM_INVALID', `有 ${problems.length} 处需要修改，请看各项下面的提示`);
  }
}

const notFound = () => new AppError(404, 'SERVICE_NOT_FOUND', '没有找到这个办事事项，请返回目录重新查找');
const versionNotFound = () => new AppError(404, 'VERSION_NOT_FOUND', '没有这个历史版本，请刷新历史列表');
const conflict = () => new AppError(409, 'VERSION_CONFLICT', '别人刚刚保存过这个事项，请重新载入后再改');

// Optional texts left empty in the form mean "none", so they do not count as a change.
function withoutEmptyOptionals(item: ServiceItem): ServiceItem {
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  const { tripsNote, ...rest } = item;
  return {
    ...rest,
    ...(blank(tripsNote) ? {} : { tripsNote }),
    materials: item.materials.map(({ note, ...m }) => ({ ...m, ...(blank(note) ? {} : { note }) })),
    flow: { steps: item.flow.steps.map((s) => ({ ...s, next: s.next.map(({ label, ...n }) => ({ ...n, ...(blank(label) ? {} : { label }) })) })) },
  };
}

const view = (row: EditableRow): EditableItem => ({ code: row.code, version: row.version, edited: row.editedAt !== null, updatedAt: row.updatedAt, item: row.item });

// An item never edited has no version rows yet: its version 1 is the seed content it shows now.
const seedVersion = (row: EditableRow): VersionRow => ({ version: 1, item: row.item, changes: [], changedBy: null, changedAt: row.updatedAt, restoredFrom: null });

const summary = (v: VersionRow, current: number): VersionSummary => ({
  version: v.version,
  changedAt: v.changedAt,
  changedBy: v.changedBy,
  changes: v.changes,
  restoredFrom: v.restoredFrom,
  current: v.version === current,
});

export function createCatalogueEditing({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  const editor = (user: UserRow) => ({ id: user.id, name: user.name ?? '县级管理员' });

  const editable = async (trx: Db, code: string): Promise<EditableRow> => {
    const row = await createVersionsRepository(trx).findEditable(code);
    if (!row) throw notFound();
    return row;
  };

  // The same item rules as the seed, plus what only an edit can get wrong.
  const problemsOf = async (trx: Db, code: string, item: ServiceItem): Promise<Problem[]> => {
    const repo = createVersionsRepository(trx);
    const problems = itemProblems(item, await repo.categoryCodes());
    if (item.code !== code) problems.unshift({ path: 'code', message: '事项编码不能修改' });
    if (item.name.trim() && (await repo.nameTakenByOther(item.name, code))) problems.push({ path: 'name', message: '已有同名的事项，请换个名称' });
    return problems;
  };

  // Writes `next` as the new current version, or answers the unchanged item when nothing differs.
  const commit = async (trx: Db, user: UserRow, row: EditableRow, next: ServiceItem, restoredFrom: number | null): Promise<EditableItem> => {
    const changes = diffItems(row.item, next);
    if (changes.length === 0 && canonical(row.item) === canonical(next)) return view(row);
    const repo = createVersionsRepository(trx);
    const at = clock().toISOString();
    if (row.version === 1) await repo.insertVersion({ ...seedVersion(row), code: row.code });
    const version = row.version + 1;
    if (!(await repo.updateService(next, row.version, version, at))) throw conflict();
    await repo.insertVersion({ code: row.code, version, item: next, changes, changedBy: editor(user), changedAt: at, restoredFrom });
    return { code: row.code, version, edited: true, updatedAt: at, item: next };
  };

  const once = <T>(user: UserRow, key: string | undefined, route: string, payload: unknown, work: (trx: Db) => Promise<T>): Promise<IdempotentResponse<T>> => {
    const run = async (trx: Db) => ({ statusCode: 200, body: await work(trx) });
    return key ? runIdempotent(db, { userId: user.id, key, route, payload }, run) : db.transaction().execute(run);
  };

  return {
    async get(code: string): Promise<EditableItem> {
      return view(await editable(db, code));
    },

    update(user: UserRow, code: string, input: EditInput, key?: string): Promise<IdempotentResponse<EditableItem>> {
      return once(user, key, `PUT /admin/catalogue/${code}`, input, async (trx) => {
        const row = await editable(trx, code);
        const parsed = parseItemInput(input.item);
        if (!parsed.item) throw new ItemInvalidError(parsed.problems);
        const item = withoutEmptyOptionals(parsed.item);
        const problems = await problemsOf(trx, code, item);
        if (problems.length) throw new ItemInvalidError(problems);
        if (row.version !== input.baseVersion) throw conflict();
        return commit(trx, user, row, item, null);
      });
    },

    async listVersions(code: string, query: { before?: number; limit?: number }): Promise<VersionList> {
      const row = await editable(db, code);
      const limit = query.limit ?? DEFAULT_PAGE;
      let versions: VersionRow[];
      if (row.version === 1) versions = query.before === undefined || query.before > 1 ? [seedVersion(row)] : [];
      else versions = await createVersionsRepository(db).listVersions(code, limit + 1, query.before);
      const page = versions.slice(0, limit);
      return {
        items: page.map((v) => summary(v, row.version)),
        nextBefore: versions.length > limit ? page[page.length - 1].version : null,
      };
    },

    async getVersion(code: string, version: number): Promise<VersionDetail> {
      const row = await editable(db, code);
      const found = row.version === 1 && version === 1 ? seedVersion(row) : await createVersionsRepository(db).findVersion(code, version);
      if (!found) throw versionNotFound();
      return { ...summary(found, row.version), item: found.item };
    },

    restore(user: UserRow, code: string, version: number, baseVersion: number, key?: string): Promise<IdempotentResponse<EditableItem>> {
      return once(user, key, `POST /admin/catalogue/${code}/versions/${version}/restore`, { baseVersion }, async (trx) => {
        const row = await editable(trx, code);
        const found = row.version === 1 && version === 1 ? seedVersion(row) : await createVersionsRepository(trx).findVersion(code, version);
        if (!found) throw versionNotFound();
        if (row.version !== baseVersion) throw conflict();
        // Rules or categories may have changed since that version was saved.
        const problems = await problemsOf(trx, code, found.item);
        if (problems.length) throw new ItemInvalidError(problems);
        return commit(trx, user, row, found.item, version);
      });
    },
  };
}

export type CatalogueEditing = ReturnType<typeof createCatalogueEditing>;
