// Open, export and clear the audit trail behind the History view.
import * as vscode from 'vscode';
import { AuditEntry } from '../../core/auditEntry';
import { AuditLog } from '../../core/auditLog';
import { prettyJson } from '../../core/responseDocument';
import { HistoryNode, HistoryTreeProvider } from './historyTree';
import { ResponseDocumentProvider } from '../responses/responseDocuments';
import { saveTextAs } from '../saveLocation';
import type { KoreServices } from '../services';
import { UserInterfaceHolder } from '../userInterface';

export class HistoryCommands {
  private readonly audit: AuditLog;
  private readonly responses: ResponseDocumentProvider;
  private readonly ui: UserInterfaceHolder;
  private readonly log: vscode.LogOutputChannel;

  constructor(
    services: Pick<KoreServices, 'audit' | 'responses' | 'ui' | 'log'>,
    private readonly tree: HistoryTreeProvider,
  ) {
    ({ audit: this.audit, responses: this.responses, ui: this.ui, log: this.log } = services);
  }

  async open(node?: unknown): Promise<vscode.Uri | undefined> {
    if (!(node instanceof HistoryNode)) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('Choose an attempt in the History view to open its response.'));
      return undefined;
    }
    const uri = this.responses.add(node.entry.environment.name, `${node.entry.contactListId} (${node.entry.time.replace(/[:.]/g, '-')})`, historyDocument(node.entry));
    await this.responses.open(uri);
    return uri;
  }

  async export(): Promise<vscode.Uri | undefined> {
    const { entries } = await this.audit.read();
    if (entries.length === 0) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('The history is empty: there is nothing to export.'));
      return undefined;
    }
    const target = await saveTextAs(this.ui, {
      title: vscode.l10n.t('Export Kore.ai Contact Lists History'),
      name: `kore-contact-lists-history-${new Date().toISOString().slice(0, 10)}.json`,
      filters: { JSON: ['json'] },
      // An answer nested too deeply to write out is replaced by a note, so one such entry cannot stop the export.
      text: prettyJson(entries.map((entry) => (prettyJson(entry) === undefined ? { ...entry, response: vscode.l10n.t('(nested too deeply to export)') } : entry))) ?? '',
      saved: (path) => vscode.l10n.t('Exported {0} history entries to {1}.', entries.length, path),
    });
    if (target) this.log.info(`Exported ${entries.length} history entries to ${target.toString()}.`);
    return target;
  }

  async clear(): Promise<boolean> {
    const clear = vscode.l10n.t('Clear History');
    const choice = await this.ui.current.showWarningMessage(
      vscode.l10n.t('Clear the history of delete attempts?'),
      { modal: true, detail: vscode.l10n.t('The recorded answers, including the records of deleted lists, are removed from this machine. Export the history first to keep them.') },
      clear,
    );
    if (choice !== clear) return false;
    await this.audit.clear();
    this.log.info('History cleared.');
    this.tree.refresh();
    return true;
  }
}

function historyDocument(entry: AuditEntry): { text: string; extension: 'json' | 'txt'; fromServer: boolean } {
  if (typeof entry.response === 'string') return { text: entry.response, extension: 'txt', fromServer: true };
  // A hand-edited or damaged audit file may hold a value too deeply nested to re-indent: say so rather than fail.
  const unreadable = vscode.l10n.t('This history entry is nested too deeply to show. The audit file holds it as it was recorded.');
  if (entry.response !== undefined) return { text: prettyJson(entry.response) ?? unreadable, extension: 'json', fromServer: true };
  return { text: prettyJson(entry) ?? unreadable, extension: 'json', fromServer: false };
}
