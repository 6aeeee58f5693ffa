// Copy as cURL, on a contact list in the tree and on a response that answers one request: the request the
// extension sends (koreRequest), written as a command for the shell the user picks, with the shell's KORE_TOKEN
// variable where the token goes. The token itself is never read for this: only what kind of credential the
// environment has, to say how to make one. The explanation goes in a notification, never into the command.
import * as vscode from 'vscode';
import { TokenOrigin, UnwritableRequest, curlAdvice, curlCommand } from '../../core/curlCommand';
import { Environment } from '../../core/environment';
import { contactListRequest } from '../../core/koreRequest';
import { CredentialStore } from '../environments/credentialStore';
import { isContactListNode } from '../treeNodes';
import type { KoreServices } from '../services';
import { UserInterfaceHolder } from '../userInterface';
import { CURL_SHELL_NAMES, pickCurlShell } from './curlShellPick';
import { AnsweredRequest, RESPONSE_SCHEME, ResponseDocumentProvider } from './responseDocuments';

export class CopyAsCurl {
  private readonly responses: ResponseDocumentProvider;
  private readonly credentials: CredentialStore;
  private readonly ui: UserInterfaceHolder;
  private readonly globalState: vscode.Memento;

  constructor(services: Pick<KoreServices, 'responses' | 'credentials' | 'ui' | 'globalState'>) {
    ({ responses: this.responses, credentials: this.credentials, ui: this.ui, globalState: this.globalState } = services);
  }

  /**
   * From the tree, the list's GET (Get Contact List Details): a command pasted into a shell must not be able to
   * delete without the confirmation the trash action asks for. From a response, the very request it answers (the
   * DELETE of a delete, whose notification says it deletes for good; a GET for a failed look-up).
   * Returns the command copied, or undefined when there was nothing to copy.
   */
  async copy(argument?: unknown): Promise<string | undefined> {
    const answered = this.requestOf(argument);
    if (!answered) return undefined;
    const shell = await pickCurlShell(this.ui.current, this.globalState);
    if (!shell) return undefined;
    const request = contactListRequest(answered.environment, answered.method, answered.contactListId);
    let command: string;
    try {
      command = curlCommand(request, shell);
    } catch (error) {
      if (!(error instanceof UnwritableRequest)) throw error;
      void this.ui.current.showErrorMessage(unwritableMessage(answered, error));
      return undefined;
    }
    await vscode.env.clipboard.writeText(command);
    const copied = vscode.l10n.t('Copied the {0} request of contact list {1} as a cURL command for {2}.', answered.method, answered.contactListId, CURL_SHELL_NAMES[shell]);
    void this.ui.current.showInformationMessage(`${copied} ${curlAdvice(request, shell, await this.tokenOrigin(answered.environment))}`);
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
  private async tokenOrigin(environment: Environment): Promise<TokenOrigin> {
    try {
      return (await this.credentials.get(environment.id))?.kind ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }
}

/** Why nothing was copied, and what to do: edit the environment, or pick a shell that can carry the id. */
function unwritableMessage(request: AnsweredRequest, error: UnwritableRequest): string {
  switch (error.reason) {
    case 'url':
      return vscode.l10n.t('Could not copy the request of contact list {0} as cURL: the address of environment "{1}" holds characters a shell could read as commands. Check the environment\'s host, then copy again.', request.contactListId, request.environment.name);
    case 'header':
      return vscode.l10n.t('Could not copy the request of contact list {0} as cURL: the App ID or Account ID of environment "{1}" holds characters other than letters, digits, "-", "_" and ".". Edit the environment, then copy again.', request.contactListId, request.environment.name);
    case 'cmdPercent':
      return vscode.l10n.t('Could not copy the request of contact list {0} for {1}: its address holds "%" (characters of the id, percent-encoded), which cmd would read as a variable. Copy it for PowerShell or a POSIX shell instead.', request.contactListId, CURL_SHELL_NAMES[error.shell]);
  }
}
