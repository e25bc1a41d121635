// A seeded, generated data set for the figures suite: cases with known timestamps, ratings,
// rectifications, activities with check-ins and talks with attendance in two townships, written
// straight into the database. The rows are also returned, for the plain-JS expected figures.
import type { Selectable } from 'kysely';
import type { Db } from '../../server/src/db/database';
import type { ActivitySignupTable, ActivityTable as ActivityColumns, CaseTable, GroupTable as GroupColumns, RatingTable, RectificationTable, TalkSignupTable, TalkTable as TalkColumns } from '../../server/src/db/schema';

// Rows as read back: generated columns are plain numbers here.
type GroupTable = Selectable<GroupColumns>;
type ActivityTable = Selectable<ActivityColumns>;
type TalkTable = Selectable<TalkColumns>;

export interface DataSet {
  cases: CaseTable[];
  trips: Map<string, number>;
  ratings: RatingTable[];
  rectifications: RectificationTable[];
  groups: GroupTable[];
  activities: ActivityTable[];
  signups: ActivitySignupTable[];
  talks: TalkTable[];
  talkSignups: Selectable<TalkSignupTable>[];
}

// mulberry32: small, seeded, the same sequence on every run.
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Whole seconds, as a real clock would mostly give, but some with milliseconds too.
const iso = (ms: number) => new Date(ms).toISOString();

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) if (rows.slice(i, i + 100).length) await insert(rows.slice(i, i + 100));
}

export interface GenerateOptions {
  villages: readonly string[];
  // A township-scoped group lives here (its activities count for the township, not a village).
  township: string;
  // Data spreads over [from - 3 days, to + 3 days): some rows fall just outside.
  from: number;
  to: number;
  cases: number;
  seed: number;
}

