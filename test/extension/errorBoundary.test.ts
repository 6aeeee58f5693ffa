// The command wrapper's error boundary: whatever a command throws reaches the user as one message saying what
// failed and what to do, with the log one click away, instead of VS Code's generic "command resulted in an error".
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { useExtensionHarness } from './harness';

describe('Error boundary around every command', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  it('turns a file that cannot be read into one actionable message, and the command returns nothing', async () => {
    harness.ui.openTarget = vscode.Uri.file(path.join(os.tmpdir(), `kore-missing-${process.pid}`, 'environments.json'));
    const result = await vscode.commands.executeCommand('koreContactLists.importEnvironments');
    assert.equal(result, undefined);
    const shown = harness.ui.last('error');
    assert.ok(shown, 'an error message was shown');
    assert.match(shown.message, /^The command could not finish: .*(ENOENT|nonexistent|not found|EntryNotFound).*open the log for details\.$/i);
    assert.deepEqual(shown.actions, ['Show Log']);
  });

  it('does the same for bulk ids read from a file that is gone', async () => {
    const environment = await harness.addEnvironment('Boundary');
    await harness.setToken(environment.id);
    harness.ui.picks.push('From a text or CSV file…');
    harness.ui.openTarget = vscode.Uri.file(path.join(os.tmpdir(), `kore-missing-${process.pid}`, 'ids.csv'));
    const result = await vscode.commands.executeCommand('koreContactLists.deleteContactLists', environment.id);
    assert.equal(result, undefined);
    assert.match(harness.ui.last('error')?.message ?? '', /^The command could not finish: /);
    assert.equal(harness.server.requests.filter((request) => request.method === 'DELETE').length, 0);
  });
});
