// A small fetch client over a running server (child process): dev sign-in, a resident ready to
// open cases, duty half-days. Shared by the benchmarks and the crash and multi-process tests.
import { randomUUID } from 'node:crypto';
import { createDatabase, type Db } from '../server/src/db/database';
import type { DatabaseConfig } from '../server/src/config';
import { loadCalendar } from '../server/src/modules/calendar/calendar';
import { PRIVACY_VERSION } from '../server/src/modules/users/service';

export type Headers = Record<string, string>;
export interface HalfDay {
  date: string;
  half: 'am' | 'pm';
}
export interface Answer {
  status: number;
  body: any;
}

// 城乡低保: every channel, so online and appointment cases both work.
export const DIBAO = 'shjz-01';

export async function call(base: string, method: string, url: string, options: { headers?: Headers; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the failure message.
  }
  return { status: res.status, body };
}

export async function signIn(base: string, identity: { name: string; role?: string; villageCode?: string }): Promise<{ headers: Headers; id: string }> {
  const login = await call(base, 'POST', '/api/v1/auth/dev', { body: identity });
  if (login.status !== 200) throw new Error(`dev login: ${login.status} ${JSON.stringify(login.body)}`);
  const headers = { authorization: `Bearer ${login.body.accessToken}` };
  const me = await call(base, 'GET', '/api/v1/me', { headers });
  if (me.status !== 200) throw new Error(`me: ${me.status} ${JSON.stringify(me.body)}`);
  return { headers, id: me.body.id };
}

let phoneSeq = 0;

// A villager who may open cases: privacy agreed, phone set (through the API, as the app does).
export async function resident(base: string, name: string, villageCode: string): Promise<{ headers: Headers; id: string }> {
  const user = await signIn(base, { name, villageCode });
  const privacy = await call(base, 'POST', '/api/v1/me/privacy', { headers: user.headers, body: { version: PRIVACY_VERSION } });
  if (privacy.status !== 200) throw new Error(`privacy: ${privacy.status} ${JSON.stringify(privacy.body)}`);
  phoneSeq += 1;
  const phone = `13${String(process.pid % 10)}${String(phoneSeq).padStart(8, '0')}`;
  const profile = await call(base, 'PATCH', '/api/v1/me', { headers: user.headers, body: { phone } });
  if (profile.status !== 200) throw new Error(`profile: ${profile.status} ${JSON.stringify(profile.body)}`);
  return user;
}

export async function onDuty(base: string, cadre: Headers, villageCode: string, slot: HalfDay): Promise<void> {
  const res = await call(base, 'PUT', `/api/v1/duty/${villageCode}/${slot.date}/${slot.half}`, { headers: cadre, body: {} });
  if (res.status !== 200) throw new Error(`duty: ${res.status} ${JSON.stringify(res.body)}`);
}

export function createCase(base: string, headers: Headers, payload: object, key: string = randomUUID()): Promise<Answer> {
  return call(base, 'POST', '/api/v1/cases', { headers: { ...headers, 'idempotency-key': key }, body: payload });
}

export const visit = (slot: HalfDay) => ({ serviceCode: DIBAO, channel: 'appointment', slot, materialsHave: [] });

// The next `count` working days after today, from the server's own calendar.
export async function workingDays(database: DatabaseConfig, count: number): Promise<string[]> {
  const db: Db = createDatabase(database);
  try {
    const calendar = await loadCalendar(db);
    const days: string[] = [];
    let day = calendar.today();
    while (days.length < count) {
      day = calendar.addWorkingDays(day, 1);
      days.push(day);
    }
    return days;
  } finally {
    await db.destroy();
  }
}
