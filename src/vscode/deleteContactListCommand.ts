// Delete Contact List: which environment, which list, a look at the list (Get Contact List Details), a
// confirmation naming it and where it lives, the DELETE with cancellable progress, then the answer in a
// read-only editor or a message that says what went wrong. Every DELETE sent is written to the audit trail.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { AuditOutcome, auditEntryFor } from '../core/auditEntry';
import { AuditLog } from '../core/auditLog';
import { ContactListRecord } from '../core/contactList';
import { deleteContactList, getContactList } from '../core/contactListClient';
import { deleteOutcomeOf, lookUpOutcomeOf } from '../core/deleteOutcome';
import { confirmationText } from '../core/deletionPreview';
import { Environment } from '../core/environment';
import { FailureReason, KoreCallResult } from '../core/koreResult';
import { briefFailureReason, describeDeleteResult } from '../core/resultMessages';
import { describeExchange, responseDocument } from '../core/responseDocument';
import { validateContactListId } from '../core/validation';
import { Authentication, TokenSource } from './authentication';
import { ActiveEnvironment } from './activeEnvironment';
import { EnvironmentPicker } from './environmentPicker';
import { isContactListNode } from './environmentTree';
import { EnvironmentStore } from './environmentStore';
import { InFlightDeletes } from '../core/inFlightDeletes';
import { confirmByTyping, withCancellableProgress } from './progress';
import { ResponseDocumentProvider } from './responseDocuments';
import { UserInterfaceHolder } from './userInterface';

/** What the command returns, for keybindings, automation and tests. */
export interface DeleteOutcome {
  readonly status: 'deleted' | 'failed' | 'unknown' | 'notSent';
  readonly failure?: FailureReason;
  readonly httpStatus?: number;
  /** The read-only document holding what came back (or, with no answer, what happened). */
  readonly document?: vscode.Uri;
}

const NOT_SENT: DeleteOutcome = { status: 'notSent' };

export class DeleteContactListCommand {
  private readonly deletedEmitter = new vscode.EventEmitter<void>();
  /** Fires after every DELETE attempt, so views (History) can refresh. */
  readonly onDidAttempt = this.deletedEmitter.event;

  constructor(
    private readonly store: EnvironmentStore,
    private readonly authentication: Authentication,
    private readonly picker: EnvironmentPicker,
    private readonly active: ActiveEnvironment,
    private readonly responses: ResponseDocumentProvider,
    private readonly audit: AuditLog,
    private readonly inFlight: InFlightDeletes,
    private readonly ui: UserInterfaceHolder,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(environmentArgument?: unknown, contactListArgument?: unknown): Promise<DeleteOutcome> {
    const environment = await this.picker.resolve(environmentArgument, vscode.l10n.t('Choose the environment to delete a contact list from'));
    if (!environment) return NOT_SENT;

    // From a contact list in the tree, the list is known: its id is not asked again. A keybinding passes
    // ["environment", "contact list id"] or { environment, contactListId } as one argument.
    const fromTree: unknown = isContactListNode(environmentArgument)
      ? environmentArgument.list._id
      : Array.isArray(environmentArgument)
        ? (environmentArgument as unknown[])[1]
        : typeof environmentArgument === 'object' && environmentArgument !== null && 'contactListId' in environmentArgument
          ? environmentArgument.contactListId
          : contactListArgument;
    const contactListId = await this.askContactListId(environment, fromTree);
    if (contactListId === undefined) return NOT_SENT;

    const token = await this.authentication.tokenSource(environment);
    if (token === undefined) return NOT_SENT;
    await this.active.set(environment);

    if (!this.inFlight.tryAcquire(environment.id, contactListId)) {
      void this.ui.current.showWarningMessage(
        vscode.l10n.t('Contact list {0} on {1} is already being deleted. Wait for that attempt to finish.', contactListId, environment.name),
        {},
      );
      return NOT_SENT;
    }
    try {
      const preview = await this.preview(environment, token, contactListId);
      if (preview.stop) return preview.stop;
      if (!(await this.confirm(environment, contactListId, preview.list))) {
        this.log.info(`Delete of contact list ${contactListId} on "${environment.name}" cancelled at confirmation; nothing was sent.`);
        return NOT_SENT;
      }
      const result = await this.call(
        'DELETE',
        environment,
        token,
        contactListId,
        vscode.l10n.t('Deleting contact list {0} from "{1}"…', preview.list?.name ?? contactListId, environment.name),
      );
      return await this.report(environment, contactListId, preview.list, result);
    } finally {
      this.inFlight.release(environment.id, contactListId);
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
      prompt: vscode.l10n.t('Contact list id to delete from {0} ({1}). You will see its details and be asked to confirm.', environment.name, environment.host),
      placeHolder: 'cl-c2ce382-2516-457e-8eb4-9847deecxxxx',
      ignoreFocusOut: true,
      validateInput: (input) => validateContactListId(input, vscode.l10n.t),
    });
    return value?.trim();
  }

