// The contact list a key was pressed on, in the Environments view. VS Code gives a command run by a keybinding no
// argument, and there is no API for a tree's focused row; its selection is known, but the arrow keys move only the
// focus (a custom tree does not select as you navigate). So the focused row is found through the selection:
// list.toggleSelection adds the focused row to the selection (or takes it out, when it was selected), and the one
// row whose membership changed is the focused one; a second toggle puts the selection back as it was.
// Not list.select (the command Enter runs): it also OPENS the row, running its TreeItem.command, so Delete on a
// "No token" row would open Set Token, and on a "click to retry" row would list every list again.
// Rows are compared by what they stand for (environment and list id), not by object: a refresh between the two
// reads makes new node objects for the same rows. When anything but exactly one contact list changed (a message
// row, an environment, a refresh that moved rows, another list having the focus), the key does nothing.
import * as vscode from 'vscode';
import { ContactListNode, isContactListNode, TreeNode } from '../shared/treeNodes';

export async function focusedContactList(view: vscode.TreeView<TreeNode>): Promise<ContactListNode | undefined> {
  const before = view.selection;
  await vscode.commands.executeCommand('list.toggleSelection');
  const after = view.selection;
  const toggled = symmetricDifference(before, after);
  // Restore the selection the user made: the focus has not moved, so toggling again undoes the first toggle.
  if (toggled.length > 0) await vscode.commands.executeCommand('list.toggleSelection');
  const [node] = toggled;
  return toggled.length === 1 && isContactListNode(node) ? node : undefined;
}

/** The rows in exactly one of the two selections. */
function symmetricDifference(before: readonly TreeNode[], after: readonly TreeNode[]): TreeNode[] {
  const keysBefore = new Set(before.map(rowKey));
  const keysAfter = new Set(after.map(rowKey));
  return [...before.filter((node) => !keysAfter.has(rowKey(node))), ...after.filter((node) => !keysBefore.has(rowKey(node)))];
}

/** What a row stands for, the same across refreshes (as the tree items' ids are). */
function rowKey(node: TreeNode): string {
  switch (node.kind) {
    case 'contactList':
      return `contactList:${node.environment.id}:${node.list._id}`;
    case 'environment':
    case 'listMessage':
      return `${node.kind}:${node.environment.id}`;
    default:
      return node.kind;
  }
}
