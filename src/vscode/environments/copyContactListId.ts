// Copy ID on a contact list in the tree: the id to the clipboard, confirmed in the status bar.
import * as vscode from 'vscode';
import { isContactListNode } from '../shared/treeNodes';

export async function copyContactListId(node: unknown): Promise<string | undefined> {
  if (!isContactListNode(node)) return undefined;
  await vscode.env.clipboard.writeText(node.list._id);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', node.list._id), 3000);
  return node.list._id;
}
