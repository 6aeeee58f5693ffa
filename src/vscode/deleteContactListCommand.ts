// Delete Contact List: which environment, which list, a confirmation naming both, the DELETE with
// cancellable progress, then the answer in a read-only editor or a message that says what went wrong.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { deleteContactList } from '../core/contactListClient';
import { Environment } from '../core/environment';
import { FailureReason, KoreCallResult } from '../core/koreResult';
import { describeDeleteResult } from '../core/resultMessages';
import { describeExchange, responseDocument } from '../core/responseDocument';
import { validateContactListId } from '../core/validation';
import { CredentialStore } from './credentialStore';
import { EnvironmentPicker } from './environmentPicker';
import { EnvironmentStore } from './environmentStore';
import { ResponseDocumentProvider } from './responseDocuments';
import { UserInterfaceHolder } from './userInterface';

/** What the command returns, for keybindings, automation and tests. */
export interface DeleteOutcome {
  readonly status: 'deleted' | 'failed' | 'notSent';
  readonly failure?: FailureReason;
  readonly httpStatus?: number;
  /** The read-only document holding what came back (or, with no answer, what happened). */
  readonly document?: vscode.Uri;
}

const NOT_SENT: DeleteOutcome = { status: 'notSent' };

export class DeleteContactListCommand {
  /** `environmentId/contactListId` of deletions under way: the same list is never deleted twice at once. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly store: EnvironmentStore,
    private readonly credentials: CredentialStore,
    private readonly picker: EnvironmentPicker,
    private readonly responses: ResponseDocumentProvider,
    private readonly ui: UserInterfaceHolder,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(environmentArgument?: unknown, contactListArgument?: unknown): Promise<DeleteOutcome> {
    const environment = await this.picker.resolve(environmentArgument, vscode.l10n.t('Choose the environment to delete a contact list from'));
    if (!environment) return NOT_SENT;

    const contactListId = await this.askContactListId(environment, contactListArgument);
    if (contactListId === undefined) return NOT_SENT;

    const token = await this.tokenFor(environment);
    if (token === undefined) return NOT_SENT;

    const key = `${environment.id}/${contactListId}`;
    if (this.inFlight.has(key)) {
      void this.ui.current.showWarningMessage(
        vscode.l10n.t('Contact list {0} on {1} is already being deleted. Wait for that attempt to finish.', contactListId, environment.name),
        {},
      );
      return NOT_SENT;
    }
    this.inFlight.add(key);
    try {
      if (!(await this.confirm(environment, contactListId))) {
        this.log.info(`Delete of contact list ${contactListId} on "${environment.name}" cancelled at confirmation; nothing was sent.`);
        return NOT_SENT;
      }
      const result = await this.send(environment, token, contactListId);
      return this.report(environment, contactListId, result);
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async askContactListId(environment: Environment, argument: unknown): Promise<string | undefined> {
    if (typeof argument === 'string') {
      const problem = validateContactListId(argument, vscode.l10n.t);
      if (problem) {
        void this.ui.current.showErrorMessage(vscode.l10n.t('Nothing was deleted: {0}', problem));
        return undefined;
      }
      return argument.trim();
    }
    const value = await this.ui.current.showInputBox({
      title: vscode.l10n.t('Delete Contact List from "{0}"', environment.name),
      prompt: vscode.l10n.t('Contact list id to delete from {0} ({1}). You will be asked to confirm.', environment.name, environment.host),
      placeHolder: 'cl-c2ce382-2516-457e-8eb4-9847deecxxxx',
      ignoreFocusOut: true,
      validateInput: (input) => validateContactListId(input, vscode.l10n.t),
    });
    return value?.trim();
  }

  /** The stored token, if it may go to this environment's host; otherwise asks, and undefined means stop. */
  private async tokenFor(environment: Environment): Promise<string | undefined> {
    const credential = await this.credentials.get(environment.id);
    if (!credential) {
      const setToken = vscode.l10n.t('Set Token');
      const choice = await this.ui.current.showWarningMessage(
        vscode.l10n.t('No token is set for environment "{0}", so nothing was sent. Set its token, then run Delete Contact List again.', environment.name),
        {},
        setToken,
      );
      if (choice === setToken) await vscode.commands.executeCommand(CommandIds.setToken, environment.id);
      return undefined;
    }
    if (credential.host !== environment.host) {
      const send = vscode.l10n.t('Use Token with {0}', environment.host);
      const choice = await this.ui.current.showWarningMessage(
        vscode.l10n.t('The token of "{0}" was entered for {1}, but the environment now points at {2}.', environment.name, credential.host, environment.host),
        { modal: true, detail: vscode.l10n.t('Send this token to {0} from now on? If not, set a new token for the new host.', environment.host) },
        send,
      );
      if (choice !== send) return undefined;
      await this.credentials.set(environment.id, { ...credential, host: environment.host });
    }
    return credential.token;
  }

