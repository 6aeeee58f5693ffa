// Delete Contact List: which environment, which list, a look at the list and a confirmation (deletionDialogs),
// the DELETE with cancellable progress, then the answer in a read-only editor or a message that says what went
// wrong (deletionResults). Every DELETE sent is written to the audit trail.
import * as vscode from 'vscode';
import { parseCommandTarget } from '../../core/commandTarget';
import { Environment } from '../../core/environment';
import { typedContactListId, validateContactListId } from '../../core/validation';
import { InFlightDeletes } from '../../core/inFlightDeletes';
import { serverText } from '../../core/textSafety';
import { withCancellableProgress } from '../progress';
import type { KoreServices } from '../services';
import { DeletionDialogs } from './deletionDialogs';
import { DeleteCommandResult, DeletionResults, NOT_SENT } from './deletionResults';

export class DeleteContactListCommand {
  private readonly results: DeletionResults;
  private readonly dialogs: DeletionDialogs;

  constructor(
    private readonly services: KoreServices,
    /** Shared with bulk deletion: the same list is never sent two DELETEs at once from this window. */
    private readonly inFlight: InFlightDeletes,
  ) {
    this.results = new DeletionResults(services);
    this.dialogs = new DeletionDialogs(services, this.results);
  }

  async run(environmentArgument?: unknown, contactListArgument?: unknown): Promise<DeleteCommandResult> {
    const { picker, active, log, ui } = this.services;
    const environment = await picker.resolve(environmentArgument, vscode.l10n.t('Choose the environment to delete a contact list from'));
    if (!environment) return NOT_SENT;
    const contactListId = await this.askContactListId(environment, parseCommandTarget(environmentArgument, contactListArgument).contactListId);
    if (contactListId === undefined) return NOT_SENT;
    const connection = await this.services.connect(environment);
    if (!connection) return NOT_SENT;
    await active.set(environment);

    if (!this.inFlight.tryAcquire(environment.id, contactListId)) {
      void ui.current.showWarningMessage(vscode.l10n.t('Contact list {0} on {1} is already being deleted. Wait for that attempt to finish.', contactListId, environment.name), {});
      return NOT_SENT;
    }
    try {
      const preview = await this.dialogs.preview(connection, contactListId);
      if (preview.stop) return preview.stop;
      if (!(await this.dialogs.confirm(connection, contactListId, preview.list))) {
        log.info(`Delete of contact list ${contactListId} on "${environment.name}" cancelled at confirmation; nothing was sent.`);
        return NOT_SENT;
      }
      const title = vscode.l10n.t('Deleting contact list {0} from "{1}"…', serverText(preview.list?.name ?? contactListId), environment.name);
      const result = await withCancellableProgress(title, (signal) => connection.deleteContactList(contactListId, signal));
      if (result.exchange.kind === 'cancelled' && result.exchange.beforeSending) {
        // Cancelled while waiting for the account's rate limit: nothing left, so there is no attempt to record.
        void ui.current.showInformationMessage(vscode.l10n.t('Cancelled before the DELETE of contact list {0} was sent. Nothing was deleted.', contactListId));
        return NOT_SENT;
      }
      return await this.results.report(connection, contactListId, preview.list, result);
    } finally {
      this.inFlight.release(environment.id, contactListId);
    }
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
}
