// Multi-step input with Back, and a deletion with the keyboard alone, in the real workbench: the extension installed
// from its .vsix into code-server, Chromium pressing keys, against the fake Kore server. Screenshots of every step
// go to test-artifacts/ui-keyboard/.
import * as assert from 'node:assert/strict';
import { useUiSession } from './uiSession';

const AUGUST = 'Renewal Due - August 2025';
const SEPTEMBER = 'Renewal Due - September 2025';
const SEPTEMBER_ID = 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002';
const NAME = 'Keyboard sandbox';

describe('UI: multi-step input with Back, and a deletion with the keyboard alone', function () {
  this.timeout(120_000);
  const ui = useUiSession({ label: 'ui-keyboard', shots: 'ui-keyboard' });

  it('Add Environment: Back shows the earlier step with its answer intact, and finishing saves the right environment', async () => {
    const { workbench, kore } = ui;
    await workbench.openViewContainer('Kore.ai Contact Lists');
    await workbench.closeFirstRunWalkthrough();
    await workbench.runCommandWithKeyboard('Kore.ai: Add Environment');
    await workbench.waitForStep(1, 6);
    await workbench.answerInputBox('Environment name', NAME);
    await workbench.waitForStep(2, 6);
    await workbench.answerQuickPick('Which Kore.ai region or host?', 'Custom host (on-premises)');
    await workbench.waitForStep(3, 7);
    await workbench.answerInputBox('Host', kore.url);
    await workbench.waitForStep(4, 7);
    await workbench.page.keyboard.type('typed-before-going-back');
    await workbench.screenshot('app-id-step');

    await workbench.clickBack();
    await workbench.waitForStep(3, 7);
    assert.equal(await workbench.inputValue(), kore.url, 'the host typed at step 3 is shown again');
    await workbench.screenshot('back-to-host');

    // Back again, from the keyboard this time (the Back button's own shortcut).
    await workbench.page.keyboard.press('Control+Alt+Minus');
    await workbench.waitForStep(2, 7);
    assert.match(await workbench.focusedPickLabel(), /^Custom host/, 'the region chosen before is highlighted');
    await workbench.screenshot('back-to-region');
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForStep(3, 7);
    assert.equal(await workbench.inputValue(), kore.url);
    await workbench.page.keyboard.press('Enter');
    await workbench.waitForStep(4, 7);
    await workbench.answerInputBox('App ID (IID)', kore.app.iid);
    await workbench.waitForStep(5, 7);
    await workbench.answerInputBox('Account ID', kore.app.accountId);
    await workbench.waitForStep(6, 7);
    await workbench.answerQuickPickWithKeyboard('Is this a production environment?', 'Yes: production');
    await workbench.waitForStep(7, 7);
    await workbench.answerQuickPickWithKeyboard('Which Kore.ai contact-list API does this tenant serve?', 'v1');
    const row = workbench.treeRow(NAME);
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /production · http:\/\/127\.0\.0\.1/);
    await workbench.screenshot('environment-saved');
  });

  it('sets the token with the keyboard alone', async () => {
    const { workbench } = ui;
    const token = ui.token('ui-keyboard');
    await workbench.runCommandWithKeyboard('Kore.ai: Set Token');
    assert.equal(await workbench.quickInputTitle(), `Set Token for "${NAME}" (1/2)`);
    // The only environment is not asked for: the first question is how to authenticate.
    await workbench.waitForStep(1, 2);
    await workbench.answerQuickPickWithKeyboard('How do you want to authenticate', 'Paste a JWT');
    await workbench.waitForStep(2, 2);
    await workbench.answerInputBox(/Paste the JWT/, token);
    await workbench.expectNotification(/token for "Keyboard sandbox" was saved/);
    await workbench.screenshot('token-set');
  });

  it('deletes the focused contact list with the keyboard alone: focus the view, arrows, Delete, type the id, Enter', async () => {
    const { workbench, kore } = ui;
    await workbench.page.keyboard.press('Escape');
    const keyboard = workbench.page.keyboard;
    // Focus the view, Home, Right, until the environment shows as expanded: a key pressed while the workbench moves
    // the focus elsewhere for a moment is lost (a run once waited 15 s for the lists after a lost Right). Each try
    // starts by focusing the view again, and Right is pressed only on a collapsed row (on an expanded one it would
    // move to the first list).
    const expanded = workbench.treeRow(NAME).and(workbench.page.locator('[aria-expanded="true"]'));
    for (let attempt = 1; (await expanded.count()) === 0; attempt += 1) {
      if (attempt > 3) throw new Error(`"${NAME}" did not expand after focusing the view, Home and Right three times`);
      await workbench.runCommandWithKeyboard('Kore.ai Contact Lists: Focus on Environments View');
      await keyboard.press('Home');
      await workbench.focusedTreeRow().filter({ hasText: NAME }).waitFor({ timeout: 10_000 });
      if ((await expanded.count()) > 0) break;
      await keyboard.press('ArrowRight');
      await expanded.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await workbench.treeRow(AUGUST).waitFor({ timeout: 15_000 });
    await keyboard.press('Home');
    await workbench.focusedTreeRow().filter({ hasText: NAME }).waitFor({ timeout: 10_000 });
    await keyboard.press('ArrowDown');
    // Enter selects August; Down then moves only the focus: Delete must act on the focused row, not the selected one.
    await keyboard.press('Enter');
    await keyboard.press('ArrowDown');
    await workbench.focusedTreeRow().filter({ hasText: SEPTEMBER }).waitFor({ timeout: 10_000 });
    assert.match(await workbench.treeRow(AUGUST).getAttribute('class') ?? '', /\bselected\b/, 'August is still the selected row');
    assert.equal(await workbench.focusedTreeRow().getAttribute('aria-label'), `Contact list ${SEPTEMBER}, ${(1284).toLocaleString('en-US')} records, not in use, status Ready`);
    await workbench.screenshot('focused-list');
    await keyboard.press('Delete');
    const dialog = workbench.dialog();
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), new RegExp(`Delete contact list "${SEPTEMBER}" from PRODUCTION environment "${NAME}"\\?`));
    await workbench.screenshot('confirmation');
    await keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await workbench.quickInput().locator('.quick-input-message', { hasText: `Type the contact list id ${SEPTEMBER_ID}` }).waitFor({ timeout: 15_000 });
    await keyboard.type(SEPTEMBER_ID);
    await workbench.screenshot('typed-confirmation');
    await keyboard.press('Enter');
    await workbench.notification(`Contact list ${SEPTEMBER} deleted successfully`).waitFor({ timeout: 15_000 });
    assert.equal(kore.lists.has(SEPTEMBER_ID), false, 'the focused list was deleted');
    assert.ok(kore.lists.has('cl-c2ce382-2516-457e-8eb4-9847deec0001'), 'the list selected before was not');
    await workbench.treeRow(SEPTEMBER).waitFor({ state: 'detached', timeout: 15_000 });
    await workbench.screenshot('deleted');
  });
});
