// 县级统计: a county admin sees the whole county, a township admin only their township; everyone
// else is kept out by the routes. Scope is decided here, the numbers in compute.ts / trend.ts.
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { isWithinRegion, levelOfCode } from '../regions/codes';
import type { UserRow } from '../users/repository';
import { computeAreaFigures, computeFigures, computeVillageFigures } from './compute';
import { areasCsv, villagesCsv } from './csv';
import { isCurrent, lastMonths, monthKeyOf, parsePeriod } from './period';
import type { ExportQuery, FiguresQuery, FiguresView, TrendQuery, TrendView } from './schemas';
import { computeTrend } from './trend';
import type { FiguresScope, Period } from './types';

const forbidden = () => new AppError(403, 'FIGURES_FORBIDDEN', '您只能查看本乡镇（县）的统计');
const notFound = () => new AppError(404, 'REGION_NOT_FOUND', '没有找到这个乡镇或村');

interface Reach {
  // The admin's own region: a county (6 digits) or a township (9).
  home: string;
  level: 'county' | 'township';
}

function reachOf(user: UserRow): Reach {
  const scope = user.scope_code ?? '';
  const level = levelOfCode(scope);
  if (user.role === 'county_admin' && level === 'county') return { home: scope, level };
  if (user.role === 'township_admin' && level === 'township') return { home: scope, level };
  throw forbidden();
}

export function createFiguresService({ db, clock = () => new Date() }: { db: Db; clock?: () => Date }) {
  const regionName = async (code: string): Promise<string> => {
    const row = await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
    if (!row) throw notFound();
    return row.name;
  };

  // The township the caller asked for (checked against their reach), or their own reach.
  const scopeFor = async (user: UserRow, township?: string): Promise<{ reach: Reach; scope: FiguresScope }> => {
    const reach = reachOf(user);
    if (township !== undefined) {
      if (!isWithinRegion(township, reach.home)) throw forbidden();
      await regionName(township);
      return { reach, scope: { townshipCode: township } };
    }
    return { reach, scope: reach.level === 'township' ? { townshipCode: reach.home } : {} };
  };

  const periodOf = (key: string | undefined): Period => parsePeriod(key ?? monthKeyOf(clock()));

  return {
    async figures(user: UserRow, query: FiguresQuery): Promise<FiguresView> {
      const { reach, scope } = await scopeFor(user, query.township);
      const period = periodOf(query.period);
      const now = clock();
      // The county row only for the county admin asking for the whole county.
      const wholeCounty = reach.level === 'county' && !scope.townshipCode;
      const { villages, townships, counties } = await computeFigures(db, period, scope, { now }, wholeCounty ? ['village', 'township', 'county'] : ['village', 'township']);
      const codes = [...new Set(villages.flatMap((v) => Object.keys(v.byService)))];
      const services = codes.length ? await db.selectFrom('services').select(['code', 'name']).where('code', 'in', codes).orderBy('code').execute() : [];
      return {
        period: { key: period.key, kind: period.kind, from: period.from, to: period.to },
        asOf: isCurrent(period, now) ? now.toISOString() : period.toInstant,
        county: counties.find((c) => c.code === reach.home) ?? null,
        townships,
        villages,
        services,
      };
    },

    async exportCsv(user: UserRow, query: ExportQuery): Promise<{ fileName: string; asciiName: string; body: string }> {
      const { scope } = await scopeFor(user, query.township);
      const period = periodOf(query.period);
      const now = clock();
      if (query.level === 'township') {
        const townships = await computeAreaFigures(db, period, 'township', scope, { now });
        return { fileName: `乡镇统计-${period.key}.csv`, asciiName: `figures-townships-${period.key}.csv`, body: areasCsv(townships) };
      }
      return { fileName: `村级统计-${period.key}.csv`, asciiName: `figures-villages-${period.key}.csv`, body: villagesCsv(await computeVillageFigures(db, period, scope, { now })) };
    },

    async trend(user: UserRow, query: TrendQuery): Promise<TrendView> {
      const reach = reachOf(user);
      if (query.village !== undefined && query.township !== undefined && !query.village.startsWith(query.township)) throw notFound();
      const code = query.village ?? query.township ?? reach.home;
      if (!isWithinRegion(code, reach.home)) throw forbidden();
      const name = await regionName(code);
      const months = lastMonths(query.months ?? 12, clock());
      return { region: { level: levelOfCode(code)!, code, name }, months: await computeTrend(db, months, code) };
    },
  };
}

export type FiguresService = ReturnType<typeof createFiguresService>;
