// Service figures per village, township or county for one period, computed set-based: seven
// GROUP BY queries by village (whatever the number of villages) give additive tallies, which add
// up exactly to township and county rows; medians are not additive, so one more query takes the
// median over the raw rows of each village, township and county (never a mean of medians).
import { sql, type RawBuilder } from 'kysely';
import { isPostgres, type Db } from '../../db/database';
import type { FiguresScope, Period, VillageFigures } from './types';

export type FigureLevel = 'village' | 'township' | 'county';

// Every figure of a row, without the names (shared by village, township and county rows).
export type FigureValues = Omit<VillageFigures, 'villageCode' | 'villageName' | 'townshipCode' | 'townshipName'>;

export interface AreaFigures extends FigureValues {
  level: 'township' | 'county';
  code: string;
  name: string;
  // Villages the row covers (including those with no cases).
  villages: number;
}

export interface AllFigures {
  villages: VillageFigures[];
  townships: AreaFigures[];
  counties: AreaFigures[];
}

export interface ComputeOptions {
  // The clock: overdue counts and "held" stop here when the period has not ended yet.
  now?: Date;
}

const KEY_LENGTH: Record<FigureLevel, number> = { village: 12, township: 9, county: 6 };
export const SATISFIED_MIN = 4;
export const BAD_MAX = 2;

export function emptyFigures(): FigureValues {
  return {
    cases: 0,
    byChannel: { proxy: 0, online: 0, appointment: 0 },
    byService: {},
    medianAcceptMinutes: null,
    onTimeShare: null,
    overdueNow: 0,
    tripsSaved: 0,
    ratings: 0,
    satisfiedShare: null,
    badRatings: 0,
    rectificationsOpen: 0,
    rectificationsClosed: 0,
    groupsActive: 0,
    activitiesHeld: 0,
    talksHeld: 0,
    attendance: 0,
  };
}

// What adds up across villages: counts, and the numerators and denominators of the shares.
interface Tally {
  figures: FigureValues;
  completed: number;
  onTime: number;
  satisfied: number;
}

const emptyTally = (): Tally => ({ figures: emptyFigures(), completed: 0, onTime: 0, satisfied: 0 });

function addInto(to: Tally, from: Tally): void {
  const a = to.figures;
  const b = from.figures;
  a.cases += b.cases;
  a.byChannel.proxy += b.byChannel.proxy;
  a.byChannel.online += b.byChannel.online;
  a.byChannel.appointment += b.byChannel.appointment;
  for (const [code, n] of Object.entries(b.byService)) a.byService[code] = (a.byService[code] ?? 0) + n;
  a.overdueNow += b.overdueNow;
  a.tripsSaved += b.tripsSaved;
  a.ratings += b.ratings;
  a.badRatings += b.badRatings;
  a.rectificationsOpen += b.rectificationsOpen;
  a.rectificationsClosed += b.rectificationsClosed;
  // Each group has one scope, so distinct groups per scope add up to distinct groups overall.
  a.groupsActive += b.groupsActive;
  a.activitiesHeld += b.activitiesHeld;
  a.talksHeld += b.talksHeld;
  a.attendance += b.attendance;
  to.completed += from.completed;
  to.onTime += from.onTime;
  to.satisfied += from.satisfied;
}

function finish(t: Tally, medianSeconds: number | undefined): FigureValues {
  return {
    ...t.figures,
    medianAcceptMinutes: medianSeconds === undefined ? null : Math.round((medianSeconds / 60) * 10) / 10,
    onTimeShare: t.completed > 0 ? t.onTime / t.completed : null,
    satisfiedShare: t.figures.ratings > 0 ? t.satisfied / t.figures.ratings : null,
  };
}

// PostgreSQL returns counts (bigint) and averages (numeric) as strings.
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function scopeFilter(column: string, scope: FiguresScope | undefined): RawBuilder<unknown> {
  if (scope?.villageCode) return sql`and ${sql.ref(column)} = ${scope.villageCode}`;
  if (scope?.townshipCode) return sql`and ${sql.ref(column)} like ${`${scope.townshipCode}%`}`;
  return sql``;
}

// Whole seconds between two ISO text columns, the same on both dialects.
function secondsBetween(db: Db, from: string, to: string): RawBuilder<number> {
  if (isPostgres(db)) return sql<number>`(floor(extract(epoch from ${sql.ref(to)}::timestamptz)) - floor(extract(epoch from ${sql.ref(from)}::timestamptz)))`;
  return sql<number>`(cast(strftime('%s', ${sql.ref(to)}) as integer) - cast(strftime('%s', ${sql.ref(from)}) as integer))`;
}

