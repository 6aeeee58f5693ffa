// Commands that change an environment or its credential, inside a real extension host: they change the one the
// user chose and nothing else. Set Token from the palette asks which environment and says what it replaces;
// Edit and Remove leave alone a hand-written entry that repeats an environment's id.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KoreContactListsApi } from '../../src/extension';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { DEFAULT_APP } from '../fakeKore/seedData';
import { signFakeJwt } from '../fakeKore/jwt';
import { ScriptedUserInterface } from './scriptedUserInterface';

const EXTENSION_ID = 'kore-contact-lists.kore-contact-lists';
const PASTE_JWT = 'Paste a JWT';
const PRODUCTION_NO = 'No: a test or sandbox environment';
const OLD_TOKEN = signFakeJwt({ appId: DEFAULT_APP.clientId, sub: 'old-token-canary', iat: Math.floor(Date.now() / 1000) }, DEFAULT_APP.clientSecret);
const NEW_TOKEN = signFakeJwt({ appId: DEFAULT_APP.clientId, sub: 'new-token-canary', iat: Math.floor(Date.now() / 1000) }, DEFAULT_APP.clientSecret);

interface RecordedPick {
  readonly labels: string[];
  readonly options: vscode.QuickPickOptions;
}

/** The scripted prompts, also keeping what each quick pick offered and how it was worded. */
class RecordingUserInterface extends ScriptedUserInterface {
  readonly quickPicks: RecordedPick[] = [];

  override showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions): Promise<T | undefined> {
    this.quickPicks.push({ labels: items.map((item) => item.label), options: options ?? {} });
    return super.showQuickPick(items);
  }
}

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('koreContactLists');
}

function storedEntries(): unknown[] {
  return configuration().inspect<unknown[]>('environments')?.globalValue ?? [];
}

async function writeEntries(entries: unknown[]): Promise<void> {
  await configuration().update('environments', entries, vscode.ConfigurationTarget.Global);
}

