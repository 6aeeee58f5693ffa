// What every extension-host test file needs: the extension's test API, a fake Kore server, scripted prompts, and
// a clean slate before each test (no environments, no credentials, no open editors). A file calls
// useExtensionHarness() inside its top-level describe and reads what it needs from the returned object.
// After each passing test the harness fails it if a queued answer, pick or dialog response was left unused.
// The audit trail and globalState outlive a file: a test that counts their entries clears or filters them itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KoreContactListsApi } from '../../src/extension';
import type { DeleteCommandResult as DeleteOutcome } from '../../src/vscode/deletion/deleteContactListCommand';
import type { ContactListNode, EnvironmentNode, TreeNode } from '../../src/vscode/shared/treeNodes';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { DEFAULT_APP } from '../fakeKore/seedData';
import { signFakeJwt } from '../fakeKore/jwt';
import { ScriptedUserInterface } from './scriptedUserInterface';

// The extension's types the feature files need, from one place, so a move in src/ is fixed here once.
export type { ContactListNode, DeleteOutcome, TreeNode };

export const EXTENSION_ID = 'kore-contact-lists.kore-contact-lists';
export const SEED_ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
/** A real JWT for the fake app: recognisable by its signature, so leak scans can look for it. */
export const TOKEN = signFakeJwt({ appId: DEFAULT_APP.clientId, sub: 'ext-host-harness-canary', iat: Math.floor(Date.now() / 1000) }, DEFAULT_APP.clientSecret);
export const PASTE_JWT = 'Paste a JWT';
export const CLIENT_CREDENTIALS = 'Enter Client ID and Client Secret';
export const CUSTOM_HOST = 'Custom host (on-premises)…';
export const PRODUCTION_NO = 'No: a test or sandbox environment';
export const PRODUCTION_YES = 'Yes: production (deleting asks you to type the id)';
/** The label of each API dialect in the last step of Add and Edit Environment. */
export const DIALECT_PICKS = { v1: 'v1', 'v1-legacy': 'v1 legacy', v2: 'v2 (AI for Service)' } as const;
export type Dialect = keyof typeof DIALECT_PICKS;

export interface StoredEnvironment {
  id: string;
  name: string;
  host: string;
  iid: string;
  accountId: string;
  production?: boolean;
  dialect?: Dialect;
}

export function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('koreContactLists');
}

export function storedEnvironments(): StoredEnvironment[] {
  return configuration().inspect<StoredEnvironment[]>('environments')?.globalValue ?? [];
}

