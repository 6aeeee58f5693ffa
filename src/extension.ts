// The one place that wires the extension: it builds the shared services, registers every command, view and
// provider, and hands each disposable to VS Code. Nothing else calls registerCommand. Each command line below
// leads to the method that runs it in one hop.
//
// Bundle: dist/extension.js, what activation loads. It holds this file and what it imports statically: the shared
// services (vscode/shared/services.ts: environment and credential stores, authentication, picker, active environment,
// settings, the prompts), the Environments view (environments/environmentTree, copyContactListId,
// focusedContactList), the History view (history/historyTree, auditWatcher), the response documents and their
// commands (responses/responseDocuments, responseCommands), the walkthrough (walkthrough/*), the command boundary
// (vscode/shared/commands.ts), and the parts of src/core those need (the audit trail, environments, validation, text
// safety). Everything that talks to Kore.ai, History's commands and the workspace's offer of environments are in
// dist/operations.js (see the top of operations.ts), reached only through `operations()` below;
// test/core/operationsBundle.test.ts fails when one of its modules is imported here. The audit watcher and the
// walkthrough's context keys start when a view first shows.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { AuditLog } from './core/audit/auditLog';
import type * as OperationsModule from './operations';
import { CommandHandler, registerCommand } from './vscode/shared/commands';
import { localiseCore } from './vscode/shared/coreLocalisation';
import { ActiveEnvironment } from './vscode/shared/activeEnvironment';
import { CredentialStore } from './vscode/shared/credentialStore';
import { copyContactListId } from './vscode/environments/copyContactListId';
import { EnvironmentTreeProvider } from './vscode/environments/environmentTree';
import { focusedContactList } from './vscode/environments/focusedContactList';
import type { WorkspaceEnvironments } from './vscode/environments/workspaceEnvironments';
import { whenFirstVisible } from './vscode/shared/firstVisible';
import { AuditWatcher } from './vscode/history/auditWatcher';
import { HistoryTreeProvider } from './vscode/history/historyTree';
import { ResponseCommands } from './vscode/responses/responseCommands';
import { RESPONSE_SCHEME, ResponseDocumentProvider } from './vscode/responses/responseDocuments';
import { KoreServices, createServices } from './vscode/shared/services';
import type { HistoryTreeNode, TreeNode } from './vscode/shared/treeNodes';
import { UserInterface, windowUserInterface } from './vscode/shared/userInterface';
import { GetStarted } from './vscode/walkthrough/getStarted';
import { WalkthroughProgress } from './vscode/walkthrough/walkthroughProgress';
import { ViewIds } from './viewIds';

/** What activate() returns when the extension runs under its tests (and only then): the views and stores. */
export interface KoreContactListsApi {
  readonly environmentTree: EnvironmentTreeProvider;
  /** The Environments view, to focus and select rows as the keyboard does. */
  readonly environmentView: vscode.TreeView<TreeNode>;
  readonly responses: ResponseDocumentProvider;
  readonly credentials: CredentialStore;
  readonly history: HistoryTreeProvider;
  readonly historyView: vscode.TreeView<HistoryTreeNode>;
  /** Follows appends by other windows and processes; `ready` once it watches. */
  readonly auditWatcher: AuditWatcher;
  readonly audit: AuditLog;
  readonly activeEnvironment: ActiveEnvironment;
  /** Settles once the first-run walkthrough has opened (true) or was found already shown (false). */
  readonly firstRunWalkthrough: Promise<boolean>;
  /** Replaces the prompts (input boxes, picks, messages, dialogs); returns a function that restores VS Code's own. */
  useUserInterface(ui: UserInterface): () => void;
}

type Operations = typeof OperationsModule;

