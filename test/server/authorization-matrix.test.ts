// Every /api route against every kind of caller. A route added without a row here fails the
// test, so nobody ships an endpoint whose access nobody thought about.
import type { InjectOptions } from 'fastify';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import type { Role } from '../../server/src/http/access';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

const HOME = DEMO_VILLAGES[0];
const OTHER = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;

const CALLERS = {
  anonymous: null,
  resident: { role: 'resident', villageCode: HOME },
  otherResident: { role: 'resident', villageCode: OTHER },
  cadre: { role: 'cadre', villageCode: HOME },
  otherCadre: { role: 'cadre', villageCode: OTHER },
  townshipAdmin: { role: 'township_admin', villageCode: HOME },
  countyAdmin: { role: 'county_admin', villageCode: HOME },
} as const satisfies Record<string, { role: Role; villageCode: string } | null>;
type Caller = keyof typeof CALLERS;

// 401: not signed in; 403: signed in but not allowed; 'ok': past the door (an answer about the
// input itself, such as a wrong login code or privacy not yet agreed, still counts as past it).
type Outcome = 'ok' | 401 | 403;
const DOOR: Record<string, Outcome> = { UNAUTHENTICATED: 401, TOKEN_EXPIRED: 401, FORBIDDEN: 403, SCOPE_FORBIDDEN: 403 };

interface Row {
  request: InjectOptions;
  expect: Record<Caller, Outcome>;
  // The call changes the caller for good (closing the account): use a throwaway caller.
  throwaway?: boolean;
}

const everyone = (outcome: Outcome): Record<Caller, Outcome> => ({
  anonymous: outcome,
  resident: outcome,
  otherResident: outcome,
  cadre: outcome,
  otherCadre: outcome,
  townshipAdmin: outcome,
  countyAdmin: outcome,
});
const signedIn = { ...everyone('ok'), anonymous: 401 } as const;
const admins = { ...everyone(403), anonymous: 401, townshipAdmin: 'ok', countyAdmin: 'ok' } as const;
// Only a cadre of the village itself (HOME): the duty rota and its living room.
const homeCadre = { ...everyone(403), anonymous: 401, cadre: 'ok' } as const;

const MATRIX: Record<string, Row> = {
  'GET /api/docs/json': { request: { method: 'GET', url: '/api/docs/json' }, expect: everyone('ok') },
  'GET /api/v1/health': { request: { method: 'GET', url: '/api/v1/health' }, expect: everyone('ok') },
  'GET /api/v1/categories': { request: { method: 'GET', url: '/api/v1/categories' }, expect: everyone('ok') },
  'GET /api/v1/services': { request: { method: 'GET', url: '/api/v1/services?q=dibao' }, expect: everyone('ok') },
  'GET /api/v1/services/:code': { request: { method: 'GET', url: '/api/v1/services/shjz-01' }, expect: everyone('ok') },
  'GET /api/v1/regions': { request: { method: 'GET', url: '/api/v1/regions' }, expect: everyone('ok') },
  'GET /api/v1/regions/:code': { request: { method: 'GET', url: `/api/v1/regions/${HOME}` }, expect: everyone('ok') },
  'GET /api/v1/living-rooms/:villageCode': { request: { method: 'GET', url: `/api/v1/living-rooms/${HOME}` }, expect: everyone('ok') },
  'POST /api/v1/auth/wechat': { request: { method: 'POST', url: '/api/v1/auth/wechat', payload: { code: 'invalid-code' } }, expect: everyone('ok') },
  'POST /api/v1/auth/dev': { request: { method: 'POST', url: '/api/v1/auth/dev', payload: { name: '路人' } }, expect: everyone('ok') },
  'GET /api/v1/auth/dev/identities': { request: { method: 'GET', url: '/api/v1/auth/dev/identities' }, expect: everyone('ok') },
  'POST /api/v1/auth/refresh': { request: { method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: 'x' } }, expect: everyone('ok') },
  'POST /api/v1/auth/logout': { request: { method: 'POST', url: '/api/v1/auth/logout', payload: { refreshToken: 'x' } }, expect: everyone('ok') },
  'GET /api/v1/me': { request: { method: 'GET', url: '/api/v1/me' }, expect: signedIn },
  'PATCH /api/v1/me': { request: { method: 'PATCH', url: '/api/v1/me', payload: { name: '改名' } }, expect: signedIn },
  'POST /api/v1/me/privacy': { request: { method: 'POST', url: '/api/v1/me/privacy', payload: { version: 'x' } }, expect: signedIn },
  'POST /api/v1/me/phone': { request: { method: 'POST', url: '/api/v1/me/phone', payload: { code: 'x' } }, expect: signedIn },
  'GET /api/v1/cadres': {
    request: { method: 'GET', url: `/api/v1/cadres?villageCode=${HOME}` },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
  'GET /api/v1/me/export': { request: { method: 'GET', url: '/api/v1/me/export' }, expect: signedIn },
  'DELETE /api/v1/me': { request: { method: 'DELETE', url: '/api/v1/me' }, expect: signedIn, throwaway: true },
  'POST /api/v1/me/binding': { request: { method: 'POST', url: '/api/v1/me/binding', payload: { code: 'ZZZZ-ZZZZ' } }, expect: signedIn },
  'POST /api/v1/bindings': { request: { method: 'POST', url: '/api/v1/bindings', payload: { role: 'cadre', scopeCode: HOME } }, expect: admins },
  'GET /api/v1/bindings': { request: { method: 'GET', url: '/api/v1/bindings' }, expect: admins },
  'GET /api/v1/duty': { request: { method: 'GET', url: `/api/v1/duty?villageCode=${HOME}` }, expect: everyone('ok') },
  'GET /api/v1/duty/today': { request: { method: 'GET', url: `/api/v1/duty/today?villageCode=${HOME}` }, expect: everyone('ok') },
  'PUT /api/v1/duty/:villageCode/:date/:half': { request: { method: 'PUT', url: `/api/v1/duty/${HOME}/2030-01-07/am`, payload: {} }, expect: homeCadre },
  'DELETE /api/v1/duty/:villageCode/:date/:half': { request: { method: 'DELETE', url: `/api/v1/duty/${HOME}/2030-01-07/pm` }, expect: homeCadre },
  'GET /api/v1/slots': { request: { method: 'GET', url: `/api/v1/slots?villageCode=${HOME}` }, expect: everyone('ok') },
  'PUT /api/v1/living-rooms/:villageCode/slot-capacity': {
    request: { method: 'PUT', url: `/api/v1/living-rooms/${HOME}/slot-capacity`, payload: { capacity: 6 } },
    expect: { ...homeCadre, townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
};

describe.each(testDatabases())('authorization matrix on $dialect', (testDb) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testDb);
  });
  afterAll(async () => h?.close());

  it('has a row for every route, and no row for a route that does not exist', () => {
    const routes = h.app.declaredRoutes.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s', async (route) => {
    const row = MATRIX[route];
    let n = 0;
    for (const [caller, expected] of Object.entries(row.expect) as [Caller, Outcome][]) {
      const who = CALLERS[caller];
      const headers = who ? await h.as({ name: row.throwaway ? `临时${caller}${n++}` : `矩阵${caller}`, ...who }) : {};
      const res = await h.call({ ...row.request, headers: { ...row.request.headers, ...headers } });
      const code = res.statusCode >= 400 ? (res.json() as { error: { code: string } }).error.code : '';
      const got = res.statusCode >= 500 ? res.statusCode : (DOOR[code] ?? 'ok');
      expect({ caller, status: got }).toEqual({ caller, status: expected });
    }
  });
});