/** The user settings file as written on disk, where a leaked secret would land. */
export function userSettingsText(): string {
  const dir = process.env.KORE_TEST_USER_DATA_DIR;
  assert.ok(dir, 'the launcher passes KORE_TEST_USER_DATA_DIR');
  const file = path.join(dir, 'User', 'settings.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ExtensionHarness {
  readonly api: KoreContactListsApi;
  readonly server: FakeKoreServer;
  readonly ui: ScriptedUserInterface;
  /** Adds an environment through the command, as a user answers its prompts; returns what was stored. */
  addEnvironment(name: string, options?: EnvironmentOptions): Promise<StoredEnvironment>;
  /** Pastes a JWT through Set Token for this environment. */
  setToken(environmentId: string, token?: string): Promise<void>;
  /**
   * The shared fixture: an environment added through the command with TOKEN set, against the fake server,
   * and the server's request log emptied so a test sees only what it sent.
   */
  environmentWithToken(name: string, options?: EnvironmentOptions): Promise<StoredEnvironment>;
  /** Runs Delete Contact List with arguments, answering the confirmation with Delete (or dismissing it). */
  deleteList(environment: string, id: string, confirm?: boolean): Promise<DeleteOutcome>;
  environmentNodes(): Promise<EnvironmentNode[]>;
  children(node: TreeNode): Promise<TreeNode[]>;
  /** The contact lists under the first environment in the tree. */
  contactListNodes(): Promise<ContactListNode[]>;
  /** Waits for a visible editor showing a server's answer (a kore-response document). */
  responseEditor(): Promise<vscode.TextEditor>;
}

interface EnvironmentOptions {
  /** Defaults to the fake server's URL. */
  host?: string;
  /** Defaults to the fake app's. */
  iid?: string;
  /** Defaults to the fake app's. */
  accountId?: string;
  production?: boolean;
  /** Defaults to v1, the first choice of the last step. */
  dialect?: Dialect;
}

export function useExtensionHarness(): ExtensionHarness {
  let api: KoreContactListsApi | undefined;
  let server: FakeKoreServer | undefined;
  let ui: ScriptedUserInterface | undefined;
  let restoreUi: (() => void) | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    assert.ok(value, `${what} is ready (the harness's hooks ran)`);
    return value;
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<KoreContactListsApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
    api = await extension.activate();
    // The walkthrough opens by itself the first time the Environments view shows: show it and let the walkthrough
    // finish opening, so beforeEach closes it.
    await vscode.commands.executeCommand('koreContactLists.environments.focus');
    await api.firstRunWalkthrough;
    server = await FakeKoreServer.start();
  });

  after(async () => {
    restoreUi?.();
    await server?.close();
  });

  beforeEach(async () => {
    ui = new ScriptedUserInterface();
    restoreUi = need(api, 'the API').useUserInterface(ui);
    for (const environment of storedEnvironments()) await need(api, 'the API').credentials.delete(environment.id);
    await configuration().update('environments', undefined, vscode.ConfigurationTarget.Global);
    await configuration().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    need(server, 'the fake server').reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(function () {
    restoreUi?.();
    const test = this.currentTest;
    const left = ui?.unused() ?? [];
    // A test that failed has said what went wrong; the answers it never reached are only a consequence.
    if (test?.state !== 'passed' || left.length === 0) return;
    const problem = new assert.AssertionError({
      message: `"${test.fullTitle()}" queued answers that no prompt used:\n  ${left.join('\n  ')}\nDrop them, or make the test reach the prompts it meant to answer.`,
    });
    // Hook#error fails the test itself; throwing would fail the hook instead, and Mocha would skip the file's other tests.
    const hook = this.test as Mocha.Hook | undefined;
    if (!hook) throw problem;
    hook.error(problem);
  });

  const harness: ExtensionHarness = {
    get api() {
      return need(api, 'the API');
    },
    get server() {
      return need(server, 'the fake server');
    },
    get ui() {
      return need(ui, 'the scripted prompts');
    },
    async addEnvironment(name, options = {}) {
      const fake = harness.server;
      harness.ui.inputs.push(name, options.host ?? fake.url, options.iid ?? fake.app.iid, options.accountId ?? fake.app.accountId);
      harness.ui.picks.push(CUSTOM_HOST, options.production ? PRODUCTION_YES : PRODUCTION_NO, DIALECT_PICKS[options.dialect ?? 'v1']);
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      const added = storedEnvironments().find((environment) => environment.name === name);
      assert.ok(added, `environment ${name} was written to user settings`);
      return added;
    },
    async setToken(environmentId, token = TOKEN) {
      harness.ui.picks.push(PASTE_JWT);
      harness.ui.inputs.push(token);
      await vscode.commands.executeCommand('koreContactLists.setToken', environmentId);
    },
    async environmentWithToken(name, options) {
      const environment = await harness.addEnvironment(name, options);
      await harness.setToken(environment.id);
      harness.server.requests.length = 0;
      return environment;
    },
    async deleteList(environment, id, confirm = true) {
      harness.ui.warningAnswers.push(confirm ? 'Delete' : undefined);
      const outcome = await vscode.commands.executeCommand<DeleteOutcome | undefined>('koreContactLists.deleteContactList', environment, id);
      assert.ok(outcome, 'the command returns its outcome');
      return outcome;
    },
    async environmentNodes() {
      const nodes: TreeNode[] = await harness.api.environmentTree.getChildren();
      return nodes.filter((node): node is EnvironmentNode => 'environment' in node && !('list' in node));
    },
    async children(node) {
      return (await harness.api.environmentTree.getChildren(node)) ?? [];
    },
    async contactListNodes() {
      const [node] = await harness.environmentNodes();
      const children = await harness.children(node);
      return children.filter((child): child is ContactListNode => 'list' in child);
    },
    responseEditor() {
      return waitFor('the response editor', () => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.scheme === 'kore-response'));
    },
  };
  return harness;
}
