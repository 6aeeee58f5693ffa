// Runs work that only a shown view needs (the audit trail's watcher, the walkthrough's context keys) the first time
// one of the views shows, instead of during activation: activation by a palette command then reads no file and
// starts no watcher, and an activation by opening a view runs it straight after activate() returns.
import * as vscode from 'vscode';

/** Calls `start` once: now if a view is visible already, otherwise when the first of them becomes visible. */
export function whenFirstVisible(views: readonly vscode.TreeView<unknown>[], start: () => void): vscode.Disposable {
  let done = false;
  const subscriptions: vscode.Disposable[] = [];
  const run = () => {
    if (done) return;
    done = true;
    for (const subscription of subscriptions) subscription.dispose();
    start();
  };
  if (views.some((view) => view.visible)) {
    // After activate() has returned: what `start` does is not part of the activation.
    setTimeout(run, 0);
    return new vscode.Disposable(() => (done = true));
  }
  for (const view of views) subscriptions.push(view.onDidChangeVisibility((event) => event.visible && run()));
  return new vscode.Disposable(() => {
    done = true;
    for (const subscription of subscriptions) subscription.dispose();
  });
}
