// Shared steps of the 微家 suites: people of a demo village and a group with a leader.
import type { LightMyRequestResponse } from 'fastify';
import type { Harness } from '../support/app-harness';

export type Headers = Record<string, string>;

export async function idOf(h: Harness, headers: Headers): Promise<string> {
  return (await h.call({ method: 'GET', url: '/api/v1/me', headers })).json().id;
}

export async function createGroup(h: Harness, cadre: Headers, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return h.call({ method: 'POST', url: '/api/v1/groups', headers: cadre, payload: { kind: 'recreation', joinPolicy: 'open', description: '一起跳舞下棋', ...body } });
}

export const post = (h: Harness, url: string, headers: Headers, payload?: unknown) => h.call({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

export const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
