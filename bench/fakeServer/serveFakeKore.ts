// The fake Kore.ai server in a process of its own, for figures that measure the client's process (its
// latency, its memory): the server's work and the requests it records then do not count against the
// client. Prints one line, `FAKE_KORE {url, iid, accountId, token, ids}`, once it listens on 127.0.0.1;
// stops on SIGTERM or when its parent goes away (stdin closes).
import { FakeKoreServer } from '../../test/fakeKore/fakeKoreServer';
import { DESCRIPTOR_PREFIX, FakeServerConfig, FakeServerDescriptor } from '../lib/fakeServerProtocol';

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as FakeServerConfig;
  const server = await FakeKoreServer.start({ contactLists: [], rateLimitPerMinute: config.rateLimitPerMinute, latencyMs: config.latencyMs });
  const ids = Array.from({ length: config.lists }, (_, i) => server.addList({ name: `Bench list ${i + 1}` })._id);
  const app = server.app;
  const descriptor: FakeServerDescriptor = { url: server.url, iid: app.iid, accountId: app.accountId, token: app.staticTokens[0], ids };
  console.log(`${DESCRIPTOR_PREFIX}${JSON.stringify(descriptor)}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.once('end', stop);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
