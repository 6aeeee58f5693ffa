// The Get Started walkthrough in the real workbench: the extension installed from its .vsix, Chromium clicking.
// It opens by itself on the first activation, its step buttons run the extension's commands, finished steps
// tick themselves off, it opens again from the Environments view's "…" menu, and never again by itself.
// Screenshots of every step go to test-artifacts/ui-walkthrough/.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useUiSession } from './uiSession';

const TITLE = 'Get Started with Kore.ai Contact Lists';

describe('UI: the Get Started walkthrough', function () {
  this.timeout(120_000);
  const ui = useUiSession({ label: 'uiwt', shots: 'ui-walkthrough' });

  /** The walkthrough page, while it is the open editor. */
  const page = (): Locator => ui.page.locator('.gettingStartedContainer');
  /** One step of the walkthrough, by the id it has in package.json. */
  const step = (id: string): Locator => page().locator(`button.getting-started-step[data-step-id$="${id}"]`);
  const expectDone = async (id: string) => {
    await page().locator(`button.getting-started-step[data-step-id$="${id}"][aria-checked="true"]`).waitFor({ timeout: 15_000 });
  };
  /** Expands a step (a click on its title) and clicks the button its description carries. */
  const clickStepButton = async (id: string, label: string) => {
    await step(id).locator('.step-title').click();
    const button = step(id).locator('.button-container .monaco-button', { hasText: label });
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await button.click();
  };

  it('opens by itself the first time the Environments view shows, with the five steps, none done', async () => {
    const { workbench } = ui;
    await workbench.openViewContainer('Kore.ai Contact Lists');
    await workbench.waitForWalkthrough();
    // The step's picture is an image the page draws, the light one in this light theme, and it loaded.
    const picture = page().locator('img[srcset*="add-environment-light.svg"]');
    await picture.waitFor({ timeout: 10_000 });
    assert.ok(await picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), 'the picture loaded');
    assert.match(await page().innerText(), new RegExp(TITLE));
    for (const id of ['addEnvironment', 'setCredential', 'testConnection', 'deleteOne', 'deleteMany']) {
      assert.equal(await step(id).getAttribute('aria-checked'), 'false', `${id} starts not done`);
    }
    const welcome = workbench.view('Environments').locator('.welcome-view-content');
    assert.match(await welcome.innerText(), /API scope includes Campaign Management/);
    await workbench.screenshot('walkthrough-opened');
  });

  it('runs Add Environment from the first step\'s button, and the step ticks itself off', async () => {
    const { workbench, kore } = ui;
    await clickStepButton('addEnvironment', 'Add Environment');
    await workbench.answerAddEnvironmentPrompts({ name: 'Walkthrough sandbox', host: kore.url, iid: kore.app.iid, accountId: kore.app.accountId, dialectLabel: 'v1' });
    await expectDone('addEnvironment');
    await workbench.treeRow('Walkthrough sandbox').waitFor();
    await workbench.screenshot('environment-step-done');
  });

  it('sets the credential from the second step and tests the connection from the third; both tick off', async () => {
    const { workbench } = ui;
    await clickStepButton('setCredential', 'Set Token');
    await workbench.answerQuickPick('How do you want to authenticate', 'Paste a JWT');
    const token = ui.token('ui-walkthrough');
    await workbench.answerInputBox(/Paste the JWT/, token);
    await expectDone('setCredential');
    assert.equal(await step('testConnection').getAttribute('aria-checked'), 'false', 'Test Connection is not done before it runs');
    await clickStepButton('testConnection', 'Test Connection');
    await workbench.expectNotification(/Connected to "Walkthrough sandbox"/);
    await expectDone('testConnection');
    assert.equal(await step('deleteOne').getAttribute('aria-checked'), 'false');
    await workbench.screenshot('three-steps-done');
  });

  it('opens again from the Environments view\'s "…" menu, with the finished steps still done', async () => {
    const { workbench } = ui;
    await workbench.runCommand('View: Close All Editors');
    await page().waitFor({ state: 'detached', timeout: 10_000 });
    const view = workbench.view('Environments');
    await view.hover();
    await view.locator('.pane-header .action-label[aria-label="More Actions..."], .pane-header .action-label[aria-label^="Views and More Actions"]').first().click();
    const item = workbench.page.locator('.context-view .monaco-menu .action-item', { hasText: 'Get Started' });
    await item.waitFor({ timeout: 10_000 });
    await workbench.screenshot('view-menu');
    await item.click();
    // Its editor takes the focus a moment after it shows: the next test's palette must come after that.
    await workbench.waitForWalkthrough();
    for (const id of ['addEnvironment', 'setCredential', 'testConnection']) await expectDone(id);
    await workbench.screenshot('reopened');
  });

  it('does not open by itself again after the window reloads', async () => {
    const { workbench } = ui;
    // Closed by a click first: while it is open, its editor may take the focus from the palette.
    await workbench.closeWalkthrough();
    await workbench.runCommand('View: Close All Editors');
    await page().waitFor({ state: 'detached', timeout: 10_000 });
    // Reload as VS Code does (its shutdown writes global state out), not as a browser refresh that may cut it short.
    await workbench.runCommand('Developer: Reload Window');
    await workbench.page.waitForLoadState('load');
    await workbench.waitForWorkbench();
    await workbench.openViewContainer('Kore.ai Contact Lists');
    await workbench.treeRow('Walkthrough sandbox').waitFor({ timeout: 30_000 });
    // The extension is active again (its tree is drawn), and decided at activation. That nothing opens can only be
    // seen for a while: the tab is given 3 s to show (it showed within 1 s on a first run), and fails at once if it does.
    // Opened by the extension, the tab is "Walkthrough: <name>"; whatever the workbench itself restores is not.
    const reopened = await workbench.tab(/Walkthrough: Kore\.ai Contact Lists/).waitFor({ timeout: 3_000 }).then(() => true, () => false);
    assert.equal(reopened, false, 'the extension did not open it again');
    await workbench.screenshot('after-reload');
  });
});
