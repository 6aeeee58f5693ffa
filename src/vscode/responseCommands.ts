// Editor title actions on kore-response documents: Copy JSON and Save As (a real file the user chooses).
import * as vscode from 'vscode';
import { RESPONSE_SCHEME } from '../commandIds';
import { UserInterfaceHolder } from './userInterface';

export class ResponseCommands {
  constructor(private readonly ui: UserInterfaceHolder) {}

  private document(uri?: unknown): vscode.TextDocument | undefined {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target || target.scheme !== RESPONSE_SCHEME) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('Open a Kore.ai response first.'));
      return undefined;
    }
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === target.toString());
  }

  async copy(uri?: unknown): Promise<boolean> {
    const document = this.document(uri);
    if (!document) return false;
    await vscode.env.clipboard.writeText(document.getText());
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the response'), 3000);
    return true;
  }

  async saveAs(uri?: unknown): Promise<vscode.Uri | undefined> {
    const document = this.document(uri);
    if (!document) return undefined;
    const name = document.uri.path.split('/').pop() ?? 'response.json';
    const target = await this.ui.current.showSaveDialog({
      title: vscode.l10n.t('Save Kore.ai Response As'),
      defaultUri: vscode.Uri.file(name),
      filters: name.endsWith('.json') ? { JSON: ['json'] } : { Text: ['txt', 'html'] },
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(document.getText(), 'utf8'));
    void this.ui.current.showInformationMessage(vscode.l10n.t('Saved the response to {0}.', target.fsPath));
    return target;
  }
}