// SQLite's planner often picks another index (or the primary key) and then reads each case row
// from the table; the covering indexes of migration 0012 answer from the index alone, 2–15×
// faster on a year of a county's cases (measured with bench/county-figures.ts).
function using(db: Db, index: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql`` : sql`indexed by ${sql.id(index)}`;
}

// The instant figures about "now" are taken at: the period's end, or now if it has not ended.
export function asOfInstant(period: Period, now: Date): string {
  return now.getTime() < Date.parse(period.toInstant) ? now.toISOString() : period.toInstant;
}

// Additive tallies keyed by village code; activities of township-wide groups under the township.
async function tallies(db: Db, period: Period, scope: FiguresScope | undefined, asOf: string): Promise<Map<string, Tally>> {
  const from = period.fromInstant;
  const to = period.toInstant;
  const inScope = scopeFilter('c.village_code', scope);
  const out = new Map<string, Tally>();
  const row = (k: string): Tally => {
    let r = out.get(k);
    if (!r) out.set(k, (r = emptyTally()));
    return r;
  };

  const [opened, completed, overdue, ratings, rectifications, activities, talks] = await Promise.all([
    sql<{ k: string; channel: string; service_code: string; n: unknown; saved: unknown }>`
      select c.village_code as k, c.channel, c.service_code, count(*) as n,
        sum(case when s.trips = 1 and c.channel in ('proxy', 'online') and c.status not in ('cancelled', 'rejected') then 1 else 0 end) as saved
      from cases c ${using(db, 'cases_figures_created_idx')} left join services s on s.code = c.service_code
      where c.created_at >= ${from} and c.created_at < ${to} ${inScope}
      group by c.village_code, c.channel, c.service_code`.execute(db),
    sql<{ k: string; n: unknown; on_time: unknown }>`
      select c.village_code as k, count(*) as n, sum(case when c.due_at is null or c.closed_at <= c.due_at then 1 else 0 end) as on_time
      from cases c ${using(db, 'cases_figures_closed_idx')}
      where c.closed_at >= ${from} and c.closed_at < ${to} and c.status = 'completed' ${inScope}
      group by c.village_code`.execute(db),
    // Open at the as-of instant (created before it, not closed by it) and past due by then: still
    // open now, or closed only later; two index ranges rather than a scan of every case.
    sql<{ k: string; n: unknown }>`
      select k, sum(n) as n from (
        select c.village_code as k, count(*) as n from cases c ${using(db, 'cases_figures_closed_idx')}
        where c.closed_at is null and c.due_at < ${asOf} and c.created_at < ${asOf} ${inScope} group by c.village_code
        union all
        select c.village_code as k, count(*) as n from cases c ${using(db, 'cases_figures_closed_idx')}
        where c.closed_at >= ${asOf} and c.due_at < ${asOf} and c.created_at < ${asOf} ${inScope} group by c.village_code
      ) open_then group by k`.execute(db),
    sql<{ k: string; n: unknown; satisfied: unknown; bad: unknown }>`
      select c.village_code as k, count(*) as n,
        sum(case when g.level >= ${sql.lit(SATISFIED_MIN)} then 1 else 0 end) as satisfied,
        sum(case when g.level <= ${sql.lit(BAD_MAX)} then 1 else 0 end) as bad
      from ratings g ${using(db, 'ratings_figures_created_idx')} inner join cases c ${using(db, 'cases_figures_village_idx')} on c.id = g.case_id
      where g.created_at >= ${from} and g.created_at < ${to} ${inScope}
      group by c.village_code`.execute(db),
    sql<{ k: string; open: unknown; closed: unknown }>`
      select c.village_code as k,
        sum(case when r.status = 'open' then 1 else 0 end) as open,
        sum(case when r.status = 'closed' then 1 else 0 end) as closed
      from rectifications r inner join cases c ${using(db, 'cases_figures_village_idx')} on c.id = r.case_id
      where r.created_at >= ${from} and r.created_at < ${to} ${inScope}
      group by c.village_code`.execute(db),
    // Held: approved and started within the period, before now. Check-ins counted per activity
    // through its index, not by joining every sign-up and counting distinct.
    sql<{ k: string; held: unknown; groups: unknown; attended: unknown }>`
      select g.scope_code as k, count(*) as held, count(distinct a.group_id) as groups,
        sum((select count(*) from activity_signups s where s.activity_id = a.id and s.checked_in_at is not null and s.status <> 'cancelled')) as attended
      from activities a inner join groups g on g.id = a.group_id
      where a.starts_at >= ${from} and a.starts_at < ${to} and a.starts_at < ${asOf} and a.review_status = 'approved' ${scopeFilter('g.scope_code', scope)}
      group by g.scope_code`.execute(db),
    sql<{ k: string; held: unknown; attended: unknown }>`
      select t.village_code as k, count(*) as held,
        sum((select count(*) from talk_signups ts where ts.talk_id = t.id and ts.attended = 1)) as attended
      from talks t
      where t.starts_at >= ${from} and t.starts_at < ${to} and t.starts_at < ${asOf} and t.topic_status = 'approved' ${scopeFilter('t.village_code', scope)}
      group by t.village_code`.execute(db),
  ]);

  for (const r of opened.rows) {
    const f = row(r.k).figures;
    const n = num(r.n);
    f.cases += n;
    if (r.channel === 'proxy' || r.channel === 'online' || r.channel === 'appointment') f.byChannel[r.channel] += n;
    f.byService[r.service_code] = (f.byService[r.service_code] ?? 0) + n;
    f.tripsSaved += num(r.saved);
  }
  for (const r of completed.rows) {
    const t = row(r.k);
    t.completed = num(r.n);
    t.onTime = num(r.on_time);
  }
  for (const r of overdue.rows) row(r.k).figures.overdueNow = num(r.n);
  for (const r of ratings.rows) {
    const t = row(r.k);
    t.figures.ratings = num(r.n);
    t.satisfied = num(r.satisfied);
    t.figures.badRatings = num(r.bad);
  }
  for (const r of rectifications.rows) {
    const f = row(r.k).figures;
    f.rectificationsOpen = num(r.open);
    f.rectificationsClosed = num(r.closed);
  }
  for (const r of activities.rows) {
    const f = row(r.k).figures;
    f.activitiesHeld = num(r.held);
    f.groupsActive = num(r.groups);
    f.attendance += num(r.attended);
  }
  for (const r of talks.rows) {
    const f = row(r.k).figures;
    f.talksHeld = num(r.held);
    f.attendance += num(r.attended);
  }
  return out;
}

