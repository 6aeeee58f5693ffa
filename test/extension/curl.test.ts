// Copy as cURL from the tree and from a response editor, and the response editor's title: in the real
// extension host, against the fake Kore server. The copied command is read back by the grammar of the shell picked
// (POSIX, PowerShell, cmd), so what is checked is what that shell would run, and the token must appear nowhere on
// the clipboard. The explanation (how to set KORE_TOKEN, that a DELETE deletes) is in the notification, not the command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readCmdCommand } from '../support/cmdWords';
import { readPowerShellCommand } from '../support/powerShellWords';
import { parseShellCommands } from '../support/shellWords';
import { type DeleteOutcome, SEED_ID, TOKEN, useExtensionHarness, waitFor } from './harness';

const SECOND_ID = 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002';
const V1_BASE = '/agentassist/api/v1/public';
const V2_BASE = '/campaign/api/v2/public';
/** What the shell expands $KORE_TOKEN to when the test reads the command back. */
const SHELL_TOKEN = 'eyJ-what-the-user-exported';

function curlWords(method: string, url: string, headers: ReadonlyArray<[string, string]>): string[] {
  return ['curl', '--globoff', '--request', method, '--url', url, ...[['auth', SHELL_TOKEN], ...headers].flatMap(([name, value]) => ['--header', `${name}: ${value}`])];
}

/** The shell pick's items, as the user reads them. */
const POSIX = 'Copy as cURL for bash, zsh or another POSIX shell';
const POWERSHELL = 'Copy as cURL for PowerShell';
const CMD = 'Copy as cURL for Command Prompt (cmd)';

const CONTENT: Array<[string, string]> = [
  ['Content-Type', 'application/json'],
  ['Accept', 'application/json'],
];

/** The clipboard, read as a shell would: exactly one command; and it must not hold the token. */
async function clipboardCommand(): Promise<{ text: string; words: string[] }> {
  const text = await vscode.env.clipboard.readText();
  assert.equal(text.includes(TOKEN), false, 'the token is never copied');
  const commands = parseShellCommands(text, { KORE_TOKEN: SHELL_TOKEN });
  assert.equal(commands.length, 1, text);
  assert.equal(text.includes('#'), false, 'no comment: zsh runs a pasted one as a command');
  return { text, words: commands[0] };
}

function activeTabLabel(): string | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.label;
}

