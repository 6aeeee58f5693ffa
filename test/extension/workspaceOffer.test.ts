// Environments a trusted workspace offers in .vscode/kore-environments.json (this suite's workspace is trusted: the
// launchers disable workspace trust, and VS Code then treats every folder as trusted). The untrusted case is proved
// in the real workbench by test/ui/workspaceTrust.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/commandIds';
import { TRANSFER_FORMAT } from '../../src/core/environments/environmentTransfer';
import type { WorkspaceOfferNode } from '../../src/vscode/shared/treeNodes';
import { storedEnvironments, useExtensionHarness, waitFor } from './harness';

const us = { name: 'Team Production US', host: 'https://platform.kore.ai', iid: 'st-0603182c-7ffb-53c3-b307-47ca14b90001', accountId: '67777ce93e25326494e90001', production: true };
const de = { name: 'Team Staging DE', host: 'de-platform.kore.ai', iid: 'st-2', accountId: 'acc2' };
const IMPORT = 'Import';

function offerFile(): vscode.Uri {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folder, 'the suite opens a folder');
  return vscode.Uri.joinPath(folder.uri, '.vscode', 'kore-environments.json');
}

async function writeOffer(text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(offerFile(), Buffer.from(text, 'utf8'));
}

const fileWith = (environments: unknown[]) => JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments }, null, 2);

