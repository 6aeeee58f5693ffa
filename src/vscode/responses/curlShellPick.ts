// Which shell a Copy as cURL command is written for, asked each time as REST clients do: the shell chosen last on
// this machine first (globalState, which VS Code does not sync unless asked), else the terminal's shell.
import * as vscode from 'vscode';
import { CURL_SHELLS, CurlShell, isCurlShell, shellOfPath } from '../../core/curlCommand';
import { UserInterface } from '../userInterface';

/** The shell chosen last; per machine on purpose: a Windows and a Linux machine of one user want different ones. */
const CURL_SHELL_KEY = 'koreContactLists.curlShell';

/** The shell's name in messages ("… as a cURL command for PowerShell"): names, not translated. */
export const CURL_SHELL_NAMES: Readonly<Record<CurlShell, string>> = { posix: 'bash/zsh', powershell: 'PowerShell', cmd: 'cmd' };

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
export async function pickCurlShell(ui: UserInterface, globalState: vscode.Memento): Promise<CurlShell | undefined> {
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
