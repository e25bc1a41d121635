// Loads the catalogue (11 categories, 56 items) into the database at every start. Idempotent:
// inserts what is missing, rewrites a row only when its seed content changed.
import { createHash } from 'node:crypto';
import type { Category, ServiceItem } from '../../modules/catalogue/content';
import { searchForms } from '../../modules/catalogue/search';
import type { Db } from '../database';
import type { ServiceTable } from '../schema';
import { categories as seedCategories } from './categories';
import { serviceItems } from './services';

export interface SeedResult {
  categories: number;
  inserted: number;
  updated: number;
  unchanged: number;
  // Items a county admin has edited whose seed content changed since: the edit wins, so these
  // seed changes were not applied (set only when there are some).
  keptEdited?: string[];
}

type ServiceRow = Omit<ServiceTable, 'updated_at' | 'version' | 'edited_at'>;

export function serviceRow(item: ServiceItem): ServiceRow {
  const row = {
    code: item.code,
    name: item.name,
    category: item.category,
    department: item.department,
    type: item.type,
    delegated: item.delegated ? 1 : 0,
    trips: item.trips,
    promised_days: item.promisedDays,
    legal_days: item.legalDays,
    ch_proxy: item.channels.proxy ? 1 : 0,
    ch_online: item.channels.online ? 1 : 0,
    ch_appointment: item.channels.appointment ? 1 : 0,
    data: JSON.stringify(item),
    search_name: JSON.stringify(searchForms(item.name)),
    search_text: JSON.stringify(item.keywords.map(searchForms)),
  };
  // Hash the whole derived row, so a change in how search forms are computed also rewrites it.
  return { ...row, seed_hash: createHash('sha256').update(JSON.stringify(row)).digest('hex') };
}

export async function seedCatalogue(
  db: Db,
  items: readonly ServiceItem[] = serviceItems,
  categories: readonly Category[] = seedCategories,
): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    for (const c of categories) {
      await trx
        .insertInto('categories')
        .values(c)
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: c.name, icon: c.icon, description: c.description, sort: c.sort }))
        .execute();
    }

    const existing = new Map(
      (await trx.selectFrom('services').select(['code', 'seed_hash', 'edited_at']).execute()).map((r) => [r.code, r]),
    );
    const result: SeedResult = { categories: categories.length, inserted: 0, updated: 0, unchanged: 0 };
    const now = new Date().toISOString();
    for (const item of items) {
      const row = serviceRow(item);
      const current = existing.get(item.code);
      const hash = current?.seed_hash;
      if (hash === row.seed_hash) {
        result.unchanged += 1;
      } else if (current?.edited_at) {
        // An admin's edit wins over a later seed change; the seed hash stays old, so every start says so.
        result.keptEdited = [...(result.keptEdited ?? []), item.code];
      } else if (hash === undefined) {
        // DO NOTHING: another process starting at the same moment may have inserted it.
        await trx.insertInto('services').values({ ...row, updated_at: now }).onConflict((oc) => oc.column('code').doNothing()).execute();
        result.inserted += 1;
      } else {
        // edited_at is null: an edit committed by another process since the read above still wins.
        await trx.updateTable('services').set({ ...row, updated_at: now }).where('code', '=', item.code).where('edited_at', 'is', null).execute();
        result.updated += 1;
      }
    }
    return result;
  });
}
