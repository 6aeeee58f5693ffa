// Copy as cURL, on a contact list in the tree and on a response that answers one request: the request the
// extension sends (koreRequest), written as a shell command with `$KORE_TOKEN` where the token goes. The token
// itself is never read for this: only what kind of credential the environment has, to say how to make one.
import * as vscode from 'vscode';
import { TokenSource, curlCommand } from '../../core/curlCommand';
import { Environment } from '../../core/environment';
import { contactListRequest } from '../../core/koreRequest';
import { CredentialStore } from '../environments/credentialStore';
import { isContactListNode } from '../environments/environmentTree';
import type { KoreServices } from '../services';
import { UserInterfaceHolder } from '../userInterface';
import { AnsweredRequest, RESPONSE_SCHEME, ResponseDocumentProvider } from './responseDocuments';

export class CopyAsCurl {
  private readonly responses: ResponseDocumentProvider;
  private readonly credentials: CredentialStore;
  private readonly ui: UserInterfaceHolder;

  constructor(services: Pick<KoreServices, 'responses' | 'credentials' | 'ui'>) {
    ({ responses: this.responses, credentials: this.credentials, ui: this.ui } = services);
  }

  /**
   * From the tree, the list's GET (Get Contact List Details): a command pasted into a shell must not be able to
   * delete without the confirmation the trash action asks for. From a response, the very request it answers (the
   * DELETE of a delete, whose comment says it deletes for good; a GET for a failed look-up).
   * Returns the command copied, or undefined when there was nothing to copy.
   */
  async copy(argument?: unknown): Promise<string | undefined> {
    const request = this.requestOf(argument);
    if (!request) return undefined;
    let command: string;
    try {
      command = curlCommand(contactListRequest(request.environment, request.method, request.contactListId), await this.tokenSource(request.environment));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      void this.ui.current.showErrorMessage(
        vscode.l10n.t('Could not write the request of contact list {0} as a shell command: a value of environment "{1}" holds a character no shell can carry. Edit the environment, then copy again.', request.contactListId, request.environment.name),
      );
      return undefined;
    }
    await vscode.env.clipboard.writeText(command);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the {0} request of contact list {1} as cURL (the token is read from $KORE_TOKEN)', request.method, request.contactListId), 3000);
    return command;
  }

  private requestOf(argument: unknown): AnsweredRequest | undefined {
    if (isContactListNode(argument)) return { environment: argument.environment, contactListId: argument.list._id, method: 'GET' };
    const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
    const request = uri?.scheme === RESPONSE_SCHEME ? this.responses.requestOf(uri) : undefined;
    if (request) return request;
    void this.ui.current.showInformationMessage(
      uri?.scheme === RESPONSE_SCHEME
        ? vscode.l10n.t('This response answers no single contact-list request (a bulk report, a history entry or an import), so there is no request to copy as cURL. Open the response of a delete or a look-up, or use Copy as cURL on a contact list in the Environments view.')
        : vscode.l10n.t('Choose a contact list in the Environments view, or open the response of a delete, to copy its request as cURL.'),
    );
    return undefined;
  }

  /** The kind of credential only; an unreadable or missing one gets the generic advice. */
  private async tokenSource(environment: Environment): Promise<TokenSource> {
    try {
      return (await this.credentials.get(environment.id))?.kind ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }
}
