// Environments a workspace offers, in the real workbench with workspace trust on, as a user has it: a folder
// holding .vscode/kore-environments.json opens in Restricted Mode and the Environments view offers nothing; once the
// user trusts the folder the view shows "Offered by this workspace: review…" without a reload, and its review
// imports after a modal listing each environment. Screenshots go to test-artifacts/ui-trust/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TRANSFER_FORMAT } from '../../src/core/environments/environmentTransfer';
import { useUiSession } from './uiSession';

const OFFER = 'Offered by this workspace: review…';
const offered = [
  { name: 'Team Production US', host: 'https://platform.kore.ai', iid: 'st-0603182c-7ffb-53c3-b307-47ca14b90001', accountId: '67777ce93e25326494e90001', production: true },
  { name: 'Team Staging DE', host: 'https://de-platform.kore.ai', iid: 'st-2', accountId: 'acc2' },
];

describe('UI: environments offered by an untrusted, then trusted, workspace', function () {
  this.timeout(120_000);
  const ui = useUiSession({
    label: 'uitrust',
    shots: 'ui-trust',
    kore: false,
    workspaceTrust: true,
    prepare: ({ folder }) => {
      fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(folder, '.vscode', 'kore-environments.json'), JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments: offered }, null, 2));
    },
  });

  it('opens the folder in Restricted Mode when the user does not trust it', async () => {
    const { workbench } = ui;
    const dialog = workbench.dialog();
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /trust/i);
    await workbench.screenshot('trust-question');
    await dialog.locator('.monaco-button', { hasText: /^No, I don't trust the authors$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await workbench.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: 15_000 });
  });

  it('offers nothing in the untrusted folder, with the extension running', async () => {
    const { workbench } = ui;
    await workbench.openViewContainer('Kore.ai Contact Lists');
    // The extension opens its walkthrough on its first activation: once that tab shows, the extension is running in
    // Restricted Mode, and the view below is its answer, not a view not yet filled.
    await workbench.tab(/Walkthrough: Kore\.ai Contact Lists/).waitFor({ timeout: 30_000 });
    const welcome = workbench.view('Environments').locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 15_000 });
    // That no offer comes can only be seen for a while: it is given 2 s to show, and the test fails as soon as it does.
    const offered = await workbench.treeRow(OFFER).waitFor({ timeout: 2_000 }).then(() => true, () => false);
    assert.equal(offered, false, 'no offer in Restricted Mode');
    assert.ok(await welcome.isVisible(), 'the view is empty: its welcome text shows');
    await workbench.screenshot('untrusted-no-offer');
  });

  it('shows the offer as soon as the user trusts the folder, without a reload', async () => {
    const { workbench } = ui;
    await workbench.runCommand('Workspaces: Manage Workspace Trust');
    const trust = workbench.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust( Folder)?$/ }).first();
    await trust.waitFor({ timeout: 15_000 });
    await trust.click();
    await workbench.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ state: 'detached', timeout: 15_000 });
    await workbench.treeRow(OFFER).waitFor({ timeout: 15_000 });
    assert.match(await workbench.treeRow(OFFER).innerText(), /2 environments/);
    await workbench.screenshot('trusted-offer');
  });

  it('lists each environment in a modal and imports them when the user accepts; the offer then goes', async () => {
    const { workbench } = ui;
    await workbench.treeRow(OFFER).click();
    const dialog = workbench.dialog();
    await dialog.waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    assert.match(text, /Import 2 environments offered by this workspace\?/);
    assert.ok(text.includes(`Team Production US: host https://platform.kore.ai, App ID ${offered[0].iid}, Account ID ${offered[0].accountId}, production`), text);
    assert.ok(text.includes('Team Staging DE: host https://de-platform.kore.ai, App ID st-2, Account ID acc2, not production'), text);
    await workbench.screenshot('review');
    await workbench.clickDialogButton('Import');
    await workbench.treeRow('Team Production US').waitFor({ timeout: 15_000 });
    await workbench.treeRow('Team Staging DE').waitFor({ timeout: 15_000 });
    await workbench.treeRow(OFFER).waitFor({ state: 'detached', timeout: 15_000 });
    await workbench.expectNotification(/Imported 2 environment\(s\)/);
    await workbench.screenshot('imported');
  });
});
