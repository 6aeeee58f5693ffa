// Turns an environment's stored credential into `auth` header values, asking the user only when it must:
// no credential yet, a pasted JWT that has expired, or a credential entered for another host.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { StoredCredential, authToken, credentialReadiness } from '../../core/environments/credential';
import { Environment } from '../../core/environments/environment';
import { CredentialStore } from './credentialStore';
import { Settings } from './settings';
import { UserInterfaceHolder } from './userInterface';

/** Produces the `auth` value for one request: client credentials sign a fresh JWT every time. */
export type TokenSource = () => string;

export interface AuthenticationServices {
  readonly credentials: CredentialStore;
  readonly settings: Settings;
  readonly ui: UserInterfaceHolder;
}

export class Authentication {
  private readonly credentials: CredentialStore;
  private readonly settings: Settings;
  private readonly ui: UserInterfaceHolder;

  constructor(services: AuthenticationServices) {
    ({ credentials: this.credentials, settings: this.settings, ui: this.ui } = services);
  }

  /** Undefined means stop: the user was told why and offered what to do. */
  async tokenSource(environment: Environment): Promise<TokenSource | undefined> {
    const readiness = credentialReadiness(await this.credentials.get(environment.id), environment.host);
    switch (readiness.state) {
      case 'missing':
        await this.offerSetToken(environment, vscode.l10n.t('No token is set for environment "{0}", so nothing was sent. Set its token, then try again.', environment.name));
        return undefined;
      case 'expired':
        await this.offerSetToken(
          environment,
          vscode.l10n.t('The token of "{0}" expired on {1}, so nothing was sent. Set a new token (or use Client ID and Client Secret, which never expire here).', environment.name, readiness.expiresAt?.toLocaleString() ?? '?'),
        );
        return undefined;
      case 'otherHost': {
        const { credential } = readiness;
        const send = vscode.l10n.t('Use Token with {0}', environment.host);
        const choice = await this.ui.current.showWarningMessage(
          vscode.l10n.t('The token of "{0}" was entered for {1}, but the environment now points at {2}.', environment.name, credential.host, environment.host),
          { modal: true, detail: vscode.l10n.t('Send this token to {0} from now on? If not, set a new token for the new host.', environment.host) },
          send,
        );
        if (choice !== send) return undefined;
        await this.credentials.set(environment.id, { ...credential, host: environment.host });
        return this.source(credential);
      }
      case 'usable':
        return this.source(readiness.credential);
    }
  }

  private source(credential: StoredCredential): TokenSource {
    const lifetime = this.settings.jwtLifetimeSeconds();
    return () => authToken(credential, lifetime);
  }

  private async offerSetToken(environment: Environment, message: string): Promise<void> {
    const setToken = vscode.l10n.t('Set Token');
    const choice = await this.ui.current.showWarningMessage(message, {}, setToken);
    if (choice === setToken) await vscode.commands.executeCommand(CommandIds.setToken, environment.id);
  }
}

/** The credential for background reads (the tree): never asks; says why when it cannot be used. */
export async function silentTokenSource(credentials: CredentialStore, settings: Settings, environment: Environment): Promise<{ token?: TokenSource; problem?: string }> {
  const readiness = credentialReadiness(await credentials.get(environment.id), environment.host);
  switch (readiness.state) {
    case 'missing':
      return { problem: vscode.l10n.t('Set a token to see the contact lists') };
    case 'expired':
      return { problem: vscode.l10n.t('The token expired: set a new one') };
    case 'otherHost':
      return { problem: vscode.l10n.t('The token was entered for {0}: set it again for this host', readiness.credential.host) };
    case 'usable': {
      const { credential } = readiness;
      const lifetime = settings.jwtLifetimeSeconds();
      return { token: () => authToken(credential, lifetime) };
    }
  }
}
