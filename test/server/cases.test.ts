// The case from both sides: a resident opens one on each channel, cancels, reschedules, replies
// and rates; a cadre works the queue; nobody else sees it; bad input gets a code and a Chinese
// sentence; due dates skip weekends and holidays.
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { cstDate, loadCalendar } from '../../server/src/modules/calendar/calendar';
import { createCaseService } from '../../server/src/modules/cases/service';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO, HOME, NEIGHBOUR, type HalfDay, type Headers } from './cases-fixtures';

// 青龙村: same township as HOME; its own queue for the workbench tests.
const QUEUE_VILLAGE = DEMO_VILLAGES[2];
const OTHER_TOWNSHIP = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;
const CHINESE = /[\u4e00-\u9fa5]/;
// A 1×1 PNG: what the attachment route accepts.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe.each(testDatabases())('cases on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let slots: HalfDay[];
  let dutyCadre: Headers;
  let dibaoRequired: string[];

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    const days = await f.workingDays(4);
    slots = days.flatMap((date) => [
      { date, half: 'am' as const },
      { date, half: 'pm' as const },
    ]);
    dutyCadre = await f.cadre('张建华');
    for (const slot of slots) await f.onDuty(dutyCadre, slot);
    const guide = await h.call({ method: 'GET', url: `/api/v1/services/${DIBAO}` });
    dibaoRequired = (guide.json().materials as { name: string; required: boolean }[]).filter((m) => m.required).map((m) => m.name);
  });
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const userId = async (headers: Headers) => (await f.me(headers)).id;
  const notificationsOf = async (headers: Headers) => f.db.selectFrom('notifications').selectAll().where('user_id', '=', await userId(headers)).orderBy('created_at').execute();
  const upload = async (headers: Headers) => {
    const boundary = 'mulin-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id-card.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await h.call({ method: 'POST', url: '/api/v1/attachments', payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const message = (headers: Headers, id: string, payload: object) => h.call({ method: 'POST', url: `/api/v1/cases/${id}/messages`, payload, headers });
  const rate = (headers: Headers, id: string, payload: object) => h.call({ method: 'POST', url: `/api/v1/cases/${id}/rating`, payload, headers });
  const workbench = (headers: Headers, query: string) => h.call({ method: 'GET', url: `/api/v1/workbench?${query}`, headers });

  describe('resident journey', () => {
    it('opens a 代办 case with a hand-over slot: a number, the missing materials pointed out, the cadre on duty told', async () => {
      const resident = await f.resident('王秀英');
      const ticked = dibaoRequired.slice(0, 2);
      const res = await f.create(resident, { serviceCode: DIBAO, channel: 'proxy', handover: 'slot', slot: slots[0], materialsHave: [...ticked, '不在清单上的材料'] });
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect(c.number).toMatch(new RegExp(`^YC-${cstDate(new Date()).replace(/-/g, '')}-\\d{4}$`));
      expect(c).toMatchObject({
        status: 'submitted',
        statusLabel: '待受理',
        channel: 'proxy',
        handover: 'slot',
        slot: slots[0],
        materialsHave: ticked,
        missingMaterials: dibaoRequired.slice(2),
        assignee: null,
        dueAt: null,
        overdue: false,
        resident: { name: '王秀英', phone: expect.stringMatching(/^139\d{8}$/) },
        actions: ['cancel', 'reschedule'],
      });
      expect(c.timeline).toEqual([expect.objectContaining({ seq: 1, action: 'submit', toStatus: 'submitted', actor: expect.objectContaining({ name: '王秀英', role: 'resident' }) })]);
      expect((await f.slotRow(slots[0]))?.booked).toBe(1);

      expect((await notificationsOf(resident)).map((n) => n.kind)).toEqual(['case_submitted']);
      expect((await notificationsOf(dutyCadre)).filter((n) => n.case_id === c.id).map((n) => n.kind)).toEqual(['case_new']);
      const outbox = await f.db.selectFrom('outbox').selectAll().where('event_key', 'like', `case:${c.id}:%`).execute();
      expect(outbox.map((o) => o.template).sort()).toEqual(['case_status', 'case_status']);

      const mine = await h.call({ method: 'GET', url: '/api/v1/cases/mine?status=open', headers: resident });
      expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    });

    it('tells a new booking to the cadres on the rota today, or to every cadre of the village when nobody is', async () => {
      const village = DEMO_VILLAGES[5];
      const sitting = await f.cadre('今日坐班', village);
      const resting = await f.cadre('今日休息', village);
      const [day] = await f.workingDays(1);
      for (const half of ['am', 'pm'] as const) await f.onDuty(sitting, { date: day, half }, village);
      const resident = await f.resident('问桌村民', village);
      const book = (half: 'am' | 'pm') => f.created(resident, { serviceCode: DIBAO, channel: 'appointment', slot: { date: day, half }, materialsHave: [] });
      const told = async (caseId: string) => {
        const rows = await f.db.selectFrom('notifications').select('user_id').where('case_id', '=', caseId).where('kind', '=', 'case_new').execute();
        return rows.map((r) => r.user_id).sort();
      };
      const [sittingId, restingId] = [await userId(sitting), await userId(resting)];

      const nobodyToday = await book('am');
      expect(await told(nobodyToday.id)).toEqual([sittingId, restingId].sort());
      // On the rota today (whatever the day is: written straight in), only that cadre hears.
      const today = cstDate(new Date());
      await f.db.insertInto('duty_shifts').values({ id: `desk-${Date.now()}`, village_code: village, date: today, half: 'am', cadre_id: sittingId, created_at: new Date().toISOString() }).execute();
      expect(await told((await book('pm')).id)).toEqual([sittingId]);
    });

    it('answers a create with exactly the page a GET shows right after, and a resend with the same answer', async () => {
      const resident = await f.resident('赵春兰');
      const ticked = dibaoRequired.slice(0, 1);
      const payloads = [
        { serviceCode: DIBAO, channel: 'proxy', handover: 'slot', slot: slots[5], materialsHave: ticked },
        { serviceCode: DIBAO, channel: 'proxy', handover: 'home_visit', homeVisitReason: '腿脚不便', materialsHave: [] },
        { serviceCode: DIBAO, channel: 'online', description: '想问低保怎么申请', materialsHave: dibaoRequired },
        { serviceCode: DIBAO, channel: 'appointment', slot: slots[6], materialsHave: [] },
      ];
      for (const payload of payloads) {
        const key = f.key();
        const created = await f.create(resident, payload, key);
        expect(created.statusCode).toBe(201);
        const shown = await f.get(resident, created.json().id);
        expect({ payload, answer: created.json() }).toEqual({ payload, answer: shown.json() });
        const resent = await f.create(resident, payload, key);
        expect(resent.statusCode).toBe(201);
        expect(resent.json()).toEqual(created.json());
      }
    });

    it('opens a home visit, online requests (missing materials not blocking) and a 预约到厅 visit, newest first in 我的办件', async () => {
      const resident = await f.resident('李德贵');
      const home = await f.created(resident, { serviceCode: DIBAO, channel: 'proxy', handover: 'home_visit', homeVisitReason: '八十多岁，腿脚不便', materialsHave: dibaoRequired });
      expect(home).toMatchObject({ handover: 'home_visit', homeVisitReason: '八十多岁，腿脚不便', slot: null, missingMaterials: [], actions: ['cancel'] });

      const online = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '家里老人住院，想申请低保', materialsHave: [] });
      expect(online).toMatchObject({ channel: 'online', channelLabel: '网上办', description: '家里老人住院，想申请低保', missingMaterials: dibaoRequired, slot: null, handover: null });

      const visit = await f.created(resident, { serviceCode: DIBAO, channel: 'appointment', slot: slots[1], materialsHave: dibaoRequired });
      expect(visit).toMatchObject({ channel: 'appointment', slot: slots[1], handover: null });

      const numbers = [home, online, visit].map((c) => c.number);
      expect(new Set(numbers).size).toBe(3);
      expect([...numbers].sort()).toEqual(numbers);

      const first = await h.call({ method: 'GET', url: '/api/v1/cases/mine?limit=2', headers: resident });
      expect(first.json().items.map((i: { id: string }) => i.id)).toEqual([visit.id, online.id]);
      const second = await h.call({ method: 'GET', url: `/api/v1/cases/mine?limit=2&cursor=${first.json().nextCursor}`, headers: resident });
      expect(second.json()).toEqual({ items: [expect.objectContaining({ id: home.id })], nextCursor: null });
    });

    it('cancels: the slot is given back and the same half-day can be booked again', async () => {
      const resident = await f.resident('赵桂兰');
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'appointment', slot: slots[2], materialsHave: [] });
      expect((await f.slotRow(slots[2]))?.booked).toBe(1);
      const again = await f.create(resident, { serviceCode: DIBAO, channel: 'appointment', slot: slots[2], materialsHave: [] });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('SLOT_ALREADY_BOOKED');

      const cancelled = await f.acted(resident, c.id, { action: 'cancel', note: '家里有事' });
      expect(cancelled).toMatchObject({ status: 'cancelled', statusLabel: '已取消', actions: [], closedAt: expect.any(String) });
      expect(cancelled.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'cancel']);
      expect((await f.slotRow(slots[2]))?.booked).toBe(0);
      expect((await notificationsOf(dutyCadre)).filter((n) => n.case_id === c.id).map((n) => n.kind)).toEqual(['case_new', 'case_cancel']);

      const twice = await f.act(resident, c.id, { action: 'cancel' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error).toEqual({ code: 'CASE_STATE_CHANGED', message: '该办件状态已变化，请刷新后再操作' });
      const closed = await h.call({ method: 'GET', url: '/api/v1/cases/mine?status=closed', headers: resident });
      expect(closed.json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);

      expect((await f.create(resident, { serviceCode: DIBAO, channel: 'appointment', slot: slots[2], materialsHave: [] })).statusCode).toBe(201);
    });

    it('reschedules: the old half-day is freed, the new one taken, the timeline says from and to', async () => {
      const resident = await f.resident('孙大爷');
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'proxy', handover: 'slot', slot: slots[3], materialsHave: [] });
      const before = { old: (await f.slotRow(slots[3]))!.booked, next: (await f.slotRow(slots[4]))?.booked ?? 0 };
      const moved = await f.acted(resident, c.id, { action: 'reschedule', slot: slots[4] });
      expect(moved.slot).toEqual(slots[4]);
      expect(moved.timeline.at(-1)).toMatchObject({ action: 'reschedule', data: { from: slots[3], to: slots[4] } });
      expect((await f.slotRow(slots[3]))!.booked).toBe(before.old - 1);
      expect((await f.slotRow(slots[4]))!.booked).toBe(before.next + 1);

      const same = await f.act(resident, c.id, { action: 'reschedule', slot: slots[4] });
      expect(same.json().error.code).toBe('SLOT_UNCHANGED');
      // A half-day with no place left: refused, and the booking stays where it was.
      await f.db.insertInto('slots').values({ village_code: HOME, date: slots[7].date, half: slots[7].half, capacity: 0, booked: 0 }).execute();
      const full = await f.act(resident, c.id, { action: 'reschedule', slot: slots[7] });
      expect(full.statusCode).toBe(409);
      expect(full.json().error).toEqual({ code: 'SLOT_FULL', message: '该时段已约满，请选择其他时段' });
      expect((await f.get(resident, c.id)).json().slot).toEqual(slots[4]);
      expect((await f.slotRow(slots[4]))!.booked).toBe(before.next + 1);
      await f.acted(dutyCadre, c.id, { action: 'accept' });
      expect((await f.act(resident, c.id, { action: 'reschedule', slot: slots[5] })).statusCode).toBe(200);
      await f.acted(dutyCadre, c.id, { action: 'start' });
      const late = await f.act(resident, c.id, { action: 'reschedule', slot: slots[6] });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('CASE_STATE_CHANGED');
    });

    it('replies with a photo when asked (the state stays), resumes, and rates once after completion', async () => {
      const resident = await f.resident('周秀芳');
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '申请低保', materialsHave: [] });
      await f.acted(dutyCadre, c.id, { action: 'accept' });
      const asked = await f.acted(dutyCadre, c.id, { action: 'ask_resident', note: '请补充户口本首页照片' });
      expect(asked.status).toBe('awaiting_resident');
      expect((await f.get(resident, c.id)).json().actions.sort()).toEqual(['cancel', 'resume']);

      const photo = await upload(resident);
      const reply = await message(resident, c.id, { body: '照片发您了', attachmentIds: [photo] });
      expect(reply.statusCode).toBe(201);
      expect(reply.json().status).toBe('awaiting_resident');
      expect(reply.json().messages).toEqual([expect.objectContaining({ body: '照片发您了', attachmentIds: [photo], mine: true, author: expect.objectContaining({ name: '周秀芳' }) })]);
      const cadreView = (await f.get(dutyCadre, c.id)).json();
      expect(cadreView.messages[0].mine).toBe(false);
      expect((await h.call({ method: 'GET', url: `/api/v1/attachments/${photo}`, headers: dutyCadre })).statusCode).toBe(200);
      expect((await notificationsOf(dutyCadre)).filter((n) => n.case_id === c.id).map((n) => n.kind)).toContain('case_message');
      const outbox = await f.db.selectFrom('outbox').select('template').where('event_key', 'like', `case:${c.id}:message:%`).execute();
      expect(outbox).toEqual([{ template: 'case_message' }]);

      const resumed = await f.acted(resident, c.id, { action: 'resume', note: '已补充' });
      expect(resumed.status).toBe('in_progress');
      const done = await f.acted(dutyCadre, c.id, { action: 'complete', resultNote: '已报乡镇审批' });
      expect(done).toMatchObject({ status: 'completed', resultNote: '已报乡镇审批' });
      expect((await f.get(resident, c.id)).json().actions).toEqual(['rate']);

      const rated = await rate(resident, c.id, { level: 4, comment: '很耐心' });
      expect(rated.statusCode).toBe(200);
      expect(rated.json()).toMatchObject({ rating: { level: 4, label: '满意', comment: '很耐心' }, rectification: null, actions: [] });
      const twice = await rate(resident, c.id, { level: 5 });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('ALREADY_RATED');
      expect((await notificationsOf(dutyCadre)).filter((n) => n.case_id === c.id).map((n) => n.kind)).toContain('case_rated');
    });

    it('a bad rating opens a rectification; after the call-back and the closing note the resident sees it followed up', async () => {
      const township = await h.as({ name: '刘芳', role: 'township_admin', villageCode: HOME });
      const resident = await f.resident('吴老汉');
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '申请低保', materialsHave: [] });
      for (const step of [{ action: 'accept' }, { action: 'start' }, { action: 'complete', resultNote: '已办结' }]) await f.acted(dutyCadre, c.id, step);
      const rated = await f.acted(resident, c.id, { action: 'rate', level: 1, comment: '等了太久' });
      const calendar = await loadCalendar(f.db);
      const ratedAt = rated.timeline.find((e: { action: string }) => e.action === 'rate').createdAt;
      expect(rated.rectification).toEqual({ status: 'open', deadlineAt: calendar.dueAt(ratedAt, 15), callbackAt: null, closedAt: null, closingNote: null });
      expect(rated.timeline.map((e: { action: string }) => e.action).slice(-2)).toEqual(['rate', 'rectification_opened']);
      expect((await notificationsOf(township)).map((n) => n.kind)).toContain('rectification_opened');

      const list = await h.call({ method: 'GET', url: '/api/v1/rectifications?status=open', headers: township });
      const item = list.json().items.find((r: { caseId: string }) => r.caseId === c.id);
      expect(item).toMatchObject({ caseNumber: c.number, level: 1, levelLabel: '非常不满意', comment: '等了太久', overdue: false, status: 'open' });
      const early = await h.call({ method: 'POST', url: `/api/v1/rectifications/${item.id}/close`, payload: { note: '已整改' }, headers: township });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('CALLBACK_REQUIRED');
      expect((await h.call({ method: 'POST', url: `/api/v1/rectifications/${item.id}/callback`, payload: { note: '电话回访，群众说明了情况' }, headers: township })).statusCode).toBe(200);
      const closed = await h.call({ method: 'POST', url: `/api/v1/rectifications/${item.id}/close`, payload: { note: '已约谈经办人，今后当天受理' }, headers: township });
      expect(closed.json()).toMatchObject({ status: 'closed', closingNote: '已约谈经办人，今后当天受理' });

      const seen = (await f.get(resident, c.id)).json();
      expect(seen.rectification).toMatchObject({ status: 'closed', callbackAt: expect.any(String), closedAt: expect.any(String), closingNote: '已约谈经办人，今后当天受理' });
      expect(seen.timeline.map((e: { action: string }) => e.action).slice(-2)).toEqual(['rectification_callback', 'rectification_closed']);
      expect((await notificationsOf(resident)).map((n) => n.kind)).toContain('rectification_closed');
    });
  });

  describe('cadre journey', () => {
    let first: Headers;
    let second: Headers;
    let residents: Headers[];
    beforeAll(async () => {
      first = await f.cadre('陈国强', QUEUE_VILLAGE);
      second = await f.cadre('何丽', QUEUE_VILLAGE);
      for (const slot of slots.slice(0, 2)) await f.onDuty(first, slot, QUEUE_VILLAGE);
      residents = [];
      for (const name of ['甲大娘', '乙大爷', '丙阿姨', '丁叔叔']) residents.push(await f.resident(name, QUEUE_VILLAGE));
    });

    it('shows the queue in four tabs, overdue first then by due time, with counts and masked phones', async () => {
      const [a, b, c] = [
        await f.created(residents[0], { serviceCode: DIBAO, channel: 'online', description: '一', materialsHave: [] }),
        await f.created(residents[1], { serviceCode: DIBAO, channel: 'online', description: '二', materialsHave: [] }),
        await f.created(residents[2], { serviceCode: DIBAO, channel: 'online', description: '三', materialsHave: [] }),
      ];
      // b arrived ten days ago and still waits: past its accept-by time.
      const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
      await f.db.updateTable('cases').set({ created_at: tenDaysAgo }).where('id', '=', b.id).execute();

      const pending = (await workbench(second, 'tab=pending')).json();
      expect(pending.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id, c.id]);
      expect(pending.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, false, false]);
      expect(pending.items[0]).toMatchObject({ service: { name: expect.stringContaining('低保') }, channel: 'online', actions: ['accept', 'reject'], resident: { name: '乙大爷', phone: expect.stringMatching(/^139\*{4}\d{4}$/) } });
      expect(pending.counts).toEqual({ pending: 3, mine: 0, awaiting: 0, done: 0 });

      await f.acted(first, a.id, { action: 'accept' });
      await f.acted(first, c.id, { action: 'accept' });
      // c is past its due time: it leads 我的 although it was accepted later.
      await f.db.updateTable('cases').set({ due_at: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', c.id).execute();
      const mine = (await workbench(first, 'tab=mine')).json();
      expect(mine.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([
        [c.id, true],
        [a.id, false],
      ]);
      expect(mine.items[0].resident.phone).toMatch(/^139\d{8}$/);
      expect(mine.counts).toEqual({ pending: 1, mine: 2, awaiting: 0, done: 0 });
      expect((await workbench(second, 'tab=mine')).json()).toMatchObject({ items: [], counts: { mine: 0 } });
      const page1 = (await workbench(first, 'tab=mine&limit=1')).json();
      const page2 = (await workbench(first, `tab=mine&limit=1&cursor=${page1.nextCursor}`)).json();
      expect([...page1.items, ...page2.items].map((i: { id: string }) => i.id)).toEqual([c.id, a.id]);
      expect(page2.nextCursor).toBeNull();

      await f.acted(first, a.id, { action: 'ask_resident', note: '请补充身份证' });
      const awaiting = (await workbench(second, 'tab=awaiting')).json();
      expect(awaiting.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
      expect(awaiting.items[0].resident.phone).toMatch(/\*{4}/);

      await f.acted(second, b.id, { action: 'reject', reason: '户籍不在本村', referral: '户籍所在地村委会' });
      const done = (await workbench(second, 'tab=done')).json();
      expect(done.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
      expect(done.counts).toEqual({ pending: 0, mine: 0, awaiting: 1, done: 1 });

    });

    it('accepts, receives and returns materials on a receipt, asks, transfers and completes: every step on the timeline', async () => {
      const resident = residents[3];
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'proxy', handover: 'slot', slot: slots[0], materialsHave: dibaoRequired });
      const accepted = await f.acted(first, c.id, { action: 'accept' });
      expect(accepted).toMatchObject({ status: 'accepted', assignee: { name: '陈国强' }, acceptedAt: expect.any(String), dueAt: expect.any(String) });
      expect(accepted.actions.sort()).toEqual(['ask_resident', 'reject', 'start', 'transfer']);

      const receipt = await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/materials`, payload: { name: '居民户口簿', form: '原件', copies: 1, note: '核对后退还' }, headers: first });
      expect(receipt.statusCode).toBe(201);
      const material = receipt.json().materials[0];
      expect(material).toMatchObject({ name: '居民户口簿', form: '原件', copies: 1, note: '核对后退还', receivedBy: '陈国强', returnedAt: null });
      const notMine = await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/materials`, payload: { name: '身份证', form: '复印件', copies: 1 }, headers: second });
      expect(notMine.statusCode).toBe(403);

      await f.acted(first, c.id, { action: 'start' });
      await f.acted(first, c.id, { action: 'ask_resident', note: '还差银行卡复印件' });
      await f.acted(resident, c.id, { action: 'resume' });
      const secondId = await userId(second);
      const transferred = await f.acted(first, c.id, { action: 'transfer', toCadreId: secondId, note: '我下周出差' });
      expect(transferred.assignee).toMatchObject({ id: secondId, name: '何丽' });
      expect((await f.act(first, c.id, { action: 'complete', resultNote: 'x' })).statusCode).toBe(403);
      expect((await notificationsOf(second)).filter((n) => n.case_id === c.id).map((n) => n.kind)).toContain('case_transfer');

      await f.acted(second, c.id, { action: 'complete', resultNote: '乡镇已审批，下月发放' });
      const returned = await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/materials/${material.id}/return`, headers: second });
      expect(returned.statusCode).toBe(200);
      const again = await h.call({ method: 'POST', url: `/api/v1/cases/${c.id}/materials/${material.id}/return`, headers: second });
      expect(again.json().error.code).toBe('MATERIAL_ALREADY_RETURNED');

      const seen = (await f.get(resident, c.id)).json();
      expect(seen.materials).toEqual([expect.objectContaining({ name: '居民户口簿', receivedBy: '陈国强', returnedBy: '何丽', returnedAt: expect.any(String) })]);
      expect(seen.timeline.map((e: { action: string; actor: { name: string } | null }) => [e.action, e.actor?.name])).toEqual([
        ['submit', '丁叔叔'],
        ['accept', '陈国强'],
        ['material_received', '陈国强'],
        ['start', '陈国强'],
        ['ask_resident', '陈国强'],
        ['resume', '丁叔叔'],
        ['transfer', '陈国强'],
        ['complete', '何丽'],
        ['material_returned', '何丽'],
      ]);
      expect(seen.timeline.every((e: { createdAt: string }) => !Number.isNaN(Date.parse(e.createdAt)))).toBe(true);
      const kinds = (await notificationsOf(resident)).filter((n) => n.case_id === c.id).map((n) => n.kind);
      expect(kinds).toEqual(expect.arrayContaining(['case_accept', 'material_received', 'case_ask_resident', 'case_complete', 'material_returned']));
    });

    it('rejects with a reason and where else to go, and gives the slot back', async () => {
      const resident = await f.resident('戊奶奶', QUEUE_VILLAGE);
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'appointment', slot: slots[1], materialsHave: [] });
      const booked = (await f.slotRow(slots[1], QUEUE_VILLAGE))!.booked;
      const missing = await f.act(first, c.id, { action: 'reject', reason: '不符合条件' });
      expect(missing.json().error).toEqual({ code: 'REFERRAL_REQUIRED', message: expect.stringMatching(CHINESE) });
      await f.acted(first, c.id, { action: 'reject', reason: '已享受特困供养', referral: '乡镇民政办' });
      expect((await f.get(resident, c.id)).json()).toMatchObject({ status: 'rejected', rejectReason: '已享受特困供养', rejectReferral: '乡镇民政办', actions: [] });
      expect((await f.slotRow(slots[1], QUEUE_VILLAGE))!.booked).toBe(booked - 1);
    });
  });

  describe('visibility', () => {
    it('shows a case to its resident, its village’s cadres and the admins above; 404 to everyone else; the phone only to the handler', async () => {
      const resident = await f.resident('郑阿婆');
      const c = await f.created(resident, { serviceCode: DIBAO, channel: 'online', description: '问低保', materialsHave: [] });
      const fullPhone = (await f.me(resident)).phone;
      const hidden = [
        await f.resident('隔壁邻居'),
        await f.resident('邻村村民', NEIGHBOUR),
        await f.cadre('邻村干部', NEIGHBOUR),
        await f.cadre('外镇干部', OTHER_TOWNSHIP),
        await h.as({ name: '外镇管理员', role: 'township_admin', villageCode: OTHER_TOWNSHIP }),
      ];
      for (const who of hidden) {
        const res = await f.get(who, c.id);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('CASE_NOT_FOUND');
        expect((await f.act(who, c.id, { action: 'cancel' })).statusCode).toBe(404);
        expect((await message(who, c.id, { body: '你好' })).statusCode).toBe(404);
      }

      const colleague = await f.cadre('同村干部');
      const township = await h.as({ name: '刘芳', role: 'township_admin', villageCode: HOME });
      const county = await h.as({ name: '陈明', role: 'county_admin', villageCode: HOME });
      for (const who of [colleague, township, county, dutyCadre]) {
        const res = await f.get(who, c.id);
        expect(res.statusCode).toBe(200);
        expect(res.json().resident.phone).toBe(`${fullPhone!.slice(0, 3)}****${fullPhone!.slice(-4)}`);
      }
      expect((await f.get(resident, c.id)).json().resident.phone).toBe(fullPhone);
      const forbidden = await f.act(township, c.id, { action: 'accept' });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.message).toMatch(CHINESE);

      await f.acted(dutyCadre, c.id, { action: 'accept' });
      expect((await f.get(dutyCadre, c.id)).json().resident.phone).toBe(fullPhone);
      expect((await f.get(colleague, c.id)).json().resident.phone).toMatch(/\*{4}/);
    });
  });

  describe('bad input', () => {
    it('answers every bad request with a 4xx, a stable code and a Chinese sentence', async () => {
      const resident = await f.resident('钱多多');
      const noPrivacy = await h.as({ name: '没同意', villageCode: HOME });
      const noPhone = await h.as({ name: '没手机', villageCode: HOME });
      await h.call({ method: 'POST', url: '/api/v1/me/privacy', payload: { version: (await h.call({ method: 'GET', url: '/api/v1/me', headers: noPhone })).json().privacy.currentVersion }, headers: noPhone });
      const sunday = await (async () => {
        const calendar = await loadCalendar(f.db);
        let d = slots[0].date;
        while (calendar.isWorkingDay(d)) d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        return d;
      })();
      const base = { serviceCode: DIBAO, channel: 'online', description: '申请', materialsHave: [] };
      const create = (headers: Headers, payload: object, key?: string) => f.create(headers, payload, key);

      const online = await f.created(resident, base);
      const proxy = await f.created(resident, { serviceCode: DIBAO, channel: 'proxy', handover: 'slot', slot: slots[5], materialsHave: [] });
      const other = await f.cadre('邻村干部', NEIGHBOUR);
      const reusedKey = f.key();
      expect((await create(resident, base, reusedKey)).statusCode).toBe(201);

      const cases: [string, () => Promise<{ statusCode: number; json(): { error: { code: string; message: string } } }>, number, string][] = [
        ['no idempotency key', () => h.call({ method: 'POST', url: '/api/v1/cases', payload: base, headers: resident }), 400, 'IDEMPOTENCY_KEY_REQUIRED'],
        ['a key too short', () => create(resident, base, 'short'), 400, 'IDEMPOTENCY_KEY_REQUIRED'],
        ['a key reused for another body', () => create(resident, { ...base, description: '别的事' }, reusedKey), 422, 'IDEMPOTENCY_KEY_REUSED'],
        ['privacy not agreed', () => create(noPrivacy, base), 403, 'PRIVACY_NOT_AGREED'],
        ['no phone on the profile', () => create(noPhone, base), 409, 'PROFILE_INCOMPLETE'],
        ['an unknown item', () => create(resident, { ...base, serviceCode: 'nope-99' }), 404, 'SERVICE_NOT_FOUND'],
        ['a channel the item does not offer', () => create(resident, { ...base, serviceCode: 'cjr-05' }), 400, 'CHANNEL_NOT_OFFERED'],
        ['a channel that does not exist', () => create(resident, { ...base, channel: 'fax' }), 400, 'BAD_REQUEST'],
        ['online without a description', () => create(resident, { ...base, description: '   ' }), 400, 'DESCRIPTION_REQUIRED'],
        ['a description too long', () => create(resident, { ...base, description: '字'.repeat(501) }), 400, 'TEXT_TOO_LONG'],
        ['proxy without a hand-over', () => create(resident, { ...base, channel: 'proxy' }), 400, 'HANDOVER_REQUIRED'],
        ['a home visit without a reason', () => create(resident, { ...base, channel: 'proxy', handover: 'home_visit' }), 400, 'HOME_VISIT_REASON_REQUIRED'],
        ['a home-visit reason too long', () => create(resident, { ...base, channel: 'proxy', handover: 'home_visit', homeVisitReason: '字'.repeat(101) }), 400, 'TEXT_TOO_LONG'],
        ['a visit without a slot', () => create(resident, { ...base, channel: 'appointment' }), 400, 'SLOT_REQUIRED'],
        ['a slot on a day off', () => create(resident, { ...base, channel: 'appointment', slot: { date: sunday, half: 'am' } }), 400, 'SLOT_UNAVAILABLE'],
        ['a slot nobody is on duty for', async () => create(await f.resident('邻村人', NEIGHBOUR), { ...base, channel: 'appointment', slot: slots[0] }), 400, 'SLOT_UNAVAILABLE'],
        ['a malformed date', () => create(resident, { ...base, channel: 'appointment', slot: { date: '2026-13-01', half: 'am' } }), 400, 'SLOT_UNAVAILABLE'],
        ['no checklist', () => create(resident, { serviceCode: DIBAO, channel: 'online', description: '申请' }), 400, 'BAD_REQUEST'],
        ['broken JSON', () => h.call({ method: 'POST', url: '/api/v1/cases', payload: '{"serviceCode":', headers: { ...resident, 'content-type': 'application/json', 'idempotency-key': f.key() } }), 400, 'INVALID_JSON'],
        ['an unknown case', () => f.get(resident, 'no-such-case'), 404, 'CASE_NOT_FOUND'],
        ['an unknown action', () => f.act(dutyCadre, online.id, { action: 'approve' }), 400, 'BAD_REQUEST'],
        ['reject without a reason', () => f.act(dutyCadre, proxy.id, { action: 'reject', referral: '乡镇' }), 400, 'REJECT_REASON_REQUIRED'],
        ['reschedule an online case', () => f.act(resident, online.id, { action: 'reschedule', slot: slots[0] }), 409, 'CASE_HAS_NO_SLOT'],
        ['reschedule without a slot', () => f.act(resident, proxy.id, { action: 'reschedule' }), 400, 'SLOT_REQUIRED'],
        ['rate before completion', () => rate(resident, online.id, { level: 5 }), 409, 'CASE_STATE_CHANGED'],
        ['rate by a cadre', () => rate(dutyCadre, online.id, { level: 5 }), 403, 'CASE_ACTION_FORBIDDEN'],
        ['rate with no level through transitions', () => f.act(resident, online.id, { action: 'rate' }), 400, 'LEVEL_REQUIRED'],
        ['a level of 6', () => rate(resident, online.id, { level: 6 }), 400, 'BAD_REQUEST'],
        ['an empty message', () => message(resident, online.id, { body: '  ' }), 400, 'MESSAGE_EMPTY'],
        ['a message too long', () => message(resident, online.id, { body: '字'.repeat(501) }), 400, 'TEXT_TOO_LONG'],
        ['ten photos', () => message(resident, online.id, { body: '图', attachmentIds: Array.from({ length: 10 }, (_, i) => `a${i}`) }), 400, 'BAD_REQUEST'],
        ['a photo that is not mine', () => message(resident, online.id, { body: '图', attachmentIds: ['not-an-upload'] }), 400, 'ATTACHMENT_INVALID'],
        ['materials by a resident', () => h.call({ method: 'POST', url: `/api/v1/cases/${online.id}/materials`, payload: { name: '户口簿', form: '原件', copies: 1 }, headers: resident }), 403, 'FORBIDDEN'],
        ['materials before acceptance', () => h.call({ method: 'POST', url: `/api/v1/cases/${online.id}/materials`, payload: { name: '户口簿', form: '原件', copies: 1 }, headers: dutyCadre }), 403, 'CASE_ACTION_FORBIDDEN'],
        ['a material form that does not exist', () => h.call({ method: 'POST', url: `/api/v1/cases/${online.id}/materials`, payload: { name: '户口簿', form: '扫描件', copies: 1 }, headers: dutyCadre }), 400, 'BAD_REQUEST'],
        ['no copies', () => h.call({ method: 'POST', url: `/api/v1/cases/${online.id}/materials`, payload: { name: '户口簿', form: '原件', copies: 0 }, headers: dutyCadre }), 400, 'BAD_REQUEST'],
        ['a workbench tab that does not exist', () => workbench(dutyCadre, 'tab=all'), 400, 'BAD_REQUEST'],
        ['a broken cursor', () => workbench(dutyCadre, 'tab=pending&cursor=garbage'), 400, 'BAD_CURSOR'],
        ['the workbench for a resident', () => workbench(resident, 'tab=pending'), 403, 'FORBIDDEN'],
        ['another village’s cadre accepting', () => f.act(other, online.id, { action: 'accept' }), 404, 'CASE_NOT_FOUND'],
      ];
      for (const [what, send, status, code] of cases) {
        const res = await send();
        expect({ what, status: res.statusCode, code: res.json().error.code }).toEqual({ what, status, code });
        expect({ what, message: res.json().error.message }).toEqual({ what, message: expect.stringMatching(CHINESE) });
      }

      // Transition inputs, on a case the duty cadre handles.
      await f.acted(dutyCadre, proxy.id, { action: 'accept' });
      const colleague = await f.cadre('同村干部二');
      const transitionCases: [object, number, string][] = [
        [{ action: 'ask_resident' }, 400, 'NOTE_REQUIRED'],
        [{ action: 'transfer' }, 400, 'TRANSFER_TARGET_REQUIRED'],
        [{ action: 'transfer', toCadreId: (await f.me(other)).id }, 400, 'TRANSFER_TARGET_INVALID'],
        [{ action: 'transfer', toCadreId: (await f.me(dutyCadre)).id }, 400, 'TRANSFER_TARGET_INVALID'],
        [{ action: 'complete', resultNote: '好了' }, 409, 'CASE_STATE_CHANGED'],
      ];
      for (const [payload, status, code] of transitionCases) {
        const res = await f.act(dutyCadre, proxy.id, payload);
        expect({ payload, status: res.statusCode, code: res.json().error.code }).toEqual({ payload, status, code });
      }
      await f.acted(dutyCadre, proxy.id, { action: 'start' });
      expect((await f.act(dutyCadre, proxy.id, { action: 'complete' })).json().error.code).toBe('RESULT_NOTE_REQUIRED');
      expect((await f.act(colleague, proxy.id, { action: 'complete', resultNote: '好了' })).statusCode).toBe(403);
      const returnUnknown = await h.call({ method: 'POST', url: `/api/v1/cases/${proxy.id}/materials/nope/return`, headers: dutyCadre });
      expect(returnUnknown.json().error.code).toBe('MATERIAL_NOT_FOUND');
      await f.acted(dutyCadre, proxy.id, { action: 'complete', resultNote: '好了' });
      const closedMessage = await message(resident, proxy.id, { body: '谢谢' });
      expect(closedMessage.statusCode).toBe(409);
      expect(closedMessage.json().error.code).toBe('CASE_CLOSED');
    });
  });

  describe('due dates', () => {
    // A made-up holiday far ahead, so the check does not depend on any year's published list.
    const FRIDAY = '2031-03-07';
    const HOLIDAY_MONDAY = '2031-03-10';

    it('count only working days: a Friday acceptance of a one-day item is due on Tuesday when Monday is a holiday', async () => {
      await f.db.insertInto('holidays').values({ date: HOLIDAY_MONDAY, kind: 'holiday', name: '测试假日' }).onConflict((oc) => oc.column('date').doNothing()).execute();
      const residentHeaders = await f.resident('冯大妈');
      const cadreHeaders = await f.cadre('时钟干部');
      const resident = (await f.db.selectFrom('users').selectAll().where('id', '=', await userId(residentHeaders)).executeTakeFirstOrThrow());
      const cadre = (await f.db.selectFrom('users').selectAll().where('id', '=', await userId(cadreHeaders)).executeTakeFirstOrThrow());
      let now = new Date(`${FRIDAY}T18:30:00+08:00`);
      const service = createCaseService({ db: f.db, clock: () => now });

      // 水电气报装代办: promised in one working day.
      const { body: c } = await service.create(resident, { serviceCode: 'nysh-02', channel: 'online', description: '装自来水', materialsHave: [] }, f.key());
      expect(c.number).toBe('YC-20310307-0001');
      // Arrived after hours on Friday: to be accepted by noon on the next working day.
      expect(c.acceptBy).toBe('2031-03-11T04:00:00.000Z');

      now = new Date(`${FRIDAY}T19:00:00+08:00`);
      const accepted = await service.transition(cadre, c.id, { action: 'accept' });
      expect(accepted.dueAt).toBe('2031-03-11T09:30:00.000Z');
      expect(accepted.overdue).toBe(false);

      now = new Date('2031-03-11T17:31:00+08:00');
      expect((await service.get(cadre, c.id)).overdue).toBe(true);
    });
  });
});