export async function generate(db: Db, o: GenerateOptions): Promise<DataSet> {
  const rnd = seeded(o.seed);
  const created = iso(o.from - 30 * DAY);
  const users = o.villages.flatMap((v, vi) =>
    Array.from({ length: 4 }, (_, i) => ({
      id: `fig-user-${vi}-${i}`,
      openid: `fig-openid-${vi}-${i}`,
      unionid: null,
      name: `村民${vi}-${i}`,
      phone: null,
      village_code: v,
      role: 'resident',
      scope_code: null,
      privacy_version: null,
      privacy_agreed_at: null,
      created_at: created,
      updated_at: created,
      deleted_at: null,
    })),
  );
  await db.insertInto('users').values(users).execute();
  const usersOf = (v: string) => users.filter((u) => u.village_code === v).map((u) => u.id);

  const services = await db.selectFrom('services').select(['code', 'trips']).orderBy('code').execute();
  const oneTrip = services.filter((s) => s.trips === 1).slice(0, 4);
  const more = services.filter((s) => s.trips !== 1).slice(0, 3);
  const picked = [...oneTrip, ...more];
  if (oneTrip.length < 2 || more.length < 1) throw new Error('catalogue lacks items for the figures data set');
  const trips = new Map(picked.map((s) => [s.code, s.trips]));

  // Some instants exactly at a CST month boundary and a second either side of it.
  const boundary = [o.from, o.from - 1000, o.to - 1000, o.to];
  const spread = () => (rnd.chance(0.04) ? rnd.pick(boundary) : o.from - 3 * DAY + Math.floor(rnd.next() * (o.to - o.from + 6 * DAY) / 1000) * 1000 + (rnd.chance(0.2) ? rnd.int(1, 999) : 0));

  const statuses = ['submitted', 'accepted', 'in_progress', 'awaiting_resident', 'completed', 'completed', 'completed', 'rejected', 'cancelled'] as const;
  const cases: CaseTable[] = [];
  for (let i = 0; i < o.cases; i += 1) {
    const village = rnd.chance(0.35) ? o.villages[0] : rnd.pick(o.villages);
    const createdAt = spread();
    const status = rnd.pick(statuses);
    const accepted = status !== 'submitted' && !(status === 'rejected' && rnd.chance(0.5)) && !(status === 'cancelled' && rnd.chance(0.5));
    const acceptedAt = accepted ? createdAt + rnd.int(1, 3 * 24 * 60) * MINUTE + rnd.int(0, 59) * 1000 : null;
    const dueAt = acceptedAt !== null ? acceptedAt + rnd.int(1, 20) * DAY : null;
    const closed = status === 'completed' || status === 'rejected' || status === 'cancelled';
    const closedAt = closed ? (dueAt !== null && status === 'completed' && rnd.chance(0.3) ? dueAt + rnd.int(1, 5) * DAY : (acceptedAt ?? createdAt) + rnd.int(10, 25 * 24 * 60) * MINUTE) : null;
    const completedOnDue = status === 'completed' && dueAt !== null && rnd.chance(0.03);
    cases.push({
      id: `fig-case-${i}`,
      number: `FIG-${String(i).padStart(5, '0')}`,
      service_code: rnd.pick(picked).code,
      channel: rnd.pick(['proxy', 'online', 'appointment'] as const),
      resident_id: rnd.pick(usersOf(village)),
      village_code: village,
      status,
      handover: null,
      home_visit_reason: null,
      slot_date: null,
      slot_half: null,
      description: null,
      materials_checked: '[]',
      assignee_id: null,
      accepted_at: acceptedAt === null ? null : iso(acceptedAt),
      due_at: dueAt === null ? null : iso(dueAt),
      // Closed exactly at the deadline counts as on time.
      closed_at: closedAt === null ? null : iso(completedOnDue ? dueAt! : closedAt),
      result_note: null,
      reject_reason: null,
      reject_referral: null,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
    });
  }
  await insertChunks(cases, (chunk) => db.insertInto('cases').values(chunk).execute());

  const ratings: RatingTable[] = [];
  const rectifications: RectificationTable[] = [];
  for (const c of cases.filter((x) => x.status === 'completed' && rnd.chance(0.7))) {
    const level = rnd.pick([1, 2, 3, 4, 4, 5, 5, 5]);
    const at = iso(Date.parse(c.closed_at!) + rnd.int(1, 72) * HOUR);
    ratings.push({ case_id: c.id, level, comment: null, created_at: at });
    if (level <= 2) {
      const closedR = rnd.chance(0.5);
      rectifications.push({
        id: `fig-rect-${c.id}`,
        case_id: c.id,
        township_code: c.village_code.slice(0, 9),
        level,
        deadline_at: iso(Date.parse(at) + 21 * DAY),
        status: closedR ? 'closed' : 'open',
        callback_note: closedR ? '已回访' : null,
        callback_at: closedR ? at : null,
        callback_by: null,
        closing_note: closedR ? '已整改' : null,
        closed_at: closedR ? at : null,
        closed_by: null,
        created_at: at,
      });
    }
  }
  await insertChunks(ratings, (chunk) => db.insertInto('ratings').values(chunk).execute());
  await insertChunks(rectifications, (chunk) => db.insertInto('rectifications').values(chunk).execute());

  const kind = (await db.selectFrom('group_kinds').select('code').orderBy('sort').executeTakeFirstOrThrow()).code;
  const scopes = [o.villages[0], o.villages[0], o.villages[1], o.villages[o.villages.length - 1], o.township];
  const groups: GroupTable[] = scopes.map((scope, i) => {
    const leader = usersOf(scope.length === 12 ? scope : o.villages[0])[0];
    return {
      id: `fig-group-${i}`,
      kind,
      name: `统计微家${i}`,
      scope_code: scope,
      township_code: scope.slice(0, 9),
      leader_id: leader,
      join_policy: 'open',
      member_cap: null,
      member_count: 1,
      description: '统计测试',
      room_village_code: null,
      room_id: null,
      review_status: 'approved',
      created_by: leader,
      created_at: created,
      updated_at: created,
    };
  });
  await db.insertInto('groups').values(groups).execute();

  const activities: ActivityTable[] = [];
  const signups: ActivitySignupTable[] = [];
  for (let i = 0; i < 30; i += 1) {
    const g = rnd.pick(groups);
    const startsAt = spread();
    const review = rnd.pick(['approved', 'approved', 'approved', 'pending', 'rejected'] as const);
    activities.push({
      id: `fig-act-${i}`,
      group_id: g.id,
      title: `活动${i}`,
      starts_at: iso(startsAt),
      ends_at: iso(startsAt + 2 * HOUR),
      place: '睦邻客厅',
      capacity: 20,
      bring: null,
      open_to_all: 1,
      volunteer_hours: null,
      review_status: review,
      signed_up: 0,
      wait_seq: 0,
      created_by: g.leader_id,
      created_at: created,
      updated_at: created,
    });
    const people = users.filter(() => rnd.chance(0.25));
    people.forEach((u, n) => {
      const status = rnd.pick(['signed_up', 'signed_up', 'signed_up', 'waitlisted', 'cancelled'] as const);
      signups.push({
        id: `fig-signup-${i}-${u.id}`,
        activity_id: `fig-act-${i}`,
        user_id: u.id,
        status,
        wait_seq: null,
        checkin_code: String(1000 + n),
        checked_in_at: rnd.chance(0.6) ? iso(startsAt + 10 * MINUTE) : null,
        checked_in_by: null,
        hours: null,
        reminded_at: null,
        created_at: created,
        updated_at: created,
      });
    });
  }
  await insertChunks(activities, (chunk) => db.insertInto('activities').values(chunk).execute());
  await insertChunks(signups, (chunk) => db.insertInto('activity_signups').values(chunk).execute());

  const talks: TalkTable[] = [];
  const talkSignups: DataSet['talkSignups'] = [];
  for (let i = 0; i < 20; i += 1) {
    const village = rnd.pick(o.villages);
    const startsAt = spread();
    talks.push({
      id: `fig-talk-${i}`,
      village_code: village,
      kind: rnd.pick(['secretary_talk', 'policy_briefing'] as const),
      topic: `话题${i}`,
      topic_status: rnd.pick(['approved', 'approved', 'approved', 'pending', 'rejected'] as const),
      starts_at: iso(startsAt),
      place: '睦邻客厅',
      capacity: 50,
      signed_up: 0,
      summary: null,
      summary_status: null,
      summary_by: null,
      created_by: usersOf(village)[0],
      created_at: created,
      updated_at: created,
    });
    for (const u of users.filter(() => rnd.chance(0.3))) {
      talkSignups.push({ talk_id: `fig-talk-${i}`, user_id: u.id, kind: rnd.pick(['signed_up', 'walk_in'] as const), attended: rnd.chance(0.6) ? 1 : 0, created_at: created });
    }
  }
  await insertChunks(talks, (chunk) => db.insertInto('talks').values(chunk).execute());
  await insertChunks(talkSignups, (chunk) => db.insertInto('talk_signups').values(chunk).execute());

  return { cases, trips, ratings, rectifications, groups, activities, signups, talks, talkSignups };
}
