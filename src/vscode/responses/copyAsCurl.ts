// Copy as cURL, on a contact list in the tree and on a response that answers one request: the request the
// extension sends (koreRequest), written as a command for the shell the user picks, with the shell's KORE_TOKEN
// variable where the token goes. The token itself is never read for this: only what kind of credential the
// environment has, to say how to make one. The explanation goes in a notification, never into the command.
import * as vscode from 'vscode';
import { CURL_SHELLS, CurlShell, TokenOrigin, UnwritableRequest, curlAdvice, curlCommand, isCurlShell, shellOfPath } from '../../core/api/curlCommand';
import { Environment } from '../../core/environments/environment';
import { contactListRequest } from '../../core/api/koreRequest';
import { CredentialStore } from '../shared/credentialStore';
import { isContactListNode } from '../shared/treeNodes';
import type { KoreServices } from '../shared/services';
import { UserInterface, UserInterfaceHolder } from '../shared/userInterface';
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

// Which shell a Copy as cURL command is written for, asked each time as REST clients do: the shell chosen last on
// this machine first (globalState, which VS Code does not sync unless asked), else the terminal's shell.
/** The shell chosen last; per machine on purpose: a Windows and a Linux machine of one user want different ones. */
const CURL_SHELL_KEY = 'koreContactLists.curlShell';

/** The shell's name in messages ("… as a cURL command for PowerShell"): names, not translated. */
const CURL_SHELL_NAMES: Readonly<Record<CurlShell, string>> = { posix: 'bash/zsh', powershell: 'PowerShell', cmd: 'cmd' };

function shellLabel(shell: CurlShell): string {
  switch (shell) {
    case 'posix':
      return vscode.l10n.t('Copy as cURL for bash, zsh or another POSIX shell');
    case 'powershell':
      return vscode.l10n.t('Copy as cURL for PowerShell');
    case 'cmd':
      return vscode.l10n.t('Copy as cURL for Command Prompt (cmd)');
  }
}

interface ShellItem extends vscode.QuickPickItem {
  readonly shell: CurlShell;
}

/** Asks which shell; undefined when the user pressed Escape. The first item (Enter) is the likely one. */
async function pickCurlShell(ui: UserInterface, globalState: vscode.Memento): Promise<CurlShell | undefined> {
  const remembered = globalState.get<unknown>(CURL_SHELL_KEY);
  const first = isCurlShell(remembered) ? remembered : shellOfPath(vscode.env.shell, process.platform);
  const why = isCurlShell(remembered) ? vscode.l10n.t('chosen last time') : vscode.l10n.t('the terminal\'s shell');
  const items: ShellItem[] = [first, ...CURL_SHELLS.filter((shell) => shell !== first)].map((shell) => ({
    label: shellLabel(shell),
    shell,
    ...(shell === first ? { description: why } : {}),
  }));
  const picked = await ui.showQuickPick(items, { title: vscode.l10n.t('Copy as cURL'), placeHolder: vscode.l10n.t('Which shell will you paste the command into?') });
  if (!picked) return undefined;
  await globalState.update(CURL_SHELL_KEY, picked.shell);
  return picked.shell;
}
