import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import { testConfig, testDatabases } from '../support/test-db';

const CHINESE = /[\u4e00-\u9fa5]/;

describe.each(testDatabases())('app on $dialect', (testDb) => {
  let app: FastifyInstance;
  let h5Dir: string;

  beforeAll(async () => {
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mulin-h5-'));
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>睦邻客厅</title><div id="app"></div>');
    fs.mkdirSync(path.join(h5Dir, 'js'));
    fs.writeFileSync(path.join(h5Dir, 'js', 'app.js'), 'console.log("mulin")');
    app = await buildApp({ config: testConfig(await testDb.create(), { h5Dir }), logger: false });
    // Routes that exist only here, to reach the error paths no catalogue route can trigger.
    app.post('/api/v1/test-echo', { config: { access: 'public' } }, async (request) => ({ got: request.body }));
    app.get('/api/v1/test-crash', { config: { access: 'public' } }, async () => {
      throw new Error('secret: connection string postgres://admin:pw@db');
    });
  });
  afterAll(async () => {
    await app?.close();
    await testDb.drop();
    fs.rmSync(h5Dir, { recursive: true, force: true });
  });

  it('reports health and which database it runs on', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: testDb.dialect });
  });

  it('publishes an OpenAPI document listing the routes and their parameters', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/health', '/api/v1/categories', '/api/v1/services', '/api/v1/services/{code}']),
    );
    const params = doc.paths['/api/v1/services'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'category', 'channel', 'limit', 'cursor']));
    expect(doc.paths['/api/v1/services/{code}'].get.responses).toHaveProperty('404');
    expect(Object.keys(doc.paths)).not.toContain('/api/docs/json');
  });

  it('answers an unknown API route with a JSON 404 in Chinese', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect(res.json().error.message).toMatch(CHINESE);
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/test-echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": 低保',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
    expect(res.json().error.message).toMatch(CHINESE);
  });

  it('hides the details of a server error behind one plain sentence', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test-crash' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' } });
    expect(res.body).not.toContain('secret');
  });

  it('tags every response with a request id, keeping one a proxy sent', async () => {
    const own = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(own.headers['x-request-id']).toBeTruthy();
    const passed = await app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'edge-42' } });
    expect(passed.headers['x-request-id']).toBe('edge-42');
  });

  it('serves the H5 build at / and its files, and keeps /api errors as JSON', async () => {
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.body).toContain('睦邻客厅');
    const js = await app.inject({ method: 'GET', url: '/js/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('mulin');
    const missing = await app.inject({ method: 'GET', url: '/js/missing.js' });
    expect(missing.statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(api.json().error.code).toBe('NOT_FOUND');
  });
});

describe('app without an H5 build', () => {
  const [testDb] = testDatabases();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(await testDb.create()), logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await testDb.drop();
  });

  it('says at / how to build the web app', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toContain('npm run build:h5');
    expect(res.body).toMatch(CHINESE);
  });
});
