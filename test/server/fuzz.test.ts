// Bad input at scale: every operation in the OpenAPI document (so a new route is covered the day it
// lands) gets malformed, oversized, wrong-typed and unexpected-field requests from an anonymous
// caller, a resident and a cadre. Never a 5xx; every 4xx is `{error:{code, message}}` with a stable
// code and a Chinese sentence; extra fields never reach stored data.
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { startHarness, type Harness } from '../support/app-harness';
import { testDatabases } from '../support/test-db';
import { CaseFixtures, DIBAO, HOME, type Headers } from './cases-fixtures';

jest.setTimeout(150_000);

// Requests per database, spread over every operation and caller; the deadline keeps a growing API
// from making the suite slow (about 20 s per database).
const TARGET_REQUESTS = 4000;
const BUDGET_MS = 16_000;
const CODE = /^[A-Z][A-Z0-9_]+$/;
const CHINESE = /[\u4e00-\u9fff]/;

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxItems?: number;
  anyOf?: JsonSchema[];
  const?: unknown;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  body?: JsonSchema;
  multipart: boolean;
}

type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };

function operations(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
      multipart: Boolean(op.requestBody?.content['multipart/form-data']),
    })),
  );
}

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), printable(40));
// Strings villagers' phones and attackers both send.
const nastyString = fc.oneof(
  anyText,
  fc.constantFrom('', ' ', '\u0000', '\ud800', '<script>alert(1)</script>', "'; drop table users; --", '../../etc/passwd', '%00', '𠮷'.repeat(50), 'null', '1e309', '-1'),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => '长'.repeat(n)),
);
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53, 0.5, [], {}),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
);

function validValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, schema.maxLength ?? 200));
      return fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items && depth < 3 ? validValue(schema.items, depth + 1) : fc.string(), { maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'object': {
      if (depth >= 3 || !schema.properties) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const props = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, validValue(s, depth + 1)]));
      return fc.record(props, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// Fields no client may set: mass assignment must never reach a column.
const PRIVILEGED = fc.dictionary(
  fc.constantFrom('role', 'scopeCode', 'scope_code', 'status', 'assigneeId', 'assignee_id', 'residentId', 'resident_id', 'id', 'number', 'createdAt', 'deleted_at', 'isAdmin', '__proto__', 'constructor'),
  fc.oneof(fc.constantFrom('county_admin', 'completed', HOME, '511621', true, 1), wrongValue),
  { minKeys: 1, maxKeys: 4 },
);

// A body from the schema, then broken: fields dropped, wrong-typed, unexpected ones added.
function mutatedBody(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const base = schema ? validValue(schema) : fc.constant({});
  return fc
    .tuple(base, fc.array(fc.tuple(fc.nat(), wrongValue), { maxLength: 3 }), fc.option(PRIVILEGED), fc.nat())
    .map(([value, wrongs, extra, drop]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const body: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(schema?.properties ?? {});
      for (const [i, wrong] of wrongs) if (keys.length) body[keys[i % keys.length]] = wrong;
      if (keys.length && drop % 4 === 0) delete body[keys[drop % keys.length]];
      return extra ? { ...body, ...extra } : body;
    });
}

type Payload = { payload?: string | Buffer; contentType?: string };
function payloadFor(op: Operation): fc.Arbitrary<Payload> {
  const json = (value: unknown): Payload => ({ payload: JSON.stringify(value) ?? 'null', contentType: 'application/json' });
  return fc.oneof(
    { weight: 6, arbitrary: mutatedBody(op.body).map(json) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    {
      weight: 2,
      arbitrary: fc.oneof(fc.constantFrom('{', '{"a":', '[1,', '{"__proto__":{"role":"county_admin"}}', 'nul', '""', '\u0000', '{}}'), anyText).map((payload) => ({ payload, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'image/png'), anyText)
        .map(([contentType, payload]) => ({ payload, contentType })),
    },
    // Over the 1 MB JSON limit.
    { weight: 1, arbitrary: fc.constant({ payload: JSON.stringify({ description: 'x'.repeat(1_100_000) }), contentType: 'application/json' }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

// A lone surrogate cannot be encoded; send the bytes a broken client would (WTF-8).
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

function paramValue(param: Parameter, known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: validValue(param.schema).map((v) => String(v)) },
    { weight: 3, arbitrary: nastyString.map((s) => s.slice(0, 2000)) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(300), '9'.repeat(40), '-1', '0', '1.5', 'true', '[]', '{}') },
  );
}

// Raw path segments: some valid, some percent-encoded nonsense, some malformed encodings.
function pathFor(op: Operation, known: string[]): fc.Arbitrary<string> {
  const names = op.params.filter((p) => p.in === 'path');
  return fc
    .tuple(...names.map((p) => fc.tuple(paramValue(p, known), fc.constantFrom('encoded', 'encoded', 'encoded', 'raw-broken'))))
    .map((values) => {
      let url = op.path;
      names.forEach((p, i) => {
        const [value, mode] = values[i];
        url = url.replace(`{${p.name}}`, mode === 'encoded' ? encode(value) || '%20' : `${encode(value)}%E0%A4%A`);
      });
      return url;
    });
}

function queryFor(op: Operation, known: string[]): fc.Arbitrary<string> {
  const declared = op.params.filter((p) => p.in === 'query');
  const pairs = fc.array(
    fc.oneof(
      declared.length ? fc.constantFrom(...declared).chain((p) => paramValue(p, known).map((v) => [p.name, v] as const)) : fc.constant(['q', 'x'] as const),
      fc.tuple(fc.constantFrom('limit', 'cursor', 'status', 'role', 'villageCode', '__proto__', 'a[b]', 'tab'), nastyString.map((s) => s.slice(0, 500))),
    ),
    { maxLength: 5 },
  );
  return pairs.map((list) => (list.length ? `?${list.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : ''));
}

const headerArb = fc.dictionary(
  fc.constantFrom('idempotency-key', 'x-request-id', 'accept', 'accept-language', 'if-none-match', 'x-forwarded-for', 'authorization', 'accept-encoding', 'cookie', 'origin'),
  fc.oneof(printable(100), fc.constantFrom('Bearer ', 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', '*', 'W/"x"', 'gzip, br', 'x'.repeat(2000))),
  { maxKeys: 3 },
);

function requestFor(op: Operation, known: string[]): fc.Arbitrary<InjectOptions> {
  return fc.record({ path: pathFor(op, known), query: queryFor(op, known), body: payloadFor(op), headers: headerArb }).map(({ path, query, body, headers }) => ({
    method: op.method as InjectOptions['method'],
    url: path + query,
    payload: op.method === 'GET' || op.method === 'HEAD' ? undefined : body.payload,
    headers: { ...headers, ...(body.contentType && op.method !== 'GET' ? { 'content-type': body.contentType } : {}) },
  }));
}

function problem(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = res.json();
  } catch {
    return `status ${res.statusCode} without a JSON body: ${res.body.slice(0, 200)}`;
  }
  const code = body.error?.code;
  const message = body.error?.message;
  if (typeof code !== 'string' || !CODE.test(code)) return `status ${res.statusCode} with code ${JSON.stringify(code)}`;
  if (typeof message !== 'string' || !CHINESE.test(message)) return `status ${res.statusCode} ${code} with message ${JSON.stringify(message)}`;
  return null;
}

describe.each(testDatabases())('fuzzing every route on $dialect', (testDb) => {
  let h: Harness;
  let f: CaseFixtures;
  let resident: Headers;
  let cadre: Headers;
  let caseId: string;
  beforeAll(async () => {
    h = await startHarness(testDb);
    f = new CaseFixtures(h);
    resident = await f.resident('模糊村民');
    cadre = await f.cadre('模糊干部');
    const created = await f.create(resident, { serviceCode: DIBAO, channel: 'online', description: '想办低保', materialsHave: [] });
    expect(created.statusCode).toBe(201);
    caseId = created.json().id;
  });
  afterAll(async () => {
    await f?.close();
    await h?.close();
  });

  it('answers every malformed request to every operation with a 4xx in the error format, never a 5xx', async () => {
    const doc = (await h.call({ method: 'GET', url: '/api/docs/json' })).json() as OpenApi;
    const ops = operations(doc).filter((op) => op.path.startsWith('/api/v1/'));
    expect(ops.length).toBeGreaterThan(40);
    const known = [HOME, caseId, DIBAO, '2030-01-07', 'am', 'pm', '00000000-0000-4000-8000-000000000000', HOME.slice(0, 9), HOME.slice(0, 6)];
    const callers: [string, Headers][] = [
      ['anonymous', {}],
      ['resident', resident],
      ['cadre', cadre],
    ];
    const deadline = Date.now() + BUDGET_MS;
    const perRun = Math.max(5, Math.floor(TARGET_REQUESTS / (ops.length * callers.length)));
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      for (const [caller, auth] of callers) {
        // Closing the account is a legitimate answer that would end this caller's run early.
        if (op.method === 'DELETE' && op.path === '/api/v1/me' && caller !== 'anonymous') continue;
        const numRuns = Date.now() > deadline ? 3 : perRun;
        const result = await fc.check(
          fc.asyncProperty(requestFor(op, known), async (request) => {
            const headers = { ...request.headers, ...(caller === 'anonymous' ? {} : auth) };
            sent += 1;
            const res = await h.call({ ...request, headers });
            const found = problem(res);
            if (found) throw new Error(found);
          }),
          { numRuns },
        );
        if (result.failed) {
          const example = JSON.stringify(result.counterexample?.[0] ?? null).slice(0, 400);
          failures.push(`${op.method} ${op.path} as ${caller}: ${(result.errorInstance as Error | undefined)?.message ?? ''} — ${example}`);
        }
      }
    }
    console.info(`fuzz on ${testDb.dialect}: ${sent} requests to ${ops.length} operations × ${callers.length} callers`);
    expect(failures).toEqual([]);
    // Every operation and caller had its runs, even when a loaded machine hit the deadline.
    expect(sent).toBeGreaterThanOrEqual(ops.length * 3 * 2);

    // Whatever the fuzz sent, nobody changed their own role or scope.
    const me = await f.db.selectFrom('users').select(['role', 'scope_code']).where('id', 'in', [(await f.me(resident)).id, (await f.me(cadre)).id]).orderBy('role').execute();
    expect(me).toEqual([
      { role: 'cadre', scope_code: HOME },
      { role: 'resident', scope_code: null },
    ]);
  });

  it('ignores privileged fields on PATCH /me: the stored role and scope stay as they were', async () => {
    const headers = await f.resident('提权村民');
    const res = await h.call({
      method: 'PATCH',
      url: '/api/v1/me',
      headers,
      payload: { name: '提权村民', role: 'county_admin', scopeCode: '511621', scope_code: '511621', id: 'someone-else', deleted_at: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('resident');
    const row = await f.db.selectFrom('users').select(['id', 'role', 'scope_code']).where('id', '=', (await f.me(headers)).id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'resident', scope_code: null });
  });

  it('ignores status, assignee and resident fields on POST /cases: the case starts submitted, unassigned, as the caller', async () => {
    const headers = await f.resident('越权村民');
    const me = await f.me(headers);
    const other = await f.me(await f.cadre('越权干部'));
    const res = await f.create(headers, {
      serviceCode: DIBAO,
      channel: 'online',
      description: '想办低保',
      materialsHave: [],
      status: 'completed',
      assigneeId: other.id,
      assignee_id: other.id,
      residentId: other.id,
      resident_id: other.id,
      villageCode: '511621102202',
      number: 'YC-00000000-0001',
    });
    expect(res.statusCode).toBe(201);
    const row = await f.db
      .selectFrom('cases')
      .select(['status', 'assignee_id', 'resident_id', 'village_code', 'number'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'submitted', assignee_id: null, resident_id: me.id, village_code: HOME });
    expect(row.number).not.toBe('YC-00000000-0001');
  });
});
