// Reminders the day before: with a fixed clock, everyone with a place at tomorrow's activity or
// talk gets one in-app notification and one outbox row from the reminder hour (18:00 CST), not a
// minute before; twice or two processes at once still give one; cancelled and wait-listed people
// get none; and the outbox worker delivers the subscribe message to the fake WeChat.
import { randomBytes } from 'node:crypto';
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { addDays, cstDate, cstInstant } from '../../server/src/modules/calendar/calendar';
import { startOutboxWorker } from '../../server/src/modules/outbox/worker';
import { createReminderService } from '../../server/src/modules/reminders/service';
import { createWechatClient } from '../../server/src/platform/wechat/client';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { createGroup, idOf, post, type Headers } from './groups-fixtures';

jest.setTimeout(60_000);

const HOME = DEMO_VILLAGES[0];
const TEMPLATE = 'tmpl-activity-reminder';
const silent = { info() {}, warn() {}, error() {} };
// The event day, three days ahead, and the CST instants around 18:00 the day before.
const EVENT_DAY = addDays(cstDate(new Date()), 3);
const DAY_BEFORE = addDays(EVENT_DAY, -1);
const at = (date: string, time: string) => new Date(cstInstant(date, time));

describe.each(testDatabases())('reminders the day before on $dialect', (testDb) => {
  let h: Harness;
  let db: Db;
  let cadre: Headers;
  let leader: Headers;
  let groupId: string;
  let seq = 0;

  beforeAll(async () => {
    h = await startHarness(testDb);
    db = createDatabase(h.config.database);
    cadre = await h.as({ name: '提醒村干部', role: 'cadre', villageCode: HOME });
    leader = await h.as({ name: '提醒组长', villageCode: HOME });
    groupId = (await createGroup(h, cadre, { name: '提醒测试队', scopeCode: HOME, leaderId: await idOf(h, leader) })).json().id;
  });
  afterAll(async () => {
    await db?.destroy();
    await h?.close();
  });

  const reminders = (now: Date, templateId: string | null = TEMPLATE, handle: Db = db) => createReminderService({ db: handle, templateId, hour: 18, clock: () => now });
  const person = async (name: string) => {
    const headers = await h.as({ name: `${name}${++seq}`, villageCode: HOME });
    return { headers, id: await idOf(h, headers) };
  };
  const activity = async (over: Record<string, unknown> = {}) => {
    const res = await post(h, `/api/v1/groups/${groupId}/activities`, leader, {
      title: '重阳节包饺子',
      startsAt: cstInstant(EVENT_DAY, '10:00'),
      endsAt: cstInstant(EVENT_DAY, '12:00'),
      place: '睦邻客厅活动室',
      capacity: 2,
      openToAll: true,
      ...over,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  // A second process's handle. SQLite: two handles in one thread would block each other on the
  // file lock, so both sweeps share one handle and interleave between their reads and writes.
  const secondHandle = () => (testDb.dialect === 'postgres' ? createDatabase(h.config.database) : db);
  const closeSecond = async (other: Db) => {
    if (other !== db) await other.destroy();
  };
  const remindedIn = (userId: string, kind = 'activity_reminder') => db.selectFrom('notifications').select(['title', 'body', 'event_key']).where('user_id', '=', userId).where('kind', '=', kind).execute();
  const outboxOf = (userId: string) => db.selectFrom('outbox').select(['template', 'page', 'data', 'event_key']).where('user_id', '=', userId).where('template', '=', 'activity_reminder').execute();

  it('reminds those with a place at 18:00 the day before, not at 17:59, once; never the cancelled or wait-listed', async () => {
    const id = await activity();
    const [kept, cancelled, late, waiting] = [await person('报名'), await person('取消'), await person('后到'), await person('候补')];
    for (const p of [kept, cancelled]) expect((await post(h, `/api/v1/activities/${id}/signup`, p.headers)).statusCode).toBe(200);
    expect((await post(h, `/api/v1/activities/${id}/cancel-signup`, cancelled.headers)).statusCode).toBe(200);
    expect((await post(h, `/api/v1/activities/${id}/signup`, late.headers)).json().mySignup.status).toBe('signed_up');
    expect((await post(h, `/api/v1/activities/${id}/signup`, waiting.headers)).json().mySignup.status).toBe('waitlisted');

    expect(await reminders(at(DAY_BEFORE, '17:59')).sendDue()).toEqual({ activities: 0, talks: 0 });
    expect(await remindedIn(kept.id)).toHaveLength(0);
    expect(await outboxOf(kept.id)).toHaveLength(0);

    expect((await reminders(at(DAY_BEFORE, '18:00')).sendDue()).activities).toBe(2);
    for (const p of [kept, late]) {
      const [n] = await remindedIn(p.id);
      expect(n.body).toContain('「重阳节包饺子」');
      expect(n.body).toContain(`${Number(EVENT_DAY.slice(5, 7))}月${Number(EVENT_DAY.slice(8))}日 10:00`);
      expect(await outboxOf(p.id)).toEqual([expect.objectContaining({ page: `weijia/activity/index?id=${id}` })]);
    }
    for (const p of [cancelled, waiting]) {
      expect(await remindedIn(p.id)).toHaveLength(0);
      expect(await outboxOf(p.id)).toHaveLength(0);
    }
    // A second run, later that evening, writes nothing more.
    expect((await reminders(at(DAY_BEFORE, '21:00')).sendDue()).activities).toBe(0);
    expect(await remindedIn(kept.id)).toHaveLength(1);
    expect(await outboxOf(kept.id)).toHaveLength(1);
  });

  it('two processes sweeping at once still give one reminder each', async () => {
    const id = await activity({ capacity: 10, title: '健康讲座' });
    const people = [await person('并发'), await person('并发'), await person('并发')];
    for (const p of people) await post(h, `/api/v1/activities/${id}/signup`, p.headers);
    const other = secondHandle();
    try {
      const runs = await Promise.all([reminders(at(DAY_BEFORE, '18:30')).sendDue(), reminders(at(DAY_BEFORE, '18:30'), TEMPLATE, other).sendDue()]);
      expect(runs[0].activities + runs[1].activities).toBe(3);
    } finally {
      await closeSecond(other);
    }
    for (const p of people) {
      expect(await remindedIn(p.id)).toHaveLength(1);
      expect(await outboxOf(p.id)).toHaveLength(1);
    }
  });

  it('an event of tomorrow posted after 18:00 is reminded at once; past events and the day after tomorrow wait or never come', async () => {
    const id = await activity({ title: '晚上才发的活动' });
    const p = await person('晚到');
    await post(h, `/api/v1/activities/${id}/signup`, p.headers);
    // Two days before: not yet.
    expect((await reminders(at(addDays(DAY_BEFORE, -1), '20:00')).sendDue()).activities).toBe(0);
    // After it began (the event day, noon): never.
    expect((await reminders(at(EVENT_DAY, '18:00')).sendDue()).activities).toBe(0);
    expect(await remindedIn(p.id)).toHaveLength(0);
    expect((await reminders(at(DAY_BEFORE, '22:45')).sendDue()).activities).toBe(1);
    expect(await remindedIn(p.id)).toHaveLength(1);
  });

  it('talks: each signed-up person gets one reminder, even with two sweeps at once', async () => {
    const secretary = await h.as({ name: '提醒支书', role: 'cadre', villageCode: HOME });
    const res = await h.call({
      method: 'POST',
      url: '/api/v1/talks',
      headers: { ...secretary, 'idempotency-key': `reminder-talk-${Date.now()}` },
      payload: { kind: 'policy_briefing', topic: '新农合缴费', startsAt: cstInstant(EVENT_DAY, '15:00'), place: '睦邻客厅', capacity: 30, villageCode: HOME },
    });
    expect(res.statusCode).toBe(201);
    const talkId = res.json().id;
    const listener = await person('听讲');
    expect((await post(h, `/api/v1/talks/${talkId}/signup`, listener.headers)).statusCode).toBe(200);
    const other = secondHandle();
    try {
      await Promise.all([reminders(at(DAY_BEFORE, '19:00')).sendDue(), reminders(at(DAY_BEFORE, '19:00'), TEMPLATE, other).sendDue()]);
      expect((await reminders(at(DAY_BEFORE, '20:00')).sendDue()).talks).toBe(0);
    } finally {
      await closeSecond(other);
    }
    const notes = await remindedIn(listener.id, 'talk_reminder');
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain('政策宣讲：新农合缴费');
    const queued = await outboxOf(listener.id);
    expect(queued).toHaveLength(1);
    expect(queued[0].page).toBe(`weijia/talk/index?id=${talkId}`);
  });

  it('without a template id the reminder is in-app only', async () => {
    const id = await activity({ title: '没有模板的活动' });
    const p = await person('无模板');
    await post(h, `/api/v1/activities/${id}/signup`, p.headers);
    expect((await reminders(at(DAY_BEFORE, '18:05'), null).sendDue()).activities).toBe(1);
    expect(await remindedIn(p.id)).toHaveLength(1);
    expect(await outboxOf(p.id)).toHaveLength(0);
  });

  it('the outbox worker delivers the subscribe message to WeChat with the title, time and place', async () => {
    const id = await activity({ title: '秋季义诊', place: '村卫生室门口' });
    const p = await person('微信');
    await post(h, `/api/v1/activities/${id}/signup`, p.headers);
    const openid = `o${randomBytes(14).toString('hex')}`;
    await db.updateTable('users').set({ openid }).where('id', '=', p.id).execute();
    expect((await reminders(at(DAY_BEFORE, '18:00')).sendDue()).activities).toBe(1);
    const worker = startOutboxWorker({
      db,
      wechat: createWechatClient({ appId: 'wxtest0000000000', secret: 'test-secret', baseUrl: h.wechat.url, timeoutMs: 2000 }),
      log: silent,
      templates: { ...h.config.wechatTemplates, activityReminder: TEMPLATE },
      intervalMs: 3600_000,
    });
    try {
      while ((await worker.runOnce()) > 0);
    } finally {
      await worker.stop();
    }
    const sent = h.wechat.state.sent.filter((m) => m.touser === openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template_id: TEMPLATE,
      page: `weijia/activity/index?id=${id}`,
      data: { thing1: { value: '秋季义诊' }, time2: { value: `${EVENT_DAY} 10:00` }, thing3: { value: '村卫生室门口' }, thing4: { value: '请准时参加' } },
    });
    const row = await db.selectFrom('outbox').select('status').where('user_id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });
});
