// 和事佬 mediation: a resident's request is seen only by them, the village's cadres and the leaders
// and deputies of the village's 和事佬 groups; to everyone else it does not exist, anywhere.
import { randomUUID } from 'node:crypto';
import { MEDIATOR_GROUP_KIND } from '../../server/src/modules/mediations/mediators';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, HOME, NEIGHBOUR, type Headers } from './cases-fixtures';

describe.each(testDatabases())('mediations on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let asker: Headers;
  let nosy: Headers;
  let cadre: Headers;
  let otherCadre: Headers;
  let leader: Headers;
  let deputy: Headers;
  let danceLeader: Headers;
  let neighbourLeader: Headers;

  // A group of `kind` in `village` led by `leaderHeaders`, with an optional deputy.
  const group = async (kind: string, village: string, leaderHeaders: Headers, deputyHeaders?: Headers) => {
    await f.db.insertInto('group_kinds').values({ code: kind, name: kind, icon: 'x', description: kind, sort: 99 }).onConflict((oc) => oc.column('code').doNothing()).execute();
    const at = new Date().toISOString();
    const leaderId = (await f.me(leaderHeaders)).id;
    const id = randomUUID();
    await f.db
      .insertInto('groups')
      .values({ id, kind, name: `${kind}组`, scope_code: village, township_code: village.slice(0, 9), leader_id: leaderId, join_policy: 'open', member_cap: null, description: '测试', room_village_code: null, room_id: null, review_status: 'approved', created_by: leaderId, created_at: at, updated_at: at })
      .execute();
    const members = [{ user_id: leaderId, role: 'leader' as const }];
    if (deputyHeaders) members.push({ user_id: (await f.me(deputyHeaders)).id, role: 'deputy' as never });
    for (const m of members) {
      await f.db.insertInto('group_members').values({ group_id: id, user_id: m.user_id, role: m.role, status: 'active', reason: null, requested_at: at, joined_at: at, updated_at: at }).execute();
    }
  };

  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    asker = await f.resident('求助人');
    nosy = await f.resident('好奇邻居');
    cadre = await f.cadre('调解村干部');
    otherCadre = await f.cadre('外村干部', NEIGHBOUR);
    leader = await f.resident('和事佬组长');
    deputy = await f.resident('和事佬副组长');
    danceLeader = await f.resident('跳舞组长');
    neighbourLeader = await f.resident('外村和事佬', NEIGHBOUR);
    await group(MEDIATOR_GROUP_KIND, HOME, leader, deputy);
    await group('recreation', HOME, danceLeader);
    await group(MEDIATOR_GROUP_KIND, NEIGHBOUR, neighbourLeader);
  }, 30_000);
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  const ask = (headers: Headers, payload: object, key = f.key()) =>
    h.call({ method: 'POST', url: '/api/v1/mediations', payload, headers: { ...headers, 'idempotency-key': key } });
  const asked = async (payload: object = { kind: 'neighbours', otherParty: '王二', description: '邻居家的水管漏到我家墙上' }) => {
    const res = await ask(asker, payload);
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; status: string };
  };
  const post = (headers: Headers, url: string, payload?: object) => h.call({ method: 'POST', url: `/api/v1/mediations${url}`, payload, headers });
  const get = (headers: Headers, url: string) => h.call({ method: 'GET', url: `/api/v1/mediations${url}`, headers });
  const ids = (res: { json(): unknown }) => (res.json() as { items: { id: string }[] }).items.map((i) => i.id);

  it('refuses a request without a key, a description or with a bad kind, and is idempotent', async () => {
    const payload = { kind: 'family', description: '婆媳不和' };
    expect((await h.call({ method: 'POST', url: '/api/v1/mediations', payload, headers: asker })).json().error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await ask(asker, { kind: 'family', description: '  ' })).json().error.code).toBe('DESCRIPTION_REQUIRED');
    expect((await ask(asker, { kind: 'war', description: '打架' })).statusCode).toBe(400);
    expect((await ask(asker, { kind: 'family', description: '长'.repeat(1001) })).json().error.code).toBe('TEXT_TOO_LONG');
    const key = f.key();
    const first = await ask(asker, payload, key);
    const again = await ask(asker, payload, key);
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
  });

  it('another resident cannot see a mediation anywhere', async () => {
    const m = await asked();
    for (const who of [nosy, otherCadre, danceLeader, neighbourLeader]) {
      expect((await get(who, `/${m.id}`)).statusCode).toBe(404);
      expect(ids(await get(who, '/mine'))).not.toContain(m.id);
      const list = await get(who, '');
      if (list.statusCode === 200) expect(ids(list)).not.toContain(m.id);
      else expect(list.json().error.code).toBe('NOT_A_MEDIATOR');
      for (const [url, payload] of [['/take'], ['/withdraw'], ['/messages', { body: '我也想说两句' }], ['/outcome', { result: 'success', agreement: '和好' }]] as const) {
        const res = await post(who, `/${m.id}${url}`, payload);
        expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({ url, status: 404, code: 'MEDIATION_NOT_FOUND' });
      }
      // Notifications never carry another person's request.
      const notes = (await h.call({ method: 'GET', url: '/api/v1/notifications', headers: who })).body;
      expect(notes).not.toContain('求助人');
      expect(notes).not.toContain('水管');
    }
    // The resident's own list, and only the village's mediators and cadres besides.
    expect(ids(await get(asker, '/mine'))).toContain(m.id);
    expect(ids(await get(nosy, '/mine'))).toEqual([]);
    for (const who of [cadre, leader, deputy]) {
      expect((await get(who, `/${m.id}`)).json()).toMatchObject({ id: m.id, description: '邻居家的水管漏到我家墙上', otherParty: '王二', resident: { name: '求助人' } });
      expect(ids(await get(who, ''))).toContain(m.id);
    }
    // Mediators are told a request came in, without who or what.
    const leaderNotes = (await h.call({ method: 'GET', url: '/api/v1/notifications', headers: leader })).json().items as { title: string; body: string }[];
    const note = leaderNotes.find((n) => n.title === '新的调解请求')!;
    expect(note.body).toContain('邻里纠纷');
    expect(note.body).not.toContain('求助人');
    expect(note.body).not.toContain('水管');
  });

  it('a mediator takes it, they exchange messages, and the outcome is recorded', async () => {
    const m = await asked();
    expect((await get(asker, `/${m.id}`)).json().actions).toEqual(['message', 'withdraw']);
    expect((await get(leader, `/${m.id}`)).json().actions).toEqual(['take', 'message']);
    // The resident cannot take their own request; a mediator cannot withdraw it.
    expect((await post(asker, `/${m.id}/take`)).json().error.code).toBe('MEDIATION_ACTION_FORBIDDEN');
    expect((await post(leader, `/${m.id}/withdraw`)).json().error.code).toBe('MEDIATION_ACTION_FORBIDDEN');
    // Outcome before anyone took it: the state has not got there.
    expect((await post(cadre, `/${m.id}/outcome`, { result: 'success', agreement: '和好' })).json().error.code).toBe('MEDIATION_STATE_CHANGED');

    const taken = await post(leader, `/${m.id}/take`);
    expect(taken.json()).toMatchObject({ status: 'in_progress', mediator: { name: '和事佬组长' } });
    expect((await post(deputy, `/${m.id}/take`)).json().error.code).toBe('MEDIATION_STATE_CHANGED');
    expect((await post(asker, `/${m.id}/withdraw`)).json().error.code).toBe('MEDIATION_STATE_CHANGED');

    expect((await post(asker, `/${m.id}/messages`, { body: '周六上午我在家' })).statusCode).toBe(201);
    expect((await post(leader, `/${m.id}/messages`, { body: '好，周六上午我带王二过来' })).statusCode).toBe(201);
    expect((await post(asker, `/${m.id}/messages`, { body: '   ' })).json().error.code).toBe('MESSAGE_EMPTY');
    const seen = (await get(asker, `/${m.id}`)).json();
    expect(seen.messages.map((x: { body: string; mine: boolean }) => [x.body, x.mine])).toEqual([
      ['周六上午我在家', true],
      ['好，周六上午我带王二过来', false],
    ]);

    // Only the mediator who took it (or a village cadre) records the outcome.
    expect((await post(deputy, `/${m.id}/outcome`, { result: 'success', agreement: '和好' })).json().error.code).toBe('MEDIATION_ACTION_FORBIDDEN');
    expect((await post(leader, `/${m.id}/outcome`, { result: 'success' })).json().error.code).toBe('AGREEMENT_REQUIRED');
    const done = await post(leader, `/${m.id}/outcome`, { result: 'success', agreement: '王二下周修好水管，赔偿刷墙费300元' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'resolved', statusLabel: '调解成功', agreement: '王二下周修好水管，赔偿刷墙费300元', referral: null, actions: [] });
    expect((await post(asker, `/${m.id}/messages`, { body: '谢谢' })).json().error.code).toBe('MEDIATION_CLOSED');
    const notes = (await h.call({ method: 'GET', url: '/api/v1/notifications', headers: asker })).json().items as { title: string }[];
    expect(notes.map((n) => n.title)).toEqual(expect.arrayContaining(['和事佬已接手', '和事佬回复了您', '调解成功']));
  });

  it('records a referral when mediation fails, and lets the resident withdraw while open', async () => {
    const land = await asked({ kind: 'land', description: '承包地边界有争议' });
    await post(cadre, `/${land.id}/take`);
    expect((await post(cadre, `/${land.id}/outcome`, { result: 'not_resolved' })).json().error.code).toBe('REFERRAL_REQUIRED');
    const referred = await post(cadre, `/${land.id}/outcome`, { result: 'not_resolved', referral: '乡镇人民调解委员会' });
    expect(referred.json()).toMatchObject({ status: 'referred', referral: '乡镇人民调解委员会', agreement: null });

    const family = await asked({ kind: 'family', description: '兄弟分家' });
    expect((await post(asker, `/${family.id}/withdraw`)).json()).toMatchObject({ status: 'withdrawn', actions: [] });
    expect((await post(leader, `/${family.id}/take`)).json().error.code).toBe('MEDIATION_STATE_CHANGED');

    const open = ids(await get(cadre, '?status=open'));
    const closed = ids(await get(cadre, '?status=closed'));
    expect(closed).toEqual(expect.arrayContaining([land.id, family.id]));
    expect(open).not.toContain(land.id);
  });

  it('two mediators taking one request at once: exactly one gets it', async () => {
    const m = await asked();
    const answers = await Promise.all([leader, deputy, cadre].map((who) => post(who, `/${m.id}/take`)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('exports and erases the resident’s mediations', async () => {
    const leaver = await f.resident('要注销的人');
    const res = await ask(leaver, { kind: 'other', otherParty: '李四', description: '借钱不还' });
    const id = res.json().id as string;
    await post(leaver, `/${id}/messages`, { body: '他说下个月还' });
    const exported = (await h.call({ method: 'GET', url: '/api/v1/me/export', headers: leaver })).json();
    expect(exported.mediations).toEqual([expect.objectContaining({ kind: 'other', otherParty: '李四', description: '借钱不还', status: 'open' })]);
    expect(exported.mediationMessagesWritten).toEqual([expect.objectContaining({ body: '他说下个月还' })]);
    expect((await h.call({ method: 'DELETE', url: '/api/v1/me', headers: leaver })).statusCode).toBeLessThan(300);
    const row = await f.db.selectFrom('mediations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'other', other_party: null, description: '' });
    expect(await f.db.selectFrom('mediation_messages').selectAll().where('mediation_id', '=', id).execute()).toEqual([]);
  });
});
