// The same extension-host suite on desktop VS Code, downloaded by @vscode/test-electron: for machines with
// internet access and a display. These offline machines use runExtensionTestsInCodeServer instead.
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { makeCertificateAuthority } from '../support/privateCa';
import { PROJECT_ROOT } from './codeServer';
import { makeTestWorkspace } from './extensionTestWorkspace';

async function main(): Promise<void> {
  const scratch = path.join(os.tmpdir(), 'kore-contact-lists-tests', `electron-${process.pid}`);
  const workspace = makeTestWorkspace(path.join(scratch, 'workspace'));
  const userDataDir = path.join(scratch, 'user-data');
  // The company CA the network tests trust through NODE_EXTRA_CA_CERTS (see runExtensionTestsInCodeServer).
  const companyCa = makeCertificateAuthority(path.join(scratch, 'company-ca'), 'Kore tests company CA');
  await runTests({
    extensionDevelopmentPath: PROJECT_ROOT,
    extensionTestsPath: path.join(PROJECT_ROOT, 'out', 'test', 'extension', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userDataDir}`],
    extensionTestsEnv: { KORE_TEST_USER_DATA_DIR: userDataDir, NODE_EXTRA_CA_CERTS: companyCa.certFile, KORE_TEST_COMPANY_CA: companyCa.dir },
  });
}

main().catch((error: unknown) => {
  console.error('The extension-host suite failed:', error);
  process.exit(1);
});
