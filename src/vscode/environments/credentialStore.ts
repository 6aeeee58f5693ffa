// Environment credentials in VS Code's SecretStorage (the OS keychain on desktop). Nothing here logs a value.
import * as vscode from 'vscode';
import { StoredCredential, credentialKey, environmentIdOfKey, parseCredential, serialiseCredential } from '../../core/credential';

export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the environment id whenever its credential changes, in this window or another. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      const environmentId = environmentIdOfKey(event.key);
      if (environmentId !== undefined) this.changed.fire(environmentId);
    });
  }

  async get(environmentId: string): Promise<StoredCredential | undefined> {
    return parseCredential(await this.secrets.get(credentialKey(environmentId)));
  }

  async has(environmentId: string): Promise<boolean> {
    return (await this.get(environmentId)) !== undefined;
  }

  async set(environmentId: string, credential: StoredCredential): Promise<void> {
    await this.secrets.store(credentialKey(environmentId), serialiseCredential(credential));
  }

  async delete(environmentId: string): Promise<void> {
    await this.secrets.delete(credentialKey(environmentId));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
