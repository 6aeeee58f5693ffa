// The audit trail and the History view: each DELETE recorded with its response and never the token, reopened
// read-only, exported, cleared, and a damaged line skipped. The trail is shared by every file: each test clears it first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEED_ID, TOKEN, useExtensionHarness, waitFor } from './harness';
import type { StoredEnvironment } from './harness';

describe('History and the audit trail', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  let environment: StoredEnvironment;
  beforeEach(async () => {
    await harness.api.audit.clear();
    environment = await harness.environmentWithToken('Audited');
  });

  it('records each DELETE with the full response and never the token', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    const { entries, damagedLines } = await harness.api.audit.read();
    assert.equal(damagedLines, 0);
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.equal(entry.outcome, 'deleted');
    assert.equal(entry.contactListId, SEED_ID);
    assert.equal(entry.contactListName, 'Renewal Due - August 2025');
    assert.equal(entry.httpStatus, 200);
    assert.deepEqual(entry.environment, { name: 'Audited', host: harness.server.url, iid: harness.server.app.iid, accountId: harness.server.app.accountId });
    assert.equal((entry.response as { data: { _id: string } }).data._id, SEED_ID, 'the deleted record survives in the trail');
    assert.ok(Date.parse(entry.time) > Date.now() - 60_000);
    assert.equal(fs.readFileSync(harness.api.audit.file, 'utf8').includes(TOKEN), false);
  });

  it('lists attempts newest first, each reopening its response read-only', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    harness.server.setFault({ kind: 'status', status: 409, body: JSON.stringify({ status: 'failure', message: 'List is attached to a running campaign' }) }, 1, 'DELETE');
    await harness.deleteList(environment.name, 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002');
    const nodes = await harness.api.history.getChildren();
    assert.equal(nodes.length, 2);
    const [newest, oldest] = nodes.map((node) => harness.api.history.getTreeItem(node));
    assert.equal(newest.label, 'Renewal Due - September 2025');
    assert.match(String(newest.description), /^Audited · /);
    assert.equal((newest.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(oldest.label, 'Renewal Due - August 2025');
    assert.equal((oldest.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.equal(newest.command?.command, 'koreContactLists.openHistoryEntry');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('koreContactLists.openHistoryEntry', (newest.command?.arguments as unknown[] | undefined)?.[0]);
    const document = await waitFor('the history response', () => vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString()));
    assert.equal(document.uri.scheme, 'kore-response');
    assert.match(document.getText(), /List is attached to a running campaign/);
  });

  it('exports the history as JSON and clears it after confirmation', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    const target = vscode.Uri.file(path.join(path.dirname(harness.api.audit.file), 'export-test.json'));
    harness.ui.saveTarget = target;
    await vscode.commands.executeCommand('koreContactLists.exportHistory');
    const exported = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as Array<{ contactListId: string }>;
    assert.deepEqual(exported.map((entry) => entry.contactListId), [SEED_ID]);
    fs.rmSync(target.fsPath);
    harness.ui.warningAnswers.push(undefined);
    await vscode.commands.executeCommand('koreContactLists.clearHistory');
    assert.equal((await harness.api.audit.read()).entries.length, 1, 'dismissing the confirmation keeps the history');
    harness.ui.warningAnswers.push('Clear History');
    await vscode.commands.executeCommand('koreContactLists.clearHistory');
    assert.equal((await harness.api.audit.read()).entries.length, 0);
  });

  it('skips a damaged line with a warning item and keeps the rest', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    fs.appendFileSync(harness.api.audit.file, '{"time": "2026-01-01T00:00:00Z", "truncat\n');
    const nodes = await harness.api.history.getChildren();
    assert.equal(nodes.length, 2);
    assert.match(harness.api.history.getTreeItem(nodes[0]).label as string, /1 damaged line\(s\) in the audit trail were skipped/);
    assert.equal(harness.api.history.getTreeItem(nodes[1]).label, 'Renewal Due - August 2025');
  });
});
