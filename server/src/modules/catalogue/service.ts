// Catalogue rules: filters, search ranking and paging over the (small) catalogue. The rows, the
// ranked lists and the serialised answers are kept per catalogue version (versioned-cache.ts):
// a read costs one tiny version query until an edit bumps the version. The holidays calendar is
// kept the same way.
import { AppError } from '../../http/app-error';
import type { Calendar } from '../calendar/calendar';
import type { CatalogueRepository, CategoryWithCount, ServiceDetail, ServiceListing } from './repository';
import type { ServiceList, ServiceQuery } from './schemas';
import { normalizeQuery, rankByQuery } from './search';
import { createVersionedCache, type CachedBody, type Generation } from './versioned-cache';

const DEFAULT_LIMIT = 100;

export type Serialize = (value: unknown) => string;

export function createCatalogueService(repo: CatalogueRepository) {
  const cache = createVersionedCache(() => repo.catalogueVersion());

  const categories = (gen: Generation) => gen.data<CategoryWithCount[]>('categories', () => repo.listCategories());
  // Every item in catalogue order; filters and search work on this in memory (tens of rows).
  const listings = (gen: Generation) => gen.data<ServiceListing[]>('listings', () => repo.listServices({}));

  const listServices = async (gen: Generation, query: ServiceQuery): Promise<ServiceList> => {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
    if (query.category !== undefined && !(await categories(gen)).some((c) => c.code === query.category)) {
      throw new AppError(400, 'UNKNOWN_CATEGORY', '没有这个分类，请返回目录重新选择');
    }
    const { category, channel } = query;
    const rows = (await listings(gen)).filter((r) => (!category || r.category === category) && (!channel || r.channels[channel]));
    const q = normalizeQuery(query.q ?? '');
    // Ranking needs every candidate; the catalogue is tens of rows, so it is done here in memory.
    const matched = q ? rankByQuery(q, rows, (r) => r.search) : rows;
    const end = offset + limit;
    return {
      items: matched.slice(offset, end).map(({ search: _search, ...summary }) => summary),
      nextCursor: end < matched.length ? encodeCursor(end) : null,
    };
  };

  const getService = (gen: Generation, code: string): Promise<ServiceDetail> =>
    gen.data(`item:${code}`, async () => {
      const service = await repo.findService(code);
      if (!service) throw new AppError(404, 'SERVICE_NOT_FOUND', '没有找到这个办事事项，请返回目录重新查找');
      return service;
    });

  // The same answer for the same normalised query; JSON keeps the parts apart unambiguously.
  const listKey = (query: ServiceQuery) =>
    `services:${JSON.stringify([normalizeQuery(query.q ?? ''), query.category ?? null, query.channel ?? null, query.limit ?? DEFAULT_LIMIT, query.cursor ?? null])}`;

  return {
    async listCategories(): Promise<CategoryWithCount[]> {
      return categories(await cache.fresh());
    },

    async listServices(query: ServiceQuery): Promise<ServiceList> {
      return listServices(await cache.fresh(), query);
    },

    async getService(code: string): Promise<ServiceDetail> {
      return getService(await cache.fresh(), code);
    },

    // Working days and holidays (due dates, bookable half-days), kept with the catalogue.
    async calendar(): Promise<Calendar> {
      return (await cache.fresh()).data('calendar', () => repo.calendar());
    },

    // Serialised answers (with the route's own serializer) and their ETags, for the routes.
    async categoriesResponse(serialize: Serialize): Promise<CachedBody> {
      const gen = await cache.fresh();
      return gen.response('categories', async () => serialize({ items: await categories(gen) }));
    },

    async servicesResponse(query: ServiceQuery, serialize: Serialize): Promise<CachedBody> {
      const gen = await cache.fresh();
      return gen.response(listKey(query), async () => serialize(await listServices(gen, query)));
    },

    async serviceResponse(code: string, serialize: Serialize): Promise<CachedBody> {
      const gen = await cache.fresh();
      return gen.response(`item:${code}`, async () => serialize(await getService(gen, code)));
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
