// What follows a DELETE: the answer in a read-only document, the attempt in the audit trail, and a message that
// says what happened with the buttons that help (Show Response, Set Token, Check Status). Check Status looks a
// list up again when a DELETE's outcome could not be known.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { auditEntryFor } from '../../core/auditEntry';
import { ContactListRecord } from '../../core/contactList';
import { DeleteOutcome, deleteOutcomeOf, lookUpOutcomeOf } from '../../core/deleteOutcome';
import { isRouteNotFound } from '../../core/dialectDetection';
import { dialectOf } from '../../core/koreApiPaths';
import { FailureReason, KoreCallResult, recordOfList, responseStatusOf } from '../../core/koreResult';
import { responseDocument } from '../../core/responseDocument';
import { responseTitle } from '../../core/responseTitle';
import { briefFailureReason, describeDeleteResult, pointsAtNetworkSettings } from '../../core/resultMessages';
import { OfferedAction, offerActions } from '../commands';
import type { EnvironmentConnection } from '../connection';
import { networkSettingsAction } from '../networkSettings';
import { withCancellableProgress } from '../progress';
import type { KoreServices } from '../services';

/** What Delete Contact List returns, for keybindings, automation and tests. */
export interface DeleteCommandResult {
  readonly status: DeleteOutcome | 'notSent';
  readonly failure?: FailureReason;
  readonly httpStatus?: number;
  /** The read-only document holding what came back (or, with no answer, what happened). */
  readonly document?: vscode.Uri;
}

export const NOT_SENT: DeleteCommandResult = { status: 'notSent' };

/** The sentence parts a result message needs: which list, where, and the timeout in force. */
export function callContext(connection: EnvironmentConnection, contactListId: string) {
  const { environment } = connection;
  return { contactListId, environmentName: environment.name, host: environment.host, timeoutSeconds: connection.timeoutSeconds, dialect: dialectOf(environment) };
}

export class DeletionResults {
  constructor(private readonly services: KoreServices) {}

  /** Shows, records and words one DELETE's result; `list` is what the look-up found, if anything. */
  async report(connection: EnvironmentConnection, contactListId: string, list: ContactListRecord | undefined, result: KoreCallResult): Promise<DeleteCommandResult> {
    const { environment } = connection;
    // One decision, deleteOutcomeOf, for the message, the document's name, the audit trail and what is offered.
    const outcome = deleteOutcomeOf(result);
    const message = describeDeleteResult(result, callContext(connection, contactListId));
    const document = responseDocument(result);
    // The look-up's record, or the answer's when it is this list's own (never another list's name).
    const listName = list?.name ?? recordOfList(result, contactListId)?.name;
    const note = outcome === 'deleted' ? undefined : outcome === 'unknown' ? vscode.l10n.t('outcome unknown') : vscode.l10n.t('failed');
    const title = responseTitle({ contactListId, listName, environmentName: environment.name, note });
    const uri = this.services.responses.add(environment.name, title, document, { environment, contactListId, method: 'DELETE' });
    const httpStatus = responseStatusOf(result);
    await this.record(connection, contactListId, { result, message, contactListName: listName });
    const base = { document: uri, ...(httpStatus !== undefined ? { httpStatus } : {}) };
    if (outcome === 'deleted') {
      await this.services.responses.open(uri);
      void this.services.ui.current.showInformationMessage(message);
      return { status: 'deleted', ...base };
    }
    const show = this.showAction(uri, document.fromServer);
    const actions =
      outcome === 'unknown'
        ? [this.checkAction(connection, contactListId), show]
        : [show, ...this.setTokenActions(connection, httpStatus), ...(pointsAtNetworkSettings(result) ? [networkSettingsAction()] : [])];
    offerActions(this.context(), { kind: 'error', message, actions });
    return { status: outcome, ...(result.failure ? { failure: result.failure } : {}), ...base };
  }

