// The one place that wires the extension: it builds every object, registers every command, view and
// provider, and hands each disposable to VS Code. Nothing else calls registerCommand.
import * as vscode from 'vscode';
import { CommandIds, RESPONSE_SCHEME, ViewIds } from './commandIds';
import { AuditLog } from './core/auditLog';
import { Authentication } from './vscode/authentication';
import { CredentialStore } from './vscode/credentialStore';
import { DeleteContactListCommand } from './vscode/deleteContactListCommand';
import { EnvironmentCommands } from './vscode/environmentCommands';
import { EnvironmentPicker } from './vscode/environmentPicker';
import { EnvironmentStore } from './vscode/environmentStore';
import { EnvironmentTreeProvider } from './vscode/environmentTree';
import { HistoryCommands } from './vscode/historyCommands';
import { HistoryTreeProvider } from './vscode/historyTree';
import { ResponseDocumentProvider } from './vscode/responseDocuments';
import { UserInterface, UserInterfaceHolder } from './vscode/userInterface';

/** What activate() returns: lets tests (and other extensions) reach the tree and the response documents. */
export interface KoreContactListsApi {
  readonly environmentTree: EnvironmentTreeProvider;
  readonly responses: ResponseDocumentProvider;
  readonly credentials: CredentialStore;
  readonly history: HistoryTreeProvider;
  readonly audit: AuditLog;
  /** Replaces the prompts (input boxes, picks, messages); returns a function that restores VS Code's own. */
  useUserInterface(ui: UserInterface): () => void;
}

export function activate(context: vscode.ExtensionContext): KoreContactListsApi {
  const log = vscode.window.createOutputChannel('Kore.ai Contact Lists', { log: true });
  const ui = new UserInterfaceHolder();
  const environments = new EnvironmentStore(log);
  const credentials = new CredentialStore(context.secrets);
  const tree = new EnvironmentTreeProvider(environments, credentials);
  const responses = new ResponseDocumentProvider();
  const picker = new EnvironmentPicker(environments, ui);
  const environmentCommands = new EnvironmentCommands(environments, credentials, picker, ui, log);
  const audit = new AuditLog(context.globalStorageUri.fsPath);
  const history = new HistoryTreeProvider(audit, log);
  const historyCommands = new HistoryCommands(audit, history, responses, ui, log);
  const authentication = new Authentication(credentials, ui);
  const deleteCommand = new DeleteContactListCommand(environments, authentication, picker, responses, audit, ui, log);

  context.subscriptions.push(
    log,
    environments,
    credentials,
    tree,
    responses,
    history,
    deleteCommand,
    deleteCommand.onDidAttempt(() => history.refresh()),
    vscode.window.createTreeView(ViewIds.environments, { treeDataProvider: tree, showCollapseAll: false }),
    vscode.window.createTreeView(ViewIds.history, { treeDataProvider: history, showCollapseAll: false }),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    vscode.commands.registerCommand(CommandIds.addEnvironment, () => environmentCommands.add()),
    vscode.commands.registerCommand(CommandIds.editEnvironment, (environment?: unknown) => environmentCommands.edit(environment)),
    vscode.commands.registerCommand(CommandIds.removeEnvironment, (environment?: unknown) => environmentCommands.remove(environment)),
    vscode.commands.registerCommand(CommandIds.setToken, (environment?: unknown) => environmentCommands.setToken(environment)),
    vscode.commands.registerCommand(CommandIds.clearToken, (environment?: unknown) => environmentCommands.clearToken(environment)),
    vscode.commands.registerCommand(CommandIds.deleteContactList, (environment?: unknown, contactListId?: unknown) =>
      deleteCommand.run(environment, contactListId),
    ),
    vscode.commands.registerCommand(CommandIds.refresh, () => tree.refresh()),
    vscode.commands.registerCommand(CommandIds.openHistoryEntry, (node?: unknown) => historyCommands.open(node)),
    vscode.commands.registerCommand(CommandIds.exportHistory, () => historyCommands.export()),
    vscode.commands.registerCommand(CommandIds.clearHistory, () => historyCommands.clear()),
    vscode.commands.registerCommand(CommandIds.refreshHistory, () => history.refresh()),
  );

  return {
    environmentTree: tree,
    responses,
    credentials,
    history,
    audit,
    useUserInterface(replacement) {
      ui.current = replacement;
      return () => {
        ui.current = new UserInterfaceHolder().current;
      };
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
