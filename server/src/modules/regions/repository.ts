// Kysely queries of regions and living rooms; turns rows (0/1 flags, JSON text) back into objects.
// Takes a Db or a transaction, so the import and the demo seed write through it atomically.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { LivingRoomTable, RegionTable } from '../../db/schema';
import { pathCodes } from './codes';
import type { LivingRoom, RegionSummary, Room } from './schemas';

export type RegionRow = RegionTable;
export type LivingRoomRow = Selectable<LivingRoomTable>;
export type NewLivingRoom = Insertable<LivingRoomTable>;

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

// Keeps every statement's parameters far below SQLite's and PostgreSQL's limits.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function summary(row: RegionRow): RegionSummary {
  return { code: row.code, name: row.name, level: row.level, parentCode: row.parent_code };
}

export function createRegionsRepository(db: Db) {
  async function regionsByCode(codes: readonly string[]): Promise<Map<string, RegionRow>> {
    const found = new Map<string, RegionRow>();
    for (const part of chunks([...new Set(codes)])) {
      const rows = await db.selectFrom('regions').selectAll().where('code', 'in', part).execute();
      for (const row of rows) found.set(row.code, row);
    }
    return found;
  }

  return {
    regionsByCode,

    async listCounties(): Promise<RegionSummary[]> {
      const rows = await db.selectFrom('regions').selectAll().where('level', '=', 'county').orderBy('sort').orderBy('code').execute();
      return rows.map(summary);
    },

    async listChildren(parentCode: string): Promise<RegionSummary[]> {
      const rows = await db.selectFrom('regions').selectAll().where('parent_code', '=', parentCode).orderBy('sort').orderBy('code').execute();
      return rows.map(summary);
    },

    async findRegion(code: string): Promise<RegionRow | undefined> {
      return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
    },

    // County first, the region itself last; shorter when a level is missing.
    async findPath(code: string): Promise<RegionRow[]> {
      const found = await regionsByCode(pathCodes(code));
      return pathCodes(code).flatMap((c) => found.get(c) ?? []);
    },

    async findLivingRoom(villageCode: string): Promise<LivingRoom | undefined> {
      const row = await db
        .selectFrom('living_rooms as lr')
        .innerJoin('regions as v', 'v.code', 'lr.village_code')
        .innerJoin('regions as t', 't.code', 'v.parent_code')
        .selectAll('lr')
        .select(['v.name as villageName', 't.name as townshipName'])
        .where('lr.village_code', '=', villageCode)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        villageCode: row.village_code,
        villageName: row.villageName,
        townshipName: row.townshipName,
        name: row.name,
        address: row.address,
        lat: row.lat,
        lng: row.lng,
        hours: row.hours,
        phone: row.phone,
        proxyPoint: row.proxy_point === 1,
        rooms: JSON.parse(row.rooms) as Room[],
        slotCapacity: row.slot_capacity,
        updatedAt: row.updated_at,
      };
    },

    // Writes only the rows that are new or differ, parents before children (the foreign key).
    async upsertRegions(rows: readonly RegionRow[]): Promise<UpsertCounts> {
      const existing = await regionsByCode(rows.map((r) => r.code));
      const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
      const changed: RegionRow[] = [];
      for (const row of rows) {
        const old = existing.get(row.code);
        if (!old) counts.created += 1;
        else if (old.name !== row.name || old.level !== row.level || old.parent_code !== row.parent_code || old.sort !== row.sort) counts.updated += 1;
        else {
          counts.unchanged += 1;
          continue;
        }
        changed.push(row);
      }
      const depth = (r: RegionRow) => r.code.length;
      for (const part of chunks([...changed].sort((a, b) => depth(a) - depth(b)))) {
        // An upsert even for "new" rows: another process may be seeding the same regions.
        await db
          .insertInto('regions')
          .values(part)
          .onConflict((oc) =>
            oc.column('code').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              level: eb.ref('excluded.level'),
              parent_code: eb.ref('excluded.parent_code'),
              sort: eb.ref('excluded.sort'),
            })),
          )
          .execute();
      }
      return counts;
    },

    async livingRoomsByCode(codes: readonly string[]): Promise<Map<string, LivingRoomRow>> {
      const found = new Map<string, LivingRoomRow>();
      for (const part of chunks([...new Set(codes)])) {
        const rows = await db.selectFrom('living_rooms').selectAll().where('village_code', 'in', part).execute();
        for (const row of rows) found.set(row.village_code, row);
      }
      return found;
    },

    // Inserts the living rooms that do not exist yet; an existing one is left as it is.
    async insertMissingLivingRooms(rows: readonly NewLivingRoom[]): Promise<void> {
      for (const part of chunks(rows)) {
        await db.insertInto('living_rooms').values(part).onConflict((oc) => oc.column('village_code').doNothing()).execute();
      }
    },

    // Inserts or overwrites every given field; a field left out (slot_capacity) keeps its value.
    async upsertLivingRooms(rows: readonly NewLivingRoom[]): Promise<void> {
      for (const row of rows) {
        const { village_code: _code, ...fields } = row;
        await db
          .insertInto('living_rooms')
          .values(row)
          .onConflict((oc) => oc.column('village_code').doUpdateSet(fields))
          .execute();
      }
    },

    async renameLivingRoom(villageCode: string, name: string, updatedAt: string): Promise<void> {
      await db.updateTable('living_rooms').set({ name, updated_at: updatedAt }).where('village_code', '=', villageCode).execute();
    },
  };
}

export type RegionsRepository = ReturnType<typeof createRegionsRepository>;
