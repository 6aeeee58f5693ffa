// The extension inside a real VS Code extension host, talking HTTP to the fake Kore server.
// Prompts are scripted (ScriptedUserInterface); everything else is the real thing: settings, secrets,
// the tree provider, the content provider, editors, progress.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KoreContactListsApi } from '../../src/extension';
import type { DeleteCommandResult as DeleteOutcome } from '../../src/vscode/deletion/deletionResults';
import type { ContactListNode, EnvironmentNode, TreeNode } from '../../src/vscode/environments/environmentTree';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { DEFAULT_APP } from '../fakeKore/seedData';
import { signFakeJwt, verifyFakeJwt } from '../fakeKore/jwt';
import { HOSTILE_WORKSPACE_ENVIRONMENT } from '../host/extensionTestWorkspace';
import { ScriptedUserInterface } from './scriptedUserInterface';

const EXTENSION_ID = 'kore-contact-lists.kore-contact-lists';
const SEED_ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
/** A real JWT for the fake app: recognisable by its signature, so the leak scans can look for it. */
const TOKEN = signFakeJwt({ appId: DEFAULT_APP.clientId, sub: 'ext-host-leak-canary', iat: Math.floor(Date.now() / 1000) }, DEFAULT_APP.clientSecret);
const PASTE_JWT = 'Paste a JWT';
const CLIENT_CREDENTIALS = 'Enter Client ID and Client Secret';
const PRODUCTION_NO = 'No: a test or sandbox environment';
const CUSTOM_HOST = 'Custom host (on-premises)…';
const PRODUCTION_YES = 'Yes: production (deleting asks you to type the id)';

interface StoredEnvironment {
  id: string;
  name: string;
  host: string;
  iid: string;
  accountId: string;
  production?: boolean;
}

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('koreContactLists');
}

function storedEnvironments(): StoredEnvironment[] {
  return configuration().inspect<StoredEnvironment[]>('environments')?.globalValue ?? [];
}