// Median seconds from created to accepted, of cases accepted in the period, for every region of
// the given levels, keyed by region code, over the raw rows. PostgreSQL: percentile_cont(0.5)
// with grouping sets; SQLite: its median() aggregate (the percentile extension built into
// better-sqlite3), else row_number() windows. All three give the middle value, or the mean of the
// middle two; the aggregates are ~7× faster than windows (measured on a year of a county's cases).
// `windows` forces the portable form (tests compare it with the aggregate one).
export async function medianSeconds(db: Db, period: Period, scope: FiguresScope | undefined, levels: FigureLevel[], windows = false): Promise<Map<string, number>> {
  const accepted = sql`
    select c.village_code as v, ${secondsBetween(db, 'c.created_at', 'c.accepted_at')} as s
    from cases c ${using(db, 'cases_figures_accepted_idx')}
    where c.accepted_at >= ${period.fromInstant} and c.accepted_at < ${period.toInstant} ${scopeFilter('c.village_code', scope)}`;
  const keyOf = (level: FigureLevel) => (level === 'village' ? sql`v` : sql`substr(v, 1, ${sql.lit(KEY_LENGTH[level])})`);
  let rows: { k: string; median: unknown }[];
  if (isPostgres(db) && !windows) {
    const sets = sql.join(levels.map((l) => sql`(${sql.raw(l)})`));
    const result = await sql<{ k: string; median: unknown }>`
      select coalesce(${sql.join(levels.map((l) => sql.raw(l)))}) as k, percentile_cont(0.5) within group (order by s) as median
      from (select ${sql.join(levels.map((l) => sql`${keyOf(l)} as ${sql.raw(l)}`))}, s from (${accepted}) d) keyed
      group by grouping sets (${sets})`.execute(db);
    rows = result.rows;
  } else if (!windows && !isPostgres(db) && sqliteHasMedian.get(db) !== false) {
    try {
      const result = await sql<{ k: string; median: unknown }>`
        with d as (${accepted})
        ${sql.join(
          levels.map((l) => sql`select ${keyOf(l)} as k, median(s) as median from d group by 1`),
          sql` union all `,
        )}`.execute(db);
      sqliteHasMedian.set(db, true);
      rows = result.rows;
    } catch (err) {
      if (!/no such function: median/i.test(String(err))) throw err;
      sqliteHasMedian.set(db, false);
      return medianSeconds(db, period, scope, levels, true);
    }
  } else {
    const result = await sql<{ k: string; median: unknown }>`
      with d as (${accepted}), keyed as (${sql.join(
        levels.map((l) => sql`select ${keyOf(l)} as k, s from d`),
        sql` union all `,
      )}), r as (
        select k, s, row_number() over (partition by k order by s) as rn, count(*) over (partition by k) as n from keyed
      )
      select k, avg(s) as median from r where rn in ((n + 1) / 2, (n + 2) / 2) group by k`.execute(db);
    rows = result.rows;
  }
  return new Map(rows.map((r) => [r.k, num(r.median)]));
}

