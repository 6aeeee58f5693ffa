// Delete Contact List end to end against the fake server: the look-up, the confirmation, exactly the documented
// request, the read-only response document, and every way it stops before or after sending.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { configuration, SEED_ID, TOKEN, useExtensionHarness, waitFor } from './harness';
import type { DeleteOutcome, StoredEnvironment } from './harness';
import { readAuditTrail } from '../support/auditTrail';

describe('Delete Contact List', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  let environment: StoredEnvironment;
  beforeEach(async () => {
    environment = await harness.environmentWithToken('Local sandbox');
  });

  it('deletes, opening the answer in a read-only JSON document equal to what the server sent', async () => {
    const expected = { status: 'success', message: 'Contact list Renewal Due - August 2025 deleted successfully', data: harness.server.lists.get(SEED_ID) };
    const outcome = await harness.deleteList(environment.name, SEED_ID);
    assert.equal(outcome.status, 'deleted');
    const confirmation = harness.ui.shown.find((shown) => shown.modal);
    assert.ok(confirmation);
    assert.equal(confirmation.message, 'Delete contact list "Renewal Due - August 2025" from "Local sandbox"?');
    const detail = confirmation.detail ?? '';
    for (const line of [`Contact list: ${SEED_ID}`, 'Records: 0', 'Status: Ready · Type: call', 'Not in use by any campaign.', `Host: ${harness.server.url}`, 'This cannot be undone.']) {
      assert.ok(detail.includes(line), `the confirmation says "${line}":\n${detail}`);
    }
    assert.deepEqual(confirmation.actions, ['Delete']);
    const editor = await harness.responseEditor();
    const document = editor.document;
    assert.equal(document.uri.toString(), outcome.document?.toString());
    assert.ok(document.uri.path.endsWith(`/Local sandbox/Renewal Due - August 2025 · ${SEED_ID} · Local sandbox.json`), document.uri.path);
    assert.equal(document.languageId, 'json');
    assert.deepEqual(JSON.parse(document.getText()), JSON.parse(JSON.stringify(expected)));
    // Typing into the focused editor is what a person does; a read-only editor ignores it.
    // First the control: the same typing does reach an ordinary editor.
    const scratch = await vscode.workspace.openTextDocument({ language: 'json', content: '' });
    await vscode.window.showTextDocument(scratch);
    await vscode.commands.executeCommand('type', { text: 'typed' });
    assert.equal(scratch.getText(), 'typed', 'the type command reaches a writable editor');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('type', { text: 'tampered' });
    assert.equal(document.getText().includes('tampered'), false, 'the response editor refuses typing');
    assert.equal(document.isDirty, false);
    assert.match(harness.ui.last('info')?.message ?? '', /deleted successfully/);
  });

  it('looks the list up, then sends exactly the documented method, path and headers', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET', 'DELETE']);
    assert.equal(harness.server.requests[0].path, harness.server.requests[1].path);
    const request = harness.server.requests[1];
    assert.equal(request.method, 'DELETE');
    assert.equal(request.path, `/agentassist/api/v1/public/${harness.server.app.iid}/campaign/contactList/${SEED_ID}`);
    assert.equal(request.headers.auth, TOKEN);
    assert.equal(request.headers.iid, harness.server.app.iid);
    assert.equal(request.headers.accountid, harness.server.app.accountId);
    assert.equal(request.headers['content-type'], 'application/json');
  });

  it('asks for the id and the environment when run from the palette', async () => {
    await harness.addEnvironment('Second');
    harness.ui.picks.push('Local sandbox');
    harness.ui.inputs.push(`  ${SEED_ID} `);
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList');
    assert.equal(outcome?.status, 'deleted');
    assert.equal(harness.server.requests.filter((request) => request.method === 'DELETE').length, 1);
  });

  it('takes a keybinding\'s args, as an array or an object', async () => {
    harness.ui.warningAnswers.push('Delete');
    const fromArray = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', ['Local sandbox', SEED_ID]);
    assert.equal(fromArray?.status, 'deleted');
    harness.ui.warningAnswers.push('Delete');
    const fromObject = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', {
      environment: environment.id,
      contactListId: 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002',
    });
    assert.equal(fromObject?.status, 'deleted');
    assert.equal(harness.ui.inputBoxes.filter((box) => box.prompt?.startsWith('Contact list id')).length, 0);
  });

  it('works from a tree item', async () => {
    const [node] = await harness.environmentNodes();
    harness.ui.inputs.push(SEED_ID);
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', node);
    assert.equal(outcome?.status, 'deleted');
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const outcome = await harness.deleteList(environment.name, SEED_ID, false);
    assert.equal(outcome.status, 'notSent');
    assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET'], 'only the look-up was sent');
    assert.ok(harness.server.lists.has(SEED_ID));
  });

  it('sends nothing without a token, and offers Set Token', async () => {
    await harness.api.credentials.delete(environment.id);
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    assert.equal(outcome?.status, 'notSent');
    assert.match(harness.ui.last('warning')?.message ?? '', /No token is set for environment "Local sandbox"/);
    assert.deepEqual(harness.ui.last('warning')?.actions, ['Set Token']);
    assert.equal(harness.server.requests.length, 0);
  });

  it('refuses an invalid id argument before sending anything', async () => {
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, '../../x');
    assert.equal(outcome?.status, 'notSent');
    assert.match(harness.ui.last('error')?.message ?? '', /must not contain "\/"/);
    assert.equal(harness.server.requests.length, 0);
  });

  it('stops at a 401 with Show Response and Set Token, and Show Response opens the server answer', async () => {
    await harness.api.credentials.set(environment.id, { kind: 'jwt', token: 'wrong-token-0123456789', host: environment.host });
    harness.ui.errorAnswers.push('Show Response');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    assert.equal(outcome?.status, 'notSent');
    assert.equal(outcome?.httpStatus, 401);
    const error = harness.ui.last('error');
    assert.match(error?.message ?? '', /rejected the token for Local sandbox.*HTTP 401.*Nothing was deleted/);
    assert.deepEqual(error?.actions, ['Show Response', 'Set Token']);
    const editor = await waitFor('the error response', () =>
      vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === outcome?.document?.toString()),
    );
    assert.match(editor.document.getText(), /Invalid token/);
    assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET']);
    assert.ok(harness.server.lists.has(SEED_ID));
  });

  it('says so for an unknown id and sends no DELETE', async () => {
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, 'cl-does-not-exist');
    assert.equal(outcome?.httpStatus, 404);
    assert.match(harness.ui.last('error')?.message ?? '', /cl-does-not-exist was not found on Local sandbox .*nothing was deleted/);
    assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET']);
  });

  it('reports a 401 on the DELETE itself', async () => {
    harness.server.setFault({ kind: 'status', status: 401, body: JSON.stringify({ errors: [{ msg: 'Token revoked', code: 401 }] }) }, 1, 'DELETE');
    const outcome = await harness.deleteList(environment.name, SEED_ID);
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.httpStatus, 401);
    assert.match(harness.ui.last('error')?.message ?? '', /rejected the token.*"Token revoked"/);
  });

  it('says the list is in use in the confirmation', async () => {
    const inUse = 'cl-9e3a4f2-1c6b-4d8e-a7f0-6b2c9d1e0003';
    await harness.deleteList(environment.name, inUse, false);
    const confirmation = harness.ui.shown.find((shown) => shown.modal);
    assert.match(confirmation?.detail ?? '', /IN USE by 1 campaign\(s\): cmp-2f0c7e1-9a4b-4c2d-8e6f-1a3b5c7d0001/);
    assert.match(confirmation?.detail ?? '', /Records: 342/);
  });

  it('offers to go on without details when the look-up fails, and sends nothing if declined', async () => {
    harness.server.setFault({ kind: 'html', status: 503 }, 1, 'GET');
    harness.ui.warningAnswers.push(undefined);
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    assert.equal(outcome?.status, 'notSent');
    const warning = harness.ui.last('warning');
    assert.match(warning?.message ?? '', /Could not look up contact list .* \(HTTP 503\)/);
    assert.deepEqual(warning?.actions, ['Delete Without Details']);
    assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET']);
    harness.server.setFault({ kind: 'html', status: 503 }, 1, 'GET');
    harness.ui.warningAnswers.push('Delete Without Details', 'Delete');
    const second = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    assert.equal(second?.status, 'deleted');
    assert.match(harness.ui.shown.filter((shown) => shown.modal).at(-1)?.detail ?? '', /could not be looked up/);
  });

  it('never names the tab or the audit entry after another list whose record a server answered', async () => {
    await harness.api.audit.clear();
    // The look-up fails, so only the DELETE's answer could name the list: it answers another list's record.
    harness.server.setFault({ kind: 'html', status: 503 }, 1, 'GET');
    const other = { _id: 'cl-c2ce382-2516-457e-8eb4-9847deec0999', name: 'Someone Else', status: 'Ready', type: 'call' };
    harness.server.setFault({ kind: 'deletedWith', body: JSON.stringify({ status: 'success', message: 'deleted', data: other }) }, 1, 'DELETE');
    harness.ui.warningAnswers.push('Delete Without Details', 'Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    assert.equal(outcome?.status, 'deleted');
    assert.ok(outcome?.document?.path.endsWith(`/Local sandbox/${SEED_ID} · Local sandbox.json`), outcome?.document?.path);
    const [entry] = (await readAuditTrail(harness.api.audit.directory)).entries;
    assert.equal(entry.contactListId, SEED_ID);
    assert.equal(entry.contactListName, undefined, 'the audit entry borrows no name');
    assert.doesNotMatch(harness.ui.last('info')?.message ?? '', /Someone Else/);
  });

  it('times out on a DELETE that never answers, says the outcome is unknown, and Check Status finds out', async () => {
    await configuration().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    harness.server.setFault({ kind: 'hang' }, 1, 'DELETE');
    harness.ui.errorAnswers.push('Check Status');
    const outcome = await harness.deleteList(environment.name, SEED_ID);
    assert.equal(outcome.status, 'unknown');
    assert.equal(outcome.failure, 'timeout');
    const error = harness.ui.shown.find((shown) => shown.kind === 'error');
    assert.match(error?.message ?? '', /did not answer within 1 s.*unknown/);
    assert.deepEqual(error?.actions, ['Check Status', 'Show Details']);
    await waitFor('the status check', () => harness.server.requests.filter((request) => request.method === 'GET').length === 2 || undefined);
    const info = await waitFor('the status message', () => harness.ui.shown.find((shown) => shown.kind === 'info' && /still exists/.test(shown.message)));
    assert.match(info.message, /still exists on Local sandbox\. A request that was cancelled or timed out may still be processed/);
  });

  it('Check Status refused with a 401 offers Show Response and Set Token, as the look-up before a DELETE does', async () => {
    await configuration().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    harness.server.setFault({ kind: 'hang' }, 1, 'DELETE');
    // The look-up before the DELETE is answered; the second GET, Check Status's, is refused.
    harness.server.setFault({ kind: 'status', status: 401, body: '{"message":"Invalid token for the check"}' }, 1, 'GET', 1);
    harness.ui.errorAnswers.push('Check Status', 'Show Response');
    const outcome = await harness.deleteList(environment.name, SEED_ID);
    assert.equal(outcome.status, 'unknown');
    const refused = await waitFor('the refused check', () => harness.ui.shown.find((shown) => shown.kind === 'error' && /Could not check contact list/.test(shown.message)));
    assert.match(refused.message, new RegExp(`Could not check contact list ${SEED_ID} on Local sandbox: the token was rejected .*Set a new token`));
    assert.deepEqual(refused.actions, ['Show Response', 'Set Token']);
    const editor = await waitFor('the refused check\'s answer', () =>
      vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.path.endsWith(`${SEED_ID} · Local sandbox (check failed).json`)),
    );
    assert.match(editor.document.getText(), /Invalid token for the check/);
  });

  it('reports a redirect without following it', async () => {
    const other = await FakeKoreServer.start();
    try {
      harness.server.setFault({ kind: 'redirect', location: `${other.url}/elsewhere` }, 1, 'DELETE');
      const outcome = await harness.deleteList(environment.name, SEED_ID);
      assert.equal(outcome.failure, 'redirect');
      // A redirect can follow a DELETE the server applied (a 303 says so): unknown, never failed.
      assert.equal(outcome.status, 'unknown');
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('asks a production environment\'s user to type the id, and sends nothing on a wrong answer', async () => {
    const production = await harness.environmentWithToken('Production US', { production: true });
    harness.ui.warningAnswers.push('Delete…');
    harness.ui.inputs.push('cl-something-else');
    const refused = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', production.name, SEED_ID);
    assert.equal(refused?.status, 'notSent');
    assert.match(harness.ui.validationMessages.at(-1) ?? '', new RegExp(`Type exactly ${SEED_ID}`));
    assert.match(harness.ui.shown.filter((shown) => shown.modal).at(-1)?.message ?? '', /from PRODUCTION environment "Production US"/);
    assert.equal(harness.server.requests.filter((request) => request.method === 'DELETE').length, 0);
    harness.ui.warningAnswers.push('Delete…');
    harness.ui.inputs.push(SEED_ID);
    const deleted = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', production.name, SEED_ID);
    assert.equal(deleted?.status, 'deleted');
  });

  it('asks before sending a token to a host it was not entered for', async () => {
    await harness.api.credentials.set(environment.id, { kind: 'jwt', token: TOKEN, host: 'https://platform.kore.ai' });
    harness.ui.warningAnswers.push(undefined);
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    assert.equal(outcome?.status, 'notSent');
    assert.match(harness.ui.last('warning')?.message ?? '', /was entered for https:\/\/platform\.kore\.ai/);
    assert.equal(harness.server.requests.length, 0, 'the token went nowhere');
  });

  it('refuses a second delete of the same list while the first is under way', async () => {
    harness.server.setFault({ kind: 'slow', delayMs: 500 }, 1, 'DELETE');
    harness.ui.warningAnswers.push('Delete');
    const first = vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    await waitFor('the first DELETE', () => harness.server.requests.some((request) => request.method === 'DELETE') || undefined);
    const second = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
    assert.equal(second?.status, 'notSent');
    assert.match(harness.ui.last('warning')?.message ?? '', /already being deleted/);
    assert.equal((await first)?.status, 'deleted');
    assert.equal(harness.server.requests.filter((request) => request.method === 'DELETE').length, 1);
  });
});

describe('Delete Contact List: a 2xx in other words than the vendor\'s usual ones', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();
  beforeEach(async () => {
    await harness.environmentWithToken('Outcomes');
  });

  it('reports a DELETE answered 2xx {"message":"Contact list deleted"} as deleted, and opens the response', async () => {
    harness.server.setFault({ kind: 'deletedWith', body: JSON.stringify({ message: 'Contact list deleted' }) }, 1, 'DELETE');
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', 'Outcomes', SEED_ID);
    assert.equal(outcome?.status, 'deleted');
    assert.equal(harness.server.lists.has(SEED_ID), false);
    assert.equal(harness.ui.last('error'), undefined, 'no "could not delete"');
    assert.equal(harness.ui.last('info')?.message, `Contact list ${SEED_ID} was deleted from Outcomes. The server said: "Contact list deleted". The server did not return the deleted list's record.`);
    const editor = await harness.responseEditor();
    assert.equal(editor.document.uri.toString(), outcome?.document?.toString());
    // The answer as it came, under one comment line of ours saying what it lacks.
    const [note, ...answer] = editor.document.getText().split('\n');
    assert.equal(note, "// The server did not return the deleted list's record.");
    assert.deepEqual(JSON.parse(answer.join('\n')), { message: 'Contact list deleted' });
  });

  it('reports a DELETE answered 2xx {"status":"Success"} as deleted', async () => {
    harness.server.setFault({ kind: 'deletedWith', body: JSON.stringify({ status: 'Success' }) }, 1, 'DELETE');
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', 'Outcomes', SEED_ID);
    assert.equal(outcome?.status, 'deleted');
    assert.match(harness.ui.last('info')?.message ?? '', /was deleted from Outcomes/);
  });
});
