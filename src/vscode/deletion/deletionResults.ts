// How Delete Contact List shows what Kore.ai answered: the answer in a read-only document, and a message with the
// buttons that help (Show Response, Set Token, Check Status). Shared by the flow's look-up, its DELETE and Check
// Status, the follow-up a later click runs: it looks a list up again when a DELETE's outcome could not be known.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { DeleteOutcome, lookUpOutcomeOf } from '../../core/failures/deleteOutcome';
import { isRouteNotFound } from '../../core/api/dialectDetection';
import { offers } from '../../core/failures/failureTable';
import { dialectOf } from '../../core/api/koreApiPaths';
import { KoreCallResult } from '../../core/api/koreResult';
import { responseDocument } from '../../core/failures/responseDocument';
import { responseTitle } from '../../core/failures/responseTitle';
import { briefFailureReason, describeDeleteResult } from '../../core/failures/resultMessages';
import { OfferedAction, offerActions } from '../shared/commands';
import type { EnvironmentConnection } from '../shared/connection';
import { withCancellableProgress } from '../shared/progress';
import type { KoreServices } from '../shared/services';

/** The sentence parts a result message needs: which list, where, and the timeout in force. */
export function callContext(connection: EnvironmentConnection, contactListId: string) {
  const { environment } = connection;
  return { contactListId, environmentName: environment.name, host: environment.host, timeoutSeconds: connection.timeoutSeconds, dialect: dialectOf(environment) };
}

/** A DELETE's answer as a document: where it is, and whether the server sent it (or it tells what happened instead). */
export interface DeleteAnswer {
  readonly uri: vscode.Uri;
  readonly fromServer: boolean;
}

export class DeletionResults {
  constructor(private readonly services: KoreServices) {}

  /** The DELETE's answer as a read-only document named after the list and, unless deleted, its outcome. */
  addDeleteAnswer(connection: EnvironmentConnection, about: { contactListId: string; listName: string | undefined; outcome: DeleteOutcome }, result: KoreCallResult): DeleteAnswer {
    const { environment } = connection;
    const { contactListId, listName, outcome } = about;
    const document = responseDocument(result);
    const note = outcome === 'deleted' ? undefined : outcome === 'unknown' ? vscode.l10n.t('outcome unknown') : vscode.l10n.t('failed');
    const title = responseTitle({ contactListId, listName, environmentName: environment.name, note });
    const uri = this.services.responses.add(environment.name, title, document, { environment, contactListId, method: 'DELETE' });
    return { uri, fromServer: document.fromServer };
  }

  /**
   * A look-up (GET) that ended what the user was doing: its answer as a document one click away, and Set Token
   * after a 401. The one path for the look-up before a DELETE and for Check Status. Returns the document.
   */
  offerLookUpAnswer(connection: EnvironmentConnection, contactListId: string, result: KoreCallResult, wording: { note: string; message: string }): vscode.Uri {
    const { environment } = connection;
    const title = responseTitle({ contactListId, environmentName: environment.name, note: wording.note });
    const uri = this.services.responses.add(environment.name, title, responseDocument(result), { environment, contactListId, method: 'GET' });
    this.offer(wording.message, [this.showAction(uri, true), ...this.setTokenActions(connection, result)]);
    return uri;
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
    if (offers(result, 'setToken')) {
      const message = vscode.l10n.t('Could not check contact list {0} on {1}: the token was rejected ({2}). Set a new token, then look the list up again.', contactListId, environment.name, reason);
      this.offerLookUpAnswer(connection, contactListId, result, { note: vscode.l10n.t('check failed'), message });
    } else if (isRouteNotFound(result)) {
      // Not "try again": the environment's API form is not served there, and only Test Connection can tell which is.
      void ui.showErrorMessage(describeDeleteResult(result, callContext(connection, contactListId)));
    } else {
      void ui.showErrorMessage(vscode.l10n.t('Could not check contact list {0} on {1} ({2}). Try again in a moment.', contactListId, environment.name, reason));
    }
    return 'unknown';
  }

  /** An error message with these buttons, without waiting for the user to choose. */
  offer(message: string, actions: readonly OfferedAction[]): void {
    offerActions({ ui: this.services.ui.current, log: this.services.log }, { kind: 'error', message, actions });
  }

  showAction(uri: vscode.Uri, fromServer: boolean): OfferedAction {
    return { title: fromServer ? vscode.l10n.t('Show Response') : vscode.l10n.t('Show Details'), run: () => this.services.responses.open(uri) };
  }

  setTokenActions(connection: EnvironmentConnection, result: KoreCallResult): OfferedAction[] {
    return offers(result, 'setToken') ? [{ title: vscode.l10n.t('Set Token'), run: () => vscode.commands.executeCommand(CommandIds.setToken, connection.environment.id) }] : [];
  }

  /** After a cancel, a timeout or a broken answer: one click looks the list up again to learn what happened. */
  checkAction(connection: EnvironmentConnection, contactListId: string): OfferedAction {
    return { title: vscode.l10n.t('Check Status'), run: () => this.checkStatus(connection, contactListId) };
  }
}
