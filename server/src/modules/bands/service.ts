// The 好/中/差 band (issue 6): for a period, each village in the admin's region is scored under the
// county's current rule version from its service figures and its 月观摩 scores, month by month as
// well, and flagged when 差 in enough months. County admins change the rules; each change is a
// new version, so an old band can be recomputed exactly as it was.
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import type { CsvFile } from '../../http/csv';
import { optionalText } from '../cases/text-input';
import { computeVillageFigures, emptyFigures } from '../figures/compute';
import { monthsOf, parsePeriod } from '../figures/period';
import type { Period } from '../figures/types';
import { adminScope, narrowTo, scopeForbidden } from '../observations/admin-scope';
import type { UserRow } from '../users/repository';
import { bandsCsv } from './csv';
import { createBandRepository, type RuleRow } from './repository';
import { COMPONENT_LABELS, COMPONENTS, parseStoredRules, sameRules, validateRules } from './rules';
import type { BandList, BandQuery, PutRulesInput, RulesResponse, RuleVersion, VillageBand } from './schemas';
import { scoreVillage, type Band, type ObservationFigure } from './score';

const HISTORY = 20;
const NOTE = { label: '修改说明', max: 100 };
const BAND_ORDER: Record<Band, number> = { poor: 0, fair: 1, good: 2 };

const versionView = (row: RuleRow): RuleVersion => ({
  version: row.version,
  rules: parseStoredRules(row.rules),
  note: row.note,
  createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name } : null,
  createdAt: row.created_at,
});

interface VisitScore {
  village_code: string;
  month: string;
  total: number;
  max_total: number;
}

function observationOf(visits: VisitScore[]): ObservationFigure {
  if (!visits.length) return { visits: 0, share: null, averageTotal: null };
  const share = visits.reduce((sum, v) => sum + v.total / v.max_total, 0) / visits.length;
  const averageTotal = visits.reduce((sum, v) => sum + v.total, 0) / visits.length;
  return { visits: visits.length, share, averageTotal };
}

export function createBandService({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  const repo = createBandRepository(db);

  const rulesAt = async (version?: number): Promise<RuleRow> => {
    const row = version === undefined ? await repo.latest() : await repo.version(version);
    if (!row) throw new AppError(404, 'RULES_NOT_FOUND', version === undefined ? '还没有评定规则' : `没有第 ${version} 版评定规则`);
    return row;
  };

  return {
    async rules(user: UserRow): Promise<RulesResponse> {
      adminScope(user);
      const current = await rulesAt();
      return {
        current: versionView(current),
        history: (await repo.history(HISTORY)).map(versionView),
        components: COMPONENTS.map((name) => ({ name, label: COMPONENT_LABELS[name] })),
      };
    },

    // A new version, unless the rules are unchanged (so a resent request adds nothing).
    async putRules(user: UserRow, input: PutRulesInput): Promise<RuleVersion> {
      if (adminScope(user).level !== 'county') throw scopeForbidden('评定规则由县里制定');
      const { note: rawNote, ...proposed } = input;
      const rules = validateRules(proposed);
      const note = optionalText(rawNote, NOTE);
      const current = await rulesAt();
      if (sameRules(parseStoredRules(current.rules), rules)) return versionView(current);
      const version = current.version + 1;
      const inserted = await repo.insert({ version, rules: JSON.stringify(rules), note, created_by: user.id, created_at: clock().toISOString() });
      if (!inserted) throw new AppError(409, 'RULES_CHANGED', '规则刚被别人改过，请刷新后再改');
      return versionView((await repo.version(version))!);
    },

    // The same list as a spreadsheet, with the reasons, for the county's meetings.
    async exportCsv(user: UserRow, query: BandQuery): Promise<CsvFile> {
      const list = await this.bands(user, query);
      return { fileName: `好中差评定-${list.period}.csv`, asciiName: `bands-${list.period}.csv`, body: bandsCsv(list) };
    },

    async bands(user: UserRow, query: BandQuery): Promise<BandList> {
      const prefix = narrowTo(adminScope(user), query.township);
      const period = parsePeriod(query.period);
      const now = clock();
      if (Date.parse(period.fromInstant) > now.getTime()) throw new AppError(400, 'PERIOD_IN_FUTURE', '这个时段还没开始，没有可评定的数据');
      const ruleRow = await rulesAt(query.ruleVersion);
      const rules = parseStoredRules(ruleRow.rules);
      const months = monthsOf(period).filter((m) => Date.parse(m.fromInstant) <= now.getTime());
      const scope = prefix.length === 9 ? { townshipCode: prefix } : undefined;
      const figuresOf = async (p: Period) => (await computeVillageFigures(db, p, scope, { now })).filter((v) => v.villageCode.startsWith(prefix));
      // A month's own figures are its only monthly row: computed once.
      const [whole, ...byMonth] = period.kind === 'month' ? await figuresOf(period).then((f) => [f, ...months.map(() => f)]) : await Promise.all([figuresOf(period), ...months.map(figuresOf)]);
      const visits = await repo.visitsIn(
        months.map((m) => m.key),
        prefix,
      );

      const monthMaps = byMonth.map((rows) => new Map(rows.map((x) => [x.villageCode, x])));
      const visitsOf = new Map<string, VisitScore[]>();
      for (const x of visits) visitsOf.set(x.village_code, [...(visitsOf.get(x.village_code) ?? []), x]);

      const items = whole.map((v): VillageBand => {
        const own = visitsOf.get(v.villageCode) ?? [];
        const result = scoreVillage(v, observationOf(own), rules);
        const monthly = months.map((m, i) => {
          const figures = monthMaps[i].get(v.villageCode) ?? { ...v, ...emptyFigures() };
          const r = scoreVillage(figures, observationOf(own.filter((x) => x.month === m.key)), rules);
          return { month: m.key, band: r.band, label: r.label, score: r.score };
        });
        const poorMonths = monthly.filter((m) => m.band === 'poor').map((m) => m.month);
        const flagged = poorMonths.length >= rules.flagAfterPoor;
        return {
          villageCode: v.villageCode,
          villageName: v.villageName,
          townshipCode: v.townshipCode,
          townshipName: v.townshipName,
          ...result,
          monthly,
          flagged,
          flagNote: flagged ? `${poorMonths.join('、')} 共 ${poorMonths.length} 个月评为差，按规则（${rules.flagAfterPoor} 次及以上）列入督办` : null,
          ruleVersion: ruleRow.version,
        };
      });
      items.sort((a, b) => Number(b.flagged) - Number(a.flagged) || BAND_ORDER[a.band] - BAND_ORDER[b.band] || a.villageCode.localeCompare(b.villageCode));
      return { period: period.key, months: months.map((m) => m.key), ruleVersion: ruleRow.version, rules, items };
    },
  };
}

export type BandService = ReturnType<typeof createBandService>;
