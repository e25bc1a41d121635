// Fills DATABASE_URL with a county's worth of data (issue 7 §2), fast: batched multi-row inserts,
// one transaction per batch. `npm run gen:scale -- --villages 463 --residents 800000 --cases 2000000`
// Distributions: ~20 townships; residents per village skewed (log-normal); cases over the last
// year, weekdays busier, the common items (低保, 医保缴费, 社保卡) far more frequent; channels;
// mostly closed; most completed cases rated, mostly well; a timeline event per step.
import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import { loadConfig } from '../src/config';
import { createDatabase, type Db } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { CaseEventTable, CaseTable, UserTable } from '../src/db/schema';
import { seedCatalogue } from '../src/db/seed';
import { seedHolidays } from '../src/modules/calendar/holidays';
import { monthsAhead } from '../src/modules/figures/month-counts';
import { ensureMonthRows } from '../src/modules/figures/month-counts-repository';
import { monthKeyOf, monthRange } from '../src/modules/figures/period';
import { PRIVACY_VERSION } from '../src/modules/users/service';

export interface ScaleOptions {
  villages: number;
  residents: number;
  cases: number;
  // Deterministic runs compare like with like.
  seed?: number;
  log?: (line: string) => void;
}

// A county of its own, so it never mixes with the demo county (511621).
export const SCALE_COUNTY = '519900';
const TOWNSHIPS = 20;
const CADRES_PER_VILLAGE = 3;
const DAY = 86_400_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '德明华国建文平志伟秀英兰芳玉珍桂花淑云红梅霞丽军强永春海清林涛刚勇';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

// Cumulative weights for picking an index in O(log n).
function picker(weights: number[], random: () => number): () => number {
  const cum: number[] = [];
  let total = 0;
  for (const w of weights) cum.push((total += w));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

// Multi-row inserts: as many rows per statement as both dialects' parameter limits allow.
async function insertBatched<T extends keyof import('../src/db/schema').Database>(db: Db, table: T, rows: object[], columns: number): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += perStatement) {
    await db.insertInto(table).values(rows.slice(i, i + perStatement) as never).execute();
  }
}

