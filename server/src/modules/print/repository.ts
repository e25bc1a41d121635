// What the print pages read, fresh from the database on every request: an edited guide reprints
// itself the next time anyone prints it.
import type { Db } from '../../db/database';
import { createCatalogueRepository, type ServiceDetail } from '../catalogue/repository';
import type { ServiceItem } from '../catalogue/content';

export interface CategoryEntry {
  code: string;
  name: string;
}

export interface PrintGroup {
  name: string;
  kindName: string;
  leaderName: string | null;
  roomId: string | null;
  roomVillageCode: string | null;
}

export function createPrintRepository(db: Db) {
  const catalogue = createCatalogueRepository(db);
  return {
    findItem: (code: string): Promise<ServiceDetail | undefined> => catalogue.findService(code),

    // Every item in catalogue order (category, then code).
    async allItems(): Promise<ServiceDetail[]> {
      const rows = await db
        .selectFrom('services as s')
        .innerJoin('categories as c', 'c.code', 's.category')
        .select(['s.data', 's.updated_at', 'c.name as categoryName'])
        .orderBy('c.sort')
        .orderBy('s.code')
        .execute();
      return rows.map((r) => ({ ...(JSON.parse(r.data) as ServiceItem), categoryName: r.categoryName, updatedAt: r.updated_at }));
    },

    async categories(): Promise<CategoryEntry[]> {
      return db.selectFrom('categories').select(['code', 'name']).orderBy('sort').execute();
    },

    // Approved groups of the village, or meeting in its living room; a leader's name, never a phone.
    async villageGroups(villageCode: string): Promise<PrintGroup[]> {
      const rows = await db
        .selectFrom('groups as g')
        .innerJoin('group_kinds as k', 'k.code', 'g.kind')
        .leftJoin('users as u', 'u.id', 'g.leader_id')
        .select(['g.name', 'k.name as kindName', 'u.name as leaderName', 'u.deleted_at', 'g.room_id', 'g.room_village_code'])
        .where('g.review_status', '=', 'approved')
        .where((eb) => eb.or([eb('g.scope_code', '=', villageCode), eb('g.room_village_code', '=', villageCode)]))
        .orderBy('k.sort')
        .orderBy('g.created_at')
        .orderBy('g.id')
        .execute();
      return rows.map((r) => ({
        name: r.name,
        kindName: r.kindName,
        leaderName: r.deleted_at ? null : r.leaderName,
        roomId: r.room_id,
        roomVillageCode: r.room_village_code,
      }));
    },
  };
}

export type PrintRepository = ReturnType<typeof createPrintRepository>;
