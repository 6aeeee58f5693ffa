// The Environments view: one item per configured environment, showing whether a credential is set.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { ViewIds } from '../../viewIds';
import { dialectName } from '../../core/api/dialectNames';
import { ContactListRecord } from '../../core/api/contactList';
import { CredentialSummary, summariseCredential } from '../../core/environments/credential';
import { campaignsInUse, isInUse } from '../../core/deletionPreview';
import { Environment } from '../../core/environments/environment';
import { escapeMarkdown, markdownCode, oneLine } from '../../core/text/textSafety';
import { CredentialStore } from '../shared/credentialStore';
import type { ContactListSource, ContactListsResult } from './contactListSource';
import { EnvironmentStore } from '../shared/environmentStore';
import { ContactListNode, EnvironmentNode, ListMessageNode, SettingsProblemNode, TreeNode, WorkspaceOfferNode, contextValue, isEnvironmentNode } from '../shared/treeNodes';
import { workspaceOfferItem } from './workspaceOfferNode';

export class EnvironmentTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly environments: EnvironmentStore,
    private readonly credentials: CredentialStore,
    /** Called on first expansion: loading it loads the HTTP client, which activation does not need. */
    private readonly source: () => ContactListSource,
    /** What the open workspace offers to import (workspaceEnvironments): shown after the environments. */
    private readonly offers: () => Promise<readonly WorkspaceOfferNode[]> = () => Promise.resolve([]),
  ) {
    this.subscriptions = [environments.onDidChange(() => this.refresh()), credentials.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
    if (isEnvironmentNode(parent)) return this.listsOf(parent.environment);
    if (parent) return [];
    const { environments, problems } = this.environments.read();
    const nodes: TreeNode[] = await Promise.all(
      environments.map(async (environment) => {
        const credential = await this.credentials.get(environment.id);
        const node: EnvironmentNode = { kind: 'environment', environment, credential: credential ? summariseCredential(credential) : undefined };
        return node;
      }),
    );
    if (problems.length > 0) nodes.push({ kind: 'settingsProblem', problems } satisfies SettingsProblemNode);
    nodes.push(...(await this.offers()));
    return nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'environment':
        return environmentItem(node);
      case 'contactList':
        return contactListItem(node);
      case 'listMessage':
        return messageItem(node);
      case 'settingsProblem':
        return problemItem(node);
      case 'workspaceOffer':
        return workspaceOfferItem(node);
    }
  }

  /** Lists an environment's contact lists; never throws and never prompts: a failure is one explaining child. */
  private async listsOf(environment: Environment): Promise<TreeNode[]> {
    let result: ContactListsResult;
    try {
      result = await vscode.window.withProgress({ location: { viewId: ViewIds.environments } }, () => this.source()(environment));
    } catch (error) {
      result = { message: vscode.l10n.t('Could not list contact lists ({0})', String(error)), action: 'retry' };
    }
    if ('lists' in result) {
      const skipped = result.skipped
        ? [messageNode(environment, vscode.l10n.t('{0} list(s) left out: the server sent an id that cannot be used safely', result.skipped), vscode.l10n.t('Open the Kore.ai Contact Lists output for details.'), 'none')]
        : [];
      if (result.lists.length === 0 && skipped.length === 0) return [messageNode(environment, vscode.l10n.t('No contact lists of type "call"'), undefined, 'none')];
      return [...result.lists.map((list): ContactListNode => ({ kind: 'contactList', environment, list })), ...skipped];
    }
    return [messageNode(environment, result.message, result.detail, result.action)];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

function messageNode(environment: Environment, message: string, detail: string | undefined, action: ListMessageNode['action']): ListMessageNode {
  return { kind: 'listMessage', environment, message, detail, action };
}

function environmentItem(node: EnvironmentNode): vscode.TreeItem {
  const { environment, credential } = node;
  const hasToken = credential !== undefined;
  const expired = credential?.expired === true;
  const item = new vscode.TreeItem(environment.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `environment:${environment.id}`;
  const production = environment.production === true;
  const host = environment.host.replace(/^https:\/\//, '');
  const described = production ? vscode.l10n.t('production · {0}', host) : host;
  item.description = expired ? vscode.l10n.t('{0} · token expired', described) : described;
  // The shape tells the token state (filled: usable); the colour tells production (red) apart from the rest.
  const usable = hasToken && !expired;
  const colour = production ? 'errorForeground' : usable ? 'charts.green' : 'list.warningForeground';
  item.iconPath = new vscode.ThemeIcon(usable ? 'vm-active' : 'vm-outline', new vscode.ThemeColor(colour));
  item.contextValue = contextValue('environment', hasToken ? 'hasToken' : 'noToken', production && 'production');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(environment.name)}**\n\n`);
  tooltip.appendMarkdown(`| | |\n|---|---|\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Host')} | \`${environment.host}\` |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('App ID (IID)')} | \`${environment.iid}\` |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Account ID')} | \`${environment.accountId}\` |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('API')} | ${escapeMarkdown(dialectName(environment.dialect))} |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Production')} | ${production ? `$(shield) ${vscode.l10n.t('yes: deleting asks you to type the id')}` : vscode.l10n.t('no')} |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Token')} | ${tokenState(credential)} |\n`);
  if (credential?.appId) tooltip.appendMarkdown(`| ${vscode.l10n.t('appId')} | \`${credential.appId}\` |\n`);
  if (credential?.expiresAt) tooltip.appendMarkdown(`| ${vscode.l10n.t('Expires')} | ${credential.expiresAt.toLocaleString()} |\n`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: environmentSentence(environment, !hasToken ? 'none' : expired ? 'expired' : 'set') };
  return item;
}

