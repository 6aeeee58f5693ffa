// Turns an environment's stored credential into `auth` header values, asking the user only when it must:
// no credential yet, a pasted JWT that has expired, or a credential entered for another host.
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { authToken, summariseCredential } from '../core/credential';
import { Environment } from '../core/environment';
import { CredentialStore } from './credentialStore';
import { EnvironmentStore } from './environmentStore';
import { UserInterfaceHolder } from './userInterface';

/** Produces the `auth` value for one request: client credentials sign a fresh JWT every time. */
export type TokenSource = () => string;

export class Authentication {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly store: EnvironmentStore,
    private readonly ui: UserInterfaceHolder,
  ) {}

  /** Undefined means stop: the user was told why and offered what to do. */
  async tokenSource(environment: Environment): Promise<TokenSource | undefined> {
    const credential = await this.credentials.get(environment.id);
    const setToken = vscode.l10n.t('Set Token');
    if (!credential) {
      const choice = await this.ui.current.showWarningMessage(
        vscode.l10n.t('No token is set for environment "{0}", so nothing was sent. Set its token, then try again.', environment.name),
        {},
        setToken,
      );
      if (choice === setToken) await vscode.commands.executeCommand(CommandIds.setToken, environment.id);
      return undefined;
    }
    const summary = summariseCredential(credential);
    if (summary.expired) {
      const choice = await this.ui.current.showWarningMessage(
        vscode.l10n.t('The token of "{0}" expired on {1}, so nothing was sent. Set a new token (or use Client ID and Client Secret, which never expire here).', environment.name, summary.expiresAt?.toLocaleString() ?? '?'),
        {},
        setToken,
      );
      if (choice === setToken) await vscode.commands.executeCommand(CommandIds.setToken, environment.id);
      return undefined;
    }
    if (credential.host !== environment.host) {
      const send = vscode.l10n.t('Use Token with {0}', environment.host);
      const choice = await this.ui.current.showWarningMessage(
        vscode.l10n.t('The token of "{0}" was entered for {1}, but the environment now points at {2}.', environment.name, credential.host, environment.host),
        { modal: true, detail: vscode.l10n.t('Send this token to {0} from now on? If not, set a new token for the new host.', environment.host) },
        send,
      );
      if (choice !== send) return undefined;
      await this.credentials.set(environment.id, { ...credential, host: environment.host });
    }
    const lifetime = this.store.jwtLifetimeSeconds();
    return () => authToken(credential, lifetime);
  }
}

/** The credential for background reads (the tree): never asks; says why when it cannot be used. */
export async function silentTokenSource(credentials: CredentialStore, store: EnvironmentStore, environment: Environment): Promise<{ token?: TokenSource; problem?: string }> {
  const credential = await credentials.get(environment.id);
  if (!credential) return { problem: vscode.l10n.t('Set a token to see the contact lists') };
  if (summariseCredential(credential).expired) return { problem: vscode.l10n.t('The token expired: set a new one') };
  if (credential.host !== environment.host) return { problem: vscode.l10n.t('The token was entered for {0}: set it again for this host', credential.host) };
  const lifetime = store.jwtLifetimeSeconds();
  return { token: () => authToken(credential, lifetime) };
}
