// Kysely queries of the band: rule versions and the period's observation scores.
import type { Db } from '../../db/database';
import type { BandRuleTable } from '../../db/schema';

export type RuleRow = BandRuleTable & { created_by_name: string | null };

export function createBandRepository(db: Db) {
  const versions = () => db.selectFrom('band_rules as r').leftJoin('users as u', 'u.id', 'r.created_by').selectAll('r').select('u.name as created_by_name');
  return {
    latest(): Promise<RuleRow | undefined> {
      return versions().orderBy('r.version', 'desc').limit(1).executeTakeFirst();
    },

    version(version: number): Promise<RuleRow | undefined> {
      return versions().where('r.version', '=', version).executeTakeFirst();
    },

    history(limit: number): Promise<RuleRow[]> {
      return versions().orderBy('r.version', 'desc').limit(limit).execute();
    },

    // False when another change took this version number first.
    async insert(row: BandRuleTable): Promise<boolean> {
      const result = await db.insertInto('band_rules').values(row).onConflict((oc) => oc.column('version').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    visitsIn(months: string[], prefix: string) {
      if (!months.length) return Promise.resolve([]);
      return db
        .selectFrom('observation_visits')
        .select(['village_code', 'month', 'total', 'max_total'])
        .where('month', 'in', months)
        .where('village_code', 'like', `${prefix}%`)
        .execute();
    },
  };
}
