// Reminders the day before (issue 5): everyone with a place at an activity or a talk of tomorrow
// gets one in-app notification and, when the template is configured, one WeChat subscribe
// message through the outbox, written in the same transaction. Run from the outbox worker's
// housekeeping in every process: a conditional update of reminded_at (activities) and the unique
// event key (talks, and both outbox rows) make a second process, or a second run, a no-op.
// Wait-listed people get none: they have no place; if promoted later the same evening, the next
// run reminds them. Cancelled sign-ups and events already begun are never reminded.
import type { Db } from '../../db/database';
import { notify } from '../notifications/notify';
import { KIND_LABELS } from '../talks/schemas';
import { cstText, DEFAULT_REMINDER_HOUR, dueWindow } from './timing';

export interface ReminderOptions {
  db: Db;
  // Subscribe-message template id; without one the reminders are in-app only.
  templateId?: string | null;
  // CST hour of the day before from which reminders go out.
  hour?: number;
  clock?: () => Date;
}

interface Reminder {
  kind: 'activity_reminder' | 'talk_reminder';
  userId: string;
  eventKey: string;
  title: string;
  startsAt: string;
  place: string;
  page: string;
  tip: string;
}

export function createReminderService({ db, templateId, hour = DEFAULT_REMINDER_HOUR, clock = () => new Date() }: ReminderOptions) {
  const tell = (trx: Db, r: Reminder) =>
    notify(trx, {
      userId: r.userId,
      kind: r.kind,
      title: '明天的活动提醒',
      body: `您报名的「${r.title}」将于${cstText(r.startsAt)}在${r.place}举行，别忘了参加。`,
      eventKey: r.eventKey,
      ...(templateId ? { wechat: { template: 'activity_reminder' as const, page: r.page, data: { title: r.title, time: r.startsAt, place: r.place, note: r.tip } } } : {}),
    });

  async function activities(now: Date, window: { from: string; to: string }): Promise<number> {
    const due = await db
      .selectFrom('activity_signups as s')
      .innerJoin('activities as a', 'a.id', 's.activity_id')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .where('u.deleted_at', 'is', null)
      .select(['s.id', 's.user_id', 'a.id as activity_id', 'a.title', 'a.place', 'a.starts_at', 'a.bring'])
      .where('s.status', '=', 'signed_up')
      .where('s.reminded_at', 'is', null)
      .where('a.review_status', '=', 'approved')
      .where('a.starts_at', '>', now.toISOString())
      .where('a.starts_at', '>=', window.from)
      .where('a.starts_at', '<', window.to)
      .execute();
    let sent = 0;
    for (const s of due) {
      await db.transaction().execute(async (trx) => {
        // Only the run whose update took the row writes the reminder; still signed up, still unreminded.
        const r = await trx.updateTable('activity_signups').set({ reminded_at: now.toISOString() }).where('id', '=', s.id).where('status', '=', 'signed_up').where('reminded_at', 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return;
        const tip = s.bring ? `请带上${s.bring}` : '请准时参加';
        if (await tell(trx, { kind: 'activity_reminder', userId: s.user_id, eventKey: `activity:${s.activity_id}:reminder:${s.id}`, title: s.title, startsAt: s.starts_at, place: s.place, page: `weijia/activity/index?id=${s.activity_id}`, tip })) sent += 1;
      });
    }
    return sent;
  }

  async function talks(now: Date, window: { from: string; to: string }): Promise<number> {
    const due = await db
      .selectFrom('talk_signups as s')
      .innerJoin('talks as t', 't.id', 's.talk_id')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .where('u.deleted_at', 'is', null)
      .select(['s.user_id', 't.id', 't.kind', 't.topic', 't.place', 't.starts_at'])
      .where('s.kind', '=', 'signed_up')
      .where('t.topic_status', '=', 'approved')
      .where('t.starts_at', '>', now.toISOString())
      .where('t.starts_at', '>=', window.from)
      .where('t.starts_at', '<', window.to)
      .execute();
    // Talks have no reminded_at: the notification already written under the event key says so.
    const keys = due.map((s) => talkKey(s.id, s.user_id));
    const done = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await db.selectFrom('notifications').select('event_key').where('event_key', 'in', keys.slice(i, i + 500)).execute();
      for (const r of rows) done.add(r.event_key);
    }
    let sent = 0;
    for (const s of due.filter((d) => !done.has(talkKey(d.id, d.user_id)))) {
      const title = `${KIND_LABELS[s.kind]}：${s.topic}`;
      await db.transaction().execute(async (trx) => {
        if (await tell(trx, { kind: 'talk_reminder', userId: s.user_id, eventKey: talkKey(s.id, s.user_id), title, startsAt: s.starts_at, place: s.place, page: `weijia/talk/index?id=${s.id}`, tip: '有问题可以提前在小程序里提' })) sent += 1;
      });
    }
    return sent;
  }

  return {
    // How many reminders this run wrote (each person once per event).
    async sendDue(): Promise<{ activities: number; talks: number }> {
      const now = clock();
      const window = dueWindow(now, hour);
      if (!window) return { activities: 0, talks: 0 };
      return { activities: await activities(now, window), talks: await talks(now, window) };
    },
  };
}

const talkKey = (talkId: string, userId: string) => `talk:${talkId}:reminder:${userId}`;

export type ReminderService = ReturnType<typeof createReminderService>;
