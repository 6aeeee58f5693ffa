// Open, filter, export and clear the audit trail behind the History view.
import * as vscode from 'vscode';
import { AuditEntry } from '../../core/audit/auditEntry';
import { AuditLog } from '../../core/audit/auditLog';
import { AuditReader } from '../../core/audit/auditReader';
import { DELETE_OUTCOMES, DeleteOutcome } from '../../core/failures/deleteOutcome';
import { HistoryFilter, MAX_FILTER_TEXT_LENGTH, NO_FILTER, describeFilter, historyFilterPredicate, isFilterActive, outcomeLabel } from '../../core/audit/historyFilter';
import { historyCsv } from '../../core/audit/historyCsv';
import { oneLine, serverText, withoutIcons } from '../../core/text/textSafety';
import { prettyJson } from '../../core/failures/responseDocument';
import { responseTitle } from '../../core/failures/responseTitle';
import { HISTORY_PAGE_SIZE, type HistoryTreeProvider } from './historyTree';
import { isHistoryEntryNode } from '../shared/treeNodes';
import { ResponseDocumentProvider } from '../responses/responseDocuments';
import { saveTextAs } from '../shared/saveLocation';
import type { KoreServices } from '../shared/services';
import { UserInterfaceHolder } from '../shared/userInterface';

export class HistoryCommands {
  private readonly audit: AuditLog;
  private readonly responses: ResponseDocumentProvider;
  private readonly ui: UserInterfaceHolder;
  private readonly log: vscode.LogOutputChannel;
  private readonly environments: KoreServices['environments'];

  constructor(
    services: Pick<KoreServices, 'audit' | 'responses' | 'ui' | 'log' | 'environments'>,
    private readonly tree: HistoryTreeProvider,
  ) {
    ({ audit: this.audit, responses: this.responses, ui: this.ui, log: this.log, environments: this.environments } = services);
  }

