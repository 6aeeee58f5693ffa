// Read-only documents that show what Kore.ai answered. A content provider (rather than an untitled file)
// makes them read-only and free of "Save?" prompts; the path ends in the right extension for highlighting.
import * as vscode from 'vscode';
import { Environment } from '../../core/environments/environment';
import { ResponseDocument } from '../../core/failures/responseDocument';
import { pathSegment } from '../../core/failures/responseTitle';

/** Read-only documents that show what a Kore.ai server answered. */
export const RESPONSE_SCHEME = 'kore-response';

/**
 * The one request a document answers, for Copy as cURL: the environment as it was when the request went, so a
 * later edit of its host cannot make the command differ from what was sent. Bulk reports, history entries and
 * import rejections answer no single request and have none.
 */
export interface AnsweredRequest {
  readonly environment: Environment;
  readonly contactListId: string;
  readonly method: 'GET' | 'DELETE';
}

/** Context key: the paths of kept documents that answer a request, so Copy as cURL shows on those only. */
const REQUEST_RESPONSES_CONTEXT = 'koreContactLists.requestResponses';

/** Older responses are dropped past this many, so a long session cannot grow memory without bound. */
const MAX_KEPT = 200;

export class ResponseDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  // Each response gets a URI of its own and never changes, so the provider has no onDidChange.
  private readonly contents = new Map<string, string>();
  /** Beside `contents`, by the same key, for the documents that answer one request. */
  private readonly requests = new Map<string, { readonly uri: vscode.Uri; readonly request: AnsweredRequest }>();
  private sequence = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ??
      vscode.l10n.t('This response is no longer kept in memory. Run the command again to see a fresh answer.')
    );
  }

  /**
   * Keeps the text under a new URI, `kore-response:/<environment>/<name>.<ext>`, and returns that URI. The name is
   * the editor's title (responseTitle); `request` is the request the document answers, when it answers one.
   */
  add(environmentName: string, baseName: string, document: ResponseDocument, request?: AnsweredRequest): vscode.Uri {
    this.sequence += 1;
    const uri = vscode.Uri.from({
      scheme: RESPONSE_SCHEME,
      path: `/${pathSegment(environmentName)}/${pathSegment(baseName)}.${document.extension}`,
      // A distinct query per response keeps earlier answers for the same list intact.
      query: String(this.sequence),
    });
    this.contents.set(uri.toString(), document.text);
    if (request) this.requests.set(uri.toString(), { uri, request });
    while (this.contents.size > MAX_KEPT) {
      const oldest = this.contents.keys().next().value;
      if (oldest === undefined) break;
      this.contents.delete(oldest);
      this.requests.delete(oldest);
    }
    this.publishRequestPaths();
    return uri;
  }

  /** The request a kept document answers, or undefined (none, or no longer kept). */
  requestOf(uri: vscode.Uri): AnsweredRequest | undefined {
    return this.requests.get(uri.toString())?.request;
  }

  /**
   * A `when` clause can test `resourcePath in <key>` but not the query that tells two documents of one path
   * apart; request and no-request documents never share a path (their names differ), and the command still
   * says so plainly if they ever did. Both spellings of the path are listed, as `resourcePath` is the fsPath.
   */
  private publishRequestPaths(): void {
    const paths = new Set<string>();
    for (const { uri } of this.requests.values()) paths.add(uri.path).add(uri.fsPath);
    void vscode.commands.executeCommand('setContext', REQUEST_RESPONSES_CONTEXT, [...paths]);
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
    this.requests.clear();
  }
}