describe('environments offered by a trusted workspace', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  const offerNodes = async (): Promise<WorkspaceOfferNode[]> =>
    (await harness.api.environmentTree.getChildren()).filter((node): node is WorkspaceOfferNode => node.kind === 'workspaceOffer');

  /** Resolves on the tree's next change event, which the file watcher or trust change fires. */
  const nextTreeChange = () =>
    new Promise<void>((resolve) => {
      const subscription = harness.api.environmentTree.onDidChangeTreeData(() => {
        subscription.dispose();
        resolve();
      });
    });

  afterEach(async () => {
    await vscode.workspace.fs.delete(offerFile()).then(undefined, () => undefined);
  });

  it('runs in a trusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  it('shows one "Offered by this workspace: review…" item when the file appears, and none once it is removed', async () => {
    assert.deepEqual(await offerNodes(), []);
    const changed = nextTreeChange();
    await writeOffer(fileWith([us, de]));
    await waitFor('the watcher to refresh the tree', () => changed.then(() => true), 10_000);
    const [node, ...others] = await offerNodes();
    assert.ok(node, 'one offer item');
    assert.deepEqual(others, []);
    const item = harness.api.environmentTree.getTreeItem(node);
    assert.equal(item.label, 'Offered by this workspace: review…');
    assert.equal(item.description, '2 environments');
    assert.equal(item.command?.command, CommandIds.reviewWorkspaceEnvironments);
    assert.deepEqual(await harness.environmentNodes(), [], 'an offer is not an environment');
    const removed = nextTreeChange();
    await vscode.workspace.fs.delete(offerFile());
    await waitFor('the watcher to see the file go', () => removed.then(() => true), 10_000);
    assert.deepEqual(await offerNodes(), []);
  });

  it('imports through the strict importer after a confirmation listing each environment, then offers nothing', async () => {
    await writeOffer(fileWith([us, de]));
    const [node] = await waitFor('the offer', async () => ((await offerNodes()).length > 0 ? offerNodes() : undefined));
    harness.ui.warningAnswers.push(IMPORT);
    const result = await vscode.commands.executeCommand<{ imported: number; rejected: number }>(CommandIds.reviewWorkspaceEnvironments, node);
    assert.deepEqual(result, { imported: 2, rejected: 0 });
    const confirmation = harness.ui.shown.find((shown) => shown.modal);
    assert.ok(confirmation, 'a modal confirmation');
    assert.equal(confirmation.message, 'Import 2 environments offered by this workspace?');
    assert.deepEqual(confirmation.actions, [IMPORT]);
    const detail = confirmation.detail ?? '';
    assert.ok(detail.includes(`• Team Production US: host https://platform.kore.ai, App ID ${us.iid}, Account ID ${us.accountId}, production`), detail);
    assert.ok(detail.includes('• Team Staging DE: host https://de-platform.kore.ai, App ID st-2, Account ID acc2, not production'), detail);
    assert.match(detail, /No token or secret comes with them/);
    const stored = storedEnvironments();
    assert.deepEqual(
      stored.map(({ id: _id, ...fields }) => fields),
      [
        { name: 'Team Production US', host: 'https://platform.kore.ai', iid: us.iid, accountId: us.accountId, production: true },
        { name: 'Team Staging DE', host: 'https://de-platform.kore.ai', iid: 'st-2', accountId: 'acc2' },
      ],
    );
    assert.ok(stored.every((environment) => /^[0-9a-f-]{36}$/.test(environment.id)), 'fresh ids from the importer');
    assert.deepEqual(await offerNodes(), [], 'everything offered is now present: no item');
  });

  it('offers only what the user does not have, and imports nothing when the confirmation is dismissed', async () => {
    await harness.addEnvironment(us.name, { host: us.host, iid: us.iid, accountId: us.accountId, production: true });
    await writeOffer(fileWith([us, de]));
    const [node] = await waitFor('the offer', async () => ((await offerNodes()).length > 0 ? offerNodes() : undefined));
    assert.deepEqual(node.offer.offered.map((environment) => environment.name), ['Team Staging DE']);
    harness.ui.warningAnswers.push(undefined);
    assert.equal(await vscode.commands.executeCommand(CommandIds.reviewWorkspaceEnvironments, node), undefined);
    const confirmation = harness.ui.shown.find((shown) => shown.modal);
    assert.equal(confirmation?.message, 'Import 1 environment offered by this workspace?');
    assert.match(confirmation?.detail ?? '', /1 more in the file you already have/);
    assert.deepEqual(storedEnvironments().map((environment) => environment.name), [us.name], 'dismissed: nothing imported');
  });

  it('never offers a look-alike silently: issue 18\'s "Team Prօduction US" (Armenian օ) at platform-kore.ai is marked in the tree and named first in the confirmation', async () => {
    await harness.addEnvironment(us.name, { host: us.host, iid: us.iid, accountId: us.accountId, production: true });
    await writeOffer(fileWith([{ ...us, name: 'Team Prօduction US', host: 'platform-kore.ai' }]));
    const [node] = await waitFor('the offer', async () => ((await offerNodes()).length > 0 ? offerNodes() : undefined));
    const item = harness.api.environmentTree.getTreeItem(node);
    assert.match(String(item.description), /look-alike warning/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /reads like your environment/);
    harness.ui.warningAnswers.push(undefined);
    await vscode.commands.executeCommand(CommandIds.reviewWorkspaceEnvironments, node);
    const detail = harness.ui.shown.find((shown) => shown.modal)?.detail ?? '';
    assert.match(detail.split('\n')[0], /^⚠ "Team Prօduction US" mixes letters of .* and reads like your environment "Team Production US" \(https:\/\/platform\.kore\.ai\): it is another environment, at https:\/\/platform-kore\.ai\.$/, detail);
  });

  it('treats the file as hostile: a secret-carrying entry and a forged name are left out and named safely, an oversized file is not read', async () => {
    const secret = 'cs-secret-value-that-must-not-travel';
    await writeOffer(fileWith([{ ...de, clientSecret: secret }, { ...de, name: 'Fine\u202e name\nRecords: 0' }, us]));
    const nodes = await waitFor('the offer', async () => {
      const found = await offerNodes();
      return found.length > 0 ? found : undefined;
    });
    assert.equal(nodes.length, 1);
    assert.deepEqual(nodes[0].offer.offered.map((environment) => environment.name), [us.name]);
    harness.ui.warningAnswers.push(undefined);
    await vscode.commands.executeCommand(CommandIds.reviewWorkspaceEnvironments, nodes[0]);
    const detail = harness.ui.shown.find((shown) => shown.modal)?.detail ?? '';
    assert.ok(!detail.includes(secret), 'a secret value is never shown');
    assert.doesNotMatch(detail, /\u202e|Records: 0\n/);
    assert.match(detail, /2 more cannot be imported and are left out: "Team Staging DE": .*clientSecret/);

    // The offer above (one environment) is withdrawn once the oversized file is read: waiting for that, not for a
    // fixed time, proves the file was seen; a file read despite its size would offer "Team Staging DE" instead.
    await writeOffer(`${fileWith([de])}${' '.repeat(1024 * 1024)}`);
    await waitFor('the offer withdrawn', async () => ((await offerNodes()).length === 0 ? true : undefined));
    assert.deepEqual(await offerNodes(), [], 'a file over the size cap offers nothing');
  });

  it('says so, rather than failing, when the command runs with nothing to offer', async () => {
    assert.equal(await vscode.commands.executeCommand(CommandIds.reviewWorkspaceEnvironments), undefined);
    assert.match(harness.ui.last('info')?.message ?? '', /offers no environment you do not already have/);
  });
});