  /** A look-up that ended the flow (404, 401, 403): its answer one click away, and Set Token after a 401. */
  offerLookUpFailure(connection: EnvironmentConnection, message: string, uri: vscode.Uri, status: number | undefined): void {
    offerActions(this.context(), { kind: 'error', message, actions: [this.showAction(uri, true), ...this.setTokenActions(connection, status)] });
  }

  /** Looks the list up again; returns 'gone', 'exists' or 'unknown'. */
  async checkStatus(connection: EnvironmentConnection, contactListId: string): Promise<'gone' | 'exists' | 'unknown'> {
    const { environment } = connection;
    const ui = this.services.ui.current;
    const result = await withCancellableProgress(vscode.l10n.t('Checking contact list {0} on "{1}"…', contactListId, environment.name), (signal) =>
      connection.getContactList(contactListId, signal, 'check status'),
    );
    const seen = lookUpOutcomeOf(result);
    if (seen === 'gone') {
      void ui.showInformationMessage(vscode.l10n.t('Contact list {0} no longer exists on {1}: it was deleted.', contactListId, environment.name));
      return 'gone';
    }
    if (seen === 'exists') {
      void ui.showInformationMessage(
        vscode.l10n.t('Contact list {0} still exists on {1}. A request that was cancelled or timed out may still be processed: check again before deleting it again.', contactListId, environment.name),
      );
      return 'exists';
    }
    const reason = briefFailureReason(result, connection.timeoutSeconds);
    const status = responseStatusOf(result);
    if (status === 401) {
      const title = responseTitle({ contactListId, environmentName: environment.name, note: vscode.l10n.t('check failed') });
      const uri = this.services.responses.add(environment.name, title, responseDocument(result), { environment, contactListId, method: 'GET' });
      this.offerLookUpFailure(connection, vscode.l10n.t('Could not check contact list {0} on {1}: the token was rejected ({2}). Set a new token, then look the list up again.', contactListId, environment.name, reason), uri, status);
    } else if (isRouteNotFound(result)) {
      // Not "try again": the environment's API form is not served there, and only Test Connection can tell which is.
      void ui.showErrorMessage(describeDeleteResult(result, callContext(connection, contactListId)));
    } else {
      void ui.showErrorMessage(vscode.l10n.t('Could not check contact list {0} on {1} ({2}). Try again in a moment.', contactListId, environment.name, reason));
    }
    return 'unknown';
  }

  private async record(connection: EnvironmentConnection, contactListId: string, attempt: { result: KoreCallResult; message: string; contactListName: string | undefined }): Promise<void> {
    const { audit, log, ui } = this.services;
    try {
      await audit.append(auditEntryFor(connection.environment, attempt.result, { contactListId, outcome: deleteOutcomeOf(attempt.result), message: attempt.message, contactListName: attempt.contactListName }));
    } catch (error) {
      // The delete already happened: losing the audit line must not hide its result, but the user must know.
      log.error(`Could not write the audit trail ${audit.file}: ${String(error)}`);
      void ui.current.showWarningMessage(vscode.l10n.t('The attempt could not be written to the history ({0}). Its response is still open.', String(error)), {});
    } finally {
      this.services.notifyDeleted();
    }
  }

  private showAction(uri: vscode.Uri, fromServer: boolean): OfferedAction {
    return { title: fromServer ? vscode.l10n.t('Show Response') : vscode.l10n.t('Show Details'), run: () => this.services.responses.open(uri) };
  }

  private setTokenActions(connection: EnvironmentConnection, status: number | undefined): OfferedAction[] {
    return status === 401 ? [{ title: vscode.l10n.t('Set Token'), run: () => vscode.commands.executeCommand(CommandIds.setToken, connection.environment.id) }] : [];
  }

  /** After a cancel, a timeout or a broken answer: one click looks the list up again to learn what happened. */
  private checkAction(connection: EnvironmentConnection, contactListId: string): OfferedAction {
    return { title: vscode.l10n.t('Check Status'), run: () => this.checkStatus(connection, contactListId) };
  }

  private context() {
    return { ui: this.services.ui.current, log: this.services.log };
  }
}
