// Editor title actions on kore-response documents: Copy JSON and Save As (a real file the user chooses).
import * as vscode from 'vscode';
import { RESPONSE_SCHEME, ResponseDocumentProvider } from './responseDocuments';
import { saveTextAs } from '../shared/saveLocation';
import type { KoreServices } from '../shared/services';
import { UserInterfaceHolder } from '../shared/userInterface';

export class ResponseCommands {
  private readonly responses: ResponseDocumentProvider;
  private readonly ui: UserInterfaceHolder;

  constructor(services: Pick<KoreServices, 'responses' | 'ui'>) {
    ({ responses: this.responses, ui: this.ui } = services);
  }

  /** The response's text as kept, whether or not its editor is still open. */
  private response(uri?: unknown): { uri: vscode.Uri; text: string } | undefined {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    const text = target?.scheme === RESPONSE_SCHEME ? this.responses.textOf(target) : undefined;
    if (!target || text === undefined) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('Open a Kore.ai response first (run Delete Contact List, or open an attempt from the History view).'));
      return undefined;
    }
    return { uri: target, text };
  }

  async copy(uri?: unknown): Promise<boolean> {
    const response = this.response(uri);
    if (!response) return false;
    await vscode.env.clipboard.writeText(response.text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the response'), 3000);
    return true;
  }

  async saveAs(uri?: unknown): Promise<vscode.Uri | undefined> {
    const response = this.response(uri);
    if (!response) return undefined;
    const name = response.uri.path.split('/').pop() ?? 'response.json';
    return saveTextAs(this.ui, {
      title: vscode.l10n.t('Save Kore.ai Response As'),
      name,
      filters: name.endsWith('.json') ? { JSON: ['json'] } : name.endsWith('.jsonc') ? { 'JSON with Comments': ['jsonc'] } : { Text: ['txt', 'html'] },
      text: response.text,
      saved: (path) => vscode.l10n.t('Saved the response to {0}.', path),
    });
  }
}