describe('environment commands change only what the user chose', function () {
  this.timeout(30_000);
  let api: KoreContactListsApi;
  let server: FakeKoreServer;
  let ui: RecordingUserInterface;
  let restoreUi: () => void;
  let alpha: { id: string; name: string; host: string; iid: string; accountId: string };
  let beta: typeof alpha;

  before(async () => {
    const extension = vscode.extensions.getExtension<KoreContactListsApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
    api = await extension.activate();
    server = await FakeKoreServer.start();
  });

  after(async () => {
    await server?.close();
  });

  beforeEach(async () => {
    ui = new RecordingUserInterface();
    restoreUi = api.useUserInterface(ui);
    alpha = { id: 'safety-alpha', name: 'Alpha', host: server.url, iid: server.app.iid, accountId: server.app.accountId };
    beta = { id: 'safety-beta', name: 'Beta', host: server.url, iid: server.app.iid, accountId: server.app.accountId };
    for (const id of [alpha.id, beta.id]) await api.credentials.delete(id);
    await writeEntries([alpha, beta]);
  });

  afterEach(async () => {
    restoreUi();
    for (const id of [alpha.id, beta.id]) await api.credentials.delete(id);
    await configuration().update('environments', undefined, vscode.ConfigurationTarget.Global);
  });

  describe('Set Token', () => {
    it('from the palette asks which environment, the active one first, and writes only the chosen one', async () => {
      await api.activeEnvironment.set(beta);
      assert.equal(api.activeEnvironment.get()?.id, beta.id);
      ui.picks.push('Alpha', PASTE_JWT);
      ui.inputs.push(NEW_TOKEN);
      const saved = await vscode.commands.executeCommand<boolean>('koreContactLists.setToken');
      assert.equal(saved, true);
      assert.deepEqual(ui.quickPicks[0]?.labels, ['Beta', 'Alpha'], 'the environments are offered, the active one first');
      assert.match(ui.quickPicks[0]?.options.placeHolder ?? '', /environment to set a token for/);
      assert.deepEqual(await api.credentials.get(alpha.id), { kind: 'jwt', token: NEW_TOKEN, host: server.url });
      assert.equal(await api.credentials.get(beta.id), undefined, 'the active environment keeps no token it was not given');
    });

    it('from the palette, cancelling the environment question saves nothing', async () => {
      await api.activeEnvironment.set(beta);
      ui.picks.push(undefined);
      const saved = await vscode.commands.executeCommand<boolean>('koreContactLists.setToken');
      assert.equal(saved, false);
      assert.deepEqual(ui.quickPicks.map((pick) => pick.labels), [['Beta', 'Alpha']], 'only the environment question was asked');
      assert.equal(await api.credentials.get(alpha.id), undefined);
      assert.equal(await api.credentials.get(beta.id), undefined);
    });

    it('says that an existing token or client credentials will be replaced, without showing them', async () => {
      await api.credentials.set(alpha.id, { kind: 'jwt', token: OLD_TOKEN, host: server.url });
      await api.credentials.set(beta.id, { kind: 'client', clientId: server.app.clientId, clientSecret: server.app.clientSecret, host: server.url });

      ui.picks.push(PASTE_JWT);
      ui.inputs.push(NEW_TOKEN);
      await vscode.commands.executeCommand('koreContactLists.setToken', alpha.id);
      const jwtPick = ui.quickPicks.at(-1);
      assert.match(jwtPick?.options.placeHolder ?? '', /token \(JWT\) already saved for "Alpha" will be replaced/);
      assert.match(jwtPick?.options.title ?? '', /Replace Token for "Alpha"/);
      assert.deepEqual(await api.credentials.get(alpha.id), { kind: 'jwt', token: NEW_TOKEN, host: server.url });

      ui.picks.push(undefined);
      await vscode.commands.executeCommand('koreContactLists.setToken', beta.id);
      const clientPick = ui.quickPicks.at(-1);
      assert.match(clientPick?.options.placeHolder ?? '', /client credentials already saved for "Beta" will be replaced/);
      assert.equal((await api.credentials.get(beta.id))?.kind, 'client', 'cancelling replaces nothing');

      const everythingShown = JSON.stringify([ui.quickPicks, ui.inputBoxes.map(({ title, prompt, placeHolder }) => ({ title, prompt, placeHolder })), ui.shown]);
      for (const secret of [OLD_TOKEN, NEW_TOKEN, server.app.clientSecret]) assert.equal(everythingShown.includes(secret), false, 'no secret is shown');
    });

    it('does not speak of replacing when there is no credential yet', async () => {
      ui.picks.push(PASTE_JWT);
      ui.inputs.push(NEW_TOKEN);
      await vscode.commands.executeCommand('koreContactLists.setToken', alpha.id);
      assert.doesNotMatch(ui.quickPicks.at(-1)?.options.placeHolder ?? '', /replaced/);
      assert.match(ui.quickPicks.at(-1)?.options.title ?? '', /^Set Token for "Alpha"/);
    });
  });

  describe('Edit and Remove with a hand-written duplicate id in settings', () => {
    it('Edit changes the entry that is shown, and leaves the skipped duplicate and other entries as written', async () => {
      const duplicate = { ...alpha, name: 'Alpha copy', accountId: 'acc-copy' };
      await writeEntries([alpha, duplicate, 'a note the user left', beta]);
      ui.inputs.push('Alpha EU', server.url, server.app.iid, 'acc-edited');
      ui.picks.push(PRODUCTION_NO);
      await vscode.commands.executeCommand('koreContactLists.editEnvironment', alpha.id);
      assert.deepEqual(storedEntries(), [{ ...alpha, name: 'Alpha EU', accountId: 'acc-edited' }, duplicate, 'a note the user left', beta]);
    });

    it('Remove removes the entry that is shown, and leaves a skipped duplicate before it as written', async () => {
      const duplicate = { ...alpha, name: 'Alpha (old host)', host: 'http://attacker.example' };
      await writeEntries([duplicate, alpha, beta]);
      await api.credentials.set(alpha.id, { kind: 'jwt', token: OLD_TOKEN, host: server.url });
      ui.warningAnswers.push('Remove');
      const removed = await vscode.commands.executeCommand<boolean>('koreContactLists.removeEnvironment', alpha.id);
      assert.equal(removed, true);
      assert.deepEqual(storedEntries(), [duplicate, beta]);
      assert.equal(await api.credentials.get(alpha.id), undefined);
    });
  });

  describe('names', () => {
    it('Add Environment refuses a name that only looks different (Cyrillic о)', async () => {
      await writeEntries([{ ...alpha, name: 'Production US' }]);
      ui.inputs.push('Prоduction US');
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      assert.match(ui.validationMessages[0] ?? '', /already exists, and "Prоduction US" reads the same/);
      assert.equal(storedEntries().length, 1);
    });
  });
});
