// Runs the fake WeChat server on its own for the demo and for tests that drive a separate API
// process: PORT (4100), WECHAT_APPID and WECHAT_SECRET (demo values by default).
import { startFakeWechat } from './fake-server';

async function main(): Promise<void> {
  const port = Number(process.env.PORT || 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  }
  const fake = await startFakeWechat({
    appId: process.env.WECHAT_APPID || 'wxdemo0000000000',
    secret: process.env.WECHAT_SECRET || 'demo-secret',
    port,
  });

  const shutdown = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  // One JSON line with `url`, like the API server's, so the same helpers can wait for it.
  console.log(JSON.stringify({ level: 30, time: Date.now(), url: fake.url, msg: `Fake WeChat ready at ${fake.url}` }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
