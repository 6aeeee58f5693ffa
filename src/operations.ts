// Everything that talks to Kore.ai (the HTTP client, node-fetch, the bulk runner and the features built on them),
// and what a user opens now and then (the environment and token forms, Copy as cURL, History's commands, the
// workspace's offer of environments), bundled apart as dist/operations.js and required by extension.ts on first
// use, so activation loads only the views, stores and command registrations. One factory per feature.
import { connectEnvironment } from './vscode/connection';
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
import { localiseCore } from './vscode/coreLocalisation';
import type { KoreServices } from './vscode/services';

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