// Whether this SQLite build has median(); learnt on first use.
const sqliteHasMedian = new WeakMap<Db, boolean>();

interface RegionRow {
  code: string;
  name: string;
  sort: number;
}

async function regionsIn(db: Db, level: FigureLevel, scope?: FiguresScope): Promise<RegionRow[]> {
  let q = db.selectFrom('regions').select(['code', 'name', 'sort']).where('level', '=', level);
  const within = scope?.villageCode ?? scope?.townshipCode;
  if (within) q = within.length >= KEY_LENGTH[level] ? q.where('code', '=', within.slice(0, KEY_LENGTH[level])) : q.where('code', 'like', `${within}%`);
  return q.orderBy('sort').orderBy('code').execute();
}

// Village, township and county rows for the scope (every region in it, zeros where nothing
// happened), from one pass over the data: the levels asked for get their medians.
export async function computeFigures(db: Db, period: Period, scope: FiguresScope = {}, options: ComputeOptions = {}, levels: FigureLevel[] = ['village', 'township', 'county']): Promise<AllFigures> {
  const asOf = asOfInstant(period, options.now ?? new Date());
  const [villages, townships, counties, byKey, medians] = await Promise.all([
    regionsIn(db, 'village', scope),
    regionsIn(db, 'township', scope),
    // A county row only for the whole county: a narrower scope's tallies would understate it.
    levels.includes('county') && !scope.townshipCode && !scope.villageCode ? regionsIn(db, 'county') : Promise.resolve([]),
    tallies(db, period, scope, asOf),
    medianSeconds(db, period, scope, levels),
  ]);

  // Every tally into its own region and each one above it.
  const sums = new Map<string, Tally>();
  for (const [key, t] of byKey) {
    for (const level of ['village', 'township', 'county'] as const) {
      if (key.length < KEY_LENGTH[level]) continue;
      const code = key.slice(0, KEY_LENGTH[level]);
      let s = sums.get(code);
      if (!s) sums.set(code, (s = emptyTally()));
      addInto(s, t);
    }
  }
  const valuesOf = (code: string) => finish(sums.get(code) ?? emptyTally(), medians.get(code));

  const townshipNames = new Map(townships.map((t) => [t.code, t.name]));
  // Townships in their order, then each township's villages in theirs (sort is per parent).
  const townshipRank = new Map(townships.map((t, i) => [t.code, i]));
  const rank = (code: string) => townshipRank.get(code.slice(0, KEY_LENGTH.township)) ?? townships.length;
  villages.sort((a, b) => rank(a.code) - rank(b.code) || a.sort - b.sort || (a.code < b.code ? -1 : 1));
  const area = (level: 'township' | 'county') => (a: RegionRow): AreaFigures => ({
    level,
    code: a.code,
    name: a.name,
    villages: villages.filter((v) => v.code.startsWith(a.code)).length,
    ...valuesOf(a.code),
  });
  return {
    villages: levels.includes('village')
      ? villages.map((v) => {
          const townshipCode = v.code.slice(0, KEY_LENGTH.township);
          return { villageCode: v.code, villageName: v.name, townshipCode, townshipName: townshipNames.get(townshipCode) ?? townshipCode, ...valuesOf(v.code) };
        })
      : [],
    townships: levels.includes('township') ? townships.map(area('township')) : [],
    counties: counties.map(area('county')),
  };
}

// One row per village in scope, every village included (zeros when nothing happened there).
export async function computeVillageFigures(db: Db, period: Period, scope?: FiguresScope, options: ComputeOptions = {}): Promise<VillageFigures[]> {
  return (await computeFigures(db, period, scope, options, ['village'])).villages;
}

// Township rows (every township in scope) or the county row, from the raw data.
export async function computeAreaFigures(db: Db, period: Period, level: 'township' | 'county', scope?: FiguresScope, options: ComputeOptions = {}): Promise<AreaFigures[]> {
  const all = await computeFigures(db, period, scope, options, [level]);
  return level === 'township' ? all.townships : all.counties;
}
