// The Environments view: one item per configured environment, showing whether a credential is set.
import * as vscode from 'vscode';
import { Environment } from '../core/environment';
import { CredentialStore } from './credentialStore';
import { EnvironmentStore } from './environmentStore';

/** A tree item for one environment. Commands receive it as their first argument when run from the tree. */
export class EnvironmentNode {
  constructor(
    readonly environment: Environment,
    readonly hasToken: boolean,
  ) {}
}

/** Shown when settings hold entries that could not be used, so a typo in settings.json is not silent. */
export class SettingsProblemNode {
  constructor(readonly problems: readonly string[]) {}
}

export type TreeNode = EnvironmentNode | SettingsProblemNode;

export class EnvironmentTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly environments: EnvironmentStore,
    private readonly credentials: CredentialStore,
  ) {
    this.subscriptions = [environments.onDidChange(() => this.refresh()), credentials.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
    if (parent) return [];
    const { environments, problems } = this.environments.read();
    const nodes: TreeNode[] = await Promise.all(
      environments.map(async (environment) => new EnvironmentNode(environment, await this.credentials.has(environment.id))),
    );
    if (problems.length > 0) nodes.push(new SettingsProblemNode(problems));
    return nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node instanceof EnvironmentNode ? environmentItem(node) : problemItem(node);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

function environmentItem(node: EnvironmentNode): vscode.TreeItem {
  const { environment, hasToken } = node;
  const item = new vscode.TreeItem(environment.name, vscode.TreeItemCollapsibleState.None);
  item.id = `environment:${environment.id}`;
  const production = environment.production === true;
  const host = environment.host.replace(/^https:\/\//, '');
  item.description = production ? vscode.l10n.t('production · {0}', host) : host;
  // The shape tells the token state (filled: set); the colour tells production (red) apart from the rest.
  const colour = production ? 'errorForeground' : hasToken ? 'charts.green' : 'list.warningForeground';
  item.iconPath = new vscode.ThemeIcon(hasToken ? 'vm-active' : 'vm-outline', new vscode.ThemeColor(colour));
  // Flags sorted and ";"-joined, so menus can match each with a word-boundary regex.
  item.contextValue = ['environment', hasToken ? 'hasToken' : 'noToken', ...(production ? ['production'] : [])].sort().join(';');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(environment.name)}**\n\n`);
  tooltip.appendMarkdown(`| | |\n|---|---|\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Host')} | \`${environment.host}\` |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('App ID (IID)')} | \`${environment.iid}\` |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Account ID')} | \`${environment.accountId}\` |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Production')} | ${production ? `$(shield) ${vscode.l10n.t('yes: deleting asks you to type the id')}` : vscode.l10n.t('no')} |\n`);
  tooltip.appendMarkdown(
    `| ${vscode.l10n.t('Token')} | ${hasToken ? `$(pass) ${vscode.l10n.t('set (in secret storage)')}` : `$(warning) ${vscode.l10n.t('not set: use Set Token')}`} |\n`,
  );
  item.tooltip = tooltip;
  item.accessibilityInformation = {
    label: hasToken
      ? vscode.l10n.t('{0}, {1}, token set', environment.name, environment.host)
      : vscode.l10n.t('{0}, {1}, no token', environment.name, environment.host),
  };
  return item;
}

function problemItem(node: SettingsProblemNode): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.problems.length === 1
      ? vscode.l10n.t('1 environment in settings was skipped')
      : vscode.l10n.t('{0} environments in settings were skipped', node.problems.length),
  );
  item.id = 'settings-problems';
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.tooltip = new vscode.MarkdownString(node.problems.map((problem) => `- ${escapeMarkdown(problem)}`).join('\n'));
  item.contextValue = 'settingsProblem';
  item.command = { title: vscode.l10n.t('Open User Settings (JSON)'), command: 'workbench.action.openSettingsJson' };
  return item;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