describe('Copy as cURL and the response editor title', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  beforeEach(async () => {
    await vscode.env.clipboard.writeText('');
  });

  it('copies a contact list of the tree as its GET (details), never a DELETE, with $KORE_TOKEN, and sends nothing', async () => {
    const environment = await harness.environmentWithToken('Curl tree');
    const [node] = await harness.contactListNodes();
    assert.ok(node, 'the tree lists the seed lists');
    harness.server.requests.length = 0;
    harness.ui.picks.push(POSIX);
    const returned = await vscode.commands.executeCommand<string>('koreContactLists.copyAsCurl', node);
    const { text, words } = await clipboardCommand();
    assert.equal(returned, text);
    const { iid, accountId } = harness.server.app;
    // Pasted into a shell, a command from the tree cannot delete without the confirmation the trash action asks for.
    assert.deepEqual(words, curlWords('GET', `${harness.server.url}${V1_BASE}/${iid}/campaign/contactList/${node.list._id}`, [['iid', iid], ['accountId', accountId], ...CONTENT]));
    assert.match(text, /^curl /);
    assert.match(
      harness.ui.last('info')?.message ?? '',
      new RegExp(`^Copied the GET request of contact list ${node.list._id} as a cURL command for bash/zsh\\. Set \\$KORE_TOKEN first to this environment's JWT, e\\.g\\. read -rs KORE_TOKEN`),
      'a pasted JWT: the notification says how to set it',
    );
    assert.equal(text.includes('DELETE'), false);
    assert.equal(text.endsWith('\n'), false, 'pasted, it waits for Enter');
    assert.deepEqual(harness.server.requests, [], 'copying sent nothing');
    assert.equal(environment.name, 'Curl tree');
  });

  it('asks which shell, the last choice first, and copies for PowerShell and cmd what those shells run; Escape copies nothing', async () => {
    await harness.environmentWithToken('Curl shells');
    const [node] = await harness.contactListNodes();
    assert.ok(node, 'the tree lists the seed lists');
    const { iid, accountId } = harness.server.app;
    const ran = curlWords('GET', `${harness.server.url}${V1_BASE}/${iid}/campaign/contactList/${node.list._id}`, [['iid', iid], ['accountId', accountId], ...CONTENT]).slice(1);
    harness.ui.picks.push(POWERSHELL);
    await vscode.commands.executeCommand('koreContactLists.copyAsCurl', node);
    const powerShell = await vscode.env.clipboard.readText();
    assert.equal(powerShell.includes(TOKEN), false, 'the token is never copied');
    assert.deepEqual(readPowerShellCommand(powerShell, { KORE_TOKEN: SHELL_TOKEN }), { ran });
    assert.deepEqual(readPowerShellCommand(powerShell, {}), { stopped: 'set KORE_TOKEN first' });
    assert.match(harness.ui.last('info')?.message ?? '', /as a cURL command for PowerShell\. Set \$env:KORE_TOKEN first to this environment's JWT, e\.g\. \$env:KORE_TOKEN = /);
    // Remembered on this machine: offered first the next time.
    harness.ui.picks.push(CMD);
    await vscode.commands.executeCommand('koreContactLists.copyAsCurl', node);
    assert.deepEqual(harness.ui.quickPicks.at(-1)?.labels, [POWERSHELL, POSIX, CMD]);
    const cmd = await vscode.env.clipboard.readText();
    assert.deepEqual(readCmdCommand(cmd, { KORE_TOKEN: SHELL_TOKEN }, 'KORE_TOKEN'), { ran });
    assert.match(harness.ui.last('info')?.message ?? '', /for cmd\. Set %KORE_TOKEN% first .*set \/p KORE_TOKEN=$/);
    await vscode.env.clipboard.writeText('unchanged');
    harness.ui.picks.push(undefined);
    assert.equal(await vscode.commands.executeCommand<string | undefined>('koreContactLists.copyAsCurl', node), undefined);
    assert.equal(harness.ui.quickPicks.at(-1)?.labels[0], CMD);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged', 'Escape copies nothing');
  });

  it('copies from a delete\'s response editor the DELETE it answers (v2: account id in the query), titled with list and environment', async () => {
    const environment = await harness.environmentWithToken('Curl v2', { dialect: 'v2' });
    harness.server.setDialects(['v2']);
    const outcome = await harness.deleteList(environment.name, SEED_ID);
    assert.equal(outcome.status, 'deleted');
    const editor = await harness.responseEditor();
    assert.equal(editor.document.uri.toString(), outcome.document?.toString());
    await waitFor('the response tab', () => (activeTabLabel() === `Renewal Due - August 2025 · ${SEED_ID} · Curl v2.json` ? true : undefined));
    // From the editor title (no argument: the active editor) and with the URI the menu passes: the same command.
    harness.ui.picks.push(POSIX, POSIX);
    await vscode.commands.executeCommand('koreContactLists.copyAsCurl');
    const fromActive = await clipboardCommand();
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('koreContactLists.copyAsCurl', editor.document.uri);
    const fromMenu = await clipboardCommand();
    assert.equal(fromMenu.text, fromActive.text);
    const { iid, accountId } = harness.server.app;
    assert.deepEqual(fromMenu.words, curlWords('DELETE', `${harness.server.url}${V2_BASE}/${iid}/campaign/contactList/${SEED_ID}?accountId=${accountId}`, [['iid', iid], ['accountId', accountId], ...CONTENT]));
    assert.match(harness.ui.last('info')?.message ?? '', /DELETE deletes the contact list for good: nothing asks for a confirmation\.$/);
    // The command is what was sent: the server saw this very DELETE.
    const sent = harness.server.requests.find((request) => request.method === 'DELETE');
    assert.equal(`${harness.server.url}${sent?.path}${sent?.query}`, fromMenu.words[5]);
  });

  it('names a failed delete and a failed look-up in the title, and copies the request each answers', async () => {
    const environment = await harness.environmentWithToken('Curl failures');
    harness.server.setFault({ kind: 'status', status: 409, body: JSON.stringify({ status: 'failure', message: 'List is attached to a running campaign' }) }, 1, 'DELETE');
    const failed = await harness.deleteList(environment.name, SECOND_ID);
    assert.equal(failed.status, 'failed');
    assert.ok(failed.document?.path.endsWith(`/Renewal Due - September 2025 · ${SECOND_ID} · Curl failures (failed).json`), failed.document?.path);
    harness.ui.picks.push(POSIX, POSIX);
    await vscode.commands.executeCommand('koreContactLists.copyAsCurl', failed.document);
    assert.equal((await clipboardCommand()).words[3], 'DELETE');

    const unknownId = 'cl-not-on-this-server';
    // The flow ends at the look-up (404): no confirmation to answer.
    const notFound = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, unknownId);
    assert.equal(notFound.status, 'notSent');
    assert.ok(notFound.document?.path.endsWith(`/${unknownId} · Curl failures (lookup failed).json`), notFound.document?.path);
    await vscode.commands.executeCommand('koreContactLists.copyAsCurl', notFound.document);
    const { words } = await clipboardCommand();
    assert.deepEqual(words.slice(2, 6), ['--request', 'GET', '--url', `${harness.server.url}${V1_BASE}/${harness.server.app.iid}/campaign/contactList/${unknownId}`]);
  });

  it('says plainly that a history entry\'s response answers no single request, and copies nothing', async () => {
    const environment = await harness.environmentWithToken('Curl history');
    await harness.deleteList(environment.name, SEED_ID);
    const [node] = await harness.api.history.getChildren();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('koreContactLists.openHistoryEntry', node);
    assert.ok(uri.path.includes(`/Renewal Due - August 2025 · ${SEED_ID} · Curl history (`), uri.path);
    await vscode.env.clipboard.writeText('unchanged');
    const copied = await vscode.commands.executeCommand<string | undefined>('koreContactLists.copyAsCurl', uri);
    assert.equal(copied, undefined);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    assert.match(harness.ui.last('info')?.message ?? '', /answers no single contact-list request.*no request to copy as cURL/);
  });
});
