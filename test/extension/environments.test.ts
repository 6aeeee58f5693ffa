// Add, Edit and Remove Environment through their prompts, and what the tree shows of user settings (workspace
// settings are ignored; hand edits of settings.json are followed, and a typo is shown, not dropped).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HOSTILE_WORKSPACE_ENVIRONMENT } from '../host/extensionTestWorkspace';
import { configuration, CUSTOM_HOST, DIALECT_PICKS, PRODUCTION_NO, PRODUCTION_YES, SEED_ID, storedEnvironments, TOKEN, useExtensionHarness, waitFor } from './harness';
import type { DeleteOutcome } from './harness';
import { TRANSFER_FORMAT } from '../../src/core/environments/environmentTransfer';

describe('environments', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  it('Add Environment writes user settings with a generated id and a normalised host, and the tree shows it', async () => {
    harness.ui.inputs.push('Local sandbox', `${harness.server.url}/`, ` ${harness.server.app.iid} `, harness.server.app.accountId);
    harness.ui.picks.push(CUSTOM_HOST, PRODUCTION_NO, DIALECT_PICKS.v1);
    await vscode.commands.executeCommand('koreContactLists.addEnvironment');
    const [stored] = storedEnvironments();
    assert.match(stored.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual({ ...stored, id: undefined }, { id: undefined, name: 'Local sandbox', host: harness.server.url, iid: harness.server.app.iid, accountId: harness.server.app.accountId });
    const nodes = await harness.environmentNodes();
    assert.deepEqual(nodes.map((node) => node.environment.name), ['Local sandbox']);
    const item = harness.api.environmentTree.getTreeItem(nodes[0]);
    assert.equal(item.label, 'Local sandbox');
    assert.equal(item.description, harness.server.url);
    assert.equal(item.contextValue, 'environment;noToken');
    assert.match((item.tooltip as vscode.MarkdownString).value, /not set/);
    assert.ok(harness.ui.inputBoxes[0].prompt?.startsWith('Environment name'));
    assert.ok(harness.ui.inputBoxes[1].prompt?.startsWith('Host'));
    assert.ok(harness.ui.inputBoxes[2].prompt?.startsWith('App ID (IID)'));
    assert.ok(harness.ui.inputBoxes[3].prompt?.startsWith('Account ID'));
  });

  it('Add Environment validates as the user types and saves nothing when a prompt is refused', async () => {
    harness.ui.inputs.push('Prod', 'http://platform.kore.ai');
    harness.ui.picks.push(CUSTOM_HOST);
    await vscode.commands.executeCommand('koreContactLists.addEnvironment');
    assert.match(harness.ui.validationMessages[0], /plain http is only allowed/);
    assert.deepEqual(storedEnvironments(), []);
    await harness.addEnvironment('Prod');
    harness.ui.inputs.push('PROD');
    await vscode.commands.executeCommand('koreContactLists.addEnvironment');
    assert.match(harness.ui.validationMessages[1], /already exists/);
    assert.equal(storedEnvironments().length, 1);
  });

  it('Edit Environment updates the entry in place and the tree follows', async () => {
    const added = await harness.addEnvironment('Staging');
    harness.ui.inputs.push('Staging EU', harness.server.url, harness.server.app.iid, 'acc-edited');
    harness.ui.picks.push(PRODUCTION_YES, DIALECT_PICKS.v1);
    const nodes = await harness.environmentNodes();
    await vscode.commands.executeCommand('koreContactLists.editEnvironment', nodes[0]);
    assert.deepEqual(storedEnvironments(), [{ ...added, name: 'Staging EU', accountId: 'acc-edited', production: true }]);
    const [edited] = await harness.environmentNodes();
    assert.equal(edited.environment.name, 'Staging EU');
    const item = harness.api.environmentTree.getTreeItem(edited);
    assert.match(String(item.description), /^production · /);
    assert.equal(item.contextValue, 'environment;noToken;production');
  });

  it('Remove Environment asks, then removes the entry and its token', async () => {
    const added = await harness.addEnvironment('Temporary');
    await harness.setToken(added.id);
    harness.ui.warningAnswers.push('Remove');
    await vscode.commands.executeCommand('koreContactLists.removeEnvironment', 'Temporary');
    assert.equal(harness.ui.last('warning')?.modal, true);
    assert.deepEqual(storedEnvironments(), []);
    assert.equal(await harness.api.credentials.get(added.id), undefined);
    assert.deepEqual(await harness.environmentNodes(), []);
  });

  it('ignores environments in workspace settings', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite runs with the test workspace open');
    const workspaceSettings = fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8');
    assert.ok(workspaceSettings.includes(HOSTILE_WORKSPACE_ENVIRONMENT.host), 'the workspace tries to add an environment');
    await harness.addEnvironment('Mine');
    const names = (await harness.environmentNodes()).map((node) => node.environment.name);
    assert.deepEqual(names, ['Mine']);
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', HOSTILE_WORKSPACE_ENVIRONMENT.id, SEED_ID);
    assert.equal(outcome?.status, 'notSent');
    assert.match(harness.ui.last('error')?.message ?? '', /No Kore.ai environment has the id or name "workspace-env"/);
  });

  it('follows hand edits of settings.json', async () => {
    let fired = 0;
    const subscription = harness.api.environmentTree.onDidChangeTreeData(() => fired++);
    try {
      await configuration().update(
        'environments',
        [{ id: 'hand-made', name: 'By hand', host: 'https://de-platform.kore.ai', iid: 'st-x', accountId: 'acc' }],
        vscode.ConfigurationTarget.Global,
      );
      await waitFor('a tree refresh', () => fired > 0);
      assert.deepEqual((await harness.environmentNodes()).map((node) => node.environment.host), ['https://de-platform.kore.ai']);
      // A typo made by hand is shown, not silently dropped.
      await configuration().update(
        'environments',
        [
          { id: 'hand-made', name: 'By hand', host: 'https://de-platform.kore.ai', iid: 'st-x', accountId: 'acc' },
          { id: 'typo', name: 'Typo', host: 'platform.kore.ai/api', iid: 'st-y', accountId: 'acc' },
        ],
        vscode.ConfigurationTarget.Global,
      );
      const nodes = await harness.api.environmentTree.getChildren();
      assert.equal(nodes.length, 2);
      const problem = harness.api.environmentTree.getTreeItem(nodes[1]);
      assert.equal(problem.label, '1 environment in settings was skipped');
      assert.match((problem.tooltip as vscode.MarkdownString).value, /Typo.*field "host"/);
      assert.equal(problem.command?.command, 'workbench.action.openSettingsJson');
    } finally {
      subscription.dispose();
    }
  });
});