export function activate(context: vscode.ExtensionContext): KoreContactListsApi | undefined {
  localiseCore();
  const log = vscode.window.createOutputChannel('Kore.ai Contact Lists', { log: true });
  let loaded: Operations | undefined;
  // Kept out of this bundle on purpose (see esbuild.js): resolved next to dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
  const operations = (): Operations => (loaded ??= require('./operations.js') as Operations);
  const services = createServices({ context, log, connection: () => operations().connect });
  // In the operations bundle, made (with its file watcher) when the view is first drawn in a workspace that can offer.
  const workspaceEnvironments = once((): WorkspaceEnvironments => {
    const created = operations().createWorkspaceEnvironments(services);
    context.subscriptions.push(created, created.onDidChange(() => tree.refresh()));
    return created;
  });
  const tree = new EnvironmentTreeProvider(services.environments, services.credentials, once(() => operations().createContactListSource(services)), () =>
    offersPossible() ? workspaceEnvironments().nodes() : Promise.resolve([]),
  );
  const history = new HistoryTreeProvider(services.audit, log);
  const environmentView = vscode.window.createTreeView(ViewIds.environments, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const historyView = vscode.window.createTreeView(ViewIds.history, { treeDataProvider: history, showCollapseAll: false });
  history.attach(historyView);
  // Another window's or process's delete shows in History, and its deleted lists leave the tree, without a Refresh.
  const auditWatcher = new AuditWatcher(services.audit, { onDidChange: () => history.refresh(), onDidAppendElsewhere: () => tree.refresh() }, log);
  const walkthroughProgress = new WalkthroughProgress(services.environments, services.credentials, log);
  const getStarted = new GetStarted(context.extension.id, context.globalState);
  const views: Views = { tree, environmentView, history, historyView, auditWatcher, workspaceEnvironments, getStarted };
  context.subscriptions.push(
    log,
    services,
    tree,
    history,
    walkthroughProgress,
    services.onDidDelete(() => {
      history.refresh();
      tree.refresh();
    }),
    // Until the offer is made (it then watches these itself), a granted trust or an added folder may bring one.
    vscode.workspace.onDidGrantWorkspaceTrust(() => workspaceEnvironments.made || tree.refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => workspaceEnvironments.made || tree.refresh()),
    environmentView,
    historyView,
    auditWatcher,
    whenFirstVisible([environmentView, historyView], () => {
      void auditWatcher.start();
      void walkthroughProgress.update();
    }),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, services.responses),
    ...registerCommands(services, views, operations),
  );
  const firstRunWalkthrough = getStarted.openWhenFirstShown(environmentView, context.subscriptions).catch((error: unknown) => {
    log.warn(`Could not open the Get Started walkthrough: ${String(error)}`);
    return false;
  });
  return context.extensionMode === vscode.ExtensionMode.Test ? testApi(services, views, firstRunWalkthrough) : undefined;
}

/**
 * What activation builds before any command runs: the two views, what feeds them, and the walkthrough. The commands
 * act on these, and the extension's tests reach them through testApi.
 */
interface Views {
  readonly tree: EnvironmentTreeProvider;
  readonly environmentView: vscode.TreeView<TreeNode>;
  readonly history: HistoryTreeProvider;
  readonly historyView: vscode.TreeView<HistoryTreeNode>;
  readonly auditWatcher: AuditWatcher;
  readonly getStarted: GetStarted;
  readonly workspaceEnvironments: () => WorkspaceEnvironments;
}

/**
 * Every command, each to the one method that runs it. Every feature is made one way: on its first command, then
 * kept (`once`). Those that talk to Kore.ai, and the forms opened now and then, come from the operations bundle,
 * which that first command loads; the rest are in this bundle already.
 */
