// Set Token and Clear Token: a JWT pasted or signed from client credentials lives in SecretStorage only, an expired
// one is warned about before use, and a bad one is refused.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { signFakeJwt, verifyFakeJwt } from '../fakeKore/jwt';
import { CLIENT_CREDENTIALS, configuration, SEED_ID, TOKEN, useExtensionHarness, userSettingsText, waitFor } from './harness';
import type { DeleteOutcome } from './harness';

describe('tokens', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  it('Set Token stores the token in SecretStorage and nowhere in settings', async () => {
    const added = await harness.addEnvironment('Secretive');
    await harness.setToken(added.id);
    assert.equal(harness.ui.inputBoxes.at(-1)?.password, true);
    assert.deepEqual(await harness.api.credentials.get(added.id), { kind: 'jwt', token: TOKEN, host: harness.server.url });
    assert.equal(JSON.stringify(configuration().inspect('environments')).includes(TOKEN), false);
    await waitFor('settings written', () => userSettingsText().includes('Secretive'));
    assert.equal(userSettingsText().includes(TOKEN), false);
    const item = harness.api.environmentTree.getTreeItem((await harness.environmentNodes())[0]);
    assert.equal(item.contextValue, 'environment;hasToken');
    assert.equal(harness.ui.shown.some((shown) => shown.message.includes(TOKEN)), false);
  });

  it('Set Token with Client ID and Client Secret signs a fresh HS256 JWT for every request', async () => {
    const added = await harness.addEnvironment('Client credentials');
    harness.ui.picks.push(CLIENT_CREDENTIALS);
    harness.ui.inputs.push(harness.server.app.clientId, harness.server.app.clientSecret);
    await vscode.commands.executeCommand('koreContactLists.setToken', added.id);
    assert.equal(harness.ui.inputBoxes.at(-1)?.password, true, 'the secret is typed in a password box');
    assert.equal((await harness.api.credentials.get(added.id))?.kind, 'client');
    harness.server.requests.length = 0;
    const outcome = await harness.deleteList(added.name, SEED_ID);
    assert.equal(outcome.status, 'deleted');
    const tokens = harness.server.requests.map((request) => String(request.headers.auth));
    assert.equal(tokens.length, 2);
    assert.notEqual(tokens[0], tokens[1], 'each request has its own token');
    for (const token of tokens) {
      const check = verifyFakeJwt(token, harness.server.app.clientSecret, harness.server.app.clientId, Math.floor(Date.now() / 1000));
      assert.ok(check.ok, 'the fake server verifies it with the app secret');
      assert.equal(typeof check.payload.jti, 'string');
      assert.equal(Number(check.payload.exp) - Number(check.payload.iat), 300);
    }
    assert.equal(userSettingsText().includes(harness.server.app.clientSecret), false);
  });

  it('refuses a pasted token that is not a JWT, and warns before using an expired one', async () => {
    const added = await harness.addEnvironment('Expiring');
    await harness.setToken(added.id, 'not-a-jwt');
    assert.match(harness.ui.validationMessages.at(-1) ?? '', /not a JWT|three/);
    const expired = signFakeJwt({ appId: harness.server.app.clientId, sub: 'x', iat: 1_600_000_000, exp: 1_600_000_300 }, harness.server.app.clientSecret);
    await harness.setToken(added.id, expired);
    const item = harness.api.environmentTree.getTreeItem((await harness.environmentNodes())[0]);
    assert.match((item.tooltip as vscode.MarkdownString).value, /expired/);
    assert.match(String(item.description), /token expired/);
    harness.server.requests.length = 0;
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', added.name, SEED_ID);
    assert.equal(outcome?.status, 'notSent');
    assert.match(harness.ui.last('warning')?.message ?? '', /token of "Expiring" expired/);
    assert.deepEqual(harness.ui.last('warning')?.actions, ['Set Token']);
    assert.equal(harness.server.requests.length, 0);
  });

  it('Clear Token removes it; from the palette it asks which, even with an active environment', async () => {
    const added = await harness.addEnvironment('Clearable');
    await harness.setToken(added.id);
    await vscode.commands.executeCommand('koreContactLists.clearToken', added.name);
    assert.equal(await harness.api.credentials.get(added.id), undefined);
    const other = await harness.addEnvironment('Other');
    await harness.setToken(other.id);
    await harness.setToken(added.id);
    harness.ui.picks.push('Other');
    await vscode.commands.executeCommand('koreContactLists.switchEnvironment');
    harness.ui.picks.push('Clearable');
    await vscode.commands.executeCommand('koreContactLists.clearToken');
    assert.equal(await harness.api.credentials.get(added.id), undefined, 'the picked one was cleared');
    assert.ok(await harness.api.credentials.get(other.id), 'the active one was not');
    harness.ui.picks.push('Clearable');
    await vscode.commands.executeCommand('koreContactLists.clearToken');
    assert.match(harness.ui.last('info')?.message ?? '', /No token is set for "Clearable": there is nothing to clear/);
  });

  it('refuses a token with a line break', async () => {
    const added = await harness.addEnvironment('Strict');
    await harness.setToken(added.id, 'abc\ndef');
    assert.match(harness.ui.validationMessages[0], /line breaks/);
    assert.equal(await harness.api.credentials.get(added.id), undefined);
  });
});