  /**
   * Looks the list up before anything is deleted. An unknown id or a refused token ends here; another failure
   * lets the user choose to go on without the details.
   */
  private async preview(
    environment: Environment,
    token: TokenSource,
    contactListId: string,
  ): Promise<{ list?: ContactListRecord; stop?: DeleteOutcome }> {
    const result = await this.call('GET', environment, token, contactListId, vscode.l10n.t('Looking up contact list {0} on "{1}"…', contactListId, environment.name));
    // A record of another list (a confused or hostile server) must not lend its facts to this confirmation.
    if (result.ok) return result.contactList?._id === contactListId ? { list: result.contactList } : {};
    const status = result.exchange.kind === 'response' ? result.exchange.status : undefined;
    if (result.failure === 'cancelled') {
      void this.ui.current.showInformationMessage(vscode.l10n.t('Cancelled while looking up contact list {0}. Nothing was deleted.', contactListId));
      return { stop: NOT_SENT };
    }
    if (status === 404 || status === 401 || status === 403) {
      const uri = this.responses.add(environment.name, `${contactListId} (lookup failed)`, responseDocument(result));
      const message =
        status === 404
          ? vscode.l10n.t('Contact list {0} was not found on {1} ({2}), so nothing was deleted. Check the id, and that it belongs to this environment\'s app.', contactListId, environment.name, environment.host)
          : `${describeDeleteResult(result, this.context(environment, contactListId), vscode.l10n.t)} ${vscode.l10n.t('Nothing was deleted.')}`;
      this.offerResponse(message, uri, status === 401 ? environment : undefined, true);
      return { stop: { status: 'notSent', ...(result.failure ? { failure: result.failure } : {}), httpStatus: status, document: uri } };
    }
    const goOn = vscode.l10n.t('Delete Without Details');
    const choice = await this.ui.current.showWarningMessage(
      vscode.l10n.t('Could not look up contact list {0} on "{1}" ({2}).', contactListId, environment.name, briefFailureReason(result, this.store.requestTimeoutSeconds(), vscode.l10n.t)),
      { modal: true, detail: vscode.l10n.t('Its name, size and campaigns are unknown. Delete it anyway, without seeing them?') },
      goOn,
    );
    return choice === goOn ? {} : { stop: NOT_SENT };
  }

  private async confirm(environment: Environment, contactListId: string, list: ContactListRecord | undefined): Promise<boolean> {
    const production = environment.production === true;
    const text = confirmationText(
      { contactListId, environmentName: environment.name, host: environment.host, iid: environment.iid, accountId: environment.accountId, production },
      list,
      vscode.l10n.t,
    );
    const remove = production ? vscode.l10n.t('Delete…') : vscode.l10n.t('Delete');
    const choice = await this.ui.current.showWarningMessage(text.message, { modal: true, detail: text.detail }, remove);
    if (choice !== remove) return false;
    if (!production) return true;
    return confirmByTyping(this.ui, {
      title: vscode.l10n.t('Confirm deletion from PRODUCTION environment "{0}"', environment.name),
      prompt: vscode.l10n.t('Type the contact list id {0} to delete it from {1}.', contactListId, environment.host),
      expected: contactListId,
      mismatch: vscode.l10n.t('Type exactly {0} to confirm, or press Escape to keep the list.', contactListId),
    });
  }

  private async call(method: 'GET' | 'DELETE', environment: Environment, token: TokenSource, contactListId: string, title: string): Promise<KoreCallResult> {
    const timeoutSeconds = this.store.requestTimeoutSeconds();
    const result = await withCancellableProgress(title, (signal) => {
      const options = { timeoutMs: timeoutSeconds * 1000, signal };
      const auth = token();
      return method === 'DELETE' ? deleteContactList(environment, auth, contactListId, options) : getContactList(environment, auth, contactListId, options);
    });
    const line = `${describeExchange(result)} [environment "${environment.name}"]`;
    if (result.ok) this.log.info(line);
    else this.log.warn(line);
    this.log.debug(`Request headers: ${JSON.stringify(result.request.headers)}`);
    return result;
  }

  private async report(environment: Environment, contactListId: string, list: ContactListRecord | undefined, result: KoreCallResult): Promise<DeleteOutcome> {
    // One decision, deleteOutcomeOf, for the message, the document's name, the audit trail and what is offered.
    const outcome: AuditOutcome = deleteOutcomeOf(result);
    const message = describeDeleteResult(result, this.context(environment, contactListId), vscode.l10n.t);
    const document = responseDocument(result);
    const name = outcome === 'deleted' ? contactListId : outcome === 'unknown' ? `${contactListId} (outcome unknown)` : `${contactListId} (failed)`;
    const uri = this.responses.add(environment.name, name, document);
    const httpStatus = result.exchange.kind === 'response' ? result.exchange.status : undefined;
    await this.record(environment, contactListId, list ?? result.contactList, result, outcome, message);
    const base = { document: uri, ...(httpStatus !== undefined ? { httpStatus } : {}) };
    if (outcome === 'deleted') {
      await this.responses.open(uri);
      void this.ui.current.showInformationMessage(message);
      return { status: 'deleted', ...base };
    }
    if (outcome === 'unknown') this.offerCheckStatus(message, uri, environment, contactListId, document.fromServer);
    else this.offerResponse(message, uri, httpStatus === 401 ? environment : undefined, document.fromServer);
    return { status: outcome === 'unknown' ? 'unknown' : 'failed', ...(result.failure ? { failure: result.failure } : {}), ...base };
  }