describe('environments: regions, the status bar, import and export, Test Connection', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  it('Add Environment starts with a region pick', async () => {
    harness.ui.inputs.push('Frankfurt', harness.server.app.iid, harness.server.app.accountId);
    harness.ui.picks.push('Germany', PRODUCTION_NO, DIALECT_PICKS.v1);
    await vscode.commands.executeCommand('koreContactLists.addEnvironment');
    assert.equal(storedEnvironments()[0].host, 'https://de-platform.kore.ai');
  });

  it('shows the active environment in the status bar, in the warning colour for production, and switches', async () => {
    const sandbox = await harness.addEnvironment('Sandbox');
    const production = await harness.addEnvironment('Production US', { production: true });
    harness.ui.picks.push('Production US');
    await vscode.commands.executeCommand('koreContactLists.switchEnvironment');
    assert.equal(harness.api.activeEnvironment.get()?.id, production.id);
    assert.match(harness.api.activeEnvironment.statusBarText ?? '', /Production US/);
    assert.equal(harness.api.activeEnvironment.statusBarIsWarning, true);
    await harness.setToken(sandbox.id);
    await harness.deleteList(sandbox.name, SEED_ID);
    assert.equal(harness.api.activeEnvironment.get()?.id, sandbox.id, 'the environment last used becomes active');
    assert.equal(harness.api.activeEnvironment.statusBarIsWarning, false);
    // Palette commands now use it without asking, even with two environments.
    harness.ui.inputs.push('cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002');
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList');
    assert.equal(outcome?.status, 'deleted');
  });

  it('exports environments without any secret and imports them, reporting each reject', async () => {
    await harness.environmentWithToken('To export');
    const dir = path.dirname(harness.api.audit.file);
    fs.mkdirSync(dir, { recursive: true });
    const file = vscode.Uri.file(path.join(dir, 'environments-test.json'));
    harness.ui.saveTarget = file;
    await vscode.commands.executeCommand('koreContactLists.exportEnvironments');
    const text = fs.readFileSync(file.fsPath, 'utf8');
    assert.equal(text.includes(TOKEN), false);
    const parsed = JSON.parse(text) as { environments: Array<Record<string, unknown>> };
    assert.deepEqual(parsed.environments.map((environment) => environment.name), ['To export']);
    parsed.environments.push({ name: 'Imported', host: 'jp-platform.kore.ai', iid: 'st-imported', accountId: 'acc2' });
    parsed.environments.push({ name: 'Evil', host: 'http://attacker.example', iid: 'st-x', accountId: 'acc3' });
    fs.writeFileSync(file.fsPath, JSON.stringify(parsed));
    harness.ui.openTarget = file;
    const result = await vscode.commands.executeCommand<{ imported: number; rejected: number }>('koreContactLists.importEnvironments');
    fs.rmSync(file.fsPath);
    assert.deepEqual(result, { imported: 1, rejected: 2 }, 'the duplicate name and the http host are rejected');
    assert.deepEqual(storedEnvironments().map((environment) => environment.name), ['To export', 'Imported']);
    assert.equal(storedEnvironments()[1].host, 'https://jp-platform.kore.ai');
    assert.match(harness.ui.last('warning')?.message ?? '', /Imported 1 environment\(s\); 2 rejected/);
  });

  it('imports a look-alike of an environment the user has ("Prօduction US", Armenian օ) only with a warning naming it (issue 18)', async () => {
    await harness.addEnvironment('Production US');
    const dir = path.dirname(harness.api.audit.file);
    fs.mkdirSync(dir, { recursive: true });
    const file = vscode.Uri.file(path.join(dir, 'look-alike.json'));
    fs.writeFileSync(file.fsPath, JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments: [{ name: 'Prօduction US', host: 'platform-kore.ai', iid: 'st-1', accountId: 'a1' }] }));
    harness.ui.openTarget = file;
    const result = await vscode.commands.executeCommand<{ imported: number; rejected: number }>('koreContactLists.importEnvironments');
    fs.rmSync(file.fsPath);
    assert.deepEqual(result, { imported: 1, rejected: 0 });
    assert.match(harness.ui.last('warning')?.message ?? '', /^Imported 1 environment\(s\), one of which can pass for another: "Prօduction US" mixes letters of .* and reads like your environment "Production US"/);
  });

  it('Test Connection says whether host, ids and credential work, naming the wrong one', async () => {
    const good = await harness.addEnvironment('Reachable');
    await harness.setToken(good.id);
    assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', good.id), true);
    assert.match(harness.ui.last('info')?.message ?? '', /Connected to "Reachable".*3 contact list\(s\) visible/);
    const wrongAccount = await harness.addEnvironment('Wrong account', { accountId: 'acc-not-mine' });
    await harness.setToken(wrongAccount.id);
    assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', wrongAccount.id), false);
    assert.match(harness.ui.last('error')?.message ?? '', /Access denied .*HTTP 403.*Account ID acc-not-mine/);
    assert.ok(harness.server.requests.every((request) => request.method === 'GET'), 'a read-only call');
  });
});
