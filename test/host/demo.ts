// `npm run demo`: the extension's main job on an embedded default. Starts the fake Kore server seeded with
// contact lists, and code-server with the packaged extension installed and an environment named
// "Local sandbox" pointing at that server; prints the URL to open and the token to paste. Ctrl+C stops all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, scratchFolder, startCodeServer } from './codeServer';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { signFakeJwt } from '../fakeKore/jwt';

async function main(): Promise<void> {
  const vsix = path.join(PROJECT_ROOT, 'dist', 'kore-contact-lists.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (npm run demo does).`);
  const port = Number(process.env.DEMO_PORT ?? 8080);
  const kore = await FakeKoreServer.start();
  const app = kore.app;
  const now = Math.floor(Date.now() / 1000);
  const token = signFakeJwt({ appId: app.clientId, sub: 'demo', iat: now, exp: now + 24 * 3600 }, app.clientSecret);
  const scratch = scratchFolder('demo');
  const folder = path.join(path.dirname(scratch), `demo-workspace-${process.pid}`);
  fs.mkdirSync(folder, { recursive: true });
  const codeServer = await startCodeServer({
    scratch,
    folder,
    port,
    install: [vsix],
    settings: {
      'koreContactLists.environments': [{ id: 'local-sandbox', name: 'Local sandbox', host: kore.url, iid: app.iid, accountId: app.accountId }],
    },
  });
  const lists = [...kore.lists.values()].map((list) => `    ${list._id}  ${list.name}${list.isListInUse ? '  (in use by a campaign)' : ''}`);
  console.log(
    [
      '',
      'Kore.ai Contact Lists demo is running.',
      '',
      `  1. Open ${codeServer.url}/?folder=${encodeURIComponent(folder)} in a browser.`,
      '  2. Click the Kore.ai Contact Lists icon in the activity bar: "Local sandbox" is configured.',
      '  3. Click the key button beside it (Set Token) and paste this token (valid 24 h):',
      '',
      `     ${token}`,
      '',
      '  4. Click the trash button beside it (Delete Contact List) and enter one of these ids:',
      ...lists,
      '',
      `Fake Kore.ai server: ${kore.url} (App ID ${app.iid}, Account ID ${app.accountId})`,
      'Requests it receives are printed below. Press Ctrl+C to stop everything.',
      '',
    ].join('\n'),
  );
  let printed = 0;
  const timer = setInterval(() => {
    for (; printed < kore.requests.length; printed++) {
      const request = kore.requests[printed];
      console.log(`${new Date(request.at).toISOString()}  ${request.method} ${request.path}  → ${request.status ?? 'no answer'}`);
    }
  }, 250);
  const stop = () => {
    clearInterval(timer);
    console.log('\nStopping code-server and the fake Kore server…');
    void Promise.all([codeServer.stop(), kore.close()]).then(() => process.exit(0));
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
