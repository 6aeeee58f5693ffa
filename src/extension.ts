// The one place that wires the extension: it builds the shared services, registers every command, view and
// provider, and hands each disposable to VS Code. Nothing else calls registerCommand. Each command line below
// leads to the method that runs it in one hop. Activation stays light: what talks to Kore.ai, History's commands
// and the workspace's offer live in dist/operations.js, required on first use; the audit watcher and the
// walkthrough's context keys start when a view first shows.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { AuditLog } from './core/auditLog';
import type * as OperationsModule from './operations';
import { CommandHandler, registerCommand } from './vscode/commands';
import { localiseCore } from './vscode/coreLocalisation';
import { ActiveEnvironment } from './vscode/environments/activeEnvironment';
import { CredentialStore } from './vscode/environments/credentialStore';
import { copyContactListId } from './vscode/environments/copyContactListId';
import { EnvironmentTreeProvider } from './vscode/environments/environmentTree';
import { focusedContactList } from './vscode/environments/focusedContactList';
import type { WorkspaceEnvironments } from './vscode/environments/workspaceEnvironments';
import { whenFirstVisible } from './vscode/firstVisible';
import { AuditWatcher } from './vscode/history/auditWatcher';
import { HistoryTreeProvider } from './vscode/history/historyTree';
import { ResponseCommands } from './vscode/responses/responseCommands';
import { RESPONSE_SCHEME, ResponseDocumentProvider } from './vscode/responses/responseDocuments';
import { KoreServices, createServices } from './vscode/services';
import type { HistoryTreeNode, TreeNode } from './vscode/treeNodes';
import { UserInterface, windowUserInterface } from './vscode/userInterface';
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
    ...registerCommands(services, { operations, tree, environmentView, history, getStarted, workspaceEnvironments }),
  );
  const firstRunWalkthrough = getStarted.openWhenFirstShown(environmentView, context.subscriptions).catch((error: unknown) => {
    log.warn(`Could not open the Get Started walkthrough: ${String(error)}`);
    return false;
  });
  return context.extensionMode === vscode.ExtensionMode.Test
    ? testApi(services, { tree, environmentView, history, historyView, auditWatcher, firstRunWalkthrough })
    : undefined;
}

interface Features {
  readonly operations: () => Operations;
  readonly tree: EnvironmentTreeProvider;
  readonly environmentView: vscode.TreeView<TreeNode>;
  readonly history: HistoryTreeProvider;
  readonly getStarted: GetStarted;
  readonly workspaceEnvironments: () => WorkspaceEnvironments;
}

/** Every command, each to the one method that runs it. Features that talk to Kore.ai are created on first use. */
function registerCommands(services: KoreServices, features: Features): vscode.Disposable[] {
  const { operations, tree, environmentView, history, getStarted, workspaceEnvironments } = features;
  // Add/Edit Environment and Set Token (their multi-step forms, JWT checks) and Copy as cURL load on first use too.
  const environments = once(() => operations().createEnvironmentCommands(services));
  const tokens = once(() => operations().createTokenCommands(services));
  const historyCommands = once(() => operations().createHistoryCommands(services, history));
  const responses = new ResponseCommands(services);
  const curl = once(() => operations().createCopyAsCurl(services));
  const deletion = once(() => operations().createDeletion(services));
  const bulkDeletion = once(() => operations().createBulkDeletion(services));
  const connectionTest = once(() => operations().createConnectionTest(services));
  const transfer = once(() => operations().createEnvironmentTransfer(services));
  const handlers: Record<(typeof CommandIds)[keyof typeof CommandIds], CommandHandler> = {
    [CommandIds.addEnvironment]: () => environments().add(),
    [CommandIds.editEnvironment]: (_context, environment) => environments().edit(environment),
    [CommandIds.removeEnvironment]: (_context, environment) => environments().remove(environment),
    [CommandIds.setToken]: (_context, environment) => tokens().setToken(environment),
    [CommandIds.clearToken]: (_context, environment) => tokens().clearToken(environment),
    [CommandIds.deleteContactList]: (_context, target, contactListId) => deletion().run(target, contactListId),
    [CommandIds.deleteContactLists]: (_context, clicked, selection, text) => bulkDeletion().run(clicked, selection, text),
    [CommandIds.deleteFocusedContactList]: async () => {
      const node = await focusedContactList(environmentView);
      return node ? deletion().run(node) : undefined;
    },
    [CommandIds.refresh]: () => tree.refresh(),
    [CommandIds.testConnection]: (_context, environment) => connectionTest().run(environment),
    [CommandIds.switchEnvironment]: () => services.picker.pick(vscode.l10n.t('Choose the environment that palette commands use')),
    [CommandIds.copyContactListId]: (_context, node) => copyContactListId(node),
    [CommandIds.copyAsCurl]: (_context, target) => curl().copy(target),
    [CommandIds.exportEnvironments]: () => transfer().exportEnvironments(),
    [CommandIds.importEnvironments]: () => transfer().importEnvironments(),
    [CommandIds.openHistoryEntry]: (_context, node) => historyCommands().open(node),
    [CommandIds.exportHistory]: () => historyCommands().export(),
    [CommandIds.clearHistory]: () => historyCommands().clear(),
    [CommandIds.refreshHistory]: () => history.refresh(),
    [CommandIds.filterHistory]: () => historyCommands().filter(),
    [CommandIds.clearHistoryFilter]: () => historyCommands().clearFilter(),
    [CommandIds.showMoreHistory]: () => history.showMore(),
    [CommandIds.copyResponse]: (_context, uri) => responses.copy(uri),
    [CommandIds.saveResponseAs]: (_context, uri) => responses.saveAs(uri),
    [CommandIds.getStarted]: () => getStarted.open(),
    [CommandIds.reviewWorkspaceEnvironments]: (_context, node) => workspaceEnvironments().review(node),
  };
  return Object.entries(handlers).map(([id, handler]) => registerCommand(services, id as keyof typeof handlers, handler));
}

/** Creates on first call, then returns the same value: features that load the operations bundle. */
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
/** What the extension's own tests reach through the test API. */
type TestedFeatures = Pick<Features, 'tree' | 'environmentView' | 'history'> &
  Pick<KoreContactListsApi, 'historyView' | 'auditWatcher' | 'firstRunWalkthrough'>;

function testApi(services: KoreServices, features: TestedFeatures): KoreContactListsApi {
  const { tree, environmentView, history, historyView, auditWatcher, firstRunWalkthrough } = features;
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
