// What the case suites share: residents with a complete profile, cadres on duty, bookable
// half-days ahead and a direct database handle for checking what the API wrote.
import type { LightMyRequestResponse } from 'fastify';
import { createDatabase, type Db } from '../../server/src/db/database';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import { loadCalendar } from '../../server/src/modules/calendar/calendar';
import { PRIVACY_VERSION } from '../../server/src/modules/users/service';
import type { Harness } from '../support/app-harness';

export const HOME = DEMO_VILLAGES[0];
export const NEIGHBOUR = DEMO_VILLAGES[1];
// 城乡低保: every channel, 25 promised working days, five required materials.
export const DIBAO = 'shjz-01';
export type Headers = Record<string, string>;
export interface HalfDay {
  date: string;
  half: 'am' | 'pm';
}

let phoneSeq = 0;

export class CaseFixtures {
  readonly db: Db;
  private keySeq = 0;

  constructor(readonly h: Harness) {
    this.db = createDatabase(h.config.database);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  // A villager who may open cases: signed in, privacy agreed, phone and village set.
  async resident(name: string, villageCode = HOME): Promise<Headers> {
    const headers = await this.h.as({ name, villageCode });
    const privacy = await this.h.call({ method: 'POST', url: '/api/v1/me/privacy', payload: { version: PRIVACY_VERSION }, headers });
    if (privacy.statusCode !== 200) throw new Error(`privacy: ${privacy.body}`);
    phoneSeq += 1;
    const phone = `139${String(phoneSeq).padStart(8, '0')}`;
    const profile = await this.h.call({ method: 'PATCH', url: '/api/v1/me', payload: { phone }, headers });
    if (profile.statusCode !== 200) throw new Error(`profile: ${profile.body}`);
    return headers;
  }

  cadre(name: string, villageCode = HOME): Promise<Headers> {
    return this.h.as({ name, role: 'cadre', villageCode });
  }

  async me(headers: Headers): Promise<{ id: string; name: string; phone: string | null }> {
    return (await this.h.call({ method: 'GET', url: '/api/v1/me', headers })).json();
  }

  // The next `count` working days after today (today's half-days may already be over).
  async workingDays(count: number, skip = 0): Promise<string[]> {
    const calendar = await loadCalendar(this.db);
    const days: string[] = [];
    let day = calendar.today();
    while (days.length < count + skip) {
      day = calendar.addWorkingDays(day, 1);
      days.push(day);
    }
    return days.slice(skip);
  }

  async onDuty(cadre: Headers, slot: HalfDay, villageCode = HOME): Promise<void> {
    const res = await this.h.call({ method: 'PUT', url: `/api/v1/duty/${villageCode}/${slot.date}/${slot.half}`, payload: {}, headers: cadre });
    if (res.statusCode !== 200) throw new Error(`duty: ${res.body}`);
  }

  async capacity(villageCode: string, capacity: number): Promise<void> {
    await this.db.updateTable('living_rooms').set({ slot_capacity: capacity }).where('village_code', '=', villageCode).execute();
  }

  key(): string {
    this.keySeq += 1;
    return `test-key-${Date.now()}-${this.keySeq}`;
  }

  create(headers: Headers, payload: object, key = this.key()): Promise<LightMyRequestResponse> {
    return this.h.call({ method: 'POST', url: '/api/v1/cases', payload, headers: { ...headers, 'idempotency-key': key } });
  }

  async created(headers: Headers, payload: object): Promise<{ id: string; number: string; [k: string]: unknown }> {
    const res = await this.create(headers, payload);
    if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  act(headers: Headers, id: string, payload: object): Promise<LightMyRequestResponse> {
    return this.h.call({ method: 'POST', url: `/api/v1/cases/${id}/transitions`, payload, headers });
  }

  async acted(headers: Headers, id: string, payload: object) {
    const res = await this.act(headers, id, payload);
    if (res.statusCode !== 200) throw new Error(`${JSON.stringify(payload)}: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  get(headers: Headers, id: string): Promise<LightMyRequestResponse> {
    return this.h.call({ method: 'GET', url: `/api/v1/cases/${id}`, headers });
  }

  async slotRow(slot: HalfDay, villageCode = HOME) {
    return this.db
      .selectFrom('slots')
      .selectAll()
      .where('village_code', '=', villageCode)
      .where('date', '=', slot.date)
      .where('half', '=', slot.half)
      .executeTakeFirst();
  }
}

// Every action of the state machine with the inputs it needs.
export function actionPayload(action: string, extra: { toCadreId?: string; slot?: HalfDay } = {}): Record<string, unknown> {
  switch (action) {
    case 'ask_resident':
      return { action, note: '请补充户口本首页复印件' };
    case 'complete':
      return { action, resultNote: '已报乡镇审批通过' };
    case 'reject':
      return { action, reason: '不符合申请条件', referral: '乡镇便民服务中心' };
    case 'transfer':
      return { action, toCadreId: extra.toCadreId };
    case 'reschedule':
      return { action, slot: extra.slot };
    case 'rate':
      return { action, level: 5 };
    default:
      return { action };
  }
}
