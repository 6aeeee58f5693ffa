// The Environments view's item for what the open workspace offers (`.vscode/kore-environments.json`): one row,
// "Offered by this workspace: review…", whose click opens the review. Drawn in its own module, so the tree only has
// to list it; the node itself is in ../treeNodes.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { escapeMarkdown, oneLine } from '../../core/text/textSafety';
import { WorkspaceOfferNode, contextValue } from '../shared/treeNodes';

export function workspaceOfferItem(node: WorkspaceOfferNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Offered by this workspace: review…'), vscode.TreeItemCollapsibleState.None);
  item.id = `workspaceOffer:${node.file.toString()}`;
  const count = node.offer.offered.length;
  const folder = node.folderName === undefined ? '' : oneLine(node.folderName, 40);
  const environments = count === 1 ? vscode.l10n.t('1 environment') : vscode.l10n.t('{0} environments', count);
  const warned = node.offer.warnings.length > 0 ? vscode.l10n.t('look-alike warning') : undefined;
  item.description = [environments, warned, folder || undefined].filter(Boolean).join(' · ');
  // A look-alike is never offered silently: the row itself says so, in words and with the warning icon.
  item.iconPath = warned ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('organization');
  item.contextValue = contextValue('workspaceOffer');
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`${escapeMarkdown(vscode.l10n.t('This workspace offers environments in .vscode/kore-environments.json (hosts and ids, never a secret). Click to review them before anything is imported.'))}\n\n`);
  for (const warning of node.offer.warnings) tooltip.appendMarkdown(`⚠ ${escapeMarkdown(warning)}\n\n`);
  for (const environment of node.offer.offered) tooltip.appendMarkdown(`- ${escapeMarkdown(oneLine(environment.name, 80))}: ${escapeMarkdown(environment.host)}\n`);
  item.tooltip = tooltip;
  item.accessibilityInformation = {
    label: warned
      ? vscode.l10n.t('This workspace offers {0} to import, with a look-alike warning; press Enter to review', environments)
      : vscode.l10n.t('This workspace offers {0} to import; press Enter to review', environments),
  };
  item.command = { title: vscode.l10n.t('Review'), command: CommandIds.reviewWorkspaceEnvironments, arguments: [node] };
  return item;
}
