// The extension inside a real VS Code extension host, talking HTTP to the fake Kore server.
// Prompts are scripted (ScriptedUserInterface); everything else is the real thing: settings, secrets,
// the tree provider, the content provider, editors, progress.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KoreContactListsApi } from '../../src/extension';
import type { DeleteOutcome } from '../../src/vscode/deleteContactListCommand';
import type { EnvironmentNode, TreeNode } from '../../src/vscode/environmentTree';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { DEFAULT_APP } from '../fakeKore/seedData';
import { HOSTILE_WORKSPACE_ENVIRONMENT } from '../host/extensionTestWorkspace';
import { ScriptedUserInterface } from './scriptedUserInterface';

const EXTENSION_ID = 'kore-contact-lists.kore-contact-lists';
const SEED_ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const TOKEN = 'ext-host-test-token-7f3a9c2e51d84b06';

interface StoredEnvironment {
  id: string;
  name: string;
  host: string;
  iid: string;
  accountId: string;
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
  async function addEnvironment(name: string, host = server.url, iid = server.app.iid, accountId = server.app.accountId): Promise<StoredEnvironment> {
    ui.inputs.push(name, host, iid, accountId);
    await vscode.commands.executeCommand('koreContactLists.addEnvironment');
    const added = storedEnvironments().find((environment) => environment.name === name);
    assert.ok(added, `environment ${name} was written to user settings`);
    return added;
  }

  async function setToken(environmentId: string, token = TOKEN): Promise<void> {
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
    server = await FakeKoreServer.start({ apps: [{ ...DEFAULT_APP, staticTokens: [TOKEN] }] });
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
      const nodes = await environmentNodes();
      await vscode.commands.executeCommand('koreContactLists.editEnvironment', nodes[0]);
      assert.deepEqual(storedEnvironments(), [{ ...added, name: 'Staging EU', accountId: 'acc-edited' }]);
      assert.equal((await environmentNodes())[0].environment.name, 'Staging EU');
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
      assert.equal((await api.credentials.get(added.id))?.token, TOKEN);
      assert.equal(JSON.stringify(configuration().inspect('environments')).includes(TOKEN), false);
      await waitFor('settings written', () => userSettingsText().includes('Secretive'));
      assert.equal(userSettingsText().includes(TOKEN), false);
      const item = api.environmentTree.getTreeItem((await environmentNodes())[0]);
      assert.equal(item.contextValue, 'environment;hasToken');
      assert.equal(ui.shown.some((shown) => shown.message.includes(TOKEN)), false);
    });

    it('Clear Token removes it', async () => {
      const added = await addEnvironment('Clearable');
      await setToken(added.id);
      await vscode.commands.executeCommand('koreContactLists.clearToken', added.name);
      assert.equal(await api.credentials.get(added.id), undefined);
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
      assert.match(confirmation.message, new RegExp(`Delete contact list ${SEED_ID} from "Local sandbox"`));
      assert.match(confirmation.detail ?? '', new RegExp(`Host: ${server.url.replace(/[.]/g, '\\.')}`));
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

    it('sends exactly the documented method, path and headers', async () => {
      await deleteList(environment.name, SEED_ID);
      assert.equal(server.requests.length, 1);
      const [request] = server.requests;
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
      assert.equal(server.requests.length, 1);
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
      assert.equal(server.requests.length, 0);
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

    it('reports 401 with Show Response and Set Token, and Show Response opens the server answer', async () => {
      await api.credentials.set(environment.id, { kind: 'jwt', token: 'wrong-token-0123456789', host: environment.host });
      ui.errorAnswers.push('Show Response');
      const outcome = await deleteList(environment.name, SEED_ID);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.httpStatus, 401);
      const error = ui.last('error');
      assert.match(error?.message ?? '', /rejected the token for Local sandbox.*HTTP 401/);
      assert.deepEqual(error?.actions, ['Show Response', 'Set Token']);
      const editor = await waitFor('the error response', () =>
        vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === outcome.document?.toString()),
      );
      assert.match(editor.document.getText(), /Invalid token/);
      assert.ok(server.lists.has(SEED_ID));
    });

    it('reports 404 for an unknown id', async () => {
      const outcome = await deleteList(environment.name, 'cl-does-not-exist');
      assert.equal(outcome.httpStatus, 404);
      assert.match(ui.last('error')?.message ?? '', /cl-does-not-exist was not found on Local sandbox/);
    });

    it('times out on a server that never answers, saying the outcome is unknown', async () => {
      await configuration().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      server.setFault({ kind: 'hang' });
      const outcome = await deleteList(environment.name, SEED_ID);
      assert.equal(outcome.failure, 'timeout');
      assert.match(ui.last('error')?.message ?? '', /did not answer within 1 s.*unknown/);
      assert.deepEqual(ui.last('error')?.actions, ['Show Details']);
    });

    it('reports a redirect without following it', async () => {
      const other = await FakeKoreServer.start();
      try {
        server.setFault({ kind: 'redirect', location: `${other.url}/elsewhere` });
        const outcome = await deleteList(environment.name, SEED_ID);
        assert.equal(outcome.failure, 'redirect');
        assert.equal(other.requests.length, 0);
      } finally {
        await other.close();
      }
    });

    it('asks before sending a token to a host it was not entered for', async () => {
      await api.credentials.set(environment.id, { kind: 'jwt', token: TOKEN, host: 'https://platform.kore.ai' });
      ui.warningAnswers.push(undefined);
      const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(outcome?.status, 'notSent');
      assert.match(ui.last('warning')?.message ?? '', /was entered for https:\/\/platform\.kore\.ai/);
      assert.equal(server.requests.length, 0);
    });

    it('refuses a second delete of the same list while the first is under way', async () => {
      server.setFault({ kind: 'slow', delayMs: 500 }, 1);
      ui.warningAnswers.push('Delete');
      const first = vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      await waitFor('the first request', () => server.requests.length === 1 || undefined);
      const second = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.name, SEED_ID);
      assert.equal(second?.status, 'notSent');
      assert.match(ui.last('warning')?.message ?? '', /already being deleted/);
      assert.equal((await first)?.status, 'deleted');
      assert.equal(server.requests.length, 1);
    });
  });
});
