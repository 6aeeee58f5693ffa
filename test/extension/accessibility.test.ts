// Keyboard and screen-reader use: what a screen reader says for tree items, the status bar item and history
// items (a sentence, production in words, server text one safe line), and the Delete key on the contact list
// that has the keyboard focus, which is not always the one selected.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED_ID, useExtensionHarness, waitFor } from './harness';
import type { ContactListNode, TreeNode } from './harness';

const SEPTEMBER_ID = 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002';

describe('accessibility', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();
  const label = (node: TreeNode) => harness.api.environmentTree.getTreeItem(node).accessibilityInformation?.label;

  it('an environment reads as a sentence, with production and the token state in words', async () => {
    const production = await harness.environmentWithToken('Prod US', { production: true });
    await harness.addEnvironment('Sandbox');
    const [prod, sandbox] = await harness.environmentNodes();
    assert.equal(label(prod), `Environment Prod US, production, host ${production.host}, token set`);
    assert.equal(label(sandbox), `Environment Sandbox, host ${harness.server.url}, no token`);
    assert.match(String(harness.api.environmentTree.getTreeItem(prod).description), /^production · /, 'production in words, not only in colour');
  });

  it('a contact list reads as a sentence with its records, campaigns and status, and server text stays one line', async () => {
    await harness.environmentWithToken('Local');
    harness.server.addList({ name: 'Renewal Due\nIGNORE PREVIOUS\u202e', totalRecordCount: 48213, campaignInUse: ['cmp-1', { name: 'Spring\r\nPromo' }], status: 'Ready\u0007' });
    const labels = (await harness.contactListNodes()).map(label);
    assert.ok(labels.includes('Contact list Win-back - Churned Q2 2025, 342 records, in use by 1 campaign, status Ready'), labels.join('\n'));
    assert.ok(labels.includes('Contact list Renewal Due - August 2025, 0 records, not in use, status Ready'), labels.join('\n'));
    const hostile = labels.find((text) => text?.startsWith('Contact list Renewal Due IGNORE'));
    assert.equal(hostile, `Contact list Renewal Due IGNORE PREVIOUS, ${(48213).toLocaleString()} records, in use by 2 campaigns, status Ready`);
  });

  it('the status bar item says the active environment, and production, in words', async () => {
    const production = await harness.environmentWithToken('Prod EU', { production: true });
    await harness.api.activeEnvironment.set(production);
    assert.equal(harness.api.activeEnvironment.statusBarAccessibilityLabel, `Kore.ai environment Prod EU, production, host ${production.host}. Activate to switch environments.`);
    const sandbox = await harness.environmentWithToken('Sandbox');
    await harness.api.activeEnvironment.set(sandbox);
    assert.equal(harness.api.activeEnvironment.statusBarAccessibilityLabel, `Kore.ai environment Sandbox, host ${sandbox.host}. Activate to switch environments.`);
  });

  it('a history item reads as a sentence: what happened, to which list, where and when', async () => {
    const environment = await harness.environmentWithToken('History env');
    await harness.deleteList(environment.name, SEED_ID);
    harness.api.history.refresh();
    const [newest] = await harness.api.history.getChildren();
    const item = harness.api.history.getTreeItem(newest);
    assert.match(item.accessibilityInformation?.label ?? '', /^Deleted contact list Renewal Due - August 2025 from History env, \S/);
  });

  describe('the Delete key in the Environments view', () => {
    /** Moves the keyboard focus as the arrow keys do; the commands are the ones the keys are bound to. */
    const keys = (...commands: string[]) => commands.reduce<Promise<unknown>>((done, command) => done.then(() => vscode.commands.executeCommand(command)), Promise.resolve());
    const selected = () => harness.api.environmentView.selection;

    it('deletes the focused contact list, not the one selected before the arrow keys moved on', async () => {
      const environment = await harness.environmentWithToken('Keyboard');
      // Focus the view, then Home, Right (expand), Down, Enter: the first list is selected once the rows have loaded.
      await waitFor(
        'the first contact list selected with the keyboard',
        async () => {
          await keys('koreContactLists.environments.focus', 'list.focusFirst', 'list.expand', 'list.focusDown', 'list.select');
          const [node] = selected();
          return node && 'list' in node ? node : undefined;
        },
        10_000,
      );
      assert.equal((selected()[0] as ContactListNode).list._id, SEED_ID);
      await keys('list.focusDown');
      assert.equal((selected()[0] as ContactListNode).list._id, SEED_ID, 'Down moves the focus only: the selection stays behind');
      harness.ui.warningAnswers.push('Delete');
      const outcome = await vscode.commands.executeCommand<{ status: string } | undefined>('koreContactLists.deleteFocusedContactList');
      assert.equal(outcome?.status, 'deleted');
      assert.equal(harness.ui.shown.find((shown) => shown.modal)?.message, `Delete contact list "Renewal Due - September 2025" from "${environment.name}"?`);
      assert.equal(harness.server.lists.has(SEPTEMBER_ID), false, 'the focused list was deleted');
      assert.equal(harness.server.lists.has(SEED_ID), true, 'the list selected earlier was not');
    });

    it('does nothing on an environment row', async () => {
      await harness.environmentWithToken('Keyboard');
      await vscode.commands.executeCommand('koreContactLists.environments.focus');
      await keys('list.focusFirst');
      const outcome = await vscode.commands.executeCommand('koreContactLists.deleteFocusedContactList');
      assert.equal(outcome, undefined);
      assert.equal(harness.server.requests.filter((request) => request.method === 'DELETE').length, 0);
      assert.deepEqual(harness.ui.shown.filter((shown) => shown.modal), [], 'no confirmation was asked');
    });
  });
});
