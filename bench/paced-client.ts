// The paced load of `npm run bench` in a process of its own: one request every 1/rate s, each
// timed from when it was due (no coordinated omission). Apart from the bench's own process, whose
// heap of autocannon results and test users would otherwise pause it mid-run and show its own GC
// as the server's p99. Reads `{url, rate, requests, lateMs}` as JSON on stdin, prints the figures as JSON.
import http from 'node:http';

interface PacedRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  // Requests answered later than `lateMs` are listed by when they were due, to be set against the disk.
  const { url, rate, requests, lateMs } = JSON.parse(input) as { url: string; rate: number; requests: PacedRequest[]; lateMs: number };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
  const latencies: number[] = [];
  // Wall-clock ms (epoch) each late request was due.
  const late: number[] = [];
  let errors = 0;
  const send = (request: PacedRequest) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(`${url}${request.path}`, { method: request.method, headers: request.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(request.body);
    });
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (const [i, request] of requests.entries()) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(
      send(request).then(
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
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const startedAt = Math.round(performance.timeOrigin + started);
  process.stdout.write(JSON.stringify({ rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, rate, startedAt, late }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
