// Everything that talks to Kore.ai (the HTTP client, node-fetch, the bulk runner and the commands built on
// them), bundled apart as dist/operations.js and loaded on first use. Activation then loads only the views,
// stores and command registrations, which keeps it fast; the first request pays for this module once.
import * as vscode from 'vscode';
import { AuditLog } from './core/auditLog';
import { ActiveEnvironment } from './vscode/activeEnvironment';
import { Authentication } from './vscode/authentication';
import { BulkDeleteCommand } from './vscode/bulkDeleteCommand';
import { BulkRunStore } from './vscode/bulkRunStore';
import { contactListSource } from './vscode/contactListSource';
import { CredentialStore } from './vscode/credentialStore';
import { DeleteContactListCommand } from './vscode/deleteContactListCommand';
import { EnvironmentPicker } from './vscode/environmentPicker';
import { EnvironmentStore } from './vscode/environmentStore';
import { EnvironmentTools } from './vscode/environmentTools';
import { InFlightDeletes } from './core/inFlightDeletes';
import { ContactListSource } from './vscode/environmentTree';
import { ResponseDocumentProvider } from './vscode/responseDocuments';
import { UserInterfaceHolder } from './vscode/userInterface';

export interface OperationsContext {
  readonly store: EnvironmentStore;
  readonly credentials: CredentialStore;
  readonly authentication: Authentication;
  readonly picker: EnvironmentPicker;
  readonly active: ActiveEnvironment;
  readonly responses: ResponseDocumentProvider;
  readonly audit: AuditLog;
  readonly globalState: vscode.Memento;
  readonly ui: UserInterfaceHolder;
  readonly log: vscode.LogOutputChannel;
}

export interface Operations extends vscode.Disposable {
  readonly deleteContactList: DeleteContactListCommand;
  readonly deleteContactLists: BulkDeleteCommand;
  readonly tools: EnvironmentTools;
  readonly listContactLists: ContactListSource;
  /** Fires after any DELETE attempt (single or bulk), so the views refresh. */
  readonly onDidDelete: vscode.Event<void>;
}

export function createOperations(context: OperationsContext): Operations {
  const { store, credentials, authentication, picker, active, responses, audit, globalState, ui, log } = context;
  const inFlight = new InFlightDeletes();
  const deleteContactList = new DeleteContactListCommand(store, authentication, picker, active, responses, audit, inFlight, ui, log);
  const deleteContactLists = new BulkDeleteCommand(store, authentication, picker, active, responses, audit, new BulkRunStore(globalState), inFlight, ui, log);
  const deleted = new vscode.EventEmitter<void>();
  const subscriptions = [deleteContactList.onDidAttempt(() => deleted.fire()), deleteContactLists.onDidRun(() => deleted.fire())];
  return {
    deleteContactList,
    deleteContactLists,
    tools: new EnvironmentTools(store, authentication, picker, responses, ui, log),
    listContactLists: contactListSource(store, credentials, log),
    onDidDelete: deleted.event,
    dispose() {
      for (const subscription of subscriptions) subscription.dispose();
      deleted.dispose();
      deleteContactList.dispose();
      deleteContactLists.dispose();
    },
  };
}
