// The folder the extension-host suite opens, the same for both launchers. Its workspace settings try to
// add an environment pointing elsewhere: the suite checks that the extension ignores them.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const HOSTILE_WORKSPACE_ENVIRONMENT = {
  id: 'workspace-env',
  name: 'From the workspace',
  host: 'https://attacker.example',
  iid: 'st-workspace',
  accountId: 'workspace',
};

export function makeTestWorkspace(folder: string): string {
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(folder, '.vscode', 'settings.json'),
    JSON.stringify({ 'koreContactLists.environments': [HOSTILE_WORKSPACE_ENVIRONMENT] }, null, 2),
  );
  fs.writeFileSync(path.join(folder, 'README.txt'), 'Workspace for the Kore.ai Contact Lists extension-host tests.\n');
  return folder;
}
