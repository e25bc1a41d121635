// 月观摩 standards and the first version of the band rules: the standards as listed in code win
// (like the group kinds); a rule version is seeded only while there is none, since the county
// changes the rules through the API and every change is a new version.
import { DEFAULT_BAND_RULES } from '../../modules/bands/rules';
import { OBSERVATION_STANDARDS } from '../../modules/observations/standards';
import type { Db } from '../database';

export async function seedOversight(db: Db): Promise<{ standards: number; ruleVersions: number }> {
  for (const s of OBSERVATION_STANDARDS) {
    const row = { code: s.code, category: s.category, title: s.title, checks: s.checks, max_score: s.maxScore, sort: s.sort };
    await db
      .insertInto('observation_standards')
      .values(row)
      .onConflict((oc) => oc.column('code').doUpdateSet({ category: row.category, title: row.title, checks: row.checks, max_score: row.max_score, sort: row.sort }))
      .execute();
  }
  await db
    .insertInto('band_rules')
    .values({ version: 1, rules: JSON.stringify(DEFAULT_BAND_RULES), note: '默认规则', created_by: null, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  const versions = await db.selectFrom('band_rules').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return { standards: OBSERVATION_STANDARDS.length, ruleVersions: Number(versions.n) };
}
