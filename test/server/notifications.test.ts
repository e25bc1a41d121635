// In-app notifications and the outbox row beside them: written in the caller's transaction, once
// per event, and shown only to their owner.
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { notify, type NotifyInput } from '../../server/src/modules/notifications/notify';
import { toWechatData } from '../../server/src/modules/notifications/templates';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

const HOME = DEMO_VILLAGES[0];

describe.each(testDatabases())('notifications on $dialect', (testDb) => {
  let h: Harness;
  let db: Db;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness(testDb);
    db = createDatabase(h.config.database);
  });
  afterAll(async () => {
    await db?.destroy();
    await h?.close();
  });

  const signIn = async (name: string) => {
    const headers = await h.as({ name, role: 'resident', villageCode: HOME });
    const me = await h.call({ method: 'GET', url: '/api/v1/me', headers });
    return { headers, id: me.json().id as string };
  };
  const input = (userId: string, overrides: Partial<NotifyInput> = {}): NotifyInput => ({
    userId,
    kind: 'case_status',
    title: '您的办件已受理',
    body: '城乡低保 YC-20261128-0042 已由村干部受理',
    eventKey: `test:${++seq}`,
    wechat: {
      template: 'case_status',
      page: 'cases/detail/index?id=x',
      data: { number: 'YC-20261128-0042', service: '城乡最低生活保障', status: '已受理' },
    },
    ...overrides,
  });
  const count = async (table: 'notifications' | 'outbox', eventKey: string) =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('event_key', '=', eventKey).executeTakeFirstOrThrow()).n);
  const list = async (headers: Record<string, string>, query = '') => h.call({ method: 'GET', url: `/api/v1/notifications${query}`, headers });

  describe('notify()', () => {
    it('writes the notification and a pending outbox row with WeChat-shaped data in the same transaction', async () => {
      const { id } = await signIn('写入者');
      const message = input(id);
      await db.transaction().execute((trx) => notify(trx, message));
      const row = await db.selectFrom('outbox').selectAll().where('event_key', '=', message.eventKey).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ user_id: id, template: 'case_status', status: 'pending', attempts: 0, locked_until: null, page: 'cases/detail/index?id=x' });
      expect(Date.parse(row.next_attempt_at)).toBeLessThanOrEqual(Date.now());
      expect(JSON.parse(row.data)).toEqual({
        character_string1: { value: 'YC-20261128-0042' },
        thing2: { value: '城乡最低生活保障' },
        phrase3: { value: '已受理' },
        time4: { value: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) },
        thing5: { value: '无' },
      });
      expect(await count('notifications', message.eventKey)).toBe(1);
    });

    it('leaves neither row when the transaction rolls back', async () => {
      const { id } = await signIn('回滚者');
      const message = input(id);
      await expect(
        db.transaction().execute(async (trx) => {
          await notify(trx, message);
          throw new Error('the change failed after notifying');
        }),
      ).rejects.toThrow('the change failed');
      expect(await count('notifications', message.eventKey)).toBe(0);
      expect(await count('outbox', message.eventKey)).toBe(0);
    });

    it('queues one message for a repeated event key, even from concurrent transactions', async () => {
      const { id } = await signIn('重复者');
      const message = input(id);
      await Promise.all(Array.from({ length: 5 }, () => db.transaction().execute((trx) => notify(trx, message))));
      await notify(db, message);
      expect(await count('outbox', message.eventKey)).toBe(1);
      expect(await count('notifications', message.eventKey)).toBe(1);
    });

    it('writes no outbox row without a WeChat message', async () => {
      const { id } = await signIn('站内者');
      const message = input(id, { wechat: undefined });
      await notify(db, message);
      expect(await count('notifications', message.eventKey)).toBe(1);
      expect(await count('outbox', message.eventKey)).toBe(0);
    });
  });

  describe('templates', () => {
    it('trims values to WeChat limits and writes the time in China Standard Time', () => {
      const data = toWechatData('case_message', {
        number: 'YC-20261128-0042-这段不是编号-ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        service: '残疾人两项补贴（困难残疾人生活补贴和重度残疾人护理补贴）',
        sender: '欧阳娜娜娜娜娜娜娜娜娜',
        content: '  请补交\n户口本首页复印件  ',
        time: '2026-11-28T16:05:00.000Z',
      });
      expect(data).toEqual({
        character_string1: { value: 'YC-20261128-0042--ABCDEFGHIJKLMN' },
        thing2: { value: '残疾人两项补贴（困难残疾人生活补贴和重…' },
        name3: { value: '欧阳娜娜娜娜娜娜娜娜' },
        thing4: { value: '请补交 户口本首页复印件' },
        time5: { value: '2026-11-29 00:05' },
      });
      expect([...data.thing2.value]).toHaveLength(20);
      expect(toWechatData('case_status', { status: '不予受理并转办' }).phrase3.value).toBe('不予受理并');
    });

    it('refuses a field the template does not have, so a caller finds the mistake in its own test', async () => {
      expect(() => toWechatData('case_status', { thing1: '城乡低保' })).toThrow(/no field thing1.*number, service, status, time, note/);
      const { id } = await signIn('字段错者');
      const message = input(id, { wechat: { template: 'rectification', page: 'p', data: { reason: 'x' } } });
      await expect(db.transaction().execute((trx) => notify(trx, message))).rejects.toThrow(/no field reason/);
      expect(await count('notifications', message.eventKey)).toBe(0);
    });
  });

  describe('routes', () => {
    it('lists only my own notifications, newest first, page by page, with the unread count', async () => {
      const me = await signIn('张大爷');
      const other = await signIn('李大妈');
      for (let i = 1; i <= 5; i++) {
        await notify(db, input(me.id, { title: `我的第${i}条` }));
        // Distinct creation times keep "newest first" meaningful.
        await new Promise((r) => setTimeout(r, 3));
      }
      await notify(db, input(other.id, { title: '别人的' }));

      const first = await list(me.headers, '?limit=3');
      expect(first.statusCode).toBe(200);
      expect(first.json().unread).toBe(5);
      expect(first.json().items.map((n: { title: string }) => n.title)).toEqual(['我的第5条', '我的第4条', '我的第3条']);
      expect(first.json().items[0]).toMatchObject({ kind: 'case_status', body: expect.any(String), caseId: null, read: false, createdAt: expect.any(String) });
      const second = await list(me.headers, `?limit=3&cursor=${first.json().nextCursor}`);
      expect(second.json().items.map((n: { title: string }) => n.title)).toEqual(['我的第2条', '我的第1条']);
      expect(second.json().nextCursor).toBeNull();

      const theirs = await list(other.headers);
      expect(theirs.json().items.map((n: { title: string }) => n.title)).toEqual(['别人的']);
    });

    it('marks one of mine read, refuses someone else’s as not found, and marks all of mine read', async () => {
      const me = await signIn('王奶奶');
      const other = await signIn('赵叔叔');
      await notify(db, input(me.id));
      await notify(db, input(me.id));
      await notify(db, input(other.id));
      const [newest] = (await list(me.headers)).json().items;
      const [theirs] = (await list(other.headers)).json().items;

      const read = await h.call({ method: 'POST', url: `/api/v1/notifications/${newest.id}/read`, headers: me.headers });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual({ unread: 1 });
      expect((await list(me.headers)).json().items.map((n: { read: boolean }) => n.read)).toEqual([true, false]);

      const foreign = await h.call({ method: 'POST', url: `/api/v1/notifications/${theirs.id}/read`, headers: me.headers });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error).toEqual({ code: 'NOTIFICATION_NOT_FOUND', message: expect.stringMatching(/消息/) });

      const all = await h.call({ method: 'POST', url: '/api/v1/notifications/read-all', headers: me.headers });
      expect(all.json()).toEqual({ unread: 0 });
      expect((await list(other.headers)).json().unread).toBe(1);
    });

    it('answers bad paging input with 400 and a Chinese message', async () => {
      const me = await signIn('翻页者');
      for (const query of ['?cursor=not-a-cursor', '?limit=0', '?limit=abc']) {
        const res = await list(me.headers, query);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      expect((await list(me.headers, '?cursor=not-a-cursor')).json().error.code).toBe('BAD_CURSOR');
    });
  });
});
