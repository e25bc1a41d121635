// Kysely queries of the catalogue; turns rows (0/1 flags, JSON text) back into objects.
import { CompiledQuery } from 'kysely';
import { sqliteHandle, type Db } from '../../db/database';
import { loadCalendar, type Calendar } from '../calendar/calendar';
import type { Category, ServiceItem } from './content';
import type { Channel, ServiceSummary } from './schemas';
import type { SearchCandidate } from './search';

export interface CategoryWithCount extends Omit<Category, 'sort'> {
  count: number;
}

export interface ServiceListing extends ServiceSummary {
  search: SearchCandidate;
}

export interface ServiceDetail extends ServiceItem {
  categoryName: string;
  updatedAt: string;
}

export interface ServiceFilter {
  category?: string;
  channel?: Channel;
}

const CHANNEL_COLUMNS = { proxy: 'ch_proxy', online: 'ch_online', appointment: 'ch_appointment' } as const;

// Bumped by triggers on every insert, update or delete of services, categories (migration 0011)
// or holidays (0014). On PostgreSQL the id is a parameter so the read stays prepared
// (db/prepared-client.ts names parameterised texts only): parsed and planned afresh each time it
// cost the database about three times as much.
const VERSION_SQL = 'select version from catalogue_version where id = 1';
const VERSION_QUERY = CompiledQuery.raw('select version from catalogue_version where id = $1', [1]);

export function createCatalogueRepository(db: Db) {
  return {
    // Precompiled: it runs on every catalogue read.
    async catalogueVersion(): Promise<string> {
      const handle = sqliteHandle(db);
      // SQLite: this thread's connection only reads (writes go to the writer thread), so read
      // straight from it (Kysely around this read was a fifth of a search).
      if (handle) return String((handle.prepare(VERSION_SQL).get() as { version: number } | undefined)?.version ?? 0);
      const { rows } = await db.executeQuery<{ version: number | string }>(VERSION_QUERY);
      return String(rows[0]?.version ?? 0);
    },

    async listCategories(): Promise<CategoryWithCount[]> {
      const rows = await db
        .selectFrom('categories as c')
        .leftJoin('services as s', 's.category', 'c.code')
        .select((eb) => ['c.code', 'c.name', 'c.icon', 'c.description', 'c.sort', eb.fn.count<string | number>('s.code').as('count')])
        .groupBy(['c.code', 'c.name', 'c.icon', 'c.description', 'c.sort'])
        .orderBy('c.sort')
        .execute();
      // PostgreSQL returns count(*) as a bigint string.
      return rows.map(({ sort: _sort, ...r }) => ({ ...r, count: Number(r.count) }));
    },

    async categoryExists(code: string): Promise<boolean> {
      return (await db.selectFrom('categories').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
    },

    // In catalogue order: by category, then by code.
    async listServices(filter: ServiceFilter): Promise<ServiceListing[]> {
      let query = db
        .selectFrom('services as s')
        .innerJoin('categories as c', 'c.code', 's.category')
        .select([
          's.code',
          's.name',
          's.category',
          'c.name as categoryName',
          's.department',
          's.ch_proxy',
          's.ch_online',
          's.ch_appointment',
          's.trips',
          's.promised_days',
          's.delegated',
          's.search_name',
          's.search_text',
        ])
        .orderBy('c.sort')
        .orderBy('s.code');
      if (filter.category) query = query.where('s.category', '=', filter.category);
      if (filter.channel) query = query.where(`s.${CHANNEL_COLUMNS[filter.channel]}`, '=', 1);
      const rows = await query.execute();
      return rows.map((r) => ({
        code: r.code,
        name: r.name,
        category: r.category,
        categoryName: r.categoryName,
        department: r.department,
        channels: { proxy: r.ch_proxy === 1, online: r.ch_online === 1, appointment: r.ch_appointment === 1 },
        trips: r.trips === 1 ? 1 : 0,
        promisedDays: r.promised_days,
        delegated: r.delegated === 1,
        search: {
          name: JSON.parse(r.search_name),
          keywords: JSON.parse(r.search_text),
          department: r.department,
          categoryName: r.categoryName,
        },
      }));
    },

    // The working-day calendar: holidays change under the same version as the catalogue.
    calendar(): Promise<Calendar> {
      return loadCalendar(db);
    },

    async findService(code: string): Promise<ServiceDetail | undefined> {
      const row = await db
        .selectFrom('services as s')
        .innerJoin('categories as c', 'c.code', 's.category')
        .select(['s.data', 's.updated_at', 'c.name as categoryName'])
        .where('s.code', '=', code)
        .executeTakeFirst();
      if (!row) return undefined;
      return { ...(JSON.parse(row.data) as ServiceItem), categoryName: row.categoryName, updatedAt: row.updated_at };
    },
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
