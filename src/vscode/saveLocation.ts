// Where save dialogs start, and how their writes fail: a bare file name would mean the filesystem root.
import * as os from 'node:os';
import * as vscode from 'vscode';

/** `name` in the first workspace folder, or else in the home directory. */
export function defaultSaveUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), name);
}

/** Writes the file, or tells the user why it could not be written. Returns whether it was written. */
export async function writeChosenFile(target: vscode.Uri, text: string, showError: (message: string) => unknown): Promise<boolean> {
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    return true;
  } catch (error) {
    showError(vscode.l10n.t('Could not write {0}: {1}. Choose another folder and try again.', target.fsPath, error instanceof Error ? error.message : String(error)));
    return false;
  }
}
