// KoreServices: everything the features share, built once in activate() and handed to each feature as one
// object, so a command's constructor names what it is (its services) rather than ten things it uses.
import * as vscode from 'vscode';
import { AuditLog } from '../../core/audit/auditLog';
import { Environment } from '../../core/environments/environment';
import type { EnvironmentConnection } from './connection';
import { ActiveEnvironment } from './activeEnvironment';
import { Authentication } from './authentication';
import { CredentialStore } from './credentialStore';
import { EnvironmentPicker } from './environmentPicker';
import { EnvironmentStore } from './environmentStore';
import { ResponseDocumentProvider } from '../responses/responseDocuments';
import { Settings } from './settings';
import { UserInterfaceHolder } from './userInterface';

export interface KoreServices {
  readonly settings: Settings;
  readonly environments: EnvironmentStore;
  readonly credentials: CredentialStore;
  readonly authentication: Authentication;
  readonly picker: EnvironmentPicker;
  readonly active: ActiveEnvironment;
  readonly audit: AuditLog;
  readonly responses: ResponseDocumentProvider;
  /** Global state: the active environment and interrupted bulk runs. */
  readonly globalState: vscode.Memento;
  /** The extension's folder shared by every window: audit trail, run journals, the accounts' send ledgers. */
  readonly globalStoragePath: string;
  readonly ui: UserInterfaceHolder;
  readonly log: vscode.LogOutputChannel;
  /** Fires after any DELETE attempt, single or bulk, so the views refresh. */
  readonly onDidDelete: vscode.Event<void>;
  notifyDeleted(): void;
  /**
   * A connection to the environment, with its credential bound: asks the user when it must (no token yet, an
   * expired one, a host changed since it was entered). Undefined means stop: the user was told why.
   */
  connect(environment: Environment): Promise<EnvironmentConnection | undefined>;
}

/** What activate() has to give: the extension context, and how to reach the lazily loaded connection code. */
export interface ServicesOptions {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** Builds a connection; lives in the operations bundle, which holds the HTTP client. */
  readonly connection: () => (services: KoreServices, environment: Environment) => Promise<EnvironmentConnection | undefined>;
}

export function createServices(options: ServicesOptions): KoreServices & vscode.Disposable {
  const { context, log } = options;
  const ui = new UserInterfaceHolder();
  const settings = new Settings();
  const environments = new EnvironmentStore(log);
  const credentials = new CredentialStore(context.secrets);
  const active = new ActiveEnvironment(context.globalState, environments);
  const deleted = new vscode.EventEmitter<void>();
  const responses = new ResponseDocumentProvider();
  const services: KoreServices & vscode.Disposable = {
    settings,
    environments,
    credentials,
    authentication: new Authentication({ credentials, settings, ui }),
    picker: new EnvironmentPicker({ environments, active, ui }),
    active,
    audit: new AuditLog(context.globalStorageUri.fsPath),
    responses,
    globalState: context.globalState,
    globalStoragePath: context.globalStorageUri.fsPath,
    ui,
    log,
    onDidDelete: deleted.event,
    notifyDeleted: () => deleted.fire(),
    connect: (environment) => options.connection()(services, environment),
    dispose() {
      for (const disposable of [deleted, responses, active, credentials, environments]) disposable.dispose();
    },
  };
  return services;
}
