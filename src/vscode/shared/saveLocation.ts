// Saving text to a file the user chooses: the dialog starts in the workspace (a bare file name would mean
// the filesystem root), and a write that fails says why instead of failing the command.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { UserInterfaceHolder } from './userInterface';

/** `name` in the first workspace folder, or else in the home directory. */
function defaultSaveUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), name);
}

export interface SaveRequest {
  readonly title: string;
  /** The file name the dialog proposes. */
  readonly name: string;
  readonly filters: Record<string, string[]>;
  readonly text: string;
  /** The information message once written, given the file's path. */
  readonly saved: (path: string) => string;
}

/** Asks where, writes, and reports; returns the file, or undefined when cancelled or not written. */
export async function saveTextAs(ui: UserInterfaceHolder, request: SaveRequest): Promise<vscode.Uri | undefined> {
  const target = await ui.current.showSaveDialog({ title: request.title, defaultUri: defaultSaveUri(request.name), filters: request.filters });
  if (!target) return undefined;
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(request.text, 'utf8'));
  } catch (error) {
    void ui.current.showErrorMessage(
      vscode.l10n.t('Could not write {0}: {1}. Choose another folder and try again.', target.fsPath, error instanceof Error ? error.message : String(error)),
    );
    return undefined;
  }
  void ui.current.showInformationMessage(request.saved(target.fsPath));
  return target;
}
