// The History view: every delete attempt from the audit trail, newest first. Clicking one reopens the
// server's answer read-only, so a deleted list's record stays one click away.
import * as vscode from 'vscode';
import { oneLine } from '../../core/textSafety';
import { AuditEntry } from '../../core/auditEntry';
import { AuditLog } from '../../core/auditLog';
import { CommandIds } from '../../commandIds';

/** More than this many attempts are kept in the file and the export, but not drawn. */
const MAX_SHOWN = 500;

export class HistoryNode {
  constructor(readonly entry: AuditEntry) {}
}

export class DamagedHistoryNode {
  constructor(readonly damagedLines: number) {}
}

type HistoryTreeNode = HistoryNode | DamagedHistoryNode;

export class HistoryTreeProvider implements vscode.TreeDataProvider<HistoryTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private warnedDamaged = 0;

  constructor(
    private readonly audit: AuditLog,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(parent?: HistoryTreeNode): Promise<HistoryTreeNode[]> {
    if (parent) return [];
    let result;
    try {
      result = await this.audit.read();
    } catch (error) {
      this.log.error(`Could not read the audit trail ${this.audit.file}: ${String(error)}`);
      return [];
    }
    const nodes: HistoryTreeNode[] = result.entries.slice(0, MAX_SHOWN).map((entry) => new HistoryNode(entry));
    if (result.damagedLines > 0) {
      if (result.damagedLines !== this.warnedDamaged) {
        this.log.warn(`Skipped ${result.damagedLines} damaged line(s) in the audit trail ${this.audit.file}.`);
        this.warnedDamaged = result.damagedLines;
      }
      nodes.unshift(new DamagedHistoryNode(result.damagedLines));
    }
    return nodes;
  }

  getTreeItem(node: HistoryTreeNode): vscode.TreeItem {
    if (node instanceof DamagedHistoryNode) {
      const item = new vscode.TreeItem(vscode.l10n.t('{0} damaged line(s) in the audit trail were skipped', node.damagedLines));
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.tooltip = vscode.l10n.t('The other entries are intact. The file is {0}.', this.audit.file);
      return item;
    }
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
    item.contextValue = 'historyEntry';
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

  dispose(): void {
    this.changed.dispose();
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
