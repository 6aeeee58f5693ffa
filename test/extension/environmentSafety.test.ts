// Commands that change an environment or its credential, inside a real extension host: they change the one the
// user chose and nothing else. Set Token from the palette asks which environment and says what it replaces;
// Edit and Remove leave alone a hand-written entry that repeats an environment's id.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_APP } from '../fakeKore/seedData';
import { signFakeJwt } from '../fakeKore/jwt';
import { configuration, DIALECT_PICKS, PASTE_JWT, PRODUCTION_NO, useExtensionHarness } from './harness';

const OLD_TOKEN = signFakeJwt({ appId: DEFAULT_APP.clientId, sub: 'old-token-canary', iat: Math.floor(Date.now() / 1000) }, DEFAULT_APP.clientSecret);
const NEW_TOKEN = signFakeJwt({ appId: DEFAULT_APP.clientId, sub: 'new-token-canary', iat: Math.floor(Date.now() / 1000) }, DEFAULT_APP.clientSecret);

function storedEntries(): unknown[] {
  return configuration().inspect<unknown[]>('environments')?.globalValue ?? [];
}

async function writeEntries(entries: unknown[]): Promise<void> {
  await configuration().update('environments', entries, vscode.ConfigurationTarget.Global);
}

describe('environment commands change only what the user chose', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();
  let alpha: { id: string; name: string; host: string; iid: string; accountId: string };
  let beta: typeof alpha;

  beforeEach(async () => {
    const server = harness.server;
    alpha = { id: 'safety-alpha', name: 'Alpha', host: server.url, iid: server.app.iid, accountId: server.app.accountId };
    beta = { id: 'safety-beta', name: 'Beta', host: server.url, iid: server.app.iid, accountId: server.app.accountId };
    for (const id of [alpha.id, beta.id]) await harness.api.credentials.delete(id);
    await writeEntries([alpha, beta]);
  });

  describe('Set Token', () => {
    it('from the palette asks which environment, the active one first, and writes only the chosen one', async () => {
      await harness.api.activeEnvironment.set(beta);
      assert.equal(harness.api.activeEnvironment.get()?.id, beta.id);
      harness.ui.picks.push('Alpha', PASTE_JWT);
      harness.ui.inputs.push(NEW_TOKEN);
      const saved = await vscode.commands.executeCommand<boolean>('koreContactLists.setToken');
      assert.equal(saved, true);
      assert.deepEqual(harness.ui.quickPicks[0]?.labels, ['Beta', 'Alpha'], 'the environments are offered, the active one first');
      assert.match(harness.ui.quickPicks[0]?.options.placeHolder ?? '', /environment to set a token for/);
      assert.deepEqual(await harness.api.credentials.get(alpha.id), { kind: 'jwt', token: NEW_TOKEN, host: harness.server.url });
      assert.equal(await harness.api.credentials.get(beta.id), undefined, 'the active environment keeps no token it was not given');
    });

    it('from the palette, cancelling the environment question saves nothing', async () => {
      await harness.api.activeEnvironment.set(beta);
      harness.ui.picks.push(undefined);
      const saved = await vscode.commands.executeCommand<boolean>('koreContactLists.setToken');
      assert.equal(saved, false);
      assert.deepEqual(harness.ui.quickPicks.map((pick) => pick.labels), [['Beta', 'Alpha']], 'only the environment question was asked');
      assert.equal(await harness.api.credentials.get(alpha.id), undefined);
      assert.equal(await harness.api.credentials.get(beta.id), undefined);
    });

    it('says that an existing token or client credentials will be replaced, without showing them', async () => {
      await harness.api.credentials.set(alpha.id, { kind: 'jwt', token: OLD_TOKEN, host: harness.server.url });
      await harness.api.credentials.set(beta.id, { kind: 'client', clientId: harness.server.app.clientId, clientSecret: harness.server.app.clientSecret, host: harness.server.url });

      harness.ui.picks.push(PASTE_JWT);
      harness.ui.inputs.push(NEW_TOKEN);
      await vscode.commands.executeCommand('koreContactLists.setToken', alpha.id);
      const jwtPick = harness.ui.quickPicks.at(-1);
      assert.match(jwtPick?.options.placeHolder ?? '', /token \(JWT\) already saved for "Alpha" will be replaced/);
      assert.match(jwtPick?.options.title ?? '', /Replace Token for "Alpha"/);
      assert.deepEqual(await harness.api.credentials.get(alpha.id), { kind: 'jwt', token: NEW_TOKEN, host: harness.server.url });

      harness.ui.picks.push(undefined);
      await vscode.commands.executeCommand('koreContactLists.setToken', beta.id);
      const clientPick = harness.ui.quickPicks.at(-1);
      assert.match(clientPick?.options.placeHolder ?? '', /client credentials already saved for "Beta" will be replaced/);
      assert.equal((await harness.api.credentials.get(beta.id))?.kind, 'client', 'cancelling replaces nothing');

      const everythingShown = JSON.stringify([harness.ui.quickPicks, harness.ui.inputBoxes.map(({ title, prompt, placeHolder }) => ({ title, prompt, placeHolder })), harness.ui.shown]);
      for (const secret of [OLD_TOKEN, NEW_TOKEN, harness.server.app.clientSecret]) assert.equal(everythingShown.includes(secret), false, 'no secret is shown');
    });

    it('does not speak of replacing when there is no credential yet', async () => {
      harness.ui.picks.push(PASTE_JWT);
      harness.ui.inputs.push(NEW_TOKEN);
      await vscode.commands.executeCommand('koreContactLists.setToken', alpha.id);
      assert.doesNotMatch(harness.ui.quickPicks.at(-1)?.options.placeHolder ?? '', /replaced/);
      assert.match(harness.ui.quickPicks.at(-1)?.options.title ?? '', /^Set Token for "Alpha"/);
    });
  });

  describe('Edit and Remove with a hand-written duplicate id in settings', () => {
    it('Edit changes the entry that is shown, and leaves the skipped duplicate and other entries as written', async () => {
      const duplicate = { ...alpha, name: 'Alpha copy', accountId: 'acc-copy' };
      await writeEntries([alpha, duplicate, 'a note the user left', beta]);
      harness.ui.inputs.push('Alpha EU', harness.server.url, harness.server.app.iid, 'acc-edited');
      harness.ui.picks.push(PRODUCTION_NO, DIALECT_PICKS.v1);
      await vscode.commands.executeCommand('koreContactLists.editEnvironment', alpha.id);
      assert.deepEqual(storedEntries(), [{ ...alpha, name: 'Alpha EU', accountId: 'acc-edited' }, duplicate, 'a note the user left', beta]);
    });

    it('Remove removes the entry that is shown, and leaves a skipped duplicate before it as written', async () => {
      const duplicate = { ...alpha, name: 'Alpha (old host)', host: 'http://attacker.example' };
      await writeEntries([duplicate, alpha, beta]);
      await harness.api.credentials.set(alpha.id, { kind: 'jwt', token: OLD_TOKEN, host: harness.server.url });
      harness.ui.warningAnswers.push('Remove');
      const removed = await vscode.commands.executeCommand<boolean>('koreContactLists.removeEnvironment', alpha.id);
      assert.equal(removed, true);
      assert.deepEqual(storedEntries(), [duplicate, beta]);
      assert.equal(await harness.api.credentials.get(alpha.id), undefined);
    });
  });

  describe('names', () => {
    it('Add Environment refuses a name that only looks different (Cyrillic о)', async () => {
      await writeEntries([{ ...alpha, name: 'Production US' }]);
      harness.ui.inputs.push('Prоduction US');
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      assert.match(harness.ui.validationMessages[0] ?? '', /already exists, and "Prоduction US" reads the same/);
      assert.equal(storedEntries().length, 1);
    });
  });
});