  private offerResponse(message: string, uri: vscode.Uri, tokenFor: Environment | undefined, fromServer: boolean): void {
    const show = fromServer ? vscode.l10n.t('Show Response') : vscode.l10n.t('Show Details');
    const setToken = vscode.l10n.t('Set Token');
    const actions = tokenFor ? [show, setToken] : [show];
    void Promise.resolve(this.ui.current.showErrorMessage(message, ...actions))
      .then(async (choice) => {
        if (choice === show) await this.responses.open(uri);
        else if (choice === setToken && tokenFor) await vscode.commands.executeCommand(CommandIds.setToken, tokenFor.id);
      })
      .catch((error: unknown) => this.log.error(`Could not open the response: ${String(error)}`));
  }

  /** After a cancel, a timeout or a broken answer: one click looks the list up again to learn what happened. */
  private offerCheckStatus(message: string, uri: vscode.Uri, environment: Environment, contactListId: string, fromServer: boolean): void {
    const check = vscode.l10n.t('Check Status');
    const show = fromServer ? vscode.l10n.t('Show Response') : vscode.l10n.t('Show Details');
    void Promise.resolve(this.ui.current.showErrorMessage(message, check, show))
      .then(async (choice) => {
        if (choice === check) await this.checkStatus(environment, contactListId);
        else if (choice === show) await this.responses.open(uri);
      })
      .catch((error: unknown) => this.log.error(`Could not check the status: ${String(error)}`));
  }

  /** Looks the list up again; returns 'gone', 'exists' or 'unknown'. */
  async checkStatus(environment: Environment, contactListId: string): Promise<'gone' | 'exists' | 'unknown'> {
    const token = await this.authentication.tokenSource(environment);
    if (!token) return 'unknown';
    const result = await this.call('GET', environment, token, contactListId, vscode.l10n.t('Checking contact list {0} on "{1}"…', contactListId, environment.name));
    const status = result.exchange.kind === 'response' ? result.exchange.status : undefined;
    const seen = lookUpOutcomeOf(result);
    if (seen === 'gone') {
      void this.ui.current.showInformationMessage(vscode.l10n.t('Contact list {0} no longer exists on {1}: it was deleted.', contactListId, environment.name));
      return 'gone';
    }
    if (seen === 'exists') {
      void this.ui.current.showInformationMessage(
        vscode.l10n.t('Contact list {0} still exists on {1}. A request that was cancelled or timed out may still be processed: check again before deleting it again.', contactListId, environment.name),
      );
      return 'exists';
    }
    const reason = briefFailureReason(result, this.store.requestTimeoutSeconds(), vscode.l10n.t);
    if (status === 401) {
      this.offerResponse(vscode.l10n.t('Could not check contact list {0} on {1}: the token was rejected ({2}). Set a new token, then look the list up again.', contactListId, environment.name, reason), this.responses.add(environment.name, `${contactListId} (check failed)`, responseDocument(result)), environment, true);
    } else {
      void this.ui.current.showErrorMessage(vscode.l10n.t('Could not check contact list {0} on {1} ({2}). Try again in a moment.', contactListId, environment.name, reason));
    }
    return 'unknown';
  }

  private async record(
    environment: Environment,
    contactListId: string,
    list: ContactListRecord | undefined,
    result: KoreCallResult,
    outcome: AuditOutcome,
    message: string,
  ): Promise<void> {
    try {
      await this.audit.append(auditEntryFor(environment, result, { contactListId, outcome, message, contactListName: list?.name ?? result.contactList?.name }));
    } catch (error) {
      // The delete already happened: losing the audit line must not hide its result, but the user must know.
      this.log.error(`Could not write the audit trail ${this.audit.file}: ${String(error)}`);
      void this.ui.current.showWarningMessage(vscode.l10n.t('The attempt could not be written to the history ({0}). Its response is still open.', String(error)), {});
    } finally {
      this.deletedEmitter.fire();
    }
  }

  private context(environment: Environment, contactListId: string) {
    return { contactListId, environmentName: environment.name, host: environment.host, timeoutSeconds: this.store.requestTimeoutSeconds() };
  }

  dispose(): void {
    this.deletedEmitter.dispose();
  }
}
