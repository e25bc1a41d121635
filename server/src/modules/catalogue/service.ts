// Catalogue rules: filters, search ranking and paging over the (small) catalogue.
import { AppError } from '../../http/app-error';
import type { CatalogueRepository, CategoryWithCount, ServiceDetail } from './repository';
import type { ServiceList, ServiceQuery } from './schemas';
import { normalizeQuery, rankByQuery } from './search';

const DEFAULT_LIMIT = 100;

export function createCatalogueService(repo: CatalogueRepository) {
  return {
    listCategories(): Promise<CategoryWithCount[]> {
      return repo.listCategories();
    },

    async listServices(query: ServiceQuery): Promise<ServiceList> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
      if (query.category !== undefined && !(await repo.categoryExists(query.category))) {
        throw new AppError(400, 'UNKNOWN_CATEGORY', '没有这个分类，请返回目录重新选择');
      }
      const rows = await repo.listServices({ category: query.category, channel: query.channel });
      const q = normalizeQuery(query.q ?? '');
      // Ranking needs every candidate; the catalogue is tens of rows, so it is done here in memory.
      const matched = q ? rankByQuery(q, rows, (r) => r.search) : rows;
      const end = offset + limit;
      return {
        items: matched.slice(offset, end).map(({ search: _search, ...summary }) => summary),
        nextCursor: end < matched.length ? encodeCursor(end) : null,
      };
    },

    async getService(code: string): Promise<ServiceDetail> {
      const service = await repo.findService(code);
      if (!service) throw new AppError(404, 'SERVICE_NOT_FOUND', '没有找到这个办事事项，请返回目录重新查找');
      return service;
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

// Opaque to clients: a position in the ranked list (a search result has no natural key).
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // Falls through to the same answer as a well-formed but impossible cursor.
  }
  throw new AppError(400, 'BAD_CURSOR', '翻页位置不对，请从第一页重新查看');
}