/** What a screen reader says for an environment: production in words, since the tree shows it in colour too. */
function environmentSentence(environment: Environment, token: 'none' | 'expired' | 'set'): string {
  const tokenState = token === 'none' ? vscode.l10n.t('no token') : token === 'expired' ? vscode.l10n.t('token expired') : vscode.l10n.t('token set');
  const name = oneLine(environment.name);
  const host = oneLine(environment.host);
  return environment.production === true
    ? vscode.l10n.t('Environment {0}, production, host {1}, {2}', name, host, tokenState)
    : vscode.l10n.t('Environment {0}, host {1}, {2}', name, host, tokenState);
}

/** A list's name or status in the tree: the tooltip has room for the rest. */
const MAX_LABEL = 80;

function contactListItem(node: ContactListNode): vscode.TreeItem {
  const { list, environment } = node;
  // The record's text fields are one safe line already (asContactListRecord); the label is shortened for the tree.
  const item = new vscode.TreeItem(oneLine(list.name ?? '', MAX_LABEL) || list._id, vscode.TreeItemCollapsibleState.None);
  item.id = `contactList:${environment.id}:${list._id}`;
  const inUse = isInUse(list);
  const parts = [vscode.l10n.t('{0} records', list.totalRecordCount ?? '?'), oneLine(list.status ?? '', MAX_LABEL)];
  if (inUse) parts.push(vscode.l10n.t('in use'));
  item.description = parts.filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon(inUse ? 'link' : 'list-unordered');
  item.contextValue = contextValue('contactList', inUse && 'inUse');
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${escapeMarkdown(oneLine(list.name ?? '') || list._id)}**\n\n`);
  tooltip.appendMarkdown(`| | |\n|---|---|\n`);
  // A code span no backtick of the id can close; a `|` still ends a table cell inside one, so it is escaped too.
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Id')} | ${markdownCode(list._id).replace(/\|/g, '\\|')} |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Records')} | ${list.totalRecordCount ?? '?'} |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Status')} | ${escapeMarkdown(oneLine(list.status ?? '') || '?')} |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('Type')} | ${escapeMarkdown(oneLine(list.listType ?? '') || '?')} |\n`);
  tooltip.appendMarkdown(`| ${vscode.l10n.t('In use')} | ${inUse ? escapeMarkdown(campaignsInUse(list).join(', ') || vscode.l10n.t('yes')) : vscode.l10n.t('no')} |\n`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: contactListSentence(list) };
  return item;
}

/** What a screen reader says for a contact list, as one sentence: "Contact list X, 48,213 records, in use by 1 campaign, status Ready". */
function contactListSentence(list: ContactListRecord): string {
  // The record's text fields are one safe line already (asContactListRecord); shortened like the label.
  const name = oneLine(list.name ?? '', MAX_LABEL) || list._id;
  const count = list.totalRecordCount;
  const records =
    count === undefined ? vscode.l10n.t('record count unknown') : count === 1 ? vscode.l10n.t('1 record') : vscode.l10n.t('{0} records', count.toLocaleString());
  const campaigns = campaignsInUse(list).length;
  const use = !isInUse(list)
    ? vscode.l10n.t('not in use')
    : campaigns === 0
      ? vscode.l10n.t('in use by a campaign')
      : campaigns === 1
        ? vscode.l10n.t('in use by 1 campaign')
        : vscode.l10n.t('in use by {0} campaigns', campaigns.toLocaleString());
  const status = oneLine(list.status ?? '', MAX_LABEL);
  return status
    ? vscode.l10n.t('Contact list {0}, {1}, {2}, status {3}', name, records, use, status)
    : vscode.l10n.t('Contact list {0}, {1}, {2}', name, records, use);
}

function messageItem(node: ListMessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `message:${node.environment.id}`;
  item.iconPath = new vscode.ThemeIcon(node.action === 'none' ? 'info' : 'warning', node.action === 'none' ? undefined : new vscode.ThemeColor('list.warningForeground'));
  if (node.detail) item.tooltip = node.detail;
  item.contextValue = contextValue('listMessage', node.action);
  if (node.action === 'retry') {
    item.description = vscode.l10n.t('click to retry');
    item.command = { title: vscode.l10n.t('Retry'), command: CommandIds.refresh };
  } else if (node.action === 'setToken') {
    item.command = { title: vscode.l10n.t('Set Token'), command: CommandIds.setToken, arguments: [node.environment.id] };
  }
  return item;
}

function tokenState(credential: CredentialSummary | undefined): string {
  if (!credential) return `$(warning) ${vscode.l10n.t('not set: use Set Token')}`;
  if (credential.expired) return `$(warning) ${vscode.l10n.t('pasted JWT, expired: use Set Token')}`;
  return credential.kind === 'client'
    ? `$(pass) ${vscode.l10n.t('Client ID and Secret (in secret storage); a JWT is signed per request')}`
    : `$(pass) ${vscode.l10n.t('pasted JWT (in secret storage)')}`;
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
  item.contextValue = contextValue('settingsProblem');
  item.command = { title: vscode.l10n.t('Open User Settings (JSON)'), command: 'workbench.action.openSettingsJson' };
  return item;
}

