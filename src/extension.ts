// The one place that wires the extension: it builds every object, registers every command, view and
// provider, and hands each disposable to VS Code. Nothing else calls registerCommand.
// Activation stays light: what talks to Kore.ai lives in dist/operations.js, required on first use.
import * as vscode from 'vscode';
import { CommandIds, RESPONSE_SCHEME, ViewIds } from './commandIds';
import { AuditLog } from './core/auditLog';
import type { Operations } from './operations';
import { ActiveEnvironment } from './vscode/environments/activeEnvironment';
import { Authentication } from './vscode/environments/authentication';
import { CredentialStore } from './vscode/environments/credentialStore';
import { EnvironmentCommands } from './vscode/environments/environmentCommands';
import { EnvironmentPicker } from './vscode/environments/environmentPicker';
import { EnvironmentStore } from './vscode/environments/environmentStore';
import { EnvironmentTreeProvider } from './vscode/environments/environmentTree';
import { HistoryCommands } from './vscode/history/historyCommands';
import { HistoryTreeProvider } from './vscode/history/historyTree';
import { ResponseCommands } from './vscode/responses/responseCommands';
import { ResponseDocumentProvider } from './vscode/responses/responseDocuments';
import { UserInterface, UserInterfaceHolder, windowUserInterface } from './vscode/userInterface';

/** What activate() returns when the extension runs under its tests (and only then): the views and stores. */
export interface KoreContactListsApi {
  readonly environmentTree: EnvironmentTreeProvider;
  readonly responses: ResponseDocumentProvider;
  readonly credentials: CredentialStore;
  readonly history: HistoryTreeProvider;
  readonly audit: AuditLog;
  readonly activeEnvironment: ActiveEnvironment;
  /** Replaces the prompts (input boxes, picks, messages, dialogs); returns a function that restores VS Code's own. */
  useUserInterface(ui: UserInterface): () => void;
}

export function activate(context: vscode.ExtensionContext): KoreContactListsApi | undefined {
  const log = vscode.window.createOutputChannel('Kore.ai Contact Lists', { log: true });
  const ui = new UserInterfaceHolder();
  const store = new EnvironmentStore(log);
  const credentials = new CredentialStore(context.secrets);
  const active = new ActiveEnvironment(context.globalState, store);
  const responses = new ResponseDocumentProvider();
  const picker = new EnvironmentPicker(store, active, ui);
  const authentication = new Authentication(credentials, store, ui);
  const audit = new AuditLog(context.globalStorageUri.fsPath);
  const history = new HistoryTreeProvider(audit, log);

  let loaded: Operations | undefined;
  const operations = (): Operations => {
    if (!loaded) {
      // Kept out of this bundle on purpose (see esbuild.js): resolved next to dist/extension.js.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point
      const module = require('./operations.js') as typeof import('./operations');
      loaded = module.createOperations({ store, credentials, authentication, picker, active, responses, audit, globalState: context.globalState, ui, log });
      context.subscriptions.push(
        loaded,
        loaded.onDidDelete(() => {
          history.refresh();
          tree.refresh();
        }),
      );
    }
    return loaded;
  };

  const tree = new EnvironmentTreeProvider(store, credentials, () => operations().listContactLists);
  const environmentCommands = new EnvironmentCommands(store, credentials, picker, ui, log);
  const historyCommands = new HistoryCommands(audit, history, responses, ui, log);
  const responseCommands = new ResponseCommands(responses, ui);

  const command = (id: string, handler: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, handler);
  context.subscriptions.push(
    log,
    store,
    credentials,
    active,
    tree,
    responses,
    history,
    vscode.window.createTreeView(ViewIds.environments, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }),
    vscode.window.createTreeView(ViewIds.history, { treeDataProvider: history, showCollapseAll: false }),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    command(CommandIds.addEnvironment, () => environmentCommands.add()),
    command(CommandIds.editEnvironment, (environment) => environmentCommands.edit(environment)),
    command(CommandIds.removeEnvironment, (environment) => environmentCommands.remove(environment)),
    command(CommandIds.setToken, (environment) => environmentCommands.setToken(environment)),
    command(CommandIds.clearToken, (environment) => environmentCommands.clearToken(environment)),
    command(CommandIds.deleteContactList, (target, contactListId) => operations().deleteContactList.run(target, contactListId)),
    command(CommandIds.deleteContactLists, (clicked, selection, text) => operations().deleteContactLists.run(clicked, selection, text)),
    command(CommandIds.refresh, () => tree.refresh()),
    command(CommandIds.testConnection, (environment) => operations().tools.testConnection(environment)),
    command(CommandIds.switchEnvironment, () => operations().tools.switchEnvironment()),
    command(CommandIds.copyContactListId, (node) => operations().tools.copyContactListId(node)),
    command(CommandIds.exportEnvironments, () => operations().tools.exportEnvironments()),
    command(CommandIds.importEnvironments, () => operations().tools.importEnvironments()),
    command(CommandIds.openHistoryEntry, (node) => historyCommands.open(node)),
    command(CommandIds.exportHistory, () => historyCommands.export()),
    command(CommandIds.clearHistory, () => historyCommands.clear()),
    command(CommandIds.refreshHistory, () => history.refresh()),
    command(CommandIds.copyResponse, (uri) => responseCommands.copy(uri)),
    command(CommandIds.saveResponseAs, (uri) => responseCommands.saveAs(uri)),
  );

  // The API reaches stored credentials and can answer confirmations: it exists for the extension's own
  // tests only. Any other extension asking for this extension's exports gets nothing.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    environmentTree: tree,
    responses,
    credentials,
    history,
    audit,
    activeEnvironment: active,
    useUserInterface(replacement) {
      ui.current = replacement;
      return () => {
        ui.current = windowUserInterface;
      };
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
