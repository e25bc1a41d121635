// The paced load of `npm run bench` in a process of its own: one request every 1/rate s, each
// timed from when it was due (no coordinated omission). Apart from the bench's own process, whose
// heap of autocannon results and test users would otherwise pause it mid-run and show its own GC
// as the server's p99. Reads `{url, rate, requests, lateMs}` as JSON on stdin, prints the figures as JSON.
//
// It shares the server's two cores, so it is kept light: each request is written out as bytes
// before the clock starts and sent on a kept-alive socket as they are (one request at a time per
// socket), and an answer is read no further than its status and Content-Length. Node's own HTTP
// client took 200-310 ms of CPU a second at 300 creates a second, a quarter of a core.
import net from 'node:net';

interface PacedRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

// One kept-alive connection; `send` resolves with the status once the whole answer is in.
interface Connection {
  send(request: Buffer): Promise<number>;
  close(): void;
}

const HEAD_END = Buffer.from('\r\n\r\n');

function connect(host: string, port: number, onClose: (c: Connection) => void): Connection {
  const socket = net.connect({ host, port, noDelay: true });
  let pending: { resolve: (status: number) => void; reject: (err: Error) => void } | null = null;
  let buffered: Buffer = Buffer.alloc(0);
  let status = 0;
  // Bytes of the answer still to come once its head is read; -1 while the head is incomplete.
  let remaining = -1;
  const fail = (err: Error) => {
    pending?.reject(err);
    pending = null;
  };
  socket.on('data', (chunk: Buffer) => {
    if (remaining > 0) {
      remaining -= chunk.length;
    } else {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const end = buffered.indexOf(HEAD_END);
      if (end < 0) return;
      const head = buffered.toString('latin1', 0, end);
      status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      if (length === undefined) {
        socket.destroy();
        return fail(new Error(`answer without Content-Length: ${head.split('\r\n')[0]}`));
      }
      remaining = Number(length) - (buffered.length - end - HEAD_END.length);
      buffered = Buffer.alloc(0);
    }
    if (remaining <= 0) {
      remaining = -1;
      const done = pending;
      pending = null;
      done?.resolve(status);
    }
  });
  socket.on('error', fail);
  const connection: Connection = {
    send: (request) =>
      new Promise<number>((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(request);
      }),
    close: () => socket.destroy(),
  };
  socket.on('close', () => {
    fail(new Error('connection closed'));
    onClose(connection);
  });
  return connection;
}

function bytesOf(request: PacedRequest, host: string): Buffer {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers = { host, ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
  const head = `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return body ? Buffer.concat([Buffer.from(head), body]) : Buffer.from(head);
}

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  // Requests answered later than `lateMs` are listed by when they were due, to be set against the disk.
  const { url, rate, requests, lateMs } = JSON.parse(input) as { url: string; rate: number; requests: PacedRequest[]; lateMs: number };
  const { hostname, port, host } = new URL(url);
  const messages = requests.map((r) => bytesOf(r, host));
  const idle: Connection[] = [];
  const open = new Set<Connection>();
  const closed = (c: Connection) => {
    open.delete(c);
    const at = idle.indexOf(c);
    if (at >= 0) idle.splice(at, 1);
  };
  const latencies: number[] = [];
  // Wall-clock ms (epoch) each late request was due.
  const late: number[] = [];
  let errors = 0;
  const send = async (message: Buffer): Promise<number> => {
    let connection = idle.pop();
    if (!connection) {
      connection = connect(hostname, Number(port), closed);
      open.add(connection);
    }
    const status = await connection.send(message);
    if (open.has(connection)) idle.push(connection);
    return status;
  };
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (const [i, message] of messages.entries()) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(
      send(message).then(
        (status) => {
          const latency = performance.now() - due;
          latencies.push(latency);
          if (latency > lateMs) late.push(Math.round(performance.timeOrigin + due));
          if (status < 200 || status >= 300) errors += 1;
        },
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const startedAt = Math.round(performance.timeOrigin + started);
  for (const c of open) c.close();
  process.stdout.write(JSON.stringify({ rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, rate, startedAt, late }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
