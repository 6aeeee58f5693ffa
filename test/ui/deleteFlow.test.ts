// A person's path through the real workbench, nothing stubbed: the extension installed from its .vsix into
// code-server, Chromium clicking the activity bar, the welcome button, the prompts, the tree's inline
// actions and the modal, against the fake Kore server. Screenshots of every step go to test-artifacts/ui/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signFakeJwt } from '../fakeKore/jwt';
import { useUiSession } from './uiSession';
import { Workbench } from './workbench';

const FIRST_LIST = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const SECOND_LIST = 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002';

/** The entries of the active editor's "More Actions…" menu (its title bar overflow), closed again after. */
async function editorTitleMenu(workbench: Workbench): Promise<string[]> {
  await workbench.page.locator('.editor-group-container.active .editor-actions .codicon-toolbar-more').click();
  const labels = workbench.page.locator('.context-view .monaco-menu .action-item .action-label');
  await labels.first().waitFor();
  const texts = (await labels.allInnerTexts()).map((text) => text.trim());
  await workbench.page.keyboard.press('Escape');
  return texts;
}

describe('UI: delete a contact list through the workbench', function () {
  this.timeout(120_000);
  const ui = useUiSession({ label: 'ui', shots: 'ui' });
  let token: string;
  let wrongToken: string;

  before(() => {
    token = ui.token('ui-test');
  });

  it('shows the Kore.ai Contact Lists container with its welcome view', async () => {
    const { workbench } = ui;
    await workbench.openViewContainer('Kore.ai Contact Lists');
    const welcome = workbench.view('Environments').locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 30_000 });
    assert.match(await welcome.innerText(), /No Kore\.ai environment is configured yet/);
    // The first showing opens the walkthrough, which takes the focus: closed before the next test's prompts.
    await workbench.closeFirstRunWalkthrough();
    await workbench.screenshot('welcome');
  });

  it('adds an environment from the welcome button, answering its prompts', async () => {
    const { workbench, kore } = ui;
    await workbench.view('Environments').locator('.welcome-view-content .monaco-button', { hasText: 'Add Environment' }).click();
    await workbench.answerAddEnvironmentPrompts({ name: 'Local sandbox', host: kore.url, iid: kore.app.iid, accountId: kore.app.accountId, dialectLabel: 'v1' });
    await workbench.treeRow('Local sandbox').waitFor();
    assert.match(await workbench.treeRow('Local sandbox').innerText(), /127\.0\.0\.1/);
    await workbench.screenshot('environment-added');
  });

  it('sets the token from the item\'s inline key action', async () => {
    const { workbench } = ui;
    await workbench.clickInlineAction('Local sandbox', 'Set Token');
    await workbench.answerQuickPick('How do you want to authenticate', 'Paste a JWT');
    const input = workbench.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password', 'the token box hides what is typed');
    await workbench.answerInputBox(/Paste the JWT/, token);
    await workbench.notification(/token for "Local sandbox" was saved/).waitFor();
    await workbench.screenshot('token-set');
  });

  it('deletes a contact list from the inline trash action, after a modal naming it', async () => {
    const { workbench, kore } = ui;
    await workbench.clickInlineAction('Local sandbox', 'Delete Contact List');
    await workbench.answerInputBox('Contact list id to delete', FIRST_LIST);
    const dialog = workbench.dialog();
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /Delete contact list "Renewal Due - August 2025" from "Local sandbox"\?/);
    assert.ok(text.includes(`Contact list: ${FIRST_LIST}`), text);
    assert.ok(text.includes('Records: 0'), text);
    assert.ok(text.includes(`Host: ${kore.url}`), text);
    assert.ok(text.includes('This cannot be undone'), text);
    await workbench.screenshot('confirmation');
    await workbench.clickDialogButton('Delete');
    await workbench.notification('Contact list Renewal Due - August 2025 deleted successfully').waitFor({ timeout: 15_000 });
    await workbench.tab(`Renewal Due - August 2025 · ${FIRST_LIST} · Local sandbox.json`).waitFor();
    assert.equal(kore.lists.has(FIRST_LIST), false, 'the fake server deleted the list');
    const deleteRequest = kore.requests.find((request) => request.method === 'DELETE');
    assert.equal(deleteRequest?.headers.auth, token);
    assert.equal(deleteRequest?.headers.iid, kore.app.iid);
    assert.equal(deleteRequest?.headers.accountid, kore.app.accountId);
    await workbench.screenshot('deleted');
  });

  it('shows the deleted list\'s JSON in an editor that refuses typing', async () => {
    const { workbench } = ui;
    const before = await workbench.activeEditorText();
    const body = JSON.parse(before) as { status: string; data: { _id: string; name: string; mapping: unknown } };
    assert.equal(body.status, 'success');
    assert.equal(body.data._id, FIRST_LIST);
    assert.equal(body.data.name, 'Renewal Due - August 2025');
    await workbench.page.keyboard.press('Control+End');
    await workbench.page.keyboard.type('XYZ');
    await workbench.page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).waitFor({ timeout: 5_000 });
    await workbench.screenshot('read-only-result');
    assert.equal(await workbench.activeEditorText(), before, 'the text is unchanged');
  });

  it('deletes a list picked from the tree, and the list leaves the tree', async () => {
    const { workbench } = ui;
    await workbench.page.keyboard.press('Escape');
    const environment = workbench.treeRow('Local sandbox');
    await environment.click();
    const target = 'Win-back - Churned Q2 2025';
    await workbench.treeRow(target).waitFor({ timeout: 15_000 });
    assert.match(await workbench.treeRow(target).innerText(), /342 records · Ready · in use/);
    await workbench.screenshot('lists');
    await workbench.clickInlineAction(target, 'Delete Contact List');
    const dialog = workbench.dialog();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /IN USE by 1 campaign/);
    await workbench.screenshot('confirmation-in-use');
    await workbench.clickDialogButton('Delete');
    await workbench.notification(`Contact list ${target} deleted successfully`).waitFor({ timeout: 15_000 });
    await workbench.treeRow(target).waitFor({ state: 'detached', timeout: 15_000 });
    assert.ok(await workbench.treeRow('Renewal Due - September 2025').isVisible(), 'the other lists stay');
    await workbench.screenshot('list-deleted');
  });

  it('cancels a DELETE in flight from its progress notification, and Check Status looks the list up', async () => {
    const { workbench, kore } = ui;
    const sms = 'cl-0a1b2c3-4d5e-4f60-8a7b-9c0d1e2f0004';
    kore.setFault({ kind: 'slow', delayMs: 5000 }, 1, 'DELETE');
    await workbench.clickInlineAction('Local sandbox', 'Delete Contact List');
    await workbench.answerInputBox('Contact list id to delete', sms);
    await workbench.dialog().waitFor();
    await workbench.clickDialogButton('Delete');
    const progress = workbench.notification(/Deleting contact list SMS Reminders - Appointments/);
    await progress.waitFor({ timeout: 10_000 });
    await workbench.screenshot('delete-in-flight');
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    const cancelled = workbench.notification(/Cancelled\. The request for contact list/);
    await cancelled.waitFor({ timeout: 10_000 });
    assert.match(await cancelled.innerText(), /unknown/);
    await workbench.screenshot('cancelled');
    await cancelled.locator('.monaco-button', { hasText: 'Check Status' }).click();
    await workbench.notification(/still exists on Local sandbox/).waitFor({ timeout: 10_000 });
    await workbench.screenshot('check-status');
  });

  it('tests the connection from the Command Palette', async () => {
    const { workbench } = ui;
    await workbench.runCommand('Kore.ai: Test Connection');
    await workbench.expectNotification(/Connected to "Local sandbox"/);
    await workbench.screenshot('test-connection');
  });

  it('deletes a multi-selection of lists in bulk from the tree\'s context menu', async () => {
    const { workbench, kore } = ui;
    kore.addList({ name: 'Segment A - October 2025' });
    kore.addList({ name: 'Segment B - October 2025' });
    await workbench.runCommand('Kore.ai: Refresh');
    await workbench.treeRow('Segment A - October 2025').click();
    await workbench.treeRow('Segment B - October 2025').click({ modifiers: ['Control'] });
    await workbench.contextMenu('Segment B - October 2025', 'Delete Contact Lists…');
    const dialog = workbench.dialog();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Delete 2 contact lists from "Local sandbox"\?/);
    await workbench.screenshot('bulk-confirmation');
    await workbench.clickDialogButton('Delete 2 Lists');
    await workbench.notification(/Bulk deletion finished: 2 succeeded, 0 failed, 0 unknown, 0 not attempted/).waitFor({ timeout: 30_000 });
    await workbench.treeRow('Segment A - October 2025').waitFor({ state: 'detached', timeout: 15_000 });
    await workbench.tab(/bulk delete/).waitFor();
    await workbench.screenshot('bulk-report');
    // A bulk report answers no single request: its editor offers no Copy as cURL.
    assert.equal((await editorTitleMenu(workbench)).includes('Copy as cURL'), false);
  });

  it('ends a wrong token in an error whose Show Response opens the server\'s answer', async () => {
    const { workbench, kore } = ui;
    await workbench.page.keyboard.press('Escape');
    const deletesBefore = kore.requests.filter((request) => request.method === 'DELETE').length;
    await workbench.clickInlineAction('Local sandbox', 'Set Token');
    await workbench.answerQuickPick('How do you want to authenticate', 'Paste a JWT');
    wrongToken = signFakeJwt({ appId: kore.app.clientId, sub: 'x' }, 'not-the-app-secret');
    await workbench.answerInputBox(/Paste the JWT/, wrongToken);
    await workbench.clickInlineAction('Local sandbox', 'Delete Contact List');
    await workbench.answerInputBox('Contact list id to delete', SECOND_LIST);
    const error = workbench.notification(/HTTP 401/);
    await error.waitFor({ timeout: 15_000 });
    assert.match(await error.innerText(), /rejected the token for Local sandbox.*Nothing was deleted/s);
    await workbench.screenshot('unauthorized');
    await error.locator('.monaco-button', { hasText: 'Show Response' }).click();
    await workbench.tab(`${SECOND_LIST} · Local sandbox (lookup failed).json`).waitFor();
    assert.match(await workbench.activeEditorText(), /Invalid token/);
    // It answers one look-up: its editor offers Copy as cURL (the `resourcePath in` clause matches).
    assert.ok((await editorTitleMenu(workbench)).includes('Copy as cURL'));
    await workbench.page.keyboard.press('Escape');
    await workbench.notification(/Deleting contact list/).waitFor({ state: 'hidden', timeout: 10_000 });
    assert.ok(kore.lists.has(SECOND_LIST), 'nothing was deleted');
    assert.equal(kore.requests.filter((request) => request.method === 'DELETE').length, deletesBefore, 'no DELETE after the refused look-up');
    await workbench.screenshot('unauthorized-response');
  });

  it('left neither token in settings, state, logs, the audit trail, the browser profile or the artifacts', async () => {
    const { browser, codeServer, profileDir } = ui;
    // Flush what the workbench keeps in memory (global state, storage) to disk before looking.
    await browser.close();
    const needles = [token, wrongToken].flatMap((value) => [value, value.split('.')[2]]);
    const leaks: string[] = [];
    const scanned: string[] = [];
    const scan = (dir: string) => {
      if (!fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) scan(file);
        else if (entry.isFile() && fs.statSync(file).size < 64 * 1024 * 1024) {
          scanned.push(file);
          const bytes = fs.readFileSync(file);
          if (needles.some((needle) => bytes.includes(needle) || bytes.includes(Buffer.from(needle, 'utf16le')))) leaks.push(file);
        }
      }
    };
    scan(codeServer.userDataDir);
    scan(codeServer.extensionsDir);
    scan(profileDir);
    scan(ui.shotsDir);
    assert.ok(scanned.some((file) => file.endsWith('audit.jsonl')), 'the audit trail was scanned');
    assert.ok(scanned.some((file) => /Kore\.ai Contact Lists\.log$/.test(file)), 'the output channel\'s log was scanned');
    assert.ok(scanned.some((file) => file.startsWith(profileDir)), 'the browser profile was scanned');
    assert.deepEqual(leaks, []);
  });
});
