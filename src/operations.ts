// Bundle: dist/operations.js, required by extension.ts on the first command that needs it, so activation loads
// only the views, stores and command registrations. It holds everything that talks to Kore.ai and the forms a user
// opens now and then, one factory per feature:
//   shared/connection.ts (EnvironmentConnection, the HTTP client node-fetch, the account limiters),
//   deletion/* (Delete Contact List), bulk/* (Delete Contact Lists and its run journals),
//   environments/connectionTest, contactListSource (the tree's lists), environmentCommands + environmentForm +
//   (Add/Edit Environment), environmentTransferCommands (export, import), tokenCommands (Set Token),
//   responses/copyAsCurl (Copy as cURL), history/historyCommands (History's commands), environments/workspaceEnvironments
//   (the workspace's offer of environments), and the src/core modules only they use (contactListClient, bulk/*,
//   resultMessages, curlCommand, sendLedger, rateLimiter).
// extension.ts may import this file's types only; test/core/operationsBundle.test.ts checks that none of the
// modules imported below ends up in dist/extension.js.
import { connectEnvironment } from './vscode/shared/connection';
import { BulkDeleteCommand } from './vscode/bulk/bulkDeleteCommand';
import { DeleteContactListCommand } from './vscode/deletion/deleteContactListCommand';
import { ConnectionTest } from './vscode/environments/connectionTest';
import { ContactListSource, contactListSource } from './vscode/environments/contactListSource';
import { EnvironmentCommands } from './vscode/environments/environmentCommands';
import { EnvironmentTransferCommands } from './vscode/environments/environmentTransferCommands';
import { WorkspaceEnvironments } from './vscode/environments/workspaceEnvironments';
import { HistoryCommands } from './vscode/history/historyCommands';
import type { HistoryTreeProvider } from './vscode/history/historyTree';
import { TokenCommands } from './vscode/environments/tokenCommands';
import { CopyAsCurl } from './vscode/responses/copyAsCurl';
import { InFlightDeletes } from './core/inFlightDeletes';
import { localiseCore } from './vscode/shared/coreLocalisation';
import type { KoreServices } from './vscode/shared/services';

// This bundle's own copy of the core's translations (see coreLocalisation.ts), set before any factory runs.
localiseCore();

/** The lists being deleted in this window: single and bulk deletes share it, so a list never gets two DELETEs at once. */
const inFlight = new InFlightDeletes();

export const connect = connectEnvironment;

export function createDeletion(services: KoreServices): DeleteContactListCommand {
  return new DeleteContactListCommand(services, inFlight);
}

export function createBulkDeletion(services: KoreServices): BulkDeleteCommand {
  return new BulkDeleteCommand(services, inFlight);
}

export function createConnectionTest(services: KoreServices): ConnectionTest {
  return new ConnectionTest(services);
}

export function createEnvironmentTransfer(services: KoreServices): EnvironmentTransferCommands {
  return new EnvironmentTransferCommands(services);
}

export function createContactListSource(services: KoreServices): ContactListSource {
  return contactListSource(services);
}

export function createEnvironmentCommands(services: KoreServices): EnvironmentCommands {
  return new EnvironmentCommands(services);
}

export function createTokenCommands(services: KoreServices): TokenCommands {
  return new TokenCommands(services);
}

export function createCopyAsCurl(services: KoreServices): CopyAsCurl {
  return new CopyAsCurl(services);
}

export function createHistoryCommands(services: KoreServices, history: HistoryTreeProvider): HistoryCommands {
  return new HistoryCommands(services, history);
}

/** Made when the Environments view first lists a workspace's offer; accepting one goes through the strict importer. */
export function createWorkspaceEnvironments(services: KoreServices): WorkspaceEnvironments {
  return new WorkspaceEnvironments(services, (text, source) => new EnvironmentTransferCommands(services).importText(text, source));
}
