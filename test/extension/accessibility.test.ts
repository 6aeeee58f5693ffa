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

    /**
     * Focus the view, then Home, Right (expand), Down, Enter: the first list of this environment is selected once
     * its rows have loaded. Rows left from the previous test's environment may still show until the tree refreshes:
     * only this environment's first list counts.
     */
    const selectFirstList = async (environmentId: string) => {
      let seen = '';
      try {
        return await waitFor(
          'the first contact list selected with the keyboard',
          async () => {
            // Each try must start from the same place: Right on a row already expanded moves the focus to its first
            // child (and Down then to the second list), so after expanding, Home again, then Down to the first child.
            await keys('koreContactLists.environments.focus', 'list.focusFirst', 'list.expand', 'list.focusFirst', 'list.focusDown', 'list.select');
            const [node] = selected();
            seen = JSON.stringify(selected().map((n) => [n.kind, 'environment' in n ? n.environment.id === environmentId : '', n.kind === 'contactList' ? n.list._id : '']));
            return selected().length === 1 && node?.kind === 'contactList' && node.environment.id === environmentId && node.list._id === SEED_ID ? node : undefined;
          },
          10_000,
        );
      } catch (error) {
        throw new Error(`${String(error)}; last selection ${seen}`);
      }
    };

    it('deletes the focused contact list, not the one selected before the arrow keys moved on', async () => {
      const environment = await harness.environmentWithToken('Keyboard');
      await selectFirstList(environment.id);
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

    /**
     * A row opened by the workbench runs its command in a later round trip to the extension host, after the key's
     * command has returned. A "nothing ran" check waits this long, so that it is not only "nothing ran yet"; then the
     * test opens the same row with Enter and must see its command run within the same bound: the positive control
     * that proves the wait would have seen it.
     */
    const OPEN_BOUND_MS = 2_000;
    const nothingRanYet = () => new Promise((resolve) => setTimeout(resolve, OPEN_BOUND_MS));
    const openFocusedRow = async (what: string, ran: () => boolean) => {
      await keys('koreContactLists.environments.focus', 'list.select');
      await waitFor(`${what} within ${OPEN_BOUND_MS} ms of Enter on the same row (the positive control)`, () => ran() || undefined, OPEN_BOUND_MS);
    };
    /** Focuses the one row under the first environment, a message row, with the keys; its node once it is there. */
    const focusMessageRow = (environmentId: string) =>
      waitFor(
        'the message row focused with the keyboard',
        async () => {
          // Home, Right (expand), Home (Right on an expanded row, on a retry, moved to its child), Down; Ctrl+Shift+Enter (list.toggleSelection) twice shows which row has the focus
          // without opening it, and leaves nothing selected.
          await keys('koreContactLists.environments.focus', 'list.focusFirst', 'list.expand', 'list.focusFirst', 'list.focusDown', 'list.toggleSelection');
          const [node] = selected();
          await keys('list.toggleSelection');
          return node?.kind === 'listMessage' && node.environment.id === environmentId && selected().length === 0 ? node : undefined;
        },
        10_000,
      );

    it('runs nothing on a message row: Delete on "No token" does not open Set Token', async () => {
      const environment = await harness.addEnvironment('No token yet');
      const message = await focusMessageRow(environment.id);
      for (const record of [harness.server.requests, harness.ui.shown, harness.ui.quickPicks, harness.ui.inputBoxes]) record.length = 0;
      assert.equal(message.kind === 'listMessage' && message.action, 'setToken', 'the row would open Set Token if it were opened');
      const outcome = await vscode.commands.executeCommand('koreContactLists.deleteFocusedContactList');
      assert.equal(outcome, undefined);
      await nothingRanYet();
      assert.deepEqual(harness.ui.quickPicks, [], 'Set Token did not ask how to sign in');
      assert.deepEqual(harness.ui.inputBoxes, []);
      assert.deepEqual(harness.ui.shown, [], 'nothing was shown');
      assert.deepEqual(harness.server.requests, [], 'nothing was sent');
      assert.deepEqual(selected(), [], 'the selection is as it was');
      // Escape on Set Token's first question, which opening the row asks.
      harness.ui.picks.push(undefined);
      await openFocusedRow('Set Token asking how to sign in', () => harness.ui.quickPicks.length > 0);
    });

    it('runs nothing on a message row: Delete on "click to retry" sends no list calls', async () => {
      const environment = await harness.environmentWithToken('Cannot list');
      harness.server.setFault({ kind: 'html', status: 503 }, Number.POSITIVE_INFINITY, 'GET');
      await focusMessageRow(environment.id);
      harness.server.requests.length = 0;
      harness.ui.shown.length = 0;
      const outcome = await vscode.commands.executeCommand('koreContactLists.deleteFocusedContactList');
      assert.equal(outcome, undefined);
      await nothingRanYet();
      assert.deepEqual(harness.server.requests, [], 'no list call was sent');
      assert.deepEqual(harness.ui.shown, []);
      // The bound is the one the "No token" test above proves with its positive control (the same keys, the same
      // round trip). Opening this row here would leave its retried list call in flight while the next test removes
      // the environment, and the workbench's tree then keeps the removed row (a run failed on exactly that).
    });

    it('with several lists selected, deletes only the focused one and keeps the selection', async () => {
      const environment = await harness.environmentWithToken('Keyboard');
      await selectFirstList(environment.id);
      // Down, then Ctrl+Shift+Enter: both lists selected, the focus on the second.
      await keys('list.focusDown', 'list.toggleSelection');
      assert.equal(selected().length, 2);
      harness.ui.warningAnswers.push(undefined);
      const outcome = await vscode.commands.executeCommand<{ status: string } | undefined>('koreContactLists.deleteFocusedContactList');
      assert.equal(outcome?.status, 'notSent', 'the confirmation was dismissed');
      assert.equal(harness.ui.shown.find((shown) => shown.modal)?.message, `Delete contact list "Renewal Due - September 2025" from "${environment.name}"?`);
      assert.deepEqual(
        selected().map((node) => (node as ContactListNode).list._id),
        [SEED_ID, SEPTEMBER_ID],
        'the selection is as the user left it',
      );
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
