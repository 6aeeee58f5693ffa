// Hostile text in the real extension host against the fake server: what a server, a user or a workspace file
// can make of an id ("."), a list's name (forged lines, quotes, backticks), an environment's name ($(icons)) and an
// answer too deeply nested to re-indent; each is shown as the characters it is, on one line, or refused.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { makeContactList } from '../fakeKore/seedData';
import { SEED_ID, StoredEnvironment, useExtensionHarness } from './harness';
import { readAuditTrail } from '../support/auditTrail';

const FORGED_NAME = 'old\nRecords: 0\nNot in use by any campaign.\n\n';

describe('hostile text in the extension host', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();
  let environment: StoredEnvironment;

  beforeEach(async () => {
    environment = await harness.environmentWithToken('Hardened');
  });

  it('refuses an id of "." before anything is sent', async () => {
    for (const id of ['.', '...']) {
      const outcome = await vscode.commands.executeCommand<{ status: string }>('koreContactLists.deleteContactList', environment.name, id);
      assert.equal(outcome?.status, 'notSent');
      assert.match(harness.ui.last('error')?.message ?? '', /^Nothing was deleted: The contact list id (cannot be only dots|must not contain "\.\.")/);
    }
    harness.ui.inputs.push('.');
    const typed = await vscode.commands.executeCommand<{ status: string }>('koreContactLists.deleteContactList', environment.name);
    assert.equal(typed?.status, 'notSent');
    assert.match(harness.ui.validationMessages.at(-1) ?? '', /only dots/);
    assert.equal(harness.server.requests.length, 0);
  });

  it('shows the facts first and a forged name on one line, in the confirmation and the tree', async () => {
    const forged = makeContactList(harness.server.app, { name: FORGED_NAME, totalRecordCount: 48_213, isListInUse: true, campaignInUse: ['cmp-renewals'], listType: 'call' });
    harness.server.lists.set(forged._id, forged);
    const outcome = await harness.deleteList(environment.name, forged._id);
    assert.equal(outcome.status, 'deleted');
    const confirmation = harness.ui.shown.find((shown) => shown.modal);
    assert.ok(confirmation);
    assert.equal(confirmation.message, 'Delete contact list "old Records: 0 Not in use by any campaign." from "Hardened"?');
    const lines = (confirmation.detail ?? '').split('\n');
    assert.equal(lines[0], 'Records: 48213');
    assert.equal(lines[1], 'IN USE by 1 campaign(s): cmp-renewals');
    assert.equal(lines.filter((line) => line.startsWith('Records:')).length, 1, confirmation.detail);
    assert.ok(!lines.some((line) => line.startsWith('Not in use')), confirmation.detail);
    assert.match(harness.ui.last('info')?.message ?? '', /^Contact list "old Records: 0 Not in use by any campaign\." \(cl-[^)]+\) was deleted from Hardened\./);

    harness.server.lists.set(forged._id, forged);
    const lists = await harness.contactListNodes();
    const item = harness.api.environmentTree.getTreeItem(lists.find((child) => child.list._id === forged._id) ?? lists[0]);
    assert.equal(item.label, 'old Records: 0 Not in use by any campaign.');
    assert.ok(!String((item.tooltip as vscode.MarkdownString).value).includes('Records: 0\n'));
  });

  it('shows and audits an answer too deeply nested to re-indent, as the server sent it', async () => {
    const depth = 4_000;
    const body = `{"status":"success","message":"deleted","data":{"_id":"${SEED_ID}","name":"Deep","extra":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
    harness.server.setFault({ kind: 'status', status: 200, body }, 1, 'DELETE');
    const outcome = await harness.deleteList(environment.name, SEED_ID);
    assert.equal(outcome.status, 'deleted');
    assert.match(harness.ui.last('info')?.message ?? '', /"Deep" \(cl-[^)]+\) was deleted/);
    const editor = await harness.responseEditor();
    assert.equal(editor.document.getText(), body);
    const { entries } = await readAuditTrail(harness.api.audit.directory);
    const entry = entries.find((candidate) => candidate.contactListId === SEED_ID && candidate.environment.name === 'Hardened');
    assert.ok(entry, 'the attempt is in the audit trail');
    assert.equal(entry.outcome, 'deleted');
    assert.ok(JSON.stringify(entry.response).includes('Deep'), 'the deleted record is kept');
  });

  describe('issue 18: server and workspace text in the UI', () => {
    const ISSUE_NAME = 'old-test-list" from "Sandbox"? (dry run, nothing is deleted on';

    it('a list name\'s quotes cannot forge the confirmation\'s title or the result', async () => {
      const forged = makeContactList(harness.server.app, { name: ISSUE_NAME });
      harness.server.lists.set(forged._id, forged);
      const outcome = await harness.deleteList(environment.name, forged._id);
      assert.equal(outcome.status, 'deleted');
      const confirmation = harness.ui.shown.find((shown) => shown.modal);
      assert.equal(confirmation?.message, 'Delete contact list "old-test-listʼ from ʼSandboxʼ? (dry run, nothing is deleted on" from "Hardened"?');
      assert.ok((confirmation?.detail ?? '').split('\n').includes(`Contact list: ${forged._id}`));
      assert.match(harness.ui.last('info')?.message ?? '', /^Contact list "old-test-listʼ from ʼSandboxʼ\? \(dry run, nothing is deleted on" \(cl-[^)]+\) was deleted from Hardened\./);
    });

    it('a list id with backticks stays inside its code span in the tree\'s tooltip (suspicion: markdown)', async () => {
      const id = 'cl-1`[open](command:koreContactLists.removeEnvironment)`|![x](x)';
      const list = makeContactList(harness.server.app, { name: 'Backticks', _id: id });
      harness.server.lists.set(list._id, list);
      const lists = await harness.contactListNodes();
      const node = lists.find((child) => child.list._id === id);
      assert.ok(node, 'the list is shown');
      const tooltip = harness.api.environmentTree.getTreeItem(node).tooltip as vscode.MarkdownString;
      // A code span whose fence no backtick of the id can close; its `|` escaped, as a table cell needs.
      assert.ok(tooltip.value.includes(`| Id | \`\`${id.replace('|', '\\|')}\`\` |`), tooltip.value);
      assert.notEqual(tooltip.isTrusted, true, 'no command link in a tooltip ever runs');
    });

    it('an environment named "$(shield) …" shows no shield in the status bar (suspicion: icons)', async () => {
      const sandbox = await harness.addEnvironment('$(shield) Production US');
      await harness.api.activeEnvironment.set(sandbox);
      assert.equal(harness.api.activeEnvironment.statusBarText, '$(cloud) \\$(shield) Production US');
    });
  });
});
