// The tree node contract: every node of the Environments and History views, and the one way their context values
// are built. Both trees and the commands that receive a node import it from here.
//
// One style for both trees: a node is plain readonly data with a `kind`, and the trees switch over `kind`.
// - Nodes cross bundles. A command run from a tree gets the node as its argument, and most commands live in the
//   lazily loaded operations bundle (dist/operations.js), which has its own copy of every class: `instanceof` of a
//   class from one bundle is false for an object made by the other. A `kind` string means the same in both.
// - A `switch (node.kind)` without `default:` is exhaustive: a new kind does not compile until each tree draws it.
// - Data is what a test builds and compares; a node holds no behaviour, the tree providers draw it.
// Context values: `viewItem` in package.json's menus matches each word with /\bword\b/, so a node's value is its
// kind and its flags, sorted and ';'-joined (contextValue below), and nothing else builds one.
import type * as vscode from 'vscode';
import type { AuditEntry } from '../../core/audit/auditEntry';
import type { ContactListRecord } from '../../core/api/contactList';
import type { CredentialSummary } from '../../core/environments/credential';
import type { Environment } from '../../core/environments/environment';
import type { WorkspaceOffer } from '../../core/environments/workspaceOffer';

/** An environment, showing whether a credential is set. Commands receive it as their first argument from the tree. */
export interface EnvironmentNode {
  readonly kind: 'environment';
  readonly environment: Environment;
  /** What is known of its credential (never the secret), or undefined when none is set. */
  readonly credential: CredentialSummary | undefined;
}

/** Shown when settings hold entries that could not be used, so a typo in settings.json is not silent. */
export interface SettingsProblemNode {
  readonly kind: 'settingsProblem';
  readonly problems: readonly string[];
}

/** One contact list under its environment, from "get all list details". */
export interface ContactListNode {
  readonly kind: 'contactList';
  readonly environment: Environment;
  readonly list: ContactListRecord;
}

/** The one child shown when the lists cannot be listed: why, and (when it helps) a command to fix or retry. */
export interface ListMessageNode {
  readonly kind: 'listMessage';
  readonly environment: Environment;
  readonly message: string;
  readonly detail: string | undefined;
  readonly action: 'retry' | 'setToken' | 'none';
}

/** What the open workspace offers (`.vscode/kore-environments.json`): one row whose click opens the review. */
export interface WorkspaceOfferNode {
  readonly kind: 'workspaceOffer';
  /** The offer file, read when the tree was drawn. */
  readonly file: vscode.Uri;
  /** The workspace folder's name; shown only when several folders are open. */
  readonly folderName: string | undefined;
  readonly offer: WorkspaceOffer;
}

/** A node of the Environments view. */
export type TreeNode = EnvironmentNode | SettingsProblemNode | ContactListNode | ListMessageNode | WorkspaceOfferNode;

/** One delete attempt from the audit trail; clicking it reopens the server's answer. */
export interface HistoryEntryNode {
  readonly kind: 'historyEntry';
  readonly entry: AuditEntry;
}

/** Shown first when lines of the audit trail could not be read, so skipping them is not silent. */
export interface HistoryDamagedNode {
  readonly kind: 'historyDamaged';
  readonly damagedLines: number;
}

/** The last item when older attempts (that match the filter) are not drawn yet. */
interface HistoryShowMoreNode {
  readonly kind: 'historyShowMore';
}

/** Shown instead of an empty view when the filter hides every attempt (the welcome text would say "none yet"). */
interface HistoryNoMatchNode {
  readonly kind: 'historyNoMatch';
}

/** A node of the History view. */
export type HistoryTreeNode = HistoryEntryNode | HistoryDamagedNode | HistoryShowMoreNode | HistoryNoMatchNode;

type AnyNode = TreeNode | HistoryTreeNode;

/** The flags a node of each kind may carry in its context value, besides its kind. */
interface ContextFlags {
  environment: 'hasToken' | 'noToken' | 'production';
  contactList: 'inUse';
  listMessage: ListMessageNode['action'];
  settingsProblem: never;
  workspaceOffer: never;
  historyEntry: never;
  historyDamaged: never;
  historyShowMore: never;
  historyNoMatch: never;
}

/** The one builder of `TreeItem.contextValue`: the kind and its flags, sorted and ';'-joined. */
export function contextValue<K extends AnyNode['kind']>(kind: K, ...flags: ReadonlyArray<ContextFlags[K] | false | undefined>): string {
  const words: string[] = [kind, ...flags.filter((flag): flag is ContextFlags[K] => typeof flag === 'string')];
  return words.sort().join(';');
}

function hasKind(value: unknown, kind: AnyNode['kind']): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

export function isEnvironmentNode(value: unknown): value is EnvironmentNode {
  return hasKind(value, 'environment');
}

export function isContactListNode(value: unknown): value is ContactListNode {
  return hasKind(value, 'contactList');
}

export function isWorkspaceOfferNode(value: unknown): value is WorkspaceOfferNode {
  return hasKind(value, 'workspaceOffer');
}

export function isHistoryEntryNode(value: unknown): value is HistoryEntryNode {
  return hasKind(value, 'historyEntry');
}
