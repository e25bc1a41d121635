// Kysely queries of 月观摩: standards, draws, visits with their scores and photos. Takes a Db or a
// transaction.
import type { Db } from '../../db/database';
import type { ObservationDrawTable, ObservationScoreTable, ObservationVisitTable } from '../../db/schema';

export type DrawRow = ObservationDrawTable & { drawn_by_name: string | null };
export type VisitRow = ObservationVisitTable & { visited_by_name: string | null };
export interface Page {
  limit: number;
  after?: { value: string; id: string };
}

export function createObservationRepository(db: Db) {
  const draws = () =>
    db
      .selectFrom('observation_draws as d')
      .leftJoin('users as u', 'u.id', 'd.drawn_by')
      .selectAll('d')
      .select('u.name as drawn_by_name');
  const visits = () =>
    db
      .selectFrom('observation_visits as v')
      .leftJoin('users as u', 'u.id', 'v.visited_by')
      .selectAll('v')
      .select('u.name as visited_by_name');

  return {
    standards() {
      return db.selectFrom('observation_standards').selectAll().orderBy('sort').orderBy('code').execute();
    },

    // The draw's candidate list: every living room in the region, by village code.
    async livingRoomsIn(prefix: string): Promise<string[]> {
      const rows = await db.selectFrom('living_rooms').select('village_code').where('village_code', 'like', `${prefix}%`).orderBy('village_code').execute();
      return rows.map((r) => r.village_code);
    },

    async regionNames(codes: string[]): Promise<Map<string, string>> {
      const unique = [...new Set(codes)];
      if (!unique.length) return new Map();
      const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', unique).execute();
      return new Map(rows.map((r) => [r.code, r.name]));
    },

    async regionLevel(code: string): Promise<string | undefined> {
      return (await db.selectFrom('regions').select('level').where('code', '=', code).executeTakeFirst())?.level;
    },

    // False when the month already has a draw for this region.
    async insertDraw(row: ObservationDrawTable): Promise<boolean> {
      const result = await db.insertInto('observation_draws').values(row).onConflict((oc) => oc.columns(['month', 'scope_code']).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    findDraw(id: string): Promise<DrawRow | undefined> {
      return draws().where('d.id', '=', id).executeTakeFirst();
    },

    listDraws(filter: { scopes: { exact: string[]; prefix?: string }; month?: string }, page: Page): Promise<DrawRow[]> {
      let q = draws().where((eb) => {
        const any = [eb('d.scope_code', 'in', filter.scopes.exact.length ? filter.scopes.exact : ['-'])];
        if (filter.scopes.prefix) any.push(eb('d.scope_code', 'like', `${filter.scopes.prefix}%`));
        return eb.or(any);
      });
      if (filter.month) q = q.where('d.month', '=', filter.month);
      // Newest first, by keyset: a page never repeats or skips a row.
      const after = page.after;
      if (after) q = q.where((eb) => eb.or([eb('d.created_at', '<', after.value), eb.and([eb('d.created_at', '=', after.value), eb('d.id', '<', after.id)])]));
      return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(page.limit + 1).execute();
    },

    // The visit of each of these villages in the month, if scored.
    async visitsOf(month: string, villageCodes: string[]): Promise<Map<string, { id: string; total: number }>> {
      if (!villageCodes.length) return new Map();
      const rows = await db.selectFrom('observation_visits').select(['id', 'village_code', 'total']).where('month', '=', month).where('village_code', 'in', villageCodes).execute();
      return new Map(rows.map((r) => [r.village_code, { id: r.id, total: r.total }]));
    },

    // False when the village already has a visit that month.
    async insertVisit(row: ObservationVisitTable, scores: ObservationScoreTable[]): Promise<boolean> {
      const result = await db.insertInto('observation_visits').values(row).onConflict((oc) => oc.columns(['village_code', 'month']).doNothing()).executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await db.insertInto('observation_scores').values(scores).execute();
      return true;
    },

    findVisit(id: string): Promise<VisitRow | undefined> {
      return visits().where('v.id', '=', id).executeTakeFirst();
    },

    scoresOf(visitId: string) {
      return db
        .selectFrom('observation_scores as s')
        .innerJoin('observation_standards as st', 'st.code', 's.standard_code')
        .select(['s.standard_code', 's.score', 's.max_score', 's.note', 'st.category', 'st.title', 'st.checks', 'st.sort'])
        .where('s.visit_id', '=', visitId)
        .orderBy('st.sort')
        .execute();
    },

    async photosOf(visitId: string): Promise<string[]> {
      const rows = await db.selectFrom('attachments').select('id').where('visit_id', '=', visitId).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => r.id);
    },

    listVisits(filter: { prefix: string; month?: string; village?: string }, page: Page): Promise<VisitRow[]> {
      let q = visits().where('v.village_code', 'like', `${filter.prefix}%`);
      if (filter.month) q = q.where('v.month', '=', filter.month);
      if (filter.village) q = q.where('v.village_code', '=', filter.village);
      const after = page.after;
      if (after) q = q.where((eb) => eb.or([eb('v.created_at', '<', after.value), eb.and([eb('v.created_at', '=', after.value), eb('v.id', '<', after.id)])]));
      return q.orderBy('v.created_at', 'desc').orderBy('v.id', 'desc').limit(page.limit + 1).execute();
    },
  };
}

export type ObservationRepository = ReturnType<typeof createObservationRepository>;
