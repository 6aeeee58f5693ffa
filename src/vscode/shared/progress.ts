// Long work in a cancellable progress notification, and the typed confirmation production environments ask for.
import * as vscode from 'vscode';
import { UserInterfaceHolder } from './userInterface';

/**
 * Runs `task` under a cancellable progress notification. The CancellationToken becomes an AbortSignal,
 * already aborted when the user cancelled before the task started.
 */
export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, cancellation) => {
    const controller = new AbortController();
    if (cancellation.isCancellationRequested) controller.abort();
    const subscription = cancellation.onCancellationRequested(() => controller.abort());
    return task(controller.signal, progress).finally(() => {
      subscription.dispose();
    });
  });
}

/** Production's second, deliberate step: the user types `expected` (an id, a count). Typing cannot be done by reflex. */
export async function confirmByTyping(
  ui: UserInterfaceHolder,
  options: { readonly title: string; readonly prompt: string; readonly expected: string; readonly mismatch: string },
): Promise<boolean> {
  const typed = await ui.current.showInputBox({
    title: options.title,
    prompt: options.prompt,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === options.expected ? undefined : options.mismatch),
  });
  return typed?.trim() === options.expected;
}
