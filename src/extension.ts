// The one place that wires the extension: it builds every object, registers every command, view and
// provider, and hands each disposable to VS Code. Nothing else calls registerCommand.
import * as vscode from 'vscode';
import { CommandIds, RESPONSE_SCHEME, ViewIds } from './commandIds';
import { AuditLog } from './core/auditLog';
import { ActiveEnvironment } from './vscode/activeEnvironment';
import { Authentication } from './vscode/authentication';
import { BulkDeleteCommand } from './vscode/bulkDeleteCommand';
import { CredentialStore } from './vscode/credentialStore';
import { DeleteContactListCommand } from './vscode/deleteContactListCommand';
import { EnvironmentCommands } from './vscode/environmentCommands';
import { EnvironmentPicker } from './vscode/environmentPicker';
import { EnvironmentStore } from './vscode/environmentStore';
import { EnvironmentTools } from './vscode/environmentTools';
import { EnvironmentTreeProvider } from './vscode/environmentTree';
import { HistoryCommands } from './vscode/historyCommands';
import { HistoryTreeProvider } from './vscode/historyTree';
import { ResponseCommands } from './vscode/responseCommands';
import { ResponseDocumentProvider } from './vscode/responseDocuments';
import { UserInterface, UserInterfaceHolder, windowUserInterface } from './vscode/userInterface';

/** What activate() returns: lets tests (and other extensions) reach the views and stores. */
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

export function activate(context: vscode.ExtensionContext): KoreContactListsApi {
  const log = vscode.window.createOutputChannel('Kore.ai Contact Lists', { log: true });
  const ui = new UserInterfaceHolder();
  const environments = new EnvironmentStore(log);
  const credentials = new CredentialStore(context.secrets);
  const active = new ActiveEnvironment(context.globalState, environments);
  const tree = new EnvironmentTreeProvider(environments, credentials, log);
  const responses = new ResponseDocumentProvider();
  const picker = new EnvironmentPicker(environments, active, ui);
  const authentication = new Authentication(credentials, ui);
  const audit = new AuditLog(context.globalStorageUri.fsPath);
  const history = new HistoryTreeProvider(audit, log);
  const environmentCommands = new EnvironmentCommands(environments, credentials, picker, ui, log);
  const environmentTools = new EnvironmentTools(environments, authentication, picker, responses, ui, log);
  const historyCommands = new HistoryCommands(audit, history, responses, ui, log);
  const responseCommands = new ResponseCommands(ui);
  const deleteCommand = new DeleteContactListCommand(environments, authentication, picker, active, responses, audit, ui, log);
  const bulkDelete = new BulkDeleteCommand(environments, authentication, picker, active, responses, audit, context.globalState, ui, log);

  const command = (id: string, handler: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, handler);
  context.subscriptions.push(
    log,
    environments,
    credentials,
    active,
    tree,
    responses,
    history,
    deleteCommand,
    bulkDelete,
    bulkDelete.onDidRun(() => {
      history.refresh();
      tree.refresh();
    }),
    // After a delete the list leaves the tree (or stays, when it failed), and the attempt joins the history.
    deleteCommand.onDidAttempt(() => {
      history.refresh();
      tree.refresh();
    }),
    vscode.window.createTreeView(ViewIds.environments, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }),
    vscode.window.createTreeView(ViewIds.history, { treeDataProvider: history, showCollapseAll: false }),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    command(CommandIds.addEnvironment, () => environmentCommands.add()),
    command(CommandIds.editEnvironment, (environment) => environmentCommands.edit(environment)),
    command(CommandIds.removeEnvironment, (environment) => environmentCommands.remove(environment)),
    command(CommandIds.setToken, (environment) => environmentCommands.setToken(environment)),
    command(CommandIds.clearToken, (environment) => environmentCommands.clearToken(environment)),
    command(CommandIds.deleteContactList, (target, contactListId) => deleteCommand.run(target, contactListId)),
    command(CommandIds.deleteContactLists, (clicked, selection, text) => bulkDelete.run(clicked, selection, text)),
    command(CommandIds.refresh, () => tree.refresh()),
    command(CommandIds.testConnection, (environment) => environmentTools.testConnection(environment)),
    command(CommandIds.switchEnvironment, () => environmentTools.switchEnvironment()),
    command(CommandIds.copyContactListId, (node) => environmentTools.copyContactListId(node)),
    command(CommandIds.exportEnvironments, () => environmentTools.exportEnvironments()),
    command(CommandIds.importEnvironments, () => environmentTools.importEnvironments()),
    command(CommandIds.openHistoryEntry, (node) => historyCommands.open(node)),
    command(CommandIds.exportHistory, () => historyCommands.export()),
    command(CommandIds.clearHistory, () => historyCommands.clear()),
    command(CommandIds.refreshHistory, () => history.refresh()),
    command(CommandIds.copyResponse, (uri) => responseCommands.copy(uri)),
    command(CommandIds.saveResponseAs, (uri) => responseCommands.saveAs(uri)),
  );

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