  private async confirm(environment: Environment, contactListId: string): Promise<boolean> {
    const remove = vscode.l10n.t('Delete');
    const choice = await this.ui.current.showWarningMessage(
      vscode.l10n.t('Delete contact list {0} from "{1}"?', contactListId, environment.name),
      {
        modal: true,
        detail: [
          vscode.l10n.t('Contact list: {0}', contactListId),
          vscode.l10n.t('Environment: {0}', environment.name),
          vscode.l10n.t('Host: {0}', environment.host),
          vscode.l10n.t('App ID (IID): {0}', environment.iid),
          vscode.l10n.t('Account ID: {0}', environment.accountId),
          '',
          vscode.l10n.t('The list and its contacts are deleted on the server. This cannot be undone.'),
        ].join('\n'),
      },
      remove,
    );
    return choice === remove;
  }

  private async send(environment: Environment, token: string, contactListId: string): Promise<KoreCallResult> {
    const timeoutSeconds = this.store.requestTimeoutSeconds();
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Deleting contact list {0} from "{1}"…', contactListId, environment.name),
        cancellable: true,
      },
      (_progress, cancellation) => {
        const controller = new AbortController();
        if (cancellation.isCancellationRequested) controller.abort();
        const subscription = cancellation.onCancellationRequested(() => controller.abort());
        return deleteContactList(environment, token, contactListId, { timeoutMs: timeoutSeconds * 1000, signal: controller.signal }).finally(() => {
          subscription.dispose();
        });
      },
    );
    const line = `${describeExchange(result)} [environment "${environment.name}"]`;
    if (result.ok) this.log.info(line);
    else this.log.error(line);
    this.log.debug(`Request headers: ${JSON.stringify(result.request.headers)}`);
    return result;
  }

  private async report(environment: Environment, contactListId: string, result: KoreCallResult): Promise<DeleteOutcome> {
    const context = { contactListId, environmentName: environment.name, host: environment.host, timeoutSeconds: this.store.requestTimeoutSeconds() };
    const message = describeDeleteResult(result, context, vscode.l10n.t);
    const document = responseDocument(result);
    const uri = this.responses.add(environment.name, result.ok ? contactListId : `${contactListId} (failed)`, document);
    const httpStatus = result.exchange.kind === 'response' ? result.exchange.status : undefined;
    const base = { document: uri, ...(httpStatus !== undefined ? { httpStatus } : {}) };
    if (result.ok) {
      await this.responses.open(uri);
      void this.ui.current.showInformationMessage(message);
      return { status: 'deleted', ...base };
    }
    const show = document.fromServer ? vscode.l10n.t('Show Response') : vscode.l10n.t('Show Details');
    const setToken = vscode.l10n.t('Set Token');
    const actions = httpStatus === 401 ? [show, setToken] : [show];
    void this.ui.current.showErrorMessage(message, ...actions).then(async (choice) => {
      if (choice === show) await this.responses.open(uri);
      else if (choice === setToken) await vscode.commands.executeCommand(CommandIds.setToken, environment.id);
    }, (error: unknown) => this.log.error(`Could not open the response: ${String(error)}`));
    return { status: 'failed', ...(result.failure ? { failure: result.failure } : {}), ...base };
  }
}
