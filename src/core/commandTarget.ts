// What a command was invoked on, read from its arguments. A command runs from a tree item (the node), from a
// keybinding (`args`: ["environment", "cl-…"] or { environment, contactListId }), from another extension
// (environment id or name, contact list id), or from the palette (nothing). Read in one place, so every command
// accepts the same shapes, and typed, so no caller handles `unknown` itself.

/** Which environment the arguments name. */
type EnvironmentReference =
  /** A node of the Environments view: the environment by id, as it was when the tree was drawn (name for messages). */
  | { readonly kind: 'node'; readonly id: string; readonly name: string }
  /** Text from a keybinding or another extension: an id or a name, to look up among the configured ones. */
  | { readonly kind: 'idOrName'; readonly value: string };

export interface CommandTarget {
  /** Absent: the arguments name no environment (the command uses the active one or asks). */
  readonly environment?: EnvironmentReference;
  /** The contact list id as given, not yet validated. Absent: the command asks for it. */
  readonly contactListId?: string;
}

/** A node of the Environments view, recognised by shape: nodes cross bundles, so instanceof cannot tell. */
type TreeNodeShape =
  | { readonly kind: 'environment'; readonly environment: { readonly id: string; readonly name: string } }
  | { readonly kind: 'contactList'; readonly environment: { readonly id: string; readonly name: string }; readonly list: { readonly _id: string } };

export function parseCommandTarget(first: unknown, second?: unknown): CommandTarget {
  // A keybinding passes its `args` as one value: its first element or `environment` names the environment.
  const environmentArgument: unknown = Array.isArray(first)
    ? (first as readonly unknown[])[0]
    : isRecord(first) && typeof first.environment === 'string'
      ? first.environment
      : first;
  const environment = environmentReference(environmentArgument);
  const contactListId = contactListIdOf(first, second);
  return { ...(environment ? { environment } : {}), ...(typeof contactListId === 'string' ? { contactListId } : {}) };
}

function environmentReference(argument: unknown): EnvironmentReference | undefined {
  const node = treeNode(argument);
  if (node) return { kind: 'node', id: node.environment.id, name: node.environment.name };
  // Blank text names nothing: the command then asks, as from the palette.
  if (typeof argument === 'string' && argument.trim() !== '') return { kind: 'idOrName', value: argument };
  return undefined;
}

/** From a contact list node, the list is known; a keybinding gives it second; otherwise the second argument. */
function contactListIdOf(first: unknown, second: unknown): unknown {
  const node = treeNode(first);
  if (node?.kind === 'contactList') return node.list._id;
  if (Array.isArray(first)) return (first as readonly unknown[])[1];
  if (isRecord(first) && 'contactListId' in first) return first.contactListId;
  return second;
}

function treeNode(value: unknown): TreeNodeShape | undefined {
  if (!isRecord(value) || (value.kind !== 'environment' && value.kind !== 'contactList')) return undefined;
  const environment = value.environment;
  if (!isRecord(environment) || typeof environment.id !== 'string' || typeof environment.name !== 'string') return undefined;
  if (value.kind === 'environment') return { kind: 'environment', environment: { id: environment.id, name: environment.name } };
  const list = value.list;
  if (!isRecord(list) || typeof list._id !== 'string') return undefined;
  return { kind: 'contactList', environment: { id: environment.id, name: environment.name }, list: { _id: list._id } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
