// Room bookings by half-day: only group leaders book the 微家 rooms of their village, and of many
// leaders booking one room and half-day at once exactly one wins (the database decides).
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { cstDate, addDays } from '../../server/src/modules/calendar/calendar';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { createGroup, idOf, post, type Headers } from './groups-fixtures';

const HOME = DEMO_VILLAGES[0];
const FAR = DEMO_VILLAGES[3];
const LEADERS = 12;

describe.each(testDatabases())('rooms on $dialect', (testDb) => {
  let h: Harness;
  let cadre: Headers;
  let leaders: Headers[];
  let groups: string[];
  const day = addDays(cstDate(new Date()), 3);
  const url = (room: string, village = HOME) => `/api/v1/rooms/${village}/${room}/bookings`;

  beforeAll(async () => {
    h = await startHarness(testDb);
    cadre = await h.as({ name: '房间村干部', role: 'cadre', villageCode: HOME });
    leaders = [];
    groups = [];
    for (let i = 0; i < LEADERS; i += 1) {
      const l = await h.as({ name: `房间组长${i}`, villageCode: HOME });
      leaders.push(l);
      groups.push((await createGroup(h, cadre, { name: `房间队${i}`, scopeCode: HOME, leaderId: await idOf(h, l) })).json().id);
    }
  }, 60_000);
  afterAll(async () => h?.close());

  it(`${LEADERS} leaders booking one room and half-day at once: exactly one wins`, async () => {
    const answers = await Promise.all(leaders.map((l, i) => post(h, url('activity'), l, { date: day, half: 'am', groupId: groups[i], purpose: '排练' })));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(new Set(answers.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.json().error.code}`))).toEqual(new Set(['409 ROOM_TAKEN']));
    // The other half-day and the other room are still free.
    expect((await post(h, url('activity'), leaders[0], { date: day, half: 'pm', groupId: groups[0], purpose: '排练' })).statusCode).toBe(201);
    expect((await post(h, url('studio'), leaders[1], { date: day, half: 'am', groupId: groups[1], purpose: '开会' })).statusCode).toBe(201);
    const list = (await h.call({ method: 'GET', url: `/api/v1/rooms/${HOME}/bookings?from=${day}&to=${day}`, headers: leaders[2] })).json().items;
    expect(list).toHaveLength(3);
  });

  it('a cancelled booking frees the half-day; only its leader or a cadre cancels', async () => {
    const b = (await post(h, url('studio'), leaders[3], { date: day, half: 'pm', groupId: groups[3], purpose: '学裁缝' })).json();
    const del = (who: Headers) => h.call({ method: 'DELETE', url: `/api/v1/rooms/${HOME}/bookings/${b.id}`, headers: who });
    expect((await del(leaders[4])).json().error.code).toBe('BOOKING_FORBIDDEN');
    expect((await del(cadre)).statusCode).toBe(204);
    expect((await del(cadre)).statusCode).toBe(404);
    expect((await post(h, url('studio'), leaders[4], { date: day, half: 'pm', groupId: groups[4], purpose: '下棋' })).statusCode).toBe(201);
  });

  it('a resend with the same Idempotency-Key gets the first booking back, not "already booked"', async () => {
    const later = addDays(day, 1);
    const send = () => post(h, url('studio'), { ...leaders[5], 'idempotency-key': 'room-resend-0001' }, { date: later, half: 'am', groupId: groups[5], purpose: '学手艺' });
    const [first, again] = [await send(), await send()];
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const list = (await h.call({ method: 'GET', url: `/api/v1/rooms/${HOME}/bookings?from=${later}&to=${later}`, headers: leaders[5] })).json().items;
    expect(list).toHaveLength(1);
  });

  it('refuses non-leaders, the service room, past dates, another village, unknown rooms', async () => {
    const resident = await h.as({ name: '房间村民', villageCode: HOME });
    const body = { date: day, half: 'am', groupId: groups[5], purpose: '活动' };
    expect((await post(h, url('studio'), resident, { ...body, half: 'pm', date: addDays(day, 1) })).json().error.code).toBe('NOT_GROUP_LEADER');
    expect((await post(h, url('service'), leaders[5], body)).json().error.code).toBe('ROOM_NOT_BOOKABLE');
    expect((await post(h, url('nope'), leaders[5], body)).json().error.code).toBe('ROOM_NOT_FOUND');
    expect((await post(h, url('studio'), leaders[5], { ...body, date: addDays(cstDate(new Date()), -1) })).json().error.code).toBe('DATE_IN_PAST');
    expect((await post(h, url('studio'), leaders[5], { ...body, date: '2030-02-30' })).json().error.code).toBe('DATE_IN_PAST');
    expect((await post(h, url('studio', FAR), leaders[5], body)).json().error.code).toBe('ROOM_OUTSIDE_GROUP');
    expect((await post(h, url('studio'), leaders[5], { ...body, purpose: ' ' })).json().error.code).toBe('PURPOSE_REQUIRED');
  });
});
