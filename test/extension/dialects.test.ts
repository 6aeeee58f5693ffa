// The API dialects end to end in the extension host, over real HTTP against a fake Kore server that serves only
// the one being tested: delete (with its look-up), bulk delete and browsing in v2 and in v1 legacy, and Test
// Connection finding the served dialect for an environment set to the wrong one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIALECT_PICKS, SEED_ID, TOKEN, configuration, storedEnvironments, useExtensionHarness, waitFor } from './harness';
import type { Dialect, StoredEnvironment } from './harness';
import { readAuditTrail } from '../support/auditTrail';

const SECOND_ID = 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002';
const THIRD_ID = 'cl-0a1b2c3-4d5e-4f60-8a7b-9c0d1e2f0004';
const NOT_A_RECORD = "The server did not return the deleted list's record.";

describe('API dialects', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  beforeEach(async () => {
    await harness.api.audit.clear();
  });

  /** An environment of this dialect with the token set, against a fake that serves only this dialect. */
  async function onlyDialect(dialect: Dialect): Promise<StoredEnvironment> {
    harness.server.setDialects([dialect]);
    return harness.environmentWithToken(`Tenant ${dialect}`, { dialect });
  }

  function assertSentIn(dialect: Dialect): void {
    const { app } = harness.server;
    assert.ok(harness.server.requests.length > 0, 'something was sent');
    for (const request of harness.server.requests) {
      assert.equal(request.status !== 404 || request.path.endsWith('/campaign/contactList/cl-kore-contact-lists-dialect-probe'), true, `${request.method} ${request.path}${request.query} found its route`);
      assert.equal(request.headers.auth, TOKEN);
      if (dialect === 'v2') assert.ok(request.path.startsWith(`/campaign/api/v2/public/${app.iid}/campaign/contactList/`), request.path);
      else assert.ok(request.path.startsWith(`/agentassist/api/v1/public/${app.iid}/campaign/contactList/`), request.path);
      assert.equal(request.query, dialect === 'v1' ? '' : `?accountId=${app.accountId}`);
      assert.equal(request.headers.iid, dialect === 'v1-legacy' ? undefined : app.iid);
      assert.equal(request.headers.accountid, dialect === 'v1-legacy' ? undefined : app.accountId);
    }
  }

  describe('against a fake serving only v2', () => {
    let environment: StoredEnvironment;
    beforeEach(async () => {
      environment = await onlyDialect('v2');
    });

    it('stores the dialect chosen in Add Environment and shows it in the tooltip', async () => {
      assert.equal(environment.dialect, 'v2');
      const [node] = await harness.environmentNodes();
      const tooltip = harness.api.environmentTree.getTreeItem(node).tooltip as vscode.MarkdownString;
      // Markdown-escaped, as every text of the tooltip is.
      assert.match(tooltip.value, /\| API \| v2 \\\(AI for Service\\\) \|/);
    });

    it('deletes after the look-up shows the list, and the response editor shows v2\'s extra mapping keys', async () => {
      const outcome = await harness.deleteList(environment.name, SEED_ID);
      assert.equal(outcome.status, 'deleted');
      assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET', 'DELETE']);
      assertSentIn('v2');
      const confirmation = harness.ui.shown.find((shown) => shown.modal);
      assert.equal(confirmation?.message, `Delete contact list "Renewal Due - August 2025" from "${environment.name}"?`);
      assert.equal(harness.server.lists.has(SEED_ID), false);
      const text = (await harness.responseEditor()).document.getText();
      const answer = JSON.parse(text) as { data: { _id: string; mapping: Record<string, string> } };
      assert.equal(answer.data._id, SEED_ID);
      assert.equal(answer.data.mapping.contactPriority, 'contactPriority');
    });

    it('deletes in bulk', async () => {
      harness.ui.warningAnswers.push('Delete 2 Lists');
      const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id, undefined, `${SEED_ID}\n${SECOND_ID}`);
      assert.deepEqual(outcome?.counts, { succeeded: 2, failed: 0, unknown: 0, notAttempted: 0 });
      assertSentIn('v2');
      assert.equal(harness.server.lists.has(SECOND_ID), false);
    });

    it('says plainly under the environment that browsing is not available, sending nothing', async () => {
      const [node] = await harness.environmentNodes();
      const children = await harness.children(node);
      assert.equal(children.length, 1);
      const item = harness.api.environmentTree.getTreeItem(children[0]);
      assert.equal(item.label, 'Browsing lists is not available with the v2 (AI for Service) API: delete by id still works');
      assert.equal(item.contextValue, 'listMessage;none');
      assert.equal(item.command, undefined, 'not an error to retry');
      assert.equal(harness.server.requests.length, 0);
    });

    it('does not offer to pick from the environment\'s lists for a bulk delete', async () => {
      harness.ui.picks.push(undefined);
      await vscode.commands.executeCommand('koreContactLists.deleteContactLists', environment.id);
      const source = harness.ui.quickPicks.at(-1);
      assert.deepEqual(source?.labels, ['Paste ids', 'From a text or CSV file…']);
    });

    it('Test Connection says the v2 API works and that browsing is not available', async () => {
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), true);
      assert.match(harness.ui.last('info')?.message ?? '', /Connected to "Tenant v2" .* with the v2 \(AI for Service\) API: host, App ID, Account ID and token work\. .*delete by id works/);
      assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET']);
    });
  });

  describe('against a fake serving only v1 legacy', () => {
    let environment: StoredEnvironment;
    beforeEach(async () => {
      environment = await onlyDialect('v1-legacy');
    });

    it('deletes, and says in the message, the response editor and the audit entry that no record came back', async () => {
      const outcome = await harness.deleteList(environment.name, SEED_ID);
      assert.equal(outcome.status, 'deleted');
      assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET', 'DELETE']);
      assertSentIn('v1-legacy');
      assert.ok(harness.ui.last('info')?.message.endsWith(NOT_A_RECORD), harness.ui.last('info')?.message);
      const editor = await harness.responseEditor();
      assert.ok(editor.document.uri.path.endsWith(`${SEED_ID} · ${environment.name}.jsonc`), editor.document.uri.path);
      assert.equal(editor.document.languageId, 'jsonc');
      assert.ok(editor.document.getText().startsWith(`// ${NOT_A_RECORD}\n`), editor.document.getText());
      const [entry] = (await readAuditTrail(harness.api.audit.directory)).entries;
      assert.equal(entry.outcome, 'deleted');
      assert.equal(entry.note, NOT_A_RECORD);
      assert.ok(entry.message.includes(NOT_A_RECORD));
    });

    it('deletes in bulk, each audit entry saying no record came back', async () => {
      harness.ui.warningAnswers.push('Delete 2 Lists');
      const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id, undefined, `${SEED_ID} ${THIRD_ID}`);
      assert.deepEqual(outcome?.counts, { succeeded: 2, failed: 0, unknown: 0, notAttempted: 0 });
      assertSentIn('v1-legacy');
      const { entries } = await readAuditTrail(harness.api.audit.directory);
      assert.deepEqual(entries.map((entry) => entry.note), [NOT_A_RECORD, NOT_A_RECORD]);
    });
  });

  describe('Test Connection finds the dialect', () => {
    it('on a v1 environment against a v2-only tenant, offers the switch, and once accepted a delete works', async () => {
      const environment = await harness.environmentWithToken('Was v1');
      harness.server.setDialects(['v2']);
      harness.ui.warningAnswers.push(`Switch to ${DIALECT_PICKS.v2}`);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), true);
      const offer = harness.ui.last('warning');
      assert.match(offer?.message ?? '', /"Was v1" is set to the v1 API, which .* does not serve \(HTTP 404 for the address itself\), but it answers the v2 \(AI for Service\) API\. Switch "Was v1" to v2/);
      // list-all as GET, then as POST (the vendor's pages disagree on its method), then the harmless GET in v1 itself
      // (its per-list route may be served without list-all), then one per other dialect.
      assert.deepEqual(harness.server.requests.map((request) => `${request.method} ${request.status}`), ['GET 404', 'POST 404', 'GET 404', 'GET 404', 'GET 404']);
      assert.equal(harness.server.requests.some((request) => request.method === 'DELETE'), false, 'detection never deletes');
      assert.equal(harness.server.lists.has(SEED_ID), true);
      const stored = (vscode.workspace.getConfiguration('koreContactLists').inspect<StoredEnvironment[]>('environments')?.globalValue ?? [])[0];
      assert.deepEqual(stored, { ...environment, dialect: 'v2' });
      assert.match(harness.ui.last('info')?.message ?? '', /"Was v1" now uses the v2 \(AI for Service\) API/);
      harness.server.requests.length = 0;
      const outcome = await harness.deleteList(environment.name, SEED_ID);
      assert.equal(outcome.status, 'deleted');
      assertSentIn('v2');
    });

    it('changes nothing when the switch is declined', async () => {
      const environment = await harness.environmentWithToken('Stays v1');
      harness.server.setDialects(['v1-legacy']);
      harness.ui.warningAnswers.push(undefined);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), false);
      assert.match(harness.ui.last('warning')?.message ?? '', /answers the v1 legacy API/);
      const stored = (vscode.workspace.getConfiguration('koreContactLists').inspect<StoredEnvironment[]>('environments')?.globalValue ?? [])[0];
      assert.deepEqual(stored, environment);
    });

    it('says so when no documented form answers', async () => {
      const environment = await harness.environmentWithToken('Nowhere', { dialect: 'v2' });
      harness.server.setDialects([]);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), false);
      assert.match(harness.ui.last('error')?.message ?? '', /HTTP 404.*The other forms of the API \(v1, v1 legacy\) did not answer either\./);
    });

    /** Starts Test Connection on a v1 environment against a v2-only tenant, and waits until the switch is offered; `click` answers it. */
    async function offerPending(name: string): Promise<{ environment: StoredEnvironment; click: (answer: string | undefined) => void; done: Thenable<boolean | undefined> }> {
      const environment = await harness.environmentWithToken(name);
      harness.server.setDialects(['v2']);
      let click: (answer: string | undefined) => void = () => assert.fail('the answer was not asked for');
      harness.ui.warningAnswers.push(new Promise<string | undefined>((resolve) => (click = resolve)));
      const done = vscode.commands.executeCommand<boolean | undefined>('koreContactLists.testConnection', environment.id);
      await waitFor('the switch offer', () => harness.ui.last('warning'));
      return { environment, click, done };
    }

    async function editStored(id: string, change: Partial<StoredEnvironment>): Promise<void> {
      const edited = storedEnvironments().map((stored) => (stored.id === id ? { ...stored, ...change } : stored));
      await configuration().update('environments', edited, vscode.ConfigurationTarget.Global);
    }

    it('switches the environment as it is when the switch is clicked: an edit made meanwhile (production) is kept', async () => {
      const { environment, click, done } = await offerPending('Edited meanwhile');
      await editStored(environment.id, { production: true, name: 'Edited meanwhile (prod)' });
      click(`Switch to ${DIALECT_PICKS.v2}`);
      assert.equal(await done, true);
      const [stored] = storedEnvironments();
      assert.deepEqual(stored, { ...environment, name: 'Edited meanwhile (prod)', production: true, dialect: 'v2' }, 'only the dialect changed, and the edit survived');
      assert.match(harness.ui.last('info')?.message ?? '', /"Edited meanwhile \(prod\)" now uses the v2/);
    });

    it('does not switch when the host, App ID or Account ID changed while the offer waited, and says to test again', async () => {
      for (const [what, change] of [
        ['host', { host: 'https://de-platform.kore.ai' }],
        ['App ID', { iid: 'st-00000000-0000-4000-8000-000000000abc' }],
        ['Account ID', { accountId: '0123456789abcdef01234567' }],
      ] as const) {
        for (const stored of storedEnvironments()) await harness.api.credentials.delete(stored.id);
        await configuration().update('environments', undefined, vscode.ConfigurationTarget.Global);
        harness.server.reset();
        const { environment, click, done } = await offerPending(`Moved ${what}`);
        await editStored(environment.id, { ...change, production: true });
        click(`Switch to ${DIALECT_PICKS.v2}`);
        assert.equal(await done, false, what);
        const [stored] = storedEnvironments();
        assert.deepEqual(stored, { ...environment, ...change, production: true }, `${what}: the edit stands and the dialect was not touched`);
        assert.match(
          harness.ui.last('warning')?.message ?? '',
          new RegExp(`^"Moved ${what}" was not switched to the v2 \\(AI for Service\\) API: its host, App ID, Account ID or API changed after Test Connection tried it.*Run Test Connection on "Moved ${what}" again\\.$`),
        );
      }
    });

    it('does not switch an environment removed while the offer waited', async () => {
      const { click, done } = await offerPending('Removed meanwhile');
      await configuration().update('environments', [], vscode.ConfigurationTarget.Global);
      click(`Switch to ${DIALECT_PICKS.v2}`);
      assert.equal(await done, false);
      assert.deepEqual(storedEnvironments(), []);
      assert.match(harness.ui.last('error')?.message ?? '', /"Removed meanwhile" is no longer in your settings, so its API was not changed/);
    });

    it('on a v1 tenant that serves the per-list route but not list-all, says v1 works and offers no switch', async () => {
      const environment = await harness.environmentWithToken('No list-all');
      harness.server.setDialects(['v1', 'v2']);
      // list-all (GET, then POST) meets the framework's page for an unknown route; the per-list route is served.
      harness.server.setFault({ kind: 'status', status: 404, body: '<!DOCTYPE html><html><body><pre>Cannot GET</pre></body></html>', contentType: 'text/html' }, 2);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), true);
      assert.equal(harness.ui.last('warning'), undefined, 'no switch offered');
      assert.match(harness.ui.last('info')?.message ?? '', /Connected to "No list-all" .* with the v1 API: host, App ID, Account ID and token work\. .* does not serve this API's call to list all contact lists .*delete by id works/);
      assert.deepEqual(harness.server.requests.map((request) => `${request.method} ${request.status}`), ['GET 404', 'POST 404', 'GET 404']);
      assert.ok(harness.server.requests[2].path.endsWith('/cl-kore-contact-lists-dialect-probe'), 'the third is the harmless v1 GET, answered by the API itself');
      assert.deepEqual(storedEnvironments()[0], environment);
    });

    it('names why each other form failed instead of calling it "did not answer"', async () => {
      const environment = await harness.environmentWithToken('Mixed', { dialect: 'v2' });
      harness.server.setDialects([]);
      // The own v2 probe meets an unknown route; the v1 probe is refused (403) by the API's gateway; v1 legacy is not served.
      harness.server.setFault({ kind: 'status', status: 403, body: JSON.stringify({ errors: [{ msg: 'Forbidden for this account' }] }) }, 1, 'GET', 1);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), false);
      const shown = harness.ui.last('error');
      assert.doesNotMatch(shown?.message ?? '', /did not answer/);
      assert.match(shown?.message ?? '', /The other forms of the API were tried, and none could be confirmed: v1: HTTP 403: Forbidden for this account; v1 legacy: not served \(HTTP 404 for the address itself\)\. .*run Test Connection again\./);
      assert.deepEqual(shown?.actions, [], 'nothing in the network settings to fix');
      assert.equal(harness.server.requests.length, 3);
    });

    it('a delete whose look-up meets an unserved route says which API is not served and to run Test Connection, not "check the id"', async () => {
      const environment = await harness.environmentWithToken('Wrong dialect');
      harness.server.setDialects(['v2']);
      const outcome = await vscode.commands.executeCommand<{ status: string } | undefined>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      const shown = harness.ui.last('error')?.message ?? '';
      assert.match(shown, /^The v1 API is not served at http:\/\/127\.0\.0\.1:\d+ \(HTTP 404 for the address itself, not for contact list .*\), so nothing was done to the list\. Run Test Connection on "Wrong dialect" to find the one it serves\. Nothing was deleted\.$/);
      assert.doesNotMatch(shown, /Check the id/);
      assert.deepEqual(harness.server.requests.map((request) => request.method), ['GET'], 'no DELETE followed');
      assert.equal(harness.server.lists.has(SEED_ID), true);
    });

    it('says the timeout for a probe that did not answer in time', async () => {
      await configuration().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      const environment = await harness.environmentWithToken('Slow probe', { dialect: 'v2' });
      harness.server.setDialects([]);
      harness.server.setFault({ kind: 'hang' }, 1, 'GET', 1);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), false);
      assert.match(harness.ui.last('error')?.message ?? '', /v1: no answer within 1 s; v1 legacy: not served/);
    });
  });
});
