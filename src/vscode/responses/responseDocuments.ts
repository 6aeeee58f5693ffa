// Read-only documents that show what Kore.ai answered. A content provider (rather than an untitled file)
// makes them read-only and free of "Save?" prompts; the path ends in the right extension for highlighting.
import * as vscode from 'vscode';
import { ResponseDocument } from '../../core/responseDocument';

/** Read-only documents that show what a Kore.ai server answered. */
export const RESPONSE_SCHEME = 'kore-response';

/** Older responses are dropped past this many, so a long session cannot grow memory without bound. */
const MAX_KEPT = 200;

export class ResponseDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  // Each response gets a URI of its own and never changes, so the provider has no onDidChange.
  private readonly contents = new Map<string, string>();
  private sequence = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ??
      vscode.l10n.t('This response is no longer kept in memory. Run the command again to see a fresh answer.')
    );
  }

  /** Keeps the text under a new URI, `kore-response:/<environment>/<name>.<ext>`, and returns that URI. */
  add(environmentName: string, baseName: string, document: ResponseDocument): vscode.Uri {
    this.sequence += 1;
    const safe = (part: string) => part.replace(/[/\\?#%]/g, '_');
    const uri = vscode.Uri.from({
      scheme: RESPONSE_SCHEME,
      path: `/${safe(environmentName)}/${safe(baseName)}.${document.extension}`,
      // A distinct query per response keeps earlier answers for the same list intact.
      query: String(this.sequence),
    });
    this.contents.set(uri.toString(), document.text);
    while (this.contents.size > MAX_KEPT) {
      const oldest = this.contents.keys().next().value;
      if (oldest === undefined) break;
      this.contents.delete(oldest);
    }
    return uri;
  }

  /** Text kept for a URI, for the commands that copy or save it (its editor may be closed). */
  textOf(uri: vscode.Uri): string | undefined {
    return this.contents.get(uri.toString());
  }

  async open(uri: vscode.Uri): Promise<vscode.TextEditor> {
    let document = await vscode.workspace.openTextDocument(uri);
    const language = uri.path.endsWith('.json') ? 'json' : uri.path.endsWith('.jsonc') ? 'jsonc' : uri.path.endsWith('.html') ? 'html' : 'plaintext';
    if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
    return vscode.window.showTextDocument(document, { preview: false });
  }

  dispose(): void {
    this.contents.clear();
  }
}
