// Delete Contact List, one flow in the order the user meets it: which environment and list, a look at the list,
// a confirmation naming it, the DELETE under cancellable progress, then the answer in a read-only document, the
// attempt in the audit trail and a message with the buttons that help. Each step returns what the next needs, or
// says the flow ends here (a discriminated union, never a flag beside a value). How an answer is shown and Check
// Status, which a later click runs, live in deletionResults.ts: they are shared by the look-up and the DELETE.
import * as vscode from 'vscode';
import { auditEntryFor } from '../../core/audit/auditEntry';
import { parseCommandTarget } from '../../core/commandTarget';
import { ContactListRecord } from '../../core/api/contactList';
import { DeleteOutcome, deleteOutcomeOf } from '../../core/failures/deleteOutcome';
import { confirmationText } from '../../core/deletionPreview';
import { isRouteNotFound } from '../../core/api/dialectDetection';
import { Environment } from '../../core/environments/environment';
import { failureOf, offers } from '../../core/failures/failureTable';
import { InFlightDeletes } from '../../core/inFlightDeletes';
import { FailureReason, KoreCallResult, recordOfList, responseStatusOf } from '../../core/api/koreResult';
import { briefFailureReason, describeDeleteResult } from '../../core/failures/resultMessages';
import { serverText } from '../../core/text/textSafety';
import { typedContactListId, validateContactListId } from '../../core/input/validation';
import type { EnvironmentConnection } from '../shared/connection';
import { networkSettingsAction } from '../shared/networkSettings';
import { confirmByTyping, withCancellableProgress } from '../shared/progress';
import type { KoreServices } from '../shared/services';
import { DeletionResults, callContext } from './deletionResults';

/** What Delete Contact List returns, for keybindings, automation and tests. */
export interface DeleteCommandResult {
  readonly status: DeleteOutcome | 'notSent';
  readonly failure?: FailureReason;
  readonly httpStatus?: number;
  /** The read-only document holding what came back (or, with no answer, what happened). */
  readonly document?: vscode.Uri;
}

const NOT_SENT: DeleteCommandResult = { status: 'notSent' };

/** Ends the flow with what the command returns; the user has been told why. */
interface Stop {
  readonly kind: 'stop';
  readonly result: DeleteCommandResult;
}
const stop = (result: DeleteCommandResult = NOT_SENT): Stop => ({ kind: 'stop', result });

/** The list to delete, where, with its credential bound. */
type Target = { readonly kind: 'target'; readonly connection: EnvironmentConnection; readonly contactListId: string } | Stop;
/** What the look-up told: this list's record, or nothing to show (the user agreed to go on without it). */
type LookUp = { readonly kind: 'found'; readonly list: ContactListRecord } | { readonly kind: 'unseen' } | Stop;
/** The DELETE's answer, or a cancel while it was still waiting for the rate limit (nothing left). */
type Sent = { readonly kind: 'answered'; readonly result: KoreCallResult } | Stop;

export class DeleteContactListCommand {
  private readonly results: DeletionResults;

  constructor(
    private readonly services: KoreServices,
    /** Shared with bulk deletion: the same list is never sent two DELETEs at once from this window. */
    private readonly inFlight: InFlightDeletes,
  ) {
    this.results = new DeletionResults(services);
  }

  async run(environmentArgument?: unknown, contactListArgument?: unknown): Promise<DeleteCommandResult> {
    const target = await this.chooseTarget(environmentArgument, contactListArgument);
    if (target.kind === 'stop') return target.result;
    const { connection, contactListId } = target;
    const { environment } = connection;
    if (!this.inFlight.tryAcquire(environment.id, contactListId)) {
      void this.services.ui.current.showWarningMessage(vscode.l10n.t('Contact list {0} on {1} is already being deleted. Wait for that attempt to finish.', contactListId, environment.name), {});
      return NOT_SENT;
    }
    try {
      const lookUp = await this.lookUp(connection, contactListId);
      if (lookUp.kind === 'stop') return lookUp.result;
      const list = lookUp.kind === 'found' ? lookUp.list : undefined;
      if (!(await this.confirm(connection, contactListId, list))) {
        this.services.log.info(`Delete of contact list ${contactListId} on "${environment.name}" cancelled at confirmation; nothing was sent.`);
        return NOT_SENT;
      }
      const sent = await this.send(connection, contactListId, list);
      if (sent.kind === 'stop') return sent.result;
      return await this.report(connection, contactListId, list, sent.result);
    } finally {
      this.inFlight.release(environment.id, contactListId);
    }
  }

