// The History view: delete attempts from the audit trail, newest first, a page at a time, narrowed by a filter.
// Clicking one reopens the server's answer read-only, so a deleted list's record stays one click away. Only the
// newest entries shown are read (from the end of the files), so a trail of a hundred thousand attempts opens as
// fast as a short one; "Show more…" reads one page further back.
import * as vscode from 'vscode';
import { oneLine } from '../../core/text/textSafety';
import { AuditEntry } from '../../core/audit/auditEntry';
import { AuditLog } from '../../core/audit/auditLog';
import { AuditReader } from '../../core/audit/auditReader';
import { HistoryFilter, NO_FILTER, describeFilter, historyFilterPredicate, isFilterActive, normalizeFilter } from '../../core/audit/historyFilter';
import { CommandIds } from '../../commandIds';
import { HistoryDamagedNode, HistoryEntryNode, HistoryTreeNode, contextValue } from '../shared/treeNodes';

/** Attempts drawn per page: a tree of a few hundred items stays quick; more come with "Show more…". */
export const HISTORY_PAGE_SIZE = 500;
/** The context key the "Clear History Filter" action's `when` clause reads. */
const HISTORY_FILTERED_CONTEXT = 'koreContactLists.historyFiltered';

export class HistoryTreeProvider implements vscode.TreeDataProvider<HistoryTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private warnedDamaged = 0;
  private currentFilter: HistoryFilter = NO_FILTER;
  private limit: number;
  private view: Pick<vscode.TreeView<HistoryTreeNode>, 'description'> | undefined;

  private readonly reader: AuditReader;

  constructor(
    private readonly audit: AuditLog,
    private readonly log: vscode.LogOutputChannel,
    private readonly pageSize: number = HISTORY_PAGE_SIZE,
  ) {
    this.reader = new AuditReader(audit.directory);
    this.limit = pageSize;
  }

  /** The view whose description says "Filtered: …" while a filter is set. */
  attach(view: Pick<vscode.TreeView<HistoryTreeNode>, 'description'>): void {
    this.view = view;
    this.showFilter();
  }

  get filter(): HistoryFilter {
    return this.currentFilter;
  }

  /** The view's description for the current filter: "Filtered: …", or undefined without one. */
  get description(): string | undefined {
    return isFilterActive(this.currentFilter) ? vscode.l10n.t('Filtered: {0}', describeFilter(this.currentFilter)) : undefined;
  }

  setFilter(filter: HistoryFilter): void {
    this.currentFilter = normalizeFilter(filter);
    // A new filter starts again from the newest page.
    this.limit = this.pageSize;
    this.showFilter();
    this.refresh();
  }

  showMore(): void {
    this.limit += this.pageSize;
    this.refresh();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(parent?: HistoryTreeNode): Promise<HistoryTreeNode[]> {
    if (parent) return [];
    let page;
    try {
      page = await this.reader.newest({ limit: this.limit, matches: historyFilterPredicate(this.currentFilter) });
    } catch (error) {
      this.log.error(`Could not read the audit trail ${this.audit.file}: ${String(error)}`);
      return [];
    }
    const nodes: HistoryTreeNode[] = page.entries.map((entry): HistoryEntryNode => ({ kind: 'historyEntry', entry }));
    if (page.more) nodes.push({ kind: 'historyShowMore' });
    if (nodes.length === 0 && isFilterActive(this.currentFilter)) nodes.push({ kind: 'historyNoMatch' });
    if (page.damagedLines > 0) {
      if (page.damagedLines !== this.warnedDamaged) {
        this.log.warn(`Skipped ${page.damagedLines} damaged line(s) in the audit trail ${this.audit.file}.`);
        this.warnedDamaged = page.damagedLines;
      }
      nodes.unshift({ kind: 'historyDamaged', damagedLines: page.damagedLines });
    }
    return nodes;
  }

  getTreeItem(node: HistoryTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'historyEntry':
        return entryItem(node);
      case 'historyDamaged':
        return this.damagedItem(node);
      case 'historyShowMore':
        return this.showMoreItem();
      case 'historyNoMatch':
        return this.noMatchItem();
    }
  }

  private damagedItem(node: HistoryDamagedNode): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('{0} damaged line(s) in the audit trail were skipped', node.damagedLines));
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = vscode.l10n.t('The other entries are intact. The file is {0}.', this.audit.file);
    item.contextValue = contextValue('historyDamaged');
    return item;
  }

  private showMoreItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more…', this.pageSize));
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.tooltip = vscode.l10n.t('Older attempts are kept in the audit trail; this reads the next {0}.', this.pageSize);
    item.contextValue = contextValue('historyShowMore');
    item.command = { title: vscode.l10n.t('Show More'), command: CommandIds.showMoreHistory };
    return item;
  }

  private noMatchItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('No attempt matches the filter'));
    item.description = vscode.l10n.t('select to clear it');
    item.iconPath = new vscode.ThemeIcon('filter');
    item.tooltip = vscode.l10n.t('{0}. Select this item or use Clear History Filter to see every attempt.', this.description ?? '');
    item.contextValue = contextValue('historyNoMatch');
    item.command = { title: vscode.l10n.t('Clear History Filter'), command: CommandIds.clearHistoryFilter };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private showFilter(): void {
    const filtered = isFilterActive(this.currentFilter);
    void vscode.commands.executeCommand('setContext', HISTORY_FILTERED_CONTEXT, filtered);
    if (this.view) this.view.description = this.description;
  }
}

