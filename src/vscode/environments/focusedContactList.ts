// The contact list a key was pressed on, in the Environments view. VS Code gives a command run by a keybinding no
// argument, and there is no API for a tree's focused row; its selection is known, but the arrow keys move only the
// focus (a custom tree does not select as you navigate). So the focused row is made the selection first, with
// list.select, the command Enter runs, and the view's selection is read after it. The `when` clause of the
// keybinding limits it to a row under an environment (a contact list or a message), and only a contact list is
// answered: on anything else the key does nothing.
import * as vscode from 'vscode';
import { ContactListNode, isContactListNode, TreeNode } from './environmentTree';

export async function focusedContactList(view: vscode.TreeView<TreeNode>): Promise<ContactListNode | undefined> {
  await vscode.commands.executeCommand('list.select');
  const selection = view.selection;
  const [node] = selection;
  return selection.length === 1 && isContactListNode(node) ? node : undefined;
}
