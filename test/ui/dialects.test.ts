// A tenant that serves only the v2 ("AI for Service") API, through the real workbench: Add Environment with the v2
// dialect chosen in its last prompt, the tree saying plainly that v2 cannot browse lists, and a delete from the
// tree's inline action that goes to the v2 address. Screenshots go to test-artifacts/ui-dialects/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../host/browser';
import { CodeServer, PROJECT_ROOT, scratchFolder, startCodeServer } from '../host/codeServer';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { signFakeJwt } from '../fakeKore/jwt';
import { DEFAULT_APP } from '../fakeKore/seedData';
import { Workbench } from './workbench';

const VSIX = path.join(PROJECT_ROOT, 'dist', 'kore-contact-lists.vsix');
const SHOTS = path.join(PROJECT_ROOT, 'test-artifacts', 'ui-dialects');
const LIST = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const ENVIRONMENT = 'AI for Service tenant';

describe('UI: a v2-only tenant through the workbench', function () {
  this.timeout(120_000);
  let kore: FakeKoreServer;
  let codeServer: CodeServer;
  let browser: BrowserContext;
  let workbench: Workbench;
  let token: string;
  let scratch: string;
  let folder: string;
  let failures = 0;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} exists: run \`npm run package\` first`);
    fs.rmSync(SHOTS, { recursive: true, force: true });
    kore = await FakeKoreServer.start({ apps: [{ ...DEFAULT_APP, dialects: ['v2'] }] });
    token = signFakeJwt({ appId: kore.app.clientId, sub: 'ui-dialects', iat: Math.floor(Date.now() / 1000) }, kore.app.clientSecret);
    scratch = scratchFolder('ui-dialects');
    folder = path.join(scratch, '..', `ui-dialects-workspace-${process.pid}`);
    fs.mkdirSync(folder, { recursive: true });
    codeServer = await startCodeServer({ scratch, folder, install: [VSIX] });
    browser = await launchBrowser(path.join(scratch, 'chromium'), codeServer.env);
    const page = browser.pages()[0] ?? (await browser.newPage());
    workbench = new Workbench(page, SHOTS);
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(folder)}`);
    await workbench.waitForWorkbench();
    await workbench.openViewContainer('Kore.ai Contact Lists');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failures += 1;
      const shot = await workbench?.screenshot('failure').catch(() => undefined);
      console.log(`    screenshot: ${shot ?? 'none'}\n    code-server log: ${codeServer?.logFile}`);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    await kore?.close();
    if (failures === 0 && scratch) for (const dir of [scratch, folder]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds an environment choosing the v2 dialect in its prompts, and the tree says browsing is not available', async () => {
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
    await workbench.answerInputBox(/Paste the JWT/, token);
    await workbench.notification(/token for "AI for Service tenant" was saved/).waitFor();
    await workbench.treeRow(ENVIRONMENT).click();
    const message = workbench.treeRow('Browsing lists is not available with the v2 (AI for Service) API');
    await message.waitFor({ timeout: 15_000 });
    assert.match(await message.innerText(), /delete by id still works/);
    await workbench.screenshot('browsing-not-available');
    assert.equal(kore.requests.length, 0, 'nothing was sent to list');
  });

  it('deletes a list by id from the environment\'s inline action, at the v2 address', async () => {
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
