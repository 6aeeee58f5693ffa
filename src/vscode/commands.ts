// The one way commands are registered, and the one way a message offers buttons. Every command runs inside an
// error boundary: whatever it throws (a file that cannot be read, a setting that cannot be written) is
// logged and shown as one message that says what failed and what to do, instead of VS Code's generic
// "command resulted in an error".
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { oneLine } from '../core/textSafety';
import { UserInterface, UserInterfaceHolder } from './userInterface';

/** What one run of a command has to itself: the prompts in use when it started, the log, and a cancellation. */
export interface CommandContext {
  readonly ui: UserInterface;
  readonly log: vscode.LogOutputChannel;
  readonly cancellation: vscode.CancellationToken;
}

export type CommandHandler = (context: CommandContext, ...args: unknown[]) => unknown;

export interface CommandRegistrar {
  readonly ui: UserInterfaceHolder;
  readonly log: vscode.LogOutputChannel;
}

export function registerCommand(services: CommandRegistrar, id: CommandId, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    const cancellation = new vscode.CancellationTokenSource();
    const context: CommandContext = { ui: services.ui.current, log: services.log, cancellation: cancellation.token };
    try {
      return await handler(context, ...args);
    } catch (error) {
      reportFailure(context, id, error);
      return undefined;
    } finally {
      cancellation.dispose();
    }
  });
}

function reportFailure(context: CommandContext, id: CommandId, error: unknown): void {
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
export function offerActions(context: Pick<CommandContext, 'ui' | 'log'>, offer: Offer): void {
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
