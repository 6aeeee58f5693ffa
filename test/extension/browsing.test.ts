// Browsing an environment's contact lists in the tree, and deleting or copying from a list item.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED_ID, useExtensionHarness } from './harness';
import type { DeleteOutcome, StoredEnvironment } from './harness';

describe('browsing contact lists', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  let environment: StoredEnvironment;
  beforeEach(async () => {
    environment = await harness.environmentWithToken('Browsable');
  });

  const listNodes = () => harness.contactListNodes();

  it('lists an environment\'s contact lists with counts, status, in-use marker and the id in the tooltip', async () => {
    const nodes = await listNodes();
    assert.deepEqual(nodes.map((node) => node.list.name), ['Renewal Due - August 2025', 'Renewal Due - September 2025', 'Win-back - Churned Q2 2025']);
    const items = nodes.map((node) => harness.api.environmentTree.getTreeItem(node));
    assert.equal(items[1].description, '1284 records · Ready');
    assert.equal(items[2].description, '342 records · Ready · in use');
    assert.match((items[0].tooltip as vscode.MarkdownString).value, new RegExp(SEED_ID));
    assert.equal(items[0].contextValue, 'contactList');
    assert.equal(items[2].contextValue, 'contactList;inUse');
    assert.equal(harness.server.requests[0].path.endsWith('/campaign/contactList/getAllListDetails'), true);
    assert.equal(harness.server.requests[0].query, '?type=call');
  });

  it('deletes from a list item through the guarded flow; the item disappears', async () => {
    const [first] = await listNodes();
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', first);
    assert.equal(outcome?.status, 'deleted');
    assert.equal(harness.ui.inputBoxes.filter((box) => box.prompt?.startsWith('Contact list id')).length, 0, 'the id is not asked again');
    assert.match(harness.ui.shown.find((shown) => shown.modal)?.message ?? '', /Renewal Due - August 2025/);
    assert.equal((await listNodes()).some((node) => node.list._id === SEED_ID), false);
  });

  it('keeps the item after a failed delete', async () => {
    harness.server.setFault({ kind: 'status', status: 409, body: JSON.stringify({ status: 'failure', message: 'in use' }) }, 1, 'DELETE');
    const [first] = await listNodes();
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', first);
    assert.equal(outcome?.status, 'failed');
    assert.equal((await listNodes()).some((node) => node.list._id === SEED_ID), true);
  });

  it('copies a list\'s id', async () => {
    const [first] = await listNodes();
    await vscode.commands.executeCommand('koreContactLists.copyContactListId', first);
    assert.equal(await vscode.env.clipboard.readText(), SEED_ID);
  });

  it('shows one explaining item with a retry when listing fails, and a Set Token item without a token', async () => {
    harness.server.setFault({ kind: 'html', status: 503 }, 1, 'GET');
    const [node] = await harness.environmentNodes();
    const [failure] = await harness.api.environmentTree.getChildren(node);
    const item = harness.api.environmentTree.getTreeItem(failure);
    assert.match(item.label as string, /Could not list contact lists \(HTTP 503\)/);
    assert.equal(item.command?.command, 'koreContactLists.refresh');
    await harness.api.credentials.delete(environment.id);
    const [withoutToken] = await harness.api.environmentTree.getChildren((await harness.environmentNodes())[0]);
    assert.equal(harness.api.environmentTree.getTreeItem(withoutToken).command?.command, 'koreContactLists.setToken');
  });
});
