// Runs the extension-host suite (test/extension) inside code-server's extension host: the workbench's
// `payload` parameter names the extension under development and the tests, and reports back through
// codeAutomationLog / codeAutomationExit. The same suite runs on desktop VS Code through runExtensionTestsInElectron.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { makeCertificateAuthority } from '../support/privateCa';
import { launchBrowser } from './browser';
import { PROJECT_ROOT, scratchFolder, startCodeServer } from './codeServer';
import { makeTestWorkspace } from './extensionTestWorkspace';

const TIMEOUT_MS = 5 * 60_000;
/** Lines the offline workbench logs on every start that say nothing about the suite. */
const WORKBENCH_NOISE = /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|ChatSessionStore:)/;

async function main(): Promise<number> {
  const cleanUp: string[] = [];
  const scratch = scratchFolder('eh');
  const workspace = path.join(path.dirname(scratch), `workspace-${process.pid}`);
  makeTestWorkspace(workspace);
  // A company's own CA, trusted the way a company does it: NODE_EXTRA_CA_CERTS in the environment code-server
  // (and so its extension host) starts with. Node reads it once, at process start, so it cannot be set later from
  // a test; the network tests issue their servers' certificates from it (KORE_TEST_COMPANY_CA is its folder).
  const companyCa = makeCertificateAuthority(path.join(path.dirname(scratch), `company-ca-${process.pid}`), 'Kore tests company CA');
  const server = await startCodeServer({
    scratch,
    folder: workspace,
    env: { KORE_TEST_USER_DATA_DIR: path.join(scratch, 'user-data'), NODE_EXTRA_CA_CERTS: companyCa.certFile, KORE_TEST_COMPANY_CA: companyCa.dir },
  });
  const browser = await launchBrowser(path.join(scratch, 'chromium'), server.env);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...args);
      if (WORKBENCH_NOISE.test(line)) return;
      if (type === 'error') console.error(line);
      else console.log(line);
    });
    const remote = (file: string) => `vscode-remote://${server.authority}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(PROJECT_ROOT)],
      ['extensionTestsPath', remote(path.join(PROJECT_ROOT, 'out', 'test', 'extension', 'index'))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([
      exitCode,
      new Promise<number>((resolve) =>
        setTimeout(() => {
          console.error(`The extension-host suite did not finish within ${TIMEOUT_MS / 1000} s. code-server log: ${server.logFile}`);
          resolve(1);
        }, TIMEOUT_MS),
      ),
    ]);
    if (code !== 0) console.error(`Extension-host suite failed. code-server log: ${server.logFile}`);
    else cleanUp.push(scratch, workspace, companyCa.dir);
    return code;
  } finally {
    await browser.close();
    await server.stop();
    // A passing run leaves nothing behind; a failing one keeps its logs for reading.
    for (const folder of cleanUp) fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