export async function generateScale(db: Db, options: ScaleOptions): Promise<{ villages: number; residents: number; cases: number; events: number; ratings: number }> {
  const log = options.log ?? (() => undefined);
  const random = rng(options.seed ?? 7);
  const now = Date.now();
  const at = new Date(now).toISOString();

  // Regions: county → ~20 townships → villages, each with a living room.
  const townships = Array.from({ length: Math.min(TOWNSHIPS, options.villages) }, (_, i) => `${SCALE_COUNTY}${String(100 + i)}`);
  const villages = Array.from({ length: options.villages }, (_, i) => `${townships[i % townships.length]}${String(200 + Math.floor(i / townships.length)).padStart(3, '0')}`);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('regions').values({ code: SCALE_COUNTY, name: '规模测试县', level: 'county', parent_code: null, sort: 0 }).execute();
    await insertBatched(trx, 'regions', townships.map((code, i) => ({ code, name: `测试${i + 1}镇`, level: 'township', parent_code: SCALE_COUNTY, sort: i })), 5);
    await insertBatched(trx, 'regions', villages.map((code, i) => ({ code, name: `测试${i + 1}村`, level: 'village', parent_code: code.slice(0, 9), sort: i })), 5);
    await insertBatched(
      trx,
      'living_rooms',
      villages.map((code, i) => ({ village_code: code, name: `测试${i + 1}村睦邻客厅`, address: `测试${i + 1}村村委会`, lat: null, lng: null, hours: '工作日 9:00—17:30', phone: '0826-0000000', proxy_point: i % 2, rooms: '[]', updated_at: at })),
      10,
    );
  });
  // A running system's per-month count rows: every village, from the first generated month
  // through next month, n = 0 until the cases below count in.
  await ensureMonthRows(db, monthRange(monthKeyOf(new Date(now - 365 * DAY)), monthsAhead(new Date(now))[1]));

  // Residents per village: log-normal, so a few big villages and many small ones.
  const villageWeight = villages.map(() => Math.exp(0.7 * gaussian(random)));
  const pickVillage = picker(villageWeight, random);
  const name = () => SURNAMES[Math.floor(random() * SURNAMES.length)] + GIVEN[Math.floor(random() * GIVEN.length)] + GIVEN[Math.floor(random() * GIVEN.length)];
  const residentIds: string[] = [];
  const residentVillage: number[] = [];
  const byVillage: number[][] = villages.map(() => []);
  const cadres: string[][] = villages.map(() => []);
  const BATCH = 20_000;
  const user = (role: string, v: number, index: number): UserTable => ({
    id: randomUUID(),
    openid: null,
    unionid: null,
    name: name(),
    phone: `13${String(index).padStart(9, '0')}`,
    village_code: villages[v],
    role,
    scope_code: role === 'cadre' ? villages[v] : null,
    privacy_version: PRIVACY_VERSION,
    privacy_agreed_at: at,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  });
  const cadreRows: UserTable[] = [];
  villages.forEach((_, v) => {
    for (let c = 0; c < CADRES_PER_VILLAGE; c++) {
      const row = user('cadre', v, 900_000_000 + v * CADRES_PER_VILLAGE + c);
      cadres[v].push(row.id);
      cadreRows.push(row);
    }
  });
  await db.transaction().execute((trx) => insertBatched(trx, 'users', cadreRows, 13));
  for (let start = 0; start < options.residents; start += BATCH) {
    const rows: UserTable[] = [];
    for (let i = start; i < Math.min(options.residents, start + BATCH); i++) {
      const v = pickVillage();
      const row = user('resident', v, i);
      residentIds.push(row.id);
      residentVillage.push(v);
      byVillage[v].push(i);
      rows.push(row);
    }
    await db.transaction().execute((trx) => insertBatched(trx, 'users', rows, 13));
  }
  log(`users: ${options.residents} residents, ${cadreRows.length} cadres in ${villages.length} villages`);

  // The catalogue's items, the frequent ones weighted up.
  const services = await db.selectFrom('services').select(['code', 'name', 'promised_days', 'ch_proxy', 'ch_online', 'ch_appointment']).orderBy('code').execute();
  const serviceWeight = services.map((s) => (/低保|医保缴费|社保卡/.test(s.name) ? 15 : /医保|养老|残疾|高龄/.test(s.name) ? 4 : 1));
  const pickService = picker(serviceWeight, random);
  // Weekdays carry most of the traffic.
  const pickAge = () => {
    for (;;) {
      const age = random() * 365 * DAY;
      const weekday = new Date(now - age).getUTCDay();
      if (weekday !== 0 && weekday !== 6) return age;
      if (random() < 0.2) return age;
    }
  };

  const counters = new Map<string, number>();
  let events = 0;
  let ratings = 0;
  for (let start = 0; start < options.cases; start += BATCH) {
    const caseRows: CaseTable[] = [];
    const eventRows: CaseEventTable[] = [];
    const ratingRows: { case_id: string; level: number; comment: string | null; created_at: string }[] = [];
    for (let i = start; i < Math.min(options.cases, start + BATCH); i++) {
      const r = Math.floor(random() * residentIds.length);
      const v = residentVillage[r];
      const service = services[pickService()];
      const channels = (['proxy', 'online', 'appointment'] as const).filter((c) => service[`ch_${c}`] === 1);
      const roll = random();
      const channel = channels.length ? channels[Math.min(channels.length - 1, roll < 0.5 ? 0 : roll < 0.8 ? 1 : 2)] : 'online';
      const age = pickAge();
      const created = new Date(now - age);
      const day = created.toISOString().slice(0, 10).replace(/-/g, '');
      const n = (counters.get(day) ?? 0) + 1;
      counters.set(day, n);
      const days = age / DAY;
      // Older cases are closed; the last few days still have open ones in every state.
      const s = random();
      const status =
        days > 30 || s < 0.55
          ? s < 0.86 || days <= 30
            ? 'completed'
            : s < 0.94
              ? 'rejected'
              : 'cancelled'
          : days < 1
            ? 'submitted'
            : s < 0.7
              ? 'accepted'
              : s < 0.85
                ? 'in_progress'
                : s < 0.93
                  ? 'awaiting_resident'
                  : 'submitted';
      const cadre = cadres[v][Math.floor(random() * CADRES_PER_VILLAGE)];
      const acceptedAt = status === 'submitted' || status === 'cancelled' ? null : new Date(created.getTime() + random() * 4 * 3_600_000);
      const closedAt = ['completed', 'rejected', 'cancelled'].includes(status) ? new Date(Math.min(now - 60_000, created.getTime() + (1 + random() * 20) * DAY)) : null;
      const id = randomUUID();
      const slot = channel === 'appointment' && closedAt ? created.toISOString().slice(0, 10) : null;
      caseRows.push({
        id,
        number: `YC-${day}-${String(n).padStart(4, '0')}`,
        service_code: service.code,
        channel,
        resident_id: residentIds[r],
        village_code: villages[v],
        status,
        handover: channel === 'proxy' ? 'home_visit' : null,
        home_visit_reason: channel === 'proxy' ? '年纪大，行动不便' : null,
        slot_date: slot,
        slot_half: slot ? (random() < 0.5 ? 'am' : 'pm') : null,
        description: channel === 'online' ? '想问一下这个事怎么办' : null,
        materials_checked: '[]',
        assignee_id: acceptedAt && status !== 'rejected' ? cadre : null,
        accepted_at: acceptedAt && status !== 'rejected' ? acceptedAt.toISOString() : null,
        due_at: acceptedAt && status !== 'rejected' ? new Date(acceptedAt.getTime() + service.promised_days * 1.4 * DAY).toISOString() : null,
        closed_at: closedAt?.toISOString() ?? null,
        result_note: status === 'completed' ? '已办结' : null,
        reject_reason: status === 'rejected' ? '不符合申请条件' : null,
        reject_referral: status === 'rejected' ? '乡镇便民服务中心' : null,
        created_at: created.toISOString(),
        updated_at: (closedAt ?? acceptedAt ?? created).toISOString(),
      });
      // The timeline: each step taken, in order.
      const steps: [string, string | null, string, string | null, string, Date][] = [['submit', null, 'submitted', residentIds[r], 'resident', created]];
      if (status === 'rejected') steps.push(['reject', 'submitted', 'rejected', cadre, 'cadre', closedAt!]);
      else if (status === 'cancelled') steps.push(['cancel', 'submitted', 'cancelled', residentIds[r], 'resident', closedAt!]);
      else if (acceptedAt) {
        steps.push(['accept', 'submitted', 'accepted', cadre, 'cadre', acceptedAt]);
        if (status !== 'accepted') steps.push(['start', 'accepted', 'in_progress', cadre, 'cadre', new Date(acceptedAt.getTime() + 3_600_000)]);
        if (status === 'awaiting_resident') steps.push(['ask_resident', 'in_progress', 'awaiting_resident', cadre, 'cadre', new Date(acceptedAt.getTime() + 7_200_000)]);
        if (status === 'completed') steps.push(['complete', 'in_progress', 'completed', cadre, 'cadre', closedAt!]);
      }
      if (status === 'completed' && random() < 0.8) {
        const q = random();
        const level = q < 0.78 ? 5 : q < 0.93 ? 4 : q < 0.97 ? 3 : q < 0.99 ? 2 : 1;
        const ratedAt = new Date(Math.min(now - 1000, closedAt!.getTime() + 3_600_000));
        ratingRows.push({ case_id: id, level, comment: level <= 2 ? '跑了两趟才办好' : null, created_at: ratedAt.toISOString() });
        steps.push(['rate', 'completed', 'completed', residentIds[r], 'resident', ratedAt]);
      }
      steps.forEach(([action, from, to, actor, role, when], seq) =>
        eventRows.push({ id: randomUUID(), case_id: id, seq: seq + 1, action, from_status: from, to_status: to, actor_id: actor, actor_role: role, note: null, data: null, created_at: when.toISOString() }),
      );
    }
    await db.transaction().execute(async (trx) => {
      await insertBatched(trx, 'cases', caseRows, 23);
      await insertBatched(trx, 'case_events', eventRows, 11);
      await insertBatched(trx, 'ratings', ratingRows, 4);
    });
    events += eventRows.length;
    ratings += ratingRows.length;
    if ((start / BATCH) % 10 === 0) log(`cases: ${Math.min(options.cases, start + BATCH)} / ${options.cases}`);
  }
  // New cases today continue after the generated numbers.
  const counterRows = [...counters].map(([day, last]) => ({ day, last }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < counterRows.length; i += 1000) {
      await trx
        .insertInto('case_counters')
        .values(counterRows.slice(i, i + 1000))
        .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`case_counters.last + excluded.last` }))
        .execute();
    }
  });
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Counted 20,000 cases a transaction, the per-month counts end up at over ten times their live pages
    // even once vacuumed; a live database counts one case a transaction and autovacuum lets the
    // space be reused, so it stays near its live size: rewritten compact, as such a database has it.
    await sql`vacuum full case_month_counts`.execute(db);
  }
  // Planner statistics and, on PostgreSQL, the dead row versions of the per-month counts (one per
  // case) cleared and pages marked all-visible: as a live database has them (autovacuum, optimize).
  await sql.raw(db.getExecutor().adapter instanceof PostgresAdapter ? 'vacuum analyze' : 'analyze').execute(db);
  return { villages: villages.length, residents: options.residents, cases: options.cases, events, ratings };
}

// A bulk load into SQLite is regenerated, not recovered, after a crash: no fsync per batch and a
// big page cache (the one connection keeps both).
export async function bulkLoadSettings(db: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`pragma synchronous = OFF`.execute(db);
  await sql`pragma cache_size = -262144`.execute(db);
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function argument(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number`);
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = { villages: argument(args, 'villages', 463), residents: argument(args, 'residents', 800_000), cases: argument(args, 'cases', 2_000_000) };
  const config = loadConfig();
  const db = createDatabase(config.database);
  const started = Date.now();
  try {
    await bulkLoadSettings(db, config.database.dialect);
    await migrateToLatest(db, config.database);
    await seedCatalogue(db);
    await seedHolidays(db);
    if (await db.selectFrom('regions').select('code').where('code', '=', SCALE_COUNTY).executeTakeFirst()) {
      throw new Error(`region ${SCALE_COUNTY} already exists: generate into an empty database`);
    }
    const result = await generateScale(db, { ...options, log: (line) => console.log(line) });
    console.log(JSON.stringify({ ...result, seconds: Math.round((Date.now() - started) / 100) / 10 }));
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