/** What a screen reader says for one attempt, as one sentence; the texts are one safe line already. */
function historySentence(outcome: AuditEntry['outcome'], list: string, environment: string, time: string): string {
  return outcome === 'deleted'
    ? vscode.l10n.t('Deleted contact list {0} from {1}, {2}', list, environment, time)
    : outcome === 'failed'
      ? vscode.l10n.t('Failed to delete contact list {0} from {1}, {2}', list, environment, time)
      : vscode.l10n.t('Outcome unknown for the delete of contact list {0} from {1}, {2}', list, environment, time);
}

/** The time as the description shows it; the file's own text (one line) when it is not a date. */
function spokenTime(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? oneLine(time) : date.toLocaleString();
}

function entryItem(node: HistoryEntryNode): vscode.TreeItem {
  // The audit file can be edited by hand: every text from it is shown as one safe line.
  const { entry } = node;
  const listId = oneLine(entry.contactListId);
  const listName = entry.contactListName ? oneLine(entry.contactListName) : '';
  const environmentName = oneLine(entry.environment.name);
  const time = oneLine(entry.time);
  const item = new vscode.TreeItem(listName || listId);
  item.description = `${environmentName} · ${new Date(entry.time).toLocaleString()}`;
  item.iconPath =
    entry.outcome === 'deleted'
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
      : entry.outcome === 'failed'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
        : new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = contextValue('historyEntry');
  const outcome =
    entry.outcome === 'deleted' ? vscode.l10n.t('Deleted') : entry.outcome === 'failed' ? vscode.l10n.t('Failed') : vscode.l10n.t('Outcome unknown');
  const status = typeof entry.httpStatus === 'number' && Number.isInteger(entry.httpStatus) ? ` (HTTP ${entry.httpStatus})` : '';
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(`${outcome}${status} · ${time}\n\n`);
  tooltip.appendText(`${oneLine(entry.message)}\n\n`);
  tooltip.appendText(`${vscode.l10n.t('Contact list')}: ${listId}\n`);
  tooltip.appendText(`${vscode.l10n.t('Environment')}: ${environmentName} (${oneLine(String(entry.environment.host))})\n`);
  tooltip.appendText(`${vscode.l10n.t('Duration')}: ${Number.isFinite(entry.durationMs) ? entry.durationMs : '?'} ms`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: historySentence(entry.outcome, listName || listId, environmentName, spokenTime(entry.time)) };
  item.command = { title: vscode.l10n.t('Open Response'), command: CommandIds.openHistoryEntry, arguments: [node] };
  return item;
}
