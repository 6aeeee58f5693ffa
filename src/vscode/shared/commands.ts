// The one way commands are registered, and the one way a message offers buttons. Every command runs inside an
// error boundary: whatever it throws (a file that cannot be read, a setting that cannot be written) is
// logged and shown as one message that says what failed and what to do, instead of VS Code's generic
// "command resulted in an error".
import * as vscode from 'vscode';
import { CommandId } from '../../commandIds';
import { oneLine } from '../../core/text/textSafety';
import { UserInterface, UserInterfaceHolder } from './userInterface';

/**
 * Where a message goes: the prompts and the log. Handlers get no per-call context (as vscode-azuretools'
 * IActionContext would give them), by choice: every prompt a feature shows goes through `services.ui`, the one
 * seam the tests replace, and the shared services (picker, authentication) are built with it once, so a per-call
 * `ui` would have had to be threaded through each of them only to hold the same value. Cancellation belongs to
 * the long steps, not to the command: each Kore call runs under its own cancellable progress
 * (withCancellableProgress), whose token becomes that call's AbortSignal; a command-wide token that nothing could
 * cancel was never read. A context that handlers ignore only looks like a seam, so it went.
 */
export interface MessageContext {
  readonly ui: UserInterface;
  readonly log: vscode.LogOutputChannel;
}

/** A command's handler: its arguments are what VS Code passes (a tree node, a selection, a keybinding's args). */
export type CommandHandler = (...args: unknown[]) => unknown;

export interface CommandRegistrar {
  readonly ui: UserInterfaceHolder;
  readonly log: vscode.LogOutputChannel;
}

export function registerCommand(services: CommandRegistrar, id: CommandId, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    // The prompts in use when the command started answer for its failure too (a test may swap them meanwhile).
    const context: MessageContext = { ui: services.ui.current, log: services.log };
    try {
      return await handler(...args);
    } catch (error) {
      reportFailure(context, id, error);
      return undefined;
    }
  });
}

function reportFailure(context: MessageContext, id: CommandId, error: unknown): void {
  const detail = oneLine(error instanceof Error ? error.message : String(error)) || vscode.l10n.t('no details');
  context.log.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  offerActions(context, {
    kind: 'error',
    message: vscode.l10n.t('The command could not finish: {0}. Nothing more was done; check the file or setting it names and try again, or open the log for details.', detail),
    actions: [{ title: vscode.l10n.t('Show Log'), run: () => context.log.show() }],
  });
}

export interface OfferedAction {
  readonly title: string;
  readonly run: () => unknown;
}

export interface Offer {
  readonly kind: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly actions: readonly OfferedAction[];
}

/**
 * Shows a message with buttons and runs the one chosen, without making the caller wait for the user: a
 * notification can stay open for minutes. A failing action is logged, never lost in an unhandled rejection.
 */
export function offerActions(context: MessageContext, offer: Offer): void {
  const titles = offer.actions.map((action) => action.title);
  const shown =
    offer.kind === 'error'
      ? context.ui.showErrorMessage(offer.message, ...titles)
      : offer.kind === 'warning'
        ? context.ui.showWarningMessage(offer.message, {}, ...titles)
        : context.ui.showInformationMessage(offer.message, ...titles);
  void Promise.resolve(shown)
    .then((choice) => offer.actions.find((action) => action.title === choice)?.run())
    .catch((error: unknown) => context.log.error(`"${offer.message}": the chosen action failed: ${String(error)}`));
}