  async open(node?: unknown): Promise<vscode.Uri | undefined> {
    if (!isHistoryEntryNode(node)) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('Choose an attempt in the History view to open its response.'));
      return undefined;
    }
    const { entry } = node;
    const title = responseTitle({ contactListId: entry.contactListId, listName: entry.contactListName, environmentName: entry.environment.name, note: entry.time.replace(/[:.]/g, '-') });
    const uri = this.responses.add(entry.environment.name, title, historyDocument(entry));
    await this.responses.open(uri);
    return uri;
  }

  /**
   * Exports the attempts the current filter keeps (every one without a filter), as CSV for a spreadsheet or JSON
   * with the server's answers. Reads the whole trail from the newest end, keeping only the matching entries.
   */
  async export(): Promise<vscode.Uri | undefined> {
    const filter = this.tree.filter;
    const filtered = isFilterActive(filter);
    const { entries } = await new AuditReader(this.audit.directory).newest({ limit: Number.POSITIVE_INFINITY, matches: historyFilterPredicate(filter) });
    if (entries.length === 0) {
      void this.ui.current.showInformationMessage(
        filtered
          ? vscode.l10n.t('No attempt in the history matches the filter ({0}): there is nothing to export. Clear the filter to export the whole history.', describeFilter(filter))
          : vscode.l10n.t('The history is empty: there is nothing to export.'),
      );
      return undefined;
    }
    const formats: Array<vscode.QuickPickItem & { format: ExportFormat }> = [
      { label: 'CSV', description: vscode.l10n.t('one row per attempt, for a spreadsheet, without the server\'s answers'), format: 'csv' },
      { label: 'JSON', description: vscode.l10n.t('every field, with the server\'s full answers'), format: 'json' },
    ];
    const chosen = await this.ui.current.showQuickPick(formats, {
      title: filtered
        ? vscode.l10n.t('Export the {0} attempt(s) that match the filter ({1})', entries.length, describeFilter(filter))
        : vscode.l10n.t('Export all {0} attempt(s) in the history', entries.length),
      placeHolder: vscode.l10n.t('Choose the file format'),
    });
    if (!chosen) return undefined;
    const date = new Date().toISOString().slice(0, 10);
    const target = await saveTextAs(this.ui, {
      title: vscode.l10n.t('Export Kore.ai Contact Lists History'),
      name: `kore-contact-lists-history-${date}${filtered ? '-filtered' : ''}.${chosen.format}`,
      filters: chosen.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      text: chosen.format === 'csv' ? historyCsv(entries) : exportJson(entries),
      saved: (path) =>
        filtered
          ? vscode.l10n.t('Exported {0} history entries that match the filter to {1}.', entries.length, path)
          : vscode.l10n.t('Exported {0} history entries to {1}.', entries.length, path),
    });
    if (target) this.log.info(`Exported ${entries.length} history entries${filtered ? ' (filtered)' : ''} as ${chosen.format.toUpperCase()} to ${target.toString()}.`);
    return target;
  }

  /**
   * Sets one part of the filter (environment, outcome or text) or clears it; the other parts stay. Returns the
   * filter now in use, or undefined when dismissed.
   */
  async filter(): Promise<HistoryFilter | undefined> {
    const current = this.tree.filter;
    const any = vscode.l10n.t('any');
    const parts: Array<vscode.QuickPickItem & { part: FilterPart }> = [
      { label: vscode.l10n.t('Environment'), description: current.environment ? withoutIcons(oneLine(current.environment)) : any, part: 'environment' },
      { label: vscode.l10n.t('Outcome'), description: current.outcome ? outcomeLabel(current.outcome) : any, part: 'outcome' },
      { label: vscode.l10n.t('Text'), description: current.text ? `"${withoutIcons(serverText(current.text))}"` : any, part: 'text' },
      ...(isFilterActive(current) ? [{ label: vscode.l10n.t('Clear Filter'), description: describeFilter(current), part: 'clear' as const }] : []),
    ];
    const chosen = await this.ui.current.showQuickPick(parts, {
      title: vscode.l10n.t('Filter History'),
      placeHolder: vscode.l10n.t('Choose what to filter the attempts by (the other parts of the filter stay)'),
    });
    if (!chosen) return undefined;
    let next: HistoryFilter | undefined;
    switch (chosen.part) {
      case 'environment':
        next = await this.chooseEnvironment(current);
        break;
      case 'outcome':
        next = await this.chooseOutcome(current);
        break;
      case 'text':
        next = await this.chooseText(current);
        break;
      case 'clear':
        next = NO_FILTER;
        break;
    }
    if (!next) return undefined;
    this.tree.setFilter(next);
    return this.tree.filter;
  }

  clearFilter(): void {
    this.tree.setFilter(NO_FILTER);
  }

  private async chooseEnvironment(current: HistoryFilter): Promise<HistoryFilter | undefined> {
    // The configured environments, those of the newest page of attempts (one may have been removed since), and the
    // one filtered by now. As shown: the filter compares names as one safe line.
    const recent = await new AuditReader(this.audit.directory).newest({ limit: HISTORY_PAGE_SIZE });
    const shown = (name: string) => oneLine(name, Number.POSITIVE_INFINITY);
    const names = [
      ...new Set([
        ...this.environments.read().environments.map((environment) => shown(environment.name)),
        ...recent.entries.map((entry) => shown(entry.environment.name)),
        ...(current.environment ? [current.environment] : []),
      ]),
    ]
      .filter((name) => name !== '')
      .sort((a, b) => a.localeCompare(b));
    const items: Array<vscode.QuickPickItem & { value: string | undefined }> = [
      { label: vscode.l10n.t('Any environment'), value: undefined },
      ...names.map((name) => ({ label: withoutIcons(oneLine(name)), value: name, ...(name === current.environment ? { description: vscode.l10n.t('current') } : {}) })),
    ];
    const chosen = await this.ui.current.showQuickPick(items, { title: vscode.l10n.t('Filter History by Environment'), placeHolder: vscode.l10n.t('Show the attempts made in this environment') });
    if (!chosen) return undefined;
    return { ...current, environment: chosen.value };
  }

  private async chooseOutcome(current: HistoryFilter): Promise<HistoryFilter | undefined> {
    const items: Array<vscode.QuickPickItem & { value: DeleteOutcome | undefined }> = [
      { label: vscode.l10n.t('Any outcome'), value: undefined },
      ...DELETE_OUTCOMES.map((outcome) => ({ label: outcomeLabel(outcome), value: outcome })),
    ];
    const chosen = await this.ui.current.showQuickPick(items, { title: vscode.l10n.t('Filter History by Outcome'), placeHolder: vscode.l10n.t('Show the attempts with this outcome') });
    if (!chosen) return undefined;
    return { ...current, outcome: chosen.value };
  }

  private async chooseText(current: HistoryFilter): Promise<HistoryFilter | undefined> {
    const text = await this.ui.current.showInputBox({
      title: vscode.l10n.t('Filter History by Text'),
      prompt: vscode.l10n.t('Show the attempts whose contact list id or name, environment or message contains this text (any case). Leave it empty to show all.'),
      value: current.text ?? '',
      validateInput: (value) =>
        Array.from(value).length > MAX_FILTER_TEXT_LENGTH ? vscode.l10n.t('Type at most {0} characters: a shorter part of the name or id finds it too.', MAX_FILTER_TEXT_LENGTH) : undefined,
    });
    if (text === undefined) return undefined;
    return { ...current, text };
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

type ExportFormat = 'csv' | 'json';
type FilterPart = 'environment' | 'outcome' | 'text' | 'clear';

/** The JSON export: every field. An answer nested too deeply to write out is replaced by a note, so one such entry cannot stop the export. */
function exportJson(entries: readonly AuditEntry[]): string {
  return prettyJson(entries.map((entry) => (prettyJson(entry) === undefined ? { ...entry, response: vscode.l10n.t('(nested too deeply to export)') } : entry))) ?? '';
}

function historyDocument(entry: AuditEntry): { text: string; extension: 'json' | 'txt'; fromServer: boolean } {
  if (typeof entry.response === 'string') return { text: entry.response, extension: 'txt', fromServer: true };
  // A hand-edited or damaged audit file may hold a value too deeply nested to re-indent: say so rather than fail.
  const unreadable = vscode.l10n.t('This history entry is nested too deeply to show. The audit file holds it as it was recorded.');
  if (entry.response !== undefined) return { text: prettyJson(entry.response) ?? unreadable, extension: 'json', fromServer: true };
  return { text: prettyJson(entry) ?? unreadable, extension: 'json', fromServer: false };
}
