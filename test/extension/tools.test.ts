// The tools around the environments: region pick, the status bar's active environment and Switch Environment,
// export and import of environments, and Test Connection.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TRANSFER_FORMAT } from '../../src/core/environmentTransfer';
import { DIALECT_PICKS, PRODUCTION_NO, SEED_ID, storedEnvironments, TOKEN, useExtensionHarness } from './harness';
import type { DeleteOutcome } from './harness';

describe('regions, the status bar, import and export, test connection', function () {
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
