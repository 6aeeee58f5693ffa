// Keeps the context keys the walkthrough's first two steps complete on ("an environment exists", "a credential is
// set") true to the stores, so those steps tick themselves off however the user got there: the walkthrough's
// button, the welcome view, an import, or settings.json by hand. A command event would tick even when cancelled.
import * as vscode from 'vscode';
import { ContextKeys } from '../../walkthroughIds';
import type { CredentialStore } from '../shared/credentialStore';
import type { EnvironmentStore } from '../shared/environmentStore';

export class WalkthroughProgress implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  /** The latest update; each waits for the one before, so an older answer never overwrites a newer one. */
  private updating: Promise<void> = Promise.resolve();

  constructor(
    private readonly environments: EnvironmentStore,
    private readonly credentials: CredentialStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // The first update() is the caller's: extension.ts runs it when a view first shows, not during activation
    // (it reads every credential); a change to the stores before then updates the keys at once.
    this.subscriptions = [environments.onDidChange(() => void this.update()), credentials.onDidChange(() => void this.update())];
  }

  /** Resolves once the context keys reflect the stores as they are now. */
  update(): Promise<void> {
    this.updating = this.updating.then(
      () => this.apply(),
      () => this.apply(),
    );
    this.updating.catch((error: unknown) => this.log.warn(`Could not update the walkthrough's progress: ${String(error)}`));
    return this.updating;
  }

  private async apply(): Promise<void> {
    const environments = this.environments.list();
    const withCredential = await Promise.all(environments.map((environment) => this.credentials.has(environment.id)));
    await vscode.commands.executeCommand('setContext', ContextKeys.hasEnvironment, environments.length > 0);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasCredential, withCredential.some(Boolean));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
