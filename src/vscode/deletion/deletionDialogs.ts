// Before a DELETE: a look at the list (Get Contact List Details), then a confirmation naming it, its size, its
// campaigns and where it lives; production asks for the id to be typed. An unknown id or a refused token ends
// the flow at the look-up; any other look-up failure lets the user choose to go on without the details.
import * as vscode from 'vscode';
import { ContactListRecord } from '../../core/contactList';
import { confirmationText } from '../../core/deletionPreview';
import { isRouteNotFound } from '../../core/dialectDetection';
import { recordOfList, responseStatusOf } from '../../core/koreResult';
import { responseDocument } from '../../core/responseDocument';
import { responseTitle } from '../../core/responseTitle';
import { briefFailureReason, describeDeleteResult } from '../../core/resultMessages';
import type { EnvironmentConnection } from '../connection';
import { confirmByTyping, withCancellableProgress } from '../progress';
import type { KoreServices } from '../services';
import { DeleteCommandResult, DeletionResults, NOT_SENT, callContext } from './deletionResults';

export interface Preview {
  readonly list?: ContactListRecord;
  /** Set when the flow ends here, with what the command returns. */
  readonly stop?: DeleteCommandResult;
}

export class DeletionDialogs {
  constructor(
    private readonly services: KoreServices,
    private readonly results: DeletionResults,
  ) {}

  async preview(connection: EnvironmentConnection, contactListId: string): Promise<Preview> {
    const { environment } = connection;
    const ui = this.services.ui.current;
    const result = await withCancellableProgress(vscode.l10n.t('Looking up contact list {0} on "{1}"…', contactListId, environment.name), (signal) =>
      connection.getContactList(contactListId, signal),
    );
    // A record of another list (a confused or hostile server) must not lend its facts to this confirmation.
    if (result.ok) {
      const list = recordOfList(result, contactListId);
      return list ? { list } : {};
    }
    const status = responseStatusOf(result);
    if (result.failure === 'cancelled') {
      void ui.showInformationMessage(vscode.l10n.t('Cancelled while looking up contact list {0}. Nothing was deleted.', contactListId));
      return { stop: NOT_SENT };
    }
    if (status === 404 || status === 401 || status === 403) {
      const title = responseTitle({ contactListId, environmentName: environment.name, note: vscode.l10n.t('lookup failed') });
      const uri = this.services.responses.add(environment.name, title, responseDocument(result), { environment, contactListId, method: 'GET' });
      const message =
        // A 404 for the address itself says the API form is not served, not that the list is missing.
        status === 404 && !isRouteNotFound(result)
          ? vscode.l10n.t('Contact list {0} was not found on {1} ({2}), so nothing was deleted. Check the id, and that it belongs to this environment\'s app.', contactListId, environment.name, environment.host)
          : `${describeDeleteResult(result, callContext(connection, contactListId))} ${vscode.l10n.t('Nothing was deleted.')}`;
      this.results.offerLookUpFailure(connection, message, uri, status);
      return { stop: { status: 'notSent', ...(result.failure ? { failure: result.failure } : {}), httpStatus: status, document: uri } };
    }
    const goOn = vscode.l10n.t('Delete Without Details');
    const choice = await ui.showWarningMessage(
      vscode.l10n.t('Could not look up contact list {0} on "{1}" ({2}).', contactListId, environment.name, briefFailureReason(result, connection.timeoutSeconds)),
      { modal: true, detail: vscode.l10n.t('Its name, size and campaigns are unknown. Delete it anyway, without seeing them?') },
      goOn,
    );
    return choice === goOn ? {} : { stop: NOT_SENT };
  }

  async confirm(connection: EnvironmentConnection, contactListId: string, list: ContactListRecord | undefined): Promise<boolean> {
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
}
