// Operations: readiness for a load balancer, and a shutdown that lets in-flight requests finish
// while new ones on kept-alive connections are told to go elsewhere.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../server/src/app';
import { testConfig, testDatabases } from '../support/test-db';

jest.setTimeout(30_000);

// Two pipelined requests on one connection; resolves with the raw responses once it closes.
function pipelined(port: number, first: string, second: string, between: () => Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(data));
    socket.on('connect', async () => {
      socket.write(`GET ${first} HTTP/1.1\r\nHost: x\r\n\r\n`);
      await between();
      socket.write(`GET ${second} HTTP/1.1\r\nHost: x\r\n\r\n`);
    });
  });
}

describe.each(testDatabases())('operations on $dialect', (testDb) => {
  afterAll(async () => testDb.drop());

  it('is ready while the database answers, and finishes an in-flight request on shutdown while refusing new ones with 503', async () => {
    const app = await buildApp({ config: testConfig(await testDb.create(), { outboxWorker: true }), logger: false });
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    // A slow request, outside /api so it needs no access declaration.
    app.get('/slow-for-test', async () => {
      started();
      await new Promise((r) => setTimeout(r, 400));
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;

    const ready = await fetch(`http://127.0.0.1:${port}/api/v1/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(ready.headers.get('x-request-id')).toBeTruthy();

    let closed: Promise<void> | undefined;
    const raw = await pipelined(port, '/slow-for-test', '/api/v1/ready', async () => {
      await inFlight;
      closed = app.close();
      await new Promise((r) => setTimeout(r, 50));
    });
    await closed;
    const responses = raw.split(/(?=HTTP\/1\.1 )/);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(responses[0]).toContain('{"done":true}');
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(responses[1]).toMatch(/retry-after: \d+/i);
    expect(responses[1]).toContain('"code":"SHUTTING_DOWN"');
  });
});
