// Environment credentials in VS Code's SecretStorage (the OS keychain on desktop). Nothing here logs a value.
import * as vscode from 'vscode';
import { StoredCredential, parseCredential, serialiseCredential } from '../../core/environments/credential';

const KEY_PREFIX = 'koreContactLists.credential.';

/** The SecretStorage key of an environment's credential: derived from its stable id, never from its name. */
export function credentialKey(environmentId: string): string {
  return KEY_PREFIX + environmentId;
}

/** The environment id a SecretStorage key belongs to, or undefined for somebody else's key. */
export function environmentIdOfKey(key: string): string | undefined {
  return key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : undefined;
}

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
