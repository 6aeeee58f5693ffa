// `npm run fake-kore`: the fake Kore.ai server on its own, for trying the extension by hand.
//   --port N          listen on N (default: a free port)
//   --rate-limit N    requests per minute per account (default 60, as documented)
//   --latency MS      delay every answer
import { FakeKoreServer } from './fakeKoreServer';
import { signFakeJwt } from './jwt';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} takes a whole number`);
  return value;
}

async function main(): Promise<void> {
  const port = option('--port');
  const rateLimitPerMinute = option('--rate-limit');
  const latencyMs = option('--latency');
  const server = await FakeKoreServer.start({
    ...(port !== undefined ? { port } : {}),
    ...(rateLimitPerMinute !== undefined ? { rateLimitPerMinute } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
  });
  const app = server.app;
  const now = Math.floor(Date.now() / 1000);
  const jwt = signFakeJwt({ appId: app.clientId, sub: 'fake-kore-cli', iat: now, exp: now + 24 * 3600 }, app.clientSecret);
  console.log(`Fake Kore.ai server listening on ${server.url}`);
  console.log(`  Host            ${server.url}`);
  console.log(`  App ID (IID)    ${app.iid}`);
  console.log(`  Account ID      ${app.accountId}`);
  console.log(`  Client ID       ${app.clientId}`);
  console.log(`  Client Secret   ${app.clientSecret}`);
  console.log(`  Token (24 h)    ${jwt}`);
  console.log(`  Static token    ${app.staticTokens[0]}`);
  console.log('  Contact lists:');
  for (const list of server.lists.values()) console.log(`    ${list._id}  ${list.name}`);
  console.log('Every request is printed below. Press Ctrl+C to stop.');
  const printed = { count: 0 };
  const timer = setInterval(() => {
    while (printed.count < server.requests.length) {
      const request = server.requests[printed.count++];
      console.log(`${new Date(request.at).toISOString()} ${request.method} ${request.path}${request.query} → ${request.status ?? 'no answer'}`);
    }
  }, 200);
  const stop = () => {
    clearInterval(timer);
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