function registerCommands(services: KoreServices, views: Views, operations: () => Operations): vscode.Disposable[] {
  const { tree, environmentView, history, getStarted, workspaceEnvironments } = views;
  const historyCommands = once(() => operations().createHistoryCommands(services, history));
  const responses = once(() => new ResponseCommands(services));
  const environments = once(() => operations().createEnvironmentCommands(services));
  const tokens = once(() => operations().createTokenCommands(services));
  const curl = once(() => operations().createCopyAsCurl(services));
  const deletion = once(() => operations().createDeletion(services));
  const bulkDeletion = once(() => operations().createBulkDeletion(services));
  const connectionTest = once(() => operations().createConnectionTest(services));
  const transfer = once(() => operations().createEnvironmentTransfer(services));
  const handlers: Record<(typeof CommandIds)[keyof typeof CommandIds], CommandHandler> = {
    [CommandIds.addEnvironment]: () => environments().add(),
    [CommandIds.editEnvironment]: (environment) => environments().edit(environment),
    [CommandIds.removeEnvironment]: (environment) => environments().remove(environment),
    [CommandIds.setToken]: (environment) => tokens().setToken(environment),
    [CommandIds.clearToken]: (environment) => tokens().clearToken(environment),
    [CommandIds.deleteContactList]: (target, contactListId) => deletion().run(target, contactListId),
    [CommandIds.deleteContactLists]: (clicked, selection, text) => bulkDeletion().run(clicked, selection, text),
    [CommandIds.deleteFocusedContactList]: async () => {
      const node = await focusedContactList(environmentView);
      return node ? deletion().run(node) : undefined;
    },
    [CommandIds.refresh]: () => tree.refresh(),
    [CommandIds.testConnection]: (environment) => connectionTest().run(environment),
    [CommandIds.switchEnvironment]: () => services.picker.pick(vscode.l10n.t('Choose the environment that palette commands use')),
    [CommandIds.copyContactListId]: (node) => copyContactListId(node),
    [CommandIds.copyAsCurl]: (target) => curl().copy(target),
    [CommandIds.exportEnvironments]: () => transfer().exportEnvironments(),
    [CommandIds.importEnvironments]: () => transfer().importEnvironments(),
    [CommandIds.openHistoryEntry]: (node) => historyCommands().open(node),
    [CommandIds.exportHistory]: () => historyCommands().export(),
    [CommandIds.clearHistory]: () => historyCommands().clear(),
    [CommandIds.refreshHistory]: () => history.refresh(),
    [CommandIds.filterHistory]: () => historyCommands().filter(),
    [CommandIds.clearHistoryFilter]: () => historyCommands().clearFilter(),
    [CommandIds.showMoreHistory]: () => history.showMore(),
    [CommandIds.copyResponse]: (uri) => responses().copy(uri),
    [CommandIds.saveResponseAs]: (uri) => responses().saveAs(uri),
    [CommandIds.getStarted]: () => getStarted.open(),
    [CommandIds.reviewWorkspaceEnvironments]: (node) => workspaceEnvironments().review(node),
  };
  return Object.entries(handlers).map(([id, handler]) => registerCommand(services, id as keyof typeof handlers, handler));
}

/** Creates on first call, then returns the same value: how every feature is made; `made` says whether it was. */
function once<T>(create: () => T): (() => T) & { readonly made: boolean } {
  let value: T | undefined;
  return Object.defineProperty(() => (value ??= create()), 'made', { get: () => value !== undefined }) as (() => T) & { readonly made: boolean };
}

/** Whether the workspace can offer environments at all: offers are read only from the folders of a trusted one. */
function offersPossible(): boolean {
  return vscode.workspace.isTrusted && (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
}

/**
 * The API reaches stored credentials and can answer confirmations: it exists for the extension's own tests only.
 * Any other extension asking for this extension's exports gets nothing.
 */
function testApi(services: KoreServices, views: Views, firstRunWalkthrough: Promise<boolean>): KoreContactListsApi {
  const { tree, environmentView, history, historyView, auditWatcher } = views;
  return {
    environmentTree: tree,
    environmentView,
    responses: services.responses,
    credentials: services.credentials,
    history,
    historyView,
    auditWatcher,
    audit: services.audit,
    activeEnvironment: services.active,
    firstRunWalkthrough,
    useUserInterface(replacement) {
      services.ui.current = replacement;
      return () => {
        services.ui.current = windowUserInterface;
      };
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
