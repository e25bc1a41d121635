// Every /api and /print route against every kind of caller. A route added without a row here fails the
// test, so nobody ships an endpoint whose access nobody thought about.
import type { InjectOptions } from 'fastify';
import { DEMO_VILLAGES } from '../../server/src/db/seed/demo-regions';
import type { Role } from '../../server/src/http/access';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';

const HOME = DEMO_VILLAGES[0];
const OTHER = DEMO_VILLAGES.find((v) => v.slice(0, 9) !== HOME.slice(0, 9))!;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
// A one-file multipart upload of the 8-byte PNG signature: enough to pass the image check.
const UPLOAD_BOUNDARY = 'matrix-boundary';
const PNG_UPLOAD: InjectOptions = {
  method: 'POST',
  url: '/api/v1/attachments',
  headers: { 'content-type': `multipart/form-data; boundary=${UPLOAD_BOUNDARY}` },
  payload: Buffer.concat([
    Buffer.from(`--${UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(`\r\n--${UPLOAD_BOUNDARY}--\r\n`),
  ]),
};

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
  'GET /api/v1/ready': { request: { method: 'GET', url: '/api/v1/ready' }, expect: everyone('ok') },
  // Print pages are public notices (no personal phone numbers on them).
  'GET /print/items/:code': { request: { method: 'GET', url: '/print/items/shjz-01' }, expect: everyone('ok') },
  'GET /print/booklet': { request: { method: 'GET', url: '/print/booklet' }, expect: everyone('ok') },
  'GET /print/rooms/:villageCode': { request: { method: 'GET', url: `/print/rooms/${HOME}` }, expect: everyone('ok') },
  'GET /api/v1/categories': { request: { method: 'GET', url: '/api/v1/categories' }, expect: everyone('ok') },
  'GET /api/v1/services': { request: { method: 'GET', url: '/api/v1/services?q=dibao' }, expect: everyone('ok') },
  'GET /api/v1/services/:code': { request: { method: 'GET', url: '/api/v1/services/shjz-01' }, expect: everyone('ok') },
  // Catalogue editing: county admins only; an item that does not exist is 404 past the door.
  'GET /api/v1/admin/catalogue/:code': { request: { method: 'GET', url: '/api/v1/admin/catalogue/zzz-99' }, expect: { ...everyone(403), anonymous: 401, countyAdmin: 'ok' } },
  'PUT /api/v1/admin/catalogue/:code': {
    request: { method: 'PUT', url: '/api/v1/admin/catalogue/zzz-99', payload: { baseVersion: 1, item: {} } },
    expect: { ...everyone(403), anonymous: 401, countyAdmin: 'ok' },
  },
  'GET /api/v1/admin/catalogue/:code/versions': { request: { method: 'GET', url: '/api/v1/admin/catalogue/zzz-99/versions' }, expect: { ...everyone(403), anonymous: 401, countyAdmin: 'ok' } },
  'GET /api/v1/admin/catalogue/:code/versions/:version': {
    request: { method: 'GET', url: '/api/v1/admin/catalogue/zzz-99/versions/1' },
    expect: { ...everyone(403), anonymous: 401, countyAdmin: 'ok' },
  },
  'POST /api/v1/admin/catalogue/:code/versions/:version/restore': {
    request: { method: 'POST', url: '/api/v1/admin/catalogue/zzz-99/versions/1/restore', payload: { baseVersion: 1 } },
    expect: { ...everyone(403), anonymous: 401, countyAdmin: 'ok' },
  },
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
  'GET /api/v1/notifications': { request: { method: 'GET', url: '/api/v1/notifications' }, expect: signedIn },
  'POST /api/v1/notifications/:id/read': { request: { method: 'POST', url: `/api/v1/notifications/${NO_SUCH_ID}/read` }, expect: signedIn },
  'POST /api/v1/notifications/read-all': { request: { method: 'POST', url: '/api/v1/notifications/read-all' }, expect: signedIn },
  'POST /api/v1/attachments': { request: PNG_UPLOAD, expect: signedIn },
  'GET /api/v1/attachments/:id': { request: { method: 'GET', url: `/api/v1/attachments/${NO_SUCH_ID}` }, expect: signedIn },
  'GET /api/v1/duty': { request: { method: 'GET', url: `/api/v1/duty?villageCode=${HOME}` }, expect: everyone('ok') },
  'GET /api/v1/duty/today': { request: { method: 'GET', url: `/api/v1/duty/today?villageCode=${HOME}` }, expect: everyone('ok') },
  'PUT /api/v1/duty/:villageCode/:date/:half': { request: { method: 'PUT', url: `/api/v1/duty/${HOME}/2030-01-07/am`, payload: {} }, expect: homeCadre },
  'DELETE /api/v1/duty/:villageCode/:date/:half': { request: { method: 'DELETE', url: `/api/v1/duty/${HOME}/2030-01-07/pm` }, expect: homeCadre },
  'GET /api/v1/slots': { request: { method: 'GET', url: `/api/v1/slots?villageCode=${HOME}` }, expect: everyone('ok') },
  'PUT /api/v1/living-rooms/:villageCode/slot-capacity': {
    request: { method: 'PUT', url: `/api/v1/living-rooms/${HOME}/slot-capacity`, payload: { capacity: 6 } },
    expect: { ...homeCadre, townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
  // Cases: without an Idempotency-Key the create stops at 400 after the door; the rest name a
  // case that does not exist, so a caller past the door gets 404.
  'POST /api/v1/cases': {
    request: { method: 'POST', url: '/api/v1/cases', payload: { serviceCode: 'shjz-01', channel: 'online', description: '矩阵', materialsHave: [] } },
    expect: signedIn,
  },
  'GET /api/v1/cases/mine': { request: { method: 'GET', url: '/api/v1/cases/mine' }, expect: signedIn },
  'GET /api/v1/cases/:id': { request: { method: 'GET', url: `/api/v1/cases/${NO_SUCH_ID}` }, expect: signedIn },
  'POST /api/v1/cases/:id/transitions': { request: { method: 'POST', url: `/api/v1/cases/${NO_SUCH_ID}/transitions`, payload: { action: 'accept' } }, expect: signedIn },
  'POST /api/v1/cases/:id/messages': { request: { method: 'POST', url: `/api/v1/cases/${NO_SUCH_ID}/messages`, payload: { body: '你好' } }, expect: signedIn },
  'POST /api/v1/cases/:id/materials': {
    request: { method: 'POST', url: `/api/v1/cases/${NO_SUCH_ID}/materials`, payload: { name: '户口簿', form: '原件', copies: 1 } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok' },
  },
  'POST /api/v1/cases/:id/materials/:materialId/return': {
    request: { method: 'POST', url: `/api/v1/cases/${NO_SUCH_ID}/materials/${NO_SUCH_ID}/return` },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok' },
  },
  'POST /api/v1/cases/:id/rating': { request: { method: 'POST', url: `/api/v1/cases/${NO_SUCH_ID}/rating`, payload: { level: 5 } }, expect: signedIn },
  'GET /api/v1/workbench': { request: { method: 'GET', url: '/api/v1/workbench' }, expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok' } },
  'GET /api/v1/rectifications': { request: { method: 'GET', url: '/api/v1/rectifications' }, expect: admins },
  'POST /api/v1/rectifications/:id/callback': { request: { method: 'POST', url: `/api/v1/rectifications/${NO_SUCH_ID}/callback`, payload: { note: '回访' } }, expect: admins },
  'POST /api/v1/rectifications/:id/close': { request: { method: 'POST', url: `/api/v1/rectifications/${NO_SUCH_ID}/close`, payload: { note: '办结' } }, expect: admins },
  'GET /api/v1/figures': { request: { method: 'GET', url: '/api/v1/figures?period=2026-11' }, expect: admins },
  'GET /api/v1/figures/export.csv': { request: { method: 'GET', url: '/api/v1/figures/export.csv?period=2026-Q4' }, expect: admins },
  'GET /api/v1/figures/trend': { request: { method: 'GET', url: '/api/v1/figures/trend?months=3' }, expect: admins },
  // 和事佬 mediation: a missing request answers 404 past the door; the list is for mediators
  // (others get NOT_A_MEDIATOR, past the door); the create stops at the missing Idempotency-Key.
  'POST /api/v1/mediations': { request: { method: 'POST', url: '/api/v1/mediations', payload: { kind: 'neighbours', description: '矩阵' } }, expect: signedIn },
  'GET /api/v1/mediations/mine': { request: { method: 'GET', url: '/api/v1/mediations/mine' }, expect: signedIn },
  'GET /api/v1/mediations': { request: { method: 'GET', url: '/api/v1/mediations' }, expect: signedIn },
  'GET /api/v1/mediations/:id': { request: { method: 'GET', url: `/api/v1/mediations/${NO_SUCH_ID}` }, expect: signedIn },
  'POST /api/v1/mediations/:id/take': { request: { method: 'POST', url: `/api/v1/mediations/${NO_SUCH_ID}/take` }, expect: signedIn },
  'POST /api/v1/mediations/:id/withdraw': { request: { method: 'POST', url: `/api/v1/mediations/${NO_SUCH_ID}/withdraw` }, expect: signedIn },
  'POST /api/v1/mediations/:id/messages': { request: { method: 'POST', url: `/api/v1/mediations/${NO_SUCH_ID}/messages`, payload: { body: '你好' } }, expect: signedIn },
  'POST /api/v1/mediations/:id/outcome': {
    request: { method: 'POST', url: `/api/v1/mediations/${NO_SUCH_ID}/outcome`, payload: { result: 'success', agreement: '和好' } },
    expect: signedIn,
  },
  // The held-content queue: village cadres and the admins over them.
  'GET /api/v1/reviews': { request: { method: 'GET', url: '/api/v1/reviews' }, expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok', townshipAdmin: 'ok', countyAdmin: 'ok' } },
  // Talks: cadres schedule and record; any signed-in user reads, signs up and asks.
  'POST /api/v1/talks': {
    request: { method: 'POST', url: '/api/v1/talks', payload: { kind: 'secretary_talk', topic: '矩阵', startsAt: '2030-01-07T02:00:00.000Z', place: '睦邻客厅', capacity: 10, villageCode: HOME } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok' },
  },
  'GET /api/v1/talks': { request: { method: 'GET', url: `/api/v1/talks?villageCode=${HOME}` }, expect: signedIn },
  'GET /api/v1/talks/next': { request: { method: 'GET', url: `/api/v1/talks/next?villageCode=${HOME}` }, expect: signedIn },
  'GET /api/v1/talks/:id': { request: { method: 'GET', url: `/api/v1/talks/${NO_SUCH_ID}` }, expect: signedIn },
  'POST /api/v1/talks/:id/signup': { request: { method: 'POST', url: `/api/v1/talks/${NO_SUCH_ID}/signup` }, expect: signedIn },
  'POST /api/v1/talks/:id/questions': { request: { method: 'POST', url: `/api/v1/talks/${NO_SUCH_ID}/questions`, payload: { body: '低保怎么申请？' } }, expect: signedIn },
  'POST /api/v1/talks/:id/questions/:questionId/review': {
    request: { method: 'POST', url: `/api/v1/talks/${NO_SUCH_ID}/questions/${NO_SUCH_ID}/review`, payload: { decision: 'approve' } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok', townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
  'POST /api/v1/talks/:id/review': {
    request: { method: 'POST', url: `/api/v1/talks/${NO_SUCH_ID}/review`, payload: { part: 'topic', decision: 'approve' } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok', townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
  'POST /api/v1/talks/:id/attendance': {
    request: { method: 'POST', url: `/api/v1/talks/${NO_SUCH_ID}/attendance`, payload: { userIds: [] } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok' },
  },
  'POST /api/v1/talks/:id/summary': {
    request: { method: 'POST', url: `/api/v1/talks/${NO_SUCH_ID}/summary`, payload: { summary: '讲了低保政策' } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok' },
  },
  // 微家: a group or activity that does not exist is 404 past the door; creating one checks scope.
  'GET /api/v1/group-kinds': { request: { method: 'GET', url: '/api/v1/group-kinds' }, expect: everyone('ok') },
  'GET /api/v1/groups': { request: { method: 'GET', url: '/api/v1/groups' }, expect: everyone('ok') },
  'GET /api/v1/groups/:id': { request: { method: 'GET', url: `/api/v1/groups/${NO_SUCH_ID}` }, expect: everyone('ok') },
  'POST /api/v1/groups': {
    request: { method: 'POST', url: '/api/v1/groups', payload: { kind: 'recreation', name: '矩阵微家', scopeCode: HOME, leaderId: NO_SUCH_ID, joinPolicy: 'open', description: '矩阵' } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
  'PATCH /api/v1/groups/:id': { request: { method: 'PATCH', url: `/api/v1/groups/${NO_SUCH_ID}`, payload: { name: '改名' } }, expect: signedIn },
  'POST /api/v1/groups/:id/review': {
    request: { method: 'POST', url: `/api/v1/groups/${NO_SUCH_ID}/review`, payload: { approve: true } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok', townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
  'POST /api/v1/groups/:id/deputies': { request: { method: 'POST', url: `/api/v1/groups/${NO_SUCH_ID}/deputies`, payload: { userId: NO_SUCH_ID } }, expect: signedIn },
  'POST /api/v1/groups/:id/join': { request: { method: 'POST', url: `/api/v1/groups/${NO_SUCH_ID}/join` }, expect: signedIn },
  'POST /api/v1/groups/:id/leave': { request: { method: 'POST', url: `/api/v1/groups/${NO_SUCH_ID}/leave` }, expect: signedIn },
  'GET /api/v1/groups/:id/requests': { request: { method: 'GET', url: `/api/v1/groups/${NO_SUCH_ID}/requests` }, expect: signedIn },
  'POST /api/v1/groups/:id/requests/:userId': { request: { method: 'POST', url: `/api/v1/groups/${NO_SUCH_ID}/requests/${NO_SUCH_ID}`, payload: { approve: true } }, expect: signedIn },
  'POST /api/v1/groups/:id/members/:userId/remove': {
    request: { method: 'POST', url: `/api/v1/groups/${NO_SUCH_ID}/members/${NO_SUCH_ID}/remove`, payload: { reason: '矩阵' } },
    expect: signedIn,
  },
  'POST /api/v1/groups/:id/activities': {
    request: { method: 'POST', url: `/api/v1/groups/${NO_SUCH_ID}/activities`, payload: { title: '矩阵', startsAt: '2030-01-07T01:00:00.000Z', endsAt: '2030-01-07T03:00:00.000Z', place: '活动室', capacity: 5, openToAll: true } },
    expect: signedIn,
  },
  'GET /api/v1/activities': { request: { method: 'GET', url: '/api/v1/activities' }, expect: everyone('ok') },
  'GET /api/v1/activities/:id': { request: { method: 'GET', url: `/api/v1/activities/${NO_SUCH_ID}` }, expect: everyone('ok') },
  'POST /api/v1/activities/:id/review': {
    request: { method: 'POST', url: `/api/v1/activities/${NO_SUCH_ID}/review`, payload: { approve: true } },
    expect: { ...everyone(403), anonymous: 401, cadre: 'ok', otherCadre: 'ok', townshipAdmin: 'ok', countyAdmin: 'ok' },
  },
  'POST /api/v1/activities/:id/signup': { request: { method: 'POST', url: `/api/v1/activities/${NO_SUCH_ID}/signup` }, expect: signedIn },
  'POST /api/v1/activities/:id/cancel-signup': { request: { method: 'POST', url: `/api/v1/activities/${NO_SUCH_ID}/cancel-signup` }, expect: signedIn },
  'POST /api/v1/activities/:id/checkin': { request: { method: 'POST', url: `/api/v1/activities/${NO_SUCH_ID}/checkin`, payload: { code: '123456' } }, expect: signedIn },
  'GET /api/v1/me/volunteer-hours': { request: { method: 'GET', url: '/api/v1/me/volunteer-hours' }, expect: signedIn },
  'POST /api/v1/rooms/:villageCode/:roomId/bookings': {
    request: { method: 'POST', url: `/api/v1/rooms/${HOME}/no-such-room/bookings`, payload: { date: '2030-01-07', half: 'am', groupId: NO_SUCH_ID, purpose: '矩阵' } },
    expect: signedIn,
  },
  'GET /api/v1/rooms/:villageCode/bookings': { request: { method: 'GET', url: `/api/v1/rooms/${HOME}/bookings` }, expect: signedIn },
  'DELETE /api/v1/rooms/:villageCode/bookings/:id': { request: { method: 'DELETE', url: `/api/v1/rooms/${HOME}/bookings/${NO_SUCH_ID}` }, expect: signedIn },
  // 月观摩 and the band: admins only; the county alone draws and changes the rules. Creates stop at
  // the missing Idempotency-Key past the door; the rules PUT sends the rules unchanged (no new version).
  'GET /api/v1/observations/standards': { request: { method: 'GET', url: '/api/v1/observations/standards' }, expect: admins },
  'POST /api/v1/observations/draws': { request: { method: 'POST', url: '/api/v1/observations/draws', payload: { month: '2026-01', count: 3 } }, expect: { ...everyone(403), anonymous: 401, countyAdmin: 'ok' } },
  'GET /api/v1/observations/draws': { request: { method: 'GET', url: '/api/v1/observations/draws' }, expect: admins },
  'GET /api/v1/observations/draws/:id': { request: { method: 'GET', url: `/api/v1/observations/draws/${NO_SUCH_ID}` }, expect: admins },
  'POST /api/v1/observations/draws/verify': {
    request: { method: 'POST', url: '/api/v1/observations/draws/verify', payload: { seed: 'matrix', count: 3, candidates: [HOME, OTHER] } },
    expect: admins,
  },
  'POST /api/v1/observations/visits': {
    request: { method: 'POST', url: '/api/v1/observations/visits', payload: { villageCode: HOME, month: '2026-01', scores: [], photos: [], summary: '矩阵' } },
    expect: admins,
  },
  'GET /api/v1/observations/visits': { request: { method: 'GET', url: '/api/v1/observations/visits' }, expect: admins },
  'GET /api/v1/observations/visits/:id': { request: { method: 'GET', url: `/api/v1/observations/visits/${NO_SUCH_ID}` }, expect: admins },
  'GET /api/v1/bands/rules': { request: { method: 'GET', url: '/api/v1/bands/rules' }, expect: admins },
  'PUT /api/v1/bands/rules': {
    request: {
      method: 'PUT',
      url: '/api/v1/bands/rules',
      payload: { weights: { onTime: 30, satisfied: 30, noOverdue: 10, observation: 30 }, thresholds: { good: 85, poor: 60 }, minCases: 3, missing: 'reweight', flagAfterPoor: 2 },
    },
    expect: { ...everyone(403), anonymous: 401, countyAdmin: 'ok' },
  },
  'GET /api/v1/bands': { request: { method: 'GET', url: '/api/v1/bands?period=2026-Q3' }, expect: admins },
  'GET /api/v1/bands/export.csv': { request: { method: 'GET', url: '/api/v1/bands/export.csv?period=2026-Q3' }, expect: admins },
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
    // Seven callers per row; the first print of the booklet fetches 56 mini-program codes.
  }, 30_000);
});
