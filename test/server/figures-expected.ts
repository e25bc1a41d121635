// The figures computed again in plain JavaScript from the generated rows, one definition at a
// time and independently of the server's SQL, for the figures suite to compare against.
import type { FigureValues } from '../../server/src/modules/figures/compute';
import type { DataSet } from './figures-data';

// The shape the server answers with; only the arithmetic below is independent of it.
export type Expected = FigureValues;

export interface Window {
  from: number;
  to: number;
}

const t = (s: string) => Date.parse(s);
const within = (s: string | null, w: Window) => s !== null && t(s) >= w.from && t(s) < w.to;

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
}

// `inRegion` says whether a village (or a group's scope) code belongs to the row.
export function expectedFigures(d: DataSet, w: Window, now: number, inRegion: (code: string) => boolean): Expected {
  const asOf = Math.min(now, w.to);
  const cases = d.cases.filter((c) => inRegion(c.village_code));
  const opened = cases.filter((c) => within(c.created_at, w));
  const count = (pred: (c: (typeof opened)[number]) => boolean) => opened.filter(pred).length;
  const byService: Record<string, number> = {};
  for (const c of opened) byService[c.service_code] = (byService[c.service_code] ?? 0) + 1;

  const acceptSeconds = cases.filter((c) => within(c.accepted_at, w)).map((c) => Math.floor(t(c.accepted_at!) / 1000) - Math.floor(t(c.created_at) / 1000));
  const m = median(acceptSeconds);

  const completed = cases.filter((c) => c.status === 'completed' && within(c.closed_at, w));
  const onTime = completed.filter((c) => c.due_at === null || t(c.closed_at!) <= t(c.due_at)).length;

  const overdue = cases.filter((c) => c.due_at !== null && t(c.due_at) < asOf && t(c.created_at) < asOf && (c.closed_at === null || t(c.closed_at) >= asOf)).length;

  const caseIds = new Set(cases.map((c) => c.id));
  const ratings = d.ratings.filter((r) => caseIds.has(r.case_id) && within(r.created_at, w));
  const rects = d.rectifications.filter((r) => caseIds.has(r.case_id) && within(r.created_at, w));

  const groups = new Map(d.groups.filter((g) => inRegion(g.scope_code)).map((g) => [g.id, g]));
  const activities = d.activities.filter((a) => groups.has(a.group_id) && a.review_status === 'approved' && within(a.starts_at, w) && t(a.starts_at) < asOf);
  const activityIds = new Set(activities.map((a) => a.id));
  const checkedIn = d.signups.filter((s) => activityIds.has(s.activity_id) && s.checked_in_at !== null && s.status !== 'cancelled').length;
  const talks = d.talks.filter((x) => inRegion(x.village_code) && x.topic_status === 'approved' && within(x.starts_at, w) && t(x.starts_at) < asOf);
  const talkIds = new Set(talks.map((x) => x.id));
  const attended = d.talkSignups.filter((s) => talkIds.has(s.talk_id) && s.attended === 1).length;

  return {
    cases: opened.length,
    byChannel: { proxy: count((c) => c.channel === 'proxy'), online: count((c) => c.channel === 'online'), appointment: count((c) => c.channel === 'appointment') },
    byService,
    medianAcceptMinutes: m === null ? null : Math.round((m / 60) * 10) / 10,
    onTimeShare: completed.length ? onTime / completed.length : null,
    overdueNow: overdue,
    tripsSaved: count((c) => d.trips.get(c.service_code) === 1 && (c.channel === 'proxy' || c.channel === 'online') && c.status !== 'cancelled' && c.status !== 'rejected'),
    ratings: ratings.length,
    satisfiedShare: ratings.length ? ratings.filter((r) => r.level >= 4).length / ratings.length : null,
    badRatings: ratings.filter((r) => r.level <= 2).length,
    rectificationsOpen: rects.filter((r) => r.status === 'open').length,
    rectificationsClosed: rects.filter((r) => r.status === 'closed').length,
    groupsActive: new Set(activities.map((a) => a.group_id)).size,
    activitiesHeld: activities.length,
    talksHeld: talks.length,
    attendance: checkedIn + attended,
  };
}
