// Where the extension runs under Remote SSH, WSL, Dev Containers and Codespaces is decided in package.json;
// the README's "Remote development" section describes what follows from it, so this pins the decision.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  readonly extensionKind?: readonly string[];
  readonly main?: string;
  readonly browser?: string;
}

const root = path.join(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('the manifest: where the extension runs', () => {
  it('prefers the local (UI) side and falls back to the remote (workspace) side', () => {
    // UI first: requests leave from the user's machine (which reaches the Kore.ai host, through its own proxy
    // settings), one installation and one audit trail serve every remote, and secrets are local anyway. The
    // extension reads no workspace file except through vscode.workspace.fs, which works from the UI side.
    // Workspace second: where no local extension host exists (Codespaces or code-server in a browser) it still runs.
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  it('is a Node extension only: no browser entry point, so vscode.dev does not offer it', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, undefined);
  });

  it('the README says where calls run and where secrets and history live, matching the manifest', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.match(readme, /## Remote development/);
    assert.match(readme, /"extensionKind": \["ui", "workspace"\]/);
  });
});