  private async chooseTarget(environmentArgument: unknown, contactListArgument: unknown): Promise<Target> {
    const { picker, active } = this.services;
    const environment = await picker.resolve(environmentArgument, vscode.l10n.t('Choose the environment to delete a contact list from'));
    if (!environment) return stop();
    const contactListId = await this.askContactListId(environment, parseCommandTarget(environmentArgument, contactListArgument).contactListId);
    if (contactListId === undefined) return stop();
    const connection = await this.services.connect(environment);
    if (!connection) return stop();
    await active.set(environment);
    return { kind: 'target', connection, contactListId };
  }

  private async askContactListId(environment: Environment, argument: string | undefined): Promise<string | undefined> {
    const ui = this.services.ui.current;
    if (typeof argument === 'string') {
      const id = typedContactListId(argument);
      const problem = validateContactListId(id);
      if (problem) {
        void ui.showErrorMessage(vscode.l10n.t('Nothing was deleted: {0}', problem));
        return undefined;
      }
      return id;
    }
    const value = await ui.showInputBox({
      title: vscode.l10n.t('Delete Contact List from "{0}"', environment.name),
      prompt: vscode.l10n.t('Contact list id to delete from {0} ({1}). You will see its details and be asked to confirm.', environment.name, environment.host),
      placeHolder: 'cl-c2ce382-2516-457e-8eb4-9847deecxxxx',
      ignoreFocusOut: true,
      validateInput: (input) => validateContactListId(typedContactListId(input)),
    });
    return value === undefined ? undefined : typedContactListId(value);
  }

