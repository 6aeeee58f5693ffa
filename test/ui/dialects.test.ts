// A tenant that serves only the v2 ("AI for Service") API, through the real workbench: Add Environment with the v2
// dialect chosen in its last prompt, the tree saying plainly that v2 cannot browse lists, and a delete from the
// tree's inline action that goes to the v2 address. Screenshots go to test-artifacts/ui-dialects/.
import * as assert from 'node:assert/strict';
import { DEFAULT_APP } from '../fakeKore/seedData';
import { useUiSession } from './uiSession';

const LIST = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const ENVIRONMENT = 'AI for Service tenant';

describe('UI: a v2-only tenant through the workbench', function () {
  this.timeout(120_000);
  const ui = useUiSession({ label: 'ui-dialects', shots: 'ui-dialects', kore: { apps: [{ ...DEFAULT_APP, dialects: ['v2'] }] } });

  before(async () => {
    await ui.workbench.openViewContainer('Kore.ai Contact Lists');
    // Closed before any prompt: its editor would take the focus from Add Environment's first step.
    await ui.workbench.closeFirstRunWalkthrough();
  });

  it('adds an environment choosing the v2 dialect in its prompts, and the tree says browsing is not available', async () => {
    const { workbench, kore } = ui;
    await workbench.addEnvironmentThroughPrompts({
      name: ENVIRONMENT,
      host: kore.url,
      iid: kore.app.iid,
      accountId: kore.app.accountId,
      dialectLabel: 'v2 (AI for Service)',
      shot: 'dialect-question',
    });
    await workbench.treeRow(ENVIRONMENT).waitFor();
    await workbench.clickInlineAction(ENVIRONMENT, 'Set Token');
    await workbench.answerQuickPick('How do you want to authenticate', 'Paste a JWT');
    await workbench.answerInputBox(/Paste the JWT/, ui.token('ui-dialects'));
    await workbench.notification(/token for "AI for Service tenant" was saved/).waitFor();
    await workbench.treeRow(ENVIRONMENT).click();
    const message = workbench.treeRow('Browsing lists is not available with the v2 (AI for Service) API');
    await message.waitFor({ timeout: 15_000 });
    assert.match(await message.innerText(), /delete by id still works/);
    await workbench.screenshot('browsing-not-available');
    assert.equal(kore.requests.length, 0, 'nothing was sent to list');
  });

  it('deletes a list by id from the environment\'s inline action, at the v2 address', async () => {
    const { workbench, kore } = ui;
    await workbench.clickInlineAction(ENVIRONMENT, 'Delete Contact List');
    await workbench.answerInputBox('Contact list id to delete', LIST);
    const dialog = workbench.dialog();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Delete contact list "Renewal Due - August 2025" from "AI for Service tenant"\?/);
    await workbench.screenshot('confirmation');
    await workbench.clickDialogButton('Delete');
    await workbench.notification('Contact list Renewal Due - August 2025 deleted successfully').waitFor({ timeout: 15_000 });
    await workbench.tab(`Renewal Due - August 2025 · ${LIST} · ${ENVIRONMENT}.json`).waitFor();
    assert.match(await workbench.activeEditorText(), /"contactPriority"/);
    await workbench.screenshot('deleted');
    assert.equal(kore.lists.has(LIST), false);
    const sent = kore.requests.filter((request) => request.method === 'DELETE');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].path, `/campaign/api/v2/public/${kore.app.iid}/campaign/contactList/${LIST}`);
    assert.equal(sent[0].query, `?accountId=${kore.app.accountId}`);
    assert.equal(sent[0].headers.iid, kore.app.iid);
  });
});