function userSettingsText(): string {
  const dir = process.env.KORE_TEST_USER_DATA_DIR;
  assert.ok(dir, 'the launcher passes KORE_TEST_USER_DATA_DIR');
  const file = path.join(dir, 'User', 'settings.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Kore.ai Contact Lists in the extension host', function () {
  this.timeout(30_000);
  let api: KoreContactListsApi;
  let server: FakeKoreServer;
  let ui: ScriptedUserInterface;
  let restoreUi: () => void;

  async function environmentNodes(): Promise<EnvironmentNode[]> {
    const nodes: TreeNode[] = await api.environmentTree.getChildren();
    return nodes.filter((node): node is EnvironmentNode => 'environment' in node);
  }

  /** Adds an environment through the command, as a user would answer its four prompts. */
  async function addEnvironment(name: string, host = server.url, iid = server.app.iid, accountId = server.app.accountId, production = false): Promise<StoredEnvironment> {
    ui.inputs.push(name, host, iid, accountId);
    ui.picks.push(CUSTOM_HOST, production ? PRODUCTION_YES : PRODUCTION_NO);
    await vscode.commands.executeCommand('koreContactLists.addEnvironment');
    const added = storedEnvironments().find((environment) => environment.name === name);
    assert.ok(added, `environment ${name} was written to user settings`);
    return added;
  }

  async function setToken(environmentId: string, token = TOKEN): Promise<void> {
    ui.picks.push(PASTE_JWT);
    ui.inputs.push(token);
    await vscode.commands.executeCommand('koreContactLists.setToken', environmentId);
  }

  async function deleteList(environment: string, id: string, confirm = true): Promise<DeleteOutcome> {
    if (confirm) ui.warningAnswers.push('Delete');
    else ui.warningAnswers.push(undefined);
    const outcome = await vscode.commands.executeCommand<DeleteOutcome | undefined>('koreContactLists.deleteContactList', environment, id);
    assert.ok(outcome, 'the command returns its outcome');
    return outcome;
  }

  before(async () => {
    const extension = vscode.extensions.getExtension<KoreContactListsApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
    api = await extension.activate();
    server = await FakeKoreServer.start();
  });

  after(async () => {
    restoreUi?.();
    await server?.close();
  });

  beforeEach(async () => {
    ui = new ScriptedUserInterface();
    restoreUi = api.useUserInterface(ui);
    for (const environment of storedEnvironments()) await api.credentials.delete(environment.id);
    await configuration().update('environments', undefined, vscode.ConfigurationTarget.Global);
    await configuration().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    server.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(() => restoreUi());

  describe('activation and contributions', () => {
    it('activates without errors', () => {
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    });

    it('registers every contributed command', async () => {
      const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string }> } })
        .contributes.commands.map((command) => command.command);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.ok(contributed.length >= 7);
      for (const command of contributed) assert.ok(registered.has(command), `${command} is registered`);
    });
  });

  describe('environments', () => {
    it('Add Environment writes user settings with a generated id and a normalised host, and the tree shows it', async () => {
      ui.inputs.push('Local sandbox', `${server.url}/`, ` ${server.app.iid} `, server.app.accountId);
      ui.picks.push(CUSTOM_HOST, PRODUCTION_NO);
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      const [stored] = storedEnvironments();
      assert.match(stored.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual({ ...stored, id: undefined }, { id: undefined, name: 'Local sandbox', host: server.url, iid: server.app.iid, accountId: server.app.accountId });
      const nodes = await environmentNodes();
      assert.deepEqual(nodes.map((node) => node.environment.name), ['Local sandbox']);
      const item = api.environmentTree.getTreeItem(nodes[0]);
      assert.equal(item.label, 'Local sandbox');
      assert.equal(item.description, server.url);
      assert.equal(item.contextValue, 'environment;noToken');
      assert.match((item.tooltip as vscode.MarkdownString).value, /not set/);
      assert.ok(ui.inputBoxes[0].prompt?.startsWith('Environment name'));
      assert.ok(ui.inputBoxes[1].prompt?.startsWith('Host'));
      assert.ok(ui.inputBoxes[2].prompt?.startsWith('App ID (IID)'));
      assert.ok(ui.inputBoxes[3].prompt?.startsWith('Account ID'));
    });

    it('Add Environment validates as the user types and saves nothing when a prompt is refused', async () => {
      ui.inputs.push('Prod', 'http://platform.kore.ai');
      ui.picks.push(CUSTOM_HOST);
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      assert.match(ui.validationMessages[0], /plain http is only allowed/);
      assert.deepEqual(storedEnvironments(), []);
      await addEnvironment('Prod');
      ui.inputs.push('PROD');
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      assert.match(ui.validationMessages[1], /already exists/);
      assert.equal(storedEnvironments().length, 1);
    });

    it('Edit Environment updates the entry in place and the tree follows', async () => {
      const added = await addEnvironment('Staging');
      ui.inputs.push('Staging EU', server.url, server.app.iid, 'acc-edited');
      ui.picks.push(PRODUCTION_YES);
      const nodes = await environmentNodes();
      await vscode.commands.executeCommand('koreContactLists.editEnvironment', nodes[0]);
      assert.deepEqual(storedEnvironments(), [{ ...added, name: 'Staging EU', accountId: 'acc-edited', production: true }]);
      const [edited] = await environmentNodes();
      assert.equal(edited.environment.name, 'Staging EU');
      const item = api.environmentTree.getTreeItem(edited);
      assert.match(String(item.description), /^production · /);
      assert.equal(item.contextValue, 'environment;noToken;production');
    });

    it('Remove Environment asks, then removes the entry and its token', async () => {
      const added = await addEnvironment('Temporary');
      await setToken(added.id);
      ui.warningAnswers.push('Remove');
      await vscode.commands.executeCommand('koreContactLists.removeEnvironment', 'Temporary');
      assert.equal(ui.last('warning')?.modal, true);
      assert.deepEqual(storedEnvironments(), []);
      assert.equal(await api.credentials.get(added.id), undefined);
      assert.deepEqual(await environmentNodes(), []);
    });

    it('ignores environments in workspace settings', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the suite runs with the test workspace open');
      const workspaceSettings = fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8');
      assert.ok(workspaceSettings.includes(HOSTILE_WORKSPACE_ENVIRONMENT.host), 'the workspace tries to add an environment');
      await addEnvironment('Mine');
      const names = (await environmentNodes()).map((node) => node.environment.name);
      assert.deepEqual(names, ['Mine']);
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', HOSTILE_WORKSPACE_ENVIRONMENT.id, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      assert.match(ui.last('error')?.message ?? '', /No Kore.ai environment has the id or name "workspace-env"/);
    });

    it('follows hand edits of settings.json', async () => {
      let fired = 0;
      const subscription = api.environmentTree.onDidChangeTreeData(() => fired++);
      try {
        await configuration().update(
          'environments',
          [{ id: 'hand-made', name: 'By hand', host: 'https://de-platform.kore.ai', iid: 'st-x', accountId: 'acc' }],
          vscode.ConfigurationTarget.Global,
        );
        await waitFor('a tree refresh', () => fired > 0);
        assert.deepEqual((await environmentNodes()).map((node) => node.environment.host), ['https://de-platform.kore.ai']);
        // A typo made by hand is shown, not silently dropped.
        await configuration().update(
          'environments',
          [
            { id: 'hand-made', name: 'By hand', host: 'https://de-platform.kore.ai', iid: 'st-x', accountId: 'acc' },
            { id: 'typo', name: 'Typo', host: 'platform.kore.ai/api', iid: 'st-y', accountId: 'acc' },
          ],
          vscode.ConfigurationTarget.Global,
        );
        const nodes = await api.environmentTree.getChildren();
        assert.equal(nodes.length, 2);
        const problem = api.environmentTree.getTreeItem(nodes[1]);
        assert.equal(problem.label, '1 environment in settings was skipped');
        assert.match((problem.tooltip as vscode.MarkdownString).value, /Typo.*field "host"/);
        assert.equal(problem.command?.command, 'workbench.action.openSettingsJson');
      } finally {
        subscription.dispose();
      }
    });
  });

  describe('tokens', () => {
    it('Set Token stores the token in SecretStorage and nowhere in settings', async () => {
      const added = await addEnvironment('Secretive');
      await setToken(added.id);
      assert.equal(ui.inputBoxes.at(-1)?.password, true);
      assert.deepEqual(await api.credentials.get(added.id), { kind: 'jwt', token: TOKEN, host: server.url });
      assert.equal(JSON.stringify(configuration().inspect('environments')).includes(TOKEN), false);
      await waitFor('settings written', () => userSettingsText().includes('Secretive'));
      assert.equal(userSettingsText().includes(TOKEN), false);
      const item = api.environmentTree.getTreeItem((await environmentNodes())[0]);
      assert.equal(item.contextValue, 'environment;hasToken');
      assert.equal(ui.shown.some((shown) => shown.message.includes(TOKEN)), false);
    });

    it('Set Token with Client ID and Client Secret signs a fresh HS256 JWT for every request', async () => {
      const added = await addEnvironment('Client credentials');
      ui.picks.push(CLIENT_CREDENTIALS);
      ui.inputs.push(server.app.clientId, server.app.clientSecret);
      await vscode.commands.executeCommand('koreContactLists.setToken', added.id);
      assert.equal(ui.inputBoxes.at(-1)?.password, true, 'the secret is typed in a password box');
      assert.equal((await api.credentials.get(added.id))?.kind, 'client');
      server.requests.length = 0;
      const outcome = await deleteList(added.name, SEED_ID);
      assert.equal(outcome.status, 'deleted');
      const tokens = server.requests.map((request) => String(request.headers.auth));
      assert.equal(tokens.length, 2);
      assert.notEqual(tokens[0], tokens[1], 'each request has its own token');
      for (const token of tokens) {
        const check = verifyFakeJwt(token, server.app.clientSecret, server.app.clientId, Math.floor(Date.now() / 1000));
        assert.ok(check.ok, 'the fake server verifies it with the app secret');
        assert.equal(typeof check.payload.jti, 'string');
        assert.equal(Number(check.payload.exp) - Number(check.payload.iat), 300);
      }
      assert.equal(userSettingsText().includes(server.app.clientSecret), false);
    });

    it('refuses a pasted token that is not a JWT, and warns before using an expired one', async () => {
      const added = await addEnvironment('Expiring');
      await setToken(added.id, 'not-a-jwt');
      assert.match(ui.validationMessages.at(-1) ?? '', /not a JWT|three/);
      const expired = signFakeJwt({ appId: server.app.clientId, sub: 'x', iat: 1_600_000_000, exp: 1_600_000_300 }, server.app.clientSecret);
      await setToken(added.id, expired);
      const item = api.environmentTree.getTreeItem((await environmentNodes())[0]);
      assert.match((item.tooltip as vscode.MarkdownString).value, /expired/);
      assert.match(String(item.description), /token expired/);
      server.requests.length = 0;
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', added.name, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      assert.match(ui.last('warning')?.message ?? '', /token of "Expiring" expired/);
      assert.deepEqual(ui.last('warning')?.actions, ['Set Token']);
      assert.equal(server.requests.length, 0);
    });

    it('Clear Token removes it; from the palette it asks which, even with an active environment', async () => {
      const added = await addEnvironment('Clearable');
      await setToken(added.id);
      await vscode.commands.executeCommand('koreContactLists.clearToken', added.name);
      assert.equal(await api.credentials.get(added.id), undefined);
      const other = await addEnvironment('Other');
      await setToken(other.id);
      await setToken(added.id);
      ui.picks.push('Other');
      await vscode.commands.executeCommand('koreContactLists.switchEnvironment');
      ui.picks.push('Clearable');
      await vscode.commands.executeCommand('koreContactLists.clearToken');
      assert.equal(await api.credentials.get(added.id), undefined, 'the picked one was cleared');
      assert.ok(await api.credentials.get(other.id), 'the active one was not');
      ui.picks.push('Clearable');
      await vscode.commands.executeCommand('koreContactLists.clearToken');
      assert.match(ui.last('info')?.message ?? '', /No token is set for "Clearable": there is nothing to clear/);
    });

    it('refuses a token with a line break', async () => {
      const added = await addEnvironment('Strict');
      await setToken(added.id, 'abc\ndef');
      assert.match(ui.validationMessages[0], /line breaks/);
      assert.equal(await api.credentials.get(added.id), undefined);
    });
  });

  describe('Delete Contact List', () => {
    let environment: StoredEnvironment;
    beforeEach(async () => {
      environment = await addEnvironment('Local sandbox');
      await setToken(environment.id);
      server.requests.length = 0;
    });

    it('deletes, opening the answer in a read-only JSON document equal to what the server sent', async () => {
      const expected = { status: 'success', message: 'Contact list Renewal Due - August 2025 deleted successfully', data: server.lists.get(SEED_ID) };
      const outcome = await deleteList(environment.name, SEED_ID);
      assert.equal(outcome.status, 'deleted');
      const confirmation = ui.shown.find((shown) => shown.modal);
      assert.ok(confirmation);
      assert.equal(confirmation.message, 'Delete contact list "Renewal Due - August 2025" from "Local sandbox"?');
      const detail = confirmation.detail ?? '';
      for (const line of [`Contact list: ${SEED_ID}`, 'Records: 0', 'Status: Ready · Type: call', 'Not in use by any campaign.', `Host: ${server.url}`, 'This cannot be undone.']) {
        assert.ok(detail.includes(line), `the confirmation says "${line}":\n${detail}`);
      }
      assert.deepEqual(confirmation.actions, ['Delete']);
      const editor = await waitFor('the response editor', () =>
        vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.scheme === 'kore-response'),
      );
      const document = editor.document;
      assert.equal(document.uri.toString(), outcome.document?.toString());
      assert.ok(document.uri.path.endsWith(`/Local sandbox/${SEED_ID}.json`), document.uri.path);
      assert.equal(document.languageId, 'json');
      assert.deepEqual(JSON.parse(document.getText()), JSON.parse(JSON.stringify(expected)));
      // Typing into the focused editor is what a person does; a read-only editor ignores it.
      // First the control: the same typing does reach an ordinary editor.
      const scratch = await vscode.workspace.openTextDocument({ language: 'json', content: '' });
      await vscode.window.showTextDocument(scratch);
      await vscode.commands.executeCommand('type', { text: 'typed' });
      assert.equal(scratch.getText(), 'typed', 'the type command reaches a writable editor');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('type', { text: 'tampered' });
      assert.equal(document.getText().includes('tampered'), false, 'the response editor refuses typing');
      assert.equal(document.isDirty, false);
      assert.match(ui.last('info')?.message ?? '', /deleted successfully/);
    });

    it('looks the list up, then sends exactly the documented method, path and headers', async () => {
      await deleteList(environment.name, SEED_ID);
      assert.deepEqual(server.requests.map((request) => request.method), ['GET', 'DELETE']);
      assert.equal(server.requests[0].path, server.requests[1].path);
      const request = server.requests[1];
      assert.equal(request.method, 'DELETE');
      assert.equal(request.path, `/agentassist/api/v1/public/${server.app.iid}/campaign/contactList/${SEED_ID}`);
      assert.equal(request.headers.auth, TOKEN);
      assert.equal(request.headers.iid, server.app.iid);
      assert.equal(request.headers.accountid, server.app.accountId);
      assert.equal(request.headers['content-type'], 'application/json');
    });

    it('asks for the id and the environment when run from the palette', async () => {
      await addEnvironment('Second');
      ui.picks.push('Local sandbox');
      ui.inputs.push(`  ${SEED_ID} `);
      ui.warningAnswers.push('Delete');
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList');
      assert.equal(outcome?.status, 'deleted');
      assert.equal(server.requests.filter((request) => request.method === 'DELETE').length, 1);
    });

    it('takes a keybinding\'s args, as an array or an object', async () => {
      ui.warningAnswers.push('Delete');
      const fromArray = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', ['Local sandbox', SEED_ID]);
      assert.equal(fromArray?.status, 'deleted');
      ui.warningAnswers.push('Delete');
      const fromObject = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', {
        environment: environment.id,
        contactListId: 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002',
      });
      assert.equal(fromObject?.status, 'deleted');
      assert.equal(ui.inputBoxes.filter((box) => box.prompt?.startsWith('Contact list id')).length, 0);
    });

    it('works from a tree item', async () => {
      const [node] = await environmentNodes();
      ui.inputs.push(SEED_ID);
      ui.warningAnswers.push('Delete');
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', node);
      assert.equal(outcome?.status, 'deleted');
    });

    it('sends nothing when the confirmation is cancelled', async () => {
      const outcome = await deleteList(environment.name, SEED_ID, false);
      assert.equal(outcome.status, 'notSent');
      assert.deepEqual(server.requests.map((request) => request.method), ['GET'], 'only the look-up was sent');
      assert.ok(server.lists.has(SEED_ID));
    });

    it('sends nothing without a token, and offers Set Token', async () => {
      await api.credentials.delete(environment.id);
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      assert.match(ui.last('warning')?.message ?? '', /No token is set for environment "Local sandbox"/);
      assert.deepEqual(ui.last('warning')?.actions, ['Set Token']);
      assert.equal(server.requests.length, 0);
    });

    it('refuses an invalid id argument before sending anything', async () => {
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, '../../x');
      assert.equal(outcome?.status, 'notSent');
      assert.match(ui.last('error')?.message ?? '', /must not contain "\/"/);
      assert.equal(server.requests.length, 0);
    });

    it('stops at a 401 with Show Response and Set Token, and Show Response opens the server answer', async () => {
      await api.credentials.set(environment.id, { kind: 'jwt', token: 'wrong-token-0123456789', host: environment.host });
      ui.errorAnswers.push('Show Response');
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      assert.equal(outcome?.httpStatus, 401);
      const error = ui.last('error');
      assert.match(error?.message ?? '', /rejected the token for Local sandbox.*HTTP 401.*Nothing was deleted/);
      assert.deepEqual(error?.actions, ['Show Response', 'Set Token']);
      const editor = await waitFor('the error response', () =>
        vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === outcome?.document?.toString()),
      );
      assert.match(editor.document.getText(), /Invalid token/);
      assert.deepEqual(server.requests.map((request) => request.method), ['GET']);
      assert.ok(server.lists.has(SEED_ID));
    });

    it('says so for an unknown id and sends no DELETE', async () => {
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, 'cl-does-not-exist');
      assert.equal(outcome?.httpStatus, 404);
      assert.match(ui.last('error')?.message ?? '', /cl-does-not-exist was not found on Local sandbox .*nothing was deleted/);
      assert.deepEqual(server.requests.map((request) => request.method), ['GET']);
    });

    it('reports a 401 on the DELETE itself', async () => {
      server.setFault({ kind: 'status', status: 401, body: JSON.stringify({ errors: [{ msg: 'Token revoked', code: 401 }] }) }, 1, 'DELETE');
      const outcome = await deleteList(environment.name, SEED_ID);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.httpStatus, 401);
      assert.match(ui.last('error')?.message ?? '', /rejected the token.*"Token revoked"/);
    });

    it('says the list is in use in the confirmation', async () => {
      const inUse = 'cl-9e3a4f2-1c6b-4d8e-a7f0-6b2c9d1e0003';
      await deleteList(environment.name, inUse, false);
      const confirmation = ui.shown.find((shown) => shown.modal);
      assert.match(confirmation?.detail ?? '', /IN USE by 1 campaign\(s\): cmp-2f0c7e1-9a4b-4c2d-8e6f-1a3b5c7d0001/);
      assert.match(confirmation?.detail ?? '', /Records: 342/);
    });

    it('offers to go on without details when the look-up fails, and sends nothing if declined', async () => {
      server.setFault({ kind: 'html', status: 503 }, 1, 'GET');
      ui.warningAnswers.push(undefined);
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      const warning = ui.last('warning');
      assert.match(warning?.message ?? '', /Could not look up contact list .* \(HTTP 503\)/);
      assert.deepEqual(warning?.actions, ['Delete Without Details']);
      assert.deepEqual(server.requests.map((request) => request.method), ['GET']);
      server.setFault({ kind: 'html', status: 503 }, 1, 'GET');
      ui.warningAnswers.push('Delete Without Details', 'Delete');
      const second = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(second?.status, 'deleted');
      assert.match(ui.shown.filter((shown) => shown.modal).at(-1)?.detail ?? '', /could not be looked up/);
    });

    it('times out on a DELETE that never answers, says the outcome is unknown, and Check Status finds out', async () => {
      await configuration().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      server.setFault({ kind: 'hang' }, 1, 'DELETE');
      ui.errorAnswers.push('Check Status');
      const outcome = await deleteList(environment.name, SEED_ID);
      assert.equal(outcome.status, 'unknown');
      assert.equal(outcome.failure, 'timeout');
      const error = ui.shown.find((shown) => shown.kind === 'error');
      assert.match(error?.message ?? '', /did not answer within 1 s.*unknown/);
      assert.deepEqual(error?.actions, ['Check Status', 'Show Details']);
      await waitFor('the status check', () => server.requests.filter((request) => request.method === 'GET').length === 2 || undefined);
      const info = await waitFor('the status message', () => ui.shown.find((shown) => shown.kind === 'info' && /still exists/.test(shown.message)));
      assert.match(info.message, /still exists on Local sandbox\. A request that was cancelled or timed out may still be processed/);
    });

    it('reports a redirect without following it', async () => {
      const other = await FakeKoreServer.start();
      try {
        server.setFault({ kind: 'redirect', location: `${other.url}/elsewhere` }, 1, 'DELETE');
        const outcome = await deleteList(environment.name, SEED_ID);
        assert.equal(outcome.failure, 'redirect');
        assert.equal(other.requests.length, 0);
      } finally {
        await other.close();
      }
    });

    it('asks a production environment\'s user to type the id, and sends nothing on a wrong answer', async () => {
      const production = await addEnvironment('Production US', server.url, server.app.iid, server.app.accountId, true);
      await setToken(production.id);
      ui.warningAnswers.push('Delete…');
      ui.inputs.push('cl-something-else');
      const refused = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', production.name, SEED_ID);
      assert.equal(refused?.status, 'notSent');
      assert.match(ui.validationMessages.at(-1) ?? '', new RegExp(`Type exactly ${SEED_ID}`));
      assert.match(ui.shown.filter((shown) => shown.modal).at(-1)?.message ?? '', /from PRODUCTION environment "Production US"/);
      assert.equal(server.requests.filter((request) => request.method === 'DELETE').length, 0);
      ui.warningAnswers.push('Delete…');
      ui.inputs.push(SEED_ID);
      const deleted = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', production.name, SEED_ID);
      assert.equal(deleted?.status, 'deleted');
    });

    it('asks before sending a token to a host it was not entered for', async () => {
      await api.credentials.set(environment.id, { kind: 'jwt', token: TOKEN, host: 'https://platform.kore.ai' });
      ui.warningAnswers.push(undefined);
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      assert.match(ui.last('warning')?.message ?? '', /was entered for https:\/\/platform\.kore\.ai/);
      assert.equal(server.requests.length, 0, 'the token went nowhere');
    });

    it('refuses a second delete of the same list while the first is under way', async () => {
      server.setFault({ kind: 'slow', delayMs: 500 }, 1, 'DELETE');
      ui.warningAnswers.push('Delete');
      const first = vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      await waitFor('the first DELETE', () => server.requests.some((request) => request.method === 'DELETE') || undefined);
      const second = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(second?.status, 'notSent');
      assert.match(ui.last('warning')?.message ?? '', /already being deleted/);
      assert.equal((await first)?.status, 'deleted');
      assert.equal(server.requests.filter((request) => request.method === 'DELETE').length, 1);
    });
  });

  describe('History and the audit trail', () => {
    let environment: StoredEnvironment;
    beforeEach(async () => {
      await api.audit.clear();
      environment = await addEnvironment('Audited');
      await setToken(environment.id);
    });

    it('records each DELETE with the full response and never the token', async () => {
      await deleteList(environment.name, SEED_ID);
      const { entries, damagedLines } = await api.audit.read();
      assert.equal(damagedLines, 0);
      assert.equal(entries.length, 1);
      const [entry] = entries;
      assert.equal(entry.outcome, 'deleted');
      assert.equal(entry.contactListId, SEED_ID);
      assert.equal(entry.contactListName, 'Renewal Due - August 2025');
      assert.equal(entry.httpStatus, 200);
      assert.deepEqual(entry.environment, { name: 'Audited', host: server.url, iid: server.app.iid, accountId: server.app.accountId });
      assert.equal((entry.response as { data: { _id: string } }).data._id, SEED_ID, 'the deleted record survives in the trail');
      assert.ok(Date.parse(entry.time) > Date.now() - 60_000);
      assert.equal(fs.readFileSync(api.audit.file, 'utf8').includes(TOKEN), false);
    });

    it('lists attempts newest first, each reopening its response read-only', async () => {
      await deleteList(environment.name, SEED_ID);
      server.setFault({ kind: 'status', status: 409, body: JSON.stringify({ status: 'failure', message: 'List is attached to a running campaign' }) }, 1, 'DELETE');
      await deleteList(environment.name, 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002');
      const nodes = await api.history.getChildren();
      assert.equal(nodes.length, 2);
      const [newest, oldest] = nodes.map((node) => api.history.getTreeItem(node));
      assert.equal(newest.label, 'Renewal Due - September 2025');
      assert.match(String(newest.description), /^Audited · /);
      assert.equal((newest.iconPath as vscode.ThemeIcon).id, 'error');
      assert.equal(oldest.label, 'Renewal Due - August 2025');
      assert.equal((oldest.iconPath as vscode.ThemeIcon).id, 'pass');
      assert.equal(newest.command?.command, 'koreContactLists.openHistoryEntry');
      const uri = await vscode.commands.executeCommand<vscode.Uri>('koreContactLists.openHistoryEntry', (newest.command?.arguments as unknown[] | undefined)?.[0]);
      const document = await waitFor('the history response', () => vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString()));
      assert.equal(document.uri.scheme, 'kore-response');
      assert.match(document.getText(), /List is attached to a running campaign/);
    });

    it('exports the history as JSON and clears it after confirmation', async () => {
      await deleteList(environment.name, SEED_ID);
      const target = vscode.Uri.file(path.join(path.dirname(api.audit.file), 'export-test.json'));
      ui.saveTarget = target;
      await vscode.commands.executeCommand('koreContactLists.exportHistory');
      const exported = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as Array<{ contactListId: string }>;
      assert.deepEqual(exported.map((entry) => entry.contactListId), [SEED_ID]);
      fs.rmSync(target.fsPath);
      ui.warningAnswers.push(undefined);
      await vscode.commands.executeCommand('koreContactLists.clearHistory');
      assert.equal((await api.audit.read()).entries.length, 1, 'dismissing the confirmation keeps the history');
      ui.warningAnswers.push('Clear History');
      await vscode.commands.executeCommand('koreContactLists.clearHistory');
      assert.equal((await api.audit.read()).entries.length, 0);
    });

    it('skips a damaged line with a warning item and keeps the rest', async () => {
      await deleteList(environment.name, SEED_ID);
      fs.appendFileSync(api.audit.file, '{"time": "2026-01-01T00:00:00Z", "truncat\n');
      const nodes = await api.history.getChildren();
      assert.equal(nodes.length, 2);
      assert.match(api.history.getTreeItem(nodes[0]).label as string, /1 damaged line\(s\) in the audit trail were skipped/);
      assert.equal(api.history.getTreeItem(nodes[1]).label, 'Renewal Due - August 2025');
    });
  });

  describe('regions, the status bar, import and export, test connection', () => {
    it('Add Environment starts with a region pick', async () => {
      ui.inputs.push('Frankfurt', server.app.iid, server.app.accountId);
      ui.picks.push('Germany', PRODUCTION_NO);
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      assert.equal(storedEnvironments()[0].host, 'https://de-platform.kore.ai');
    });

    it('shows the active environment in the status bar, in the warning colour for production, and switches', async () => {
      const sandbox = await addEnvironment('Sandbox');
      const production = await addEnvironment('Production US', server.url, server.app.iid, server.app.accountId, true);
      ui.picks.push('Production US');
      await vscode.commands.executeCommand('koreContactLists.switchEnvironment');
      assert.equal(api.activeEnvironment.get()?.id, production.id);
      assert.match(api.activeEnvironment.statusBarText ?? '', /Production US/);
      assert.equal(api.activeEnvironment.statusBarIsWarning, true);
      await setToken(sandbox.id);
      await deleteList(sandbox.name, SEED_ID);
      assert.equal(api.activeEnvironment.get()?.id, sandbox.id, 'the environment last used becomes active');
      assert.equal(api.activeEnvironment.statusBarIsWarning, false);
      // Palette commands now use it without asking, even with two environments.
      ui.inputs.push('cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002');
      ui.warningAnswers.push('Delete');
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList');
      assert.equal(outcome?.status, 'deleted');
    });

    it('exports environments without any secret and imports them, reporting each reject', async () => {
      const exported = await addEnvironment('To export');
      await setToken(exported.id);
      const dir = path.dirname(api.audit.file);
      fs.mkdirSync(dir, { recursive: true });
      const file = vscode.Uri.file(path.join(dir, 'environments-test.json'));
      ui.saveTarget = file;
      await vscode.commands.executeCommand('koreContactLists.exportEnvironments');
      const text = fs.readFileSync(file.fsPath, 'utf8');
      assert.equal(text.includes(TOKEN), false);
      const parsed = JSON.parse(text) as { environments: Array<Record<string, unknown>> };
      assert.deepEqual(parsed.environments.map((environment) => environment.name), ['To export']);
      parsed.environments.push({ name: 'Imported', host: 'jp-platform.kore.ai', iid: 'st-imported', accountId: 'acc2' });
      parsed.environments.push({ name: 'Evil', host: 'http://attacker.example', iid: 'st-x', accountId: 'acc3' });
      fs.writeFileSync(file.fsPath, JSON.stringify(parsed));
      ui.openTarget = file;
      const result = await vscode.commands.executeCommand<{ imported: number; rejected: number }>('koreContactLists.importEnvironments');
      fs.rmSync(file.fsPath);
      assert.deepEqual(result, { imported: 1, rejected: 2 }, 'the duplicate name and the http host are rejected');
      assert.deepEqual(storedEnvironments().map((environment) => environment.name), ['To export', 'Imported']);
      assert.equal(storedEnvironments()[1].host, 'https://jp-platform.kore.ai');
      assert.match(ui.last('warning')?.message ?? '', /Imported 1 environment\(s\); 2 rejected/);
    });

    it('Test Connection says whether host, ids and credential work, naming the wrong one', async () => {
      const good = await addEnvironment('Reachable');
      await setToken(good.id);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', good.id), true);
      assert.match(ui.last('info')?.message ?? '', /Connected to "Reachable".*3 contact list\(s\) visible/);
      const wrongAccount = await addEnvironment('Wrong account', server.url, server.app.iid, 'acc-not-mine');
      await setToken(wrongAccount.id);
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', wrongAccount.id), false);
      assert.match(ui.last('error')?.message ?? '', /Access denied .*HTTP 403.*Account ID acc-not-mine/);
      assert.ok(server.requests.every((request) => request.method === 'GET'), 'a read-only call');
    });
  });

  describe('browsing contact lists', () => {
    let environment: StoredEnvironment;
    beforeEach(async () => {
      environment = await addEnvironment('Browsable');
      await setToken(environment.id);
      server.requests.length = 0;
    });

    async function listNodes(): Promise<ContactListNode[]> {
      const [node] = await environmentNodes();
      const children = await api.environmentTree.getChildren(node);
      return children.filter((child): child is ContactListNode => 'list' in child);
    }

    it('lists an environment\'s contact lists with counts, status, in-use marker and the id in the tooltip', async () => {
      const nodes = await listNodes();
      assert.deepEqual(nodes.map((node) => node.list.name), ['Renewal Due - August 2025', 'Renewal Due - September 2025', 'Win-back - Churned Q2 2025']);
      const items = nodes.map((node) => api.environmentTree.getTreeItem(node));
      assert.equal(items[1].description, '1284 records · Ready');
      assert.equal(items[2].description, '342 records · Ready · in use');
      assert.match((items[0].tooltip as vscode.MarkdownString).value, new RegExp(SEED_ID));
      assert.equal(items[0].contextValue, 'contactList');
      assert.equal(items[2].contextValue, 'contactList;inUse');
      assert.equal(server.requests[0].path.endsWith('/campaign/contactList/getAllListDetails'), true);
      assert.equal(server.requests[0].query, '?type=call');
    });

    it('deletes from a list item through the guarded flow; the item disappears', async () => {
      const [first] = await listNodes();
      ui.warningAnswers.push('Delete');
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', first);
      assert.equal(outcome?.status, 'deleted');
      assert.equal(ui.inputBoxes.filter((box) => box.prompt?.startsWith('Contact list id')).length, 0, 'the id is not asked again');
      assert.match(ui.shown.find((shown) => shown.modal)?.message ?? '', /Renewal Due - August 2025/);
      assert.equal((await listNodes()).some((node) => node.list._id === SEED_ID), false);
    });

    it('keeps the item after a failed delete', async () => {
      server.setFault({ kind: 'status', status: 409, body: JSON.stringify({ status: 'failure', message: 'in use' }) }, 1, 'DELETE');
      const [first] = await listNodes();
      ui.warningAnswers.push('Delete');
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', first);
      assert.equal(outcome?.status, 'failed');
      assert.equal((await listNodes()).some((node) => node.list._id === SEED_ID), true);
    });

    it('copies a list\'s id', async () => {
      const [first] = await listNodes();
      await vscode.commands.executeCommand('koreContactLists.copyContactListId', first);
      assert.equal(await vscode.env.clipboard.readText(), SEED_ID);
    });

    it('shows one explaining item with a retry when listing fails, and a Set Token item without a token', async () => {
      server.setFault({ kind: 'html', status: 503 }, 1, 'GET');
      const [node] = await environmentNodes();
      const [failure] = await api.environmentTree.getChildren(node);
      const item = api.environmentTree.getTreeItem(failure);
      assert.match(item.label as string, /Could not list contact lists \(HTTP 503\)/);
      assert.equal(item.command?.command, 'koreContactLists.refresh');
      await api.credentials.delete(environment.id);
      const [withoutToken] = await api.environmentTree.getChildren((await environmentNodes())[0]);
      assert.equal(api.environmentTree.getTreeItem(withoutToken).command?.command, 'koreContactLists.setToken');
    });
  });

  describe('bulk deletion', () => {
    let environment: StoredEnvironment;
    const ids = ['cl-c2ce382-2516-457e-8eb4-9847deec0001', 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002', 'cl-9e3a4f2-1c6b-4d8e-a7f0-6b2c9d1e0003'];
    beforeEach(async () => {
      await api.audit.clear();
      environment = await addEnvironment('Bulk');
      await setToken(environment.id);
      server.requests.length = 0;
    });

    function deletesPerId(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const request of server.requests.filter((candidate) => candidate.method === 'DELETE')) {
        const id = decodeURIComponent(request.path.split('/').pop() ?? '');
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    }

    it('reports duplicates and invalid ids first, confirms once, and ends every id in the report and the audit trail', async () => {
      ui.warningAnswers.push('Continue with 3', 'Delete 3 Lists');
      const text = `${ids[0]}, ${ids[1]}\n${ids[2]} ${ids[0]} bad/id`;
      const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number>; report: vscode.Uri }>('koreContactLists.deleteContactLists', environment.id, undefined, text);
      const [check, confirm] = ui.shown.filter((shown) => shown.modal);
      assert.match(check.message, /3 valid id\(s\)\. 1 invalid id\(s\) will not be sent; 1 duplicate\(s\) were merged/);
      assert.match(confirm.message, /Delete 3 contact lists from "Bulk"\?/);
      assert.match(confirm.detail ?? '', /Paced at 60 requests a minute/);
      assert.deepEqual(outcome?.counts, { succeeded: 3, failed: 0, unknown: 0, notAttempted: 0 });
      assert.deepEqual([...deletesPerId().values()], [1, 1, 1]);
      const report = JSON.parse((await vscode.workspace.openTextDocument(outcome.report)).getText()) as { summary: string };
      assert.equal(report.summary, '3 succeeded, 0 failed, 0 unknown, 0 not attempted');
      assert.equal((await api.audit.read()).entries.length, 3);
      assert.match(ui.last('info')?.message ?? '', /Bulk deletion finished: 3 succeeded/);
    });

    it('reads ids from a CSV file chosen in the open dialog', async () => {
      const file = path.join(path.dirname(api.audit.file), 'lists-to-delete.csv');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `name,contactListId\n"Renewal Due - August 2025",${ids[0]}\n"Renewal Due - September 2025",${ids[1]}\n`);
      ui.openTarget = vscode.Uri.file(file);
      ui.picks.push('From a text or CSV file…');
      ui.warningAnswers.push('Delete 2 Lists');
      const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id);
      fs.rmSync(file);
      assert.deepEqual(outcome?.counts, { succeeded: 2, failed: 0, unknown: 0, notAttempted: 0 });
      assert.deepEqual([...deletesPerId().keys()].sort(), [ids[0], ids[1]].sort());
    });

    it('deletes a multi-selection from the tree', async () => {
      const [node] = await environmentNodes();
      const lists = (await api.environmentTree.getChildren(node)).filter((child): child is ContactListNode => 'list' in child);
      ui.warningAnswers.push('Delete 2 Lists');
      const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', lists[0], [lists[0], lists[2]]);
      assert.equal(outcome?.counts.succeeded, 2);
      assert.deepEqual([...deletesPerId().keys()].sort(), [lists[0].list._id, lists[2].list._id].sort());
    });

    it('stops at a refused token and resumes later without sending a second DELETE for any list already deleted', async () => {
      const more = ['A', 'B', 'C'].map((letter) => server.addList({ name: `Segment ${letter}` })._id);
      const all = [...ids, ...more];
      server.setFault({ kind: 'status', status: 401, body: JSON.stringify({ errors: [{ msg: 'Token revoked', code: 401 }] }) }, 1, 'DELETE', 1);
      ui.warningAnswers.push('Delete 6 Lists');
      const first = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id, undefined, all.join('\n'));
      assert.ok((first?.counts.notAttempted ?? 0) > 0, `some ids were left: ${JSON.stringify(first?.counts)}`);
      assert.equal(first?.counts.failed, 1);
      const deletedBefore = [...deletesPerId().keys()].filter((id) => !server.lists.has(id));
      ui.picks.push('Resume the interrupted run on "Bulk"');
      ui.warningAnswers.push(`Delete ${all.length - deletedBefore.length} Lists`);
      const resumed = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists');
      assert.equal(resumed?.counts.succeeded, all.length, JSON.stringify(resumed?.counts));
      for (const id of deletedBefore) assert.equal(deletesPerId().get(id), 1, `${id} was not sent twice`);
      assert.equal(all.every((id) => !server.lists.has(id)), true);
      // Nothing is left to resume.
      ui.warningAnswers.push(undefined);
      ui.inputs.push(ids[0]);
      ui.picks.push('Paste ids');
      await vscode.commands.executeCommand('koreContactLists.deleteContactLists');
      assert.equal(ui.picks.length, 0, 'no resume question: the next pick was the id source');
    });
  });

  describe('the response editor', () => {
    it('has Copy JSON and Save As', async () => {
      const environment = await addEnvironment('Responses');
      await setToken(environment.id);
      const outcome = await deleteList(environment.name, SEED_ID);
      const document = await vscode.workspace.openTextDocument(outcome.document!);
      await vscode.commands.executeCommand('koreContactLists.copyResponse', outcome.document);
      assert.equal(await vscode.env.clipboard.readText(), document.getText());
      const target = vscode.Uri.file(path.join(path.dirname(api.audit.file), 'saved-response.json'));
      ui.saveTarget = target;
      await vscode.commands.executeCommand('koreContactLists.saveResponseAs', outcome.document);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), document.getText());
      fs.rmSync(target.fsPath);
    });
  });

  describe('bad input is refused before anything is sent', () => {
    const long = 'x'.repeat(300);
    // [field, value, the message the user sees]
    const table: Array<[string, string, RegExp]> = [
      ['name', '', /Enter a name/],
      ['name', '   ', /Enter a name/],
      ['name', long, /too long/],
      ['name', 'Prod\u0007', /control or invisible/],
      ['host', '', /Enter the Kore.ai host/],
      ['host', long, /too long/],
      ['host', 'platform.kore.ai\r\nX: y', /spaces or control/],
      ['host', 'platfоrm.kore.ai', /non-ASCII/],
      ['host', 'platform.kore.ai/../../admin', /without a path/],
      ['host', 'https://platform.kore.ai?next=evil', /without a path, query/],
      ['host', 'http://platform.kore.ai', /plain http is only allowed/],
      ['iid', ' ', /Enter the App ID/],
      ['iid', long, /too long/],
      ['iid', 'st-1/../x', /only letters, digits/],
      ['iid', 'ѕt-1', /only letters, digits/],
      ['accountId', 'acc\u0000', /only letters, digits/],
      ['accountId', 'a?b=c', /only letters, digits/],
    ];
    const steps = ['name', 'host', 'iid', 'accountId'];
    for (const [field, value, message] of table) {
      it(`Add Environment refuses ${field} ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}… (${value.length} chars)` : value)}`, async () => {
        const good = ['Valid name', server.url, server.app.iid, server.app.accountId];
        const step = steps.indexOf(field);
        ui.inputs.push(...good.slice(0, step), value);
        ui.picks.push(CUSTOM_HOST);
        await vscode.commands.executeCommand('koreContactLists.addEnvironment');
        assert.match(ui.validationMessages[0] ?? '', message);
        assert.deepEqual(storedEnvironments(), []);
        assert.equal(server.requests.length, 0);
      });
    }

    const ids: Array<[string, RegExp]> = [
      ['', /Enter the contact list id/],
      ['   ', /Enter the contact list id/],
      ['c'.repeat(129), /too long/],
      ['cl-1\u0000', /spaces or control/],
      ['cl-1\u200b', /spaces or control/],
      ['сl-1', /non-ASCII/],
      ['../../admin', /must not contain "\/"/],
      ['..', /must not contain "\.\."/],
      ['cl-1%2F..', /must not contain "%"/],
      ['https://platform.kore.ai/cl-1', /must not contain "\/"/],
      ['cl-1?force=true', /must not contain "\?"/],
      ['cl-1#x', /must not contain "#"/],
      ['cl-1\\x', /must not contain "\\"/],
    ];
    for (const [value, message] of ids) {
      it(`Delete Contact List refuses the id ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}…` : value)}`, async () => {
        const environment = await addEnvironment('Input checks');
        await setToken(environment.id);
        server.requests.length = 0;
        // From the input box, as typed:
        ui.inputs.push(value);
        const typed = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.id);
        assert.equal(typed?.status, 'notSent');
        assert.match(ui.validationMessages.at(-1) ?? '', message);
        // And as a command argument:
        if (value.trim() !== '') {
          const passed = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.id, value);
          assert.equal(passed?.status, 'notSent');
          assert.match(ui.last('error')?.message ?? '', message);
        }
        assert.equal(server.requests.length, 0, 'the fake server received nothing');
      });
    }

    for (const [value, message] of [['', /Paste the token/], ['abc\ndef', /line breaks/], ['tok en', /spaces/], ['tоken-with-cyrillic', /non-ASCII/], ['t'.repeat(17_000), /too long/]] as Array<[string, RegExp]>) {
      it(`Set Token refuses ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}…` : value)}`, async () => {
        const environment = await addEnvironment('Token checks');
        await setToken(environment.id, value);
        assert.match(ui.validationMessages.at(-1) ?? '', message);
        assert.equal(await api.credentials.get(environment.id), undefined);
      });
    }
  });

  describe('secrets never leak', () => {
    it('the token used throughout is in no document, message, setting, log or audit file', () => {
      const leaks: string[] = [];
      for (const document of vscode.workspace.textDocuments) {
        if (document.getText().includes(TOKEN)) leaks.push(`document ${document.uri.toString()}`);
      }
      if (ui.shown.some((shown) => `${shown.message}${shown.detail ?? ''}`.includes(TOKEN))) leaks.push('a message');
      const userData = process.env.KORE_TEST_USER_DATA_DIR;
      assert.ok(userData);
      const scan = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) scan(file);
          else if (entry.isFile() && fs.statSync(file).size < 50 * 1024 * 1024 && fs.readFileSync(file).includes(TOKEN)) leaks.push(file);
        }
      };
      scan(userData);
      assert.deepEqual(leaks, []);
      const logs = path.join(userData, 'logs');
      assert.ok(fs.existsSync(logs), 'the scan covered the logs, output channels included');
    });

    it('left no unhandled promise rejection in the extension host log', () => {
      const logs = path.join(process.env.KORE_TEST_USER_DATA_DIR ?? '', 'logs');
      const unhandled: string[] = [];
      const scan = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) scan(file);
          else if (/exthost/i.test(file) && file.endsWith('.log')) {
            for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (/rejected promise not handled|unhandled/i.test(line)) unhandled.push(line);
          }
        }
      };
      scan(logs);
      assert.deepEqual(unhandled, []);
    });
  });
});