  /**
   * Get Contact List Details before the confirmation. An unknown id or a refused token ends the flow here; any other
   * failure lets the user choose to go on without the details.
   */
  private async lookUp(connection: EnvironmentConnection, contactListId: string): Promise<LookUp> {
    const { environment } = connection;
    const ui = this.services.ui.current;
    const result = await withCancellableProgress(vscode.l10n.t('Looking up contact list {0} on "{1}"…', contactListId, environment.name), (signal) =>
      connection.getContactList(contactListId, signal),
    );
    if (result.ok) {
      // A record of another list (a confused or hostile server) must not lend its facts to this confirmation.
      const list = recordOfList(result, contactListId);
      return list ? { kind: 'found', list } : { kind: 'unseen' };
    }
    if (result.failure === 'cancelled') {
      void ui.showInformationMessage(vscode.l10n.t('Cancelled while looking up contact list {0}. Nothing was deleted.', contactListId));
      return stop();
    }
    const status = responseStatusOf(result);
    // A refused token, a denied account or a 404 ends the flow here (failureTable's endsLookUp): no delete is offered.
    if (failureOf(result)?.row.endsLookUp === true) {
      const message =
        // A 404 for the address itself says the API form is not served, not that the list is missing.
        status === 404 && !isRouteNotFound(result)
          ? vscode.l10n.t('Contact list {0} was not found on {1} ({2}), so nothing was deleted. Check the id, and that it belongs to this environment\'s app.', contactListId, environment.name, environment.host)
          : `${describeDeleteResult(result, callContext(connection, contactListId))} ${vscode.l10n.t('Nothing was deleted.')}`;
      const document = this.results.offerLookUpAnswer(connection, contactListId, result, { note: vscode.l10n.t('lookup failed'), message });
      return stop({ status: 'notSent', ...(result.failure ? { failure: result.failure } : {}), httpStatus: status, document });
    }
    const goOn = vscode.l10n.t('Delete Without Details');
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('Could not look up contact list {0} on "{1}" ({2}).', contactListId, environment.name, briefFailureReason(result, connection.timeoutSeconds)),
      { modal: true, detail: vscode.l10n.t('Its name, size and campaigns are unknown. Delete it anyway, without seeing them?') },
      goOn,
    );
    return choice === goOn ? { kind: 'unseen' } : stop();
  }

  /** A modal naming the list, its size, its campaigns and where it lives; production asks for the id to be typed. */
  private async confirm(connection: EnvironmentConnection, contactListId: string, list: ContactListRecord | undefined): Promise<boolean> {
    const { environment } = connection;
    const production = environment.production === true;
    const text = confirmationText(
      { contactListId, environmentName: environment.name, host: environment.host, iid: environment.iid, accountId: environment.accountId, production },
      list,
    );
    const remove = production ? vscode.l10n.t('Delete…') : vscode.l10n.t('Delete');
    const choice = await this.services.ui.current.showWarningMessage(text.message, { modal: true, detail: text.detail }, remove);
    if (choice !== remove) return false;
    if (!production) return true;
    return confirmByTyping(this.services.ui, {
      title: vscode.l10n.t('Confirm deletion from PRODUCTION environment "{0}"', environment.name),
      prompt: vscode.l10n.t('Type the contact list id {0} to delete it from {1}.', contactListId, environment.host),
      expected: contactListId,
      mismatch: vscode.l10n.t('Type exactly {0} to confirm, or press Escape to keep the list.', contactListId),
    });
  }

  private async send(connection: EnvironmentConnection, contactListId: string, list: ContactListRecord | undefined): Promise<Sent> {
    const title = vscode.l10n.t('Deleting contact list {0} from "{1}"…', serverText(list?.name ?? contactListId), connection.environment.name);
    const result = await withCancellableProgress(title, (signal) => connection.deleteContactList(contactListId, signal));
    if (result.exchange.kind === 'cancelled' && result.exchange.beforeSending) {
      // Cancelled while waiting for the account's rate limit: nothing left, so there is no attempt to record.
      void this.services.ui.current.showInformationMessage(vscode.l10n.t('Cancelled before the DELETE of contact list {0} was sent. Nothing was deleted.', contactListId));
      return stop();
    }
    return { kind: 'answered', result };
  }

  /** Shows, records and words one DELETE's answer; `list` is what the look-up found, if anything. */
  private async report(connection: EnvironmentConnection, contactListId: string, list: ContactListRecord | undefined, result: KoreCallResult): Promise<DeleteCommandResult> {
    // One decision, made once, for the message, the document's name, the audit trail and what is offered.
    const outcome = deleteOutcomeOf(result);
    const message = describeDeleteResult(result, callContext(connection, contactListId));
    // The look-up's record, or the answer's when it is this list's own (never another list's name).
    const listName = list?.name ?? recordOfList(result, contactListId)?.name;
    const answer = this.results.addDeleteAnswer(connection, { contactListId, listName, outcome }, result);
    await this.record(connection.environment, result, { contactListId, outcome, message, contactListName: listName });
    const httpStatus = responseStatusOf(result);
    const base = { document: answer.uri, ...(httpStatus !== undefined ? { httpStatus } : {}) };
    if (outcome === 'deleted') {
      await this.services.responses.open(answer.uri);
      void this.services.ui.current.showInformationMessage(message);
      return { status: 'deleted', ...base };
    }
    const show = this.results.showAction(answer.uri, answer.fromServer);
    // Which actions help is a column of failureTable; Check Status comes first, where it is offered, and the answer next.
    const check = offers(result, 'checkStatus') ? [this.results.checkAction(connection, contactListId)] : [];
    const actions = [...check, show, ...this.results.setTokenActions(connection, result), ...(offers(result, 'networkSettings') ? [networkSettingsAction()] : [])];
    this.results.offer(message, actions);
    return { status: outcome, ...(result.failure ? { failure: result.failure } : {}), ...base };
  }

  private async record(environment: Environment, result: KoreCallResult, attempt: { contactListId: string; outcome: DeleteOutcome; message: string; contactListName: string | undefined }): Promise<void> {
    const { audit, log, ui } = this.services;
    try {
      await audit.append(auditEntryFor(environment, result, attempt));
    } catch (error) {
      // The delete already happened: losing the audit line must not hide its result, but the user must know.
      log.error(`Could not write the audit trail ${audit.file}: ${String(error)}`);
      void ui.current.showWarningMessage(vscode.l10n.t('The attempt could not be written to the history ({0}). Its response is still open.', String(error)), {});
    } finally {
      this.services.notifyDeleted();
    }
  }
}
