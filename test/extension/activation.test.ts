// The extension activates in a real extension host and registers every command its package.json contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, useExtensionHarness } from './harness';

describe('activation and contributions', function () {
  this.timeout(30_000);
  // The harness activates the extension before the first test, as every file's tests do.
  useExtensionHarness();

  it('activates without errors', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every contributed command', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string }> } })
      .contributes.commands.map((command) => command.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 7);
    for (const command of contributed) assert.ok(registered.has(command), `${command} is registered`);
  });
});
