// Set Token and Clear Token. A credential is a pasted JWT or the app's Client ID and Client Secret, kept only in
// secret storage; Set Token says when it replaces one, and always asks which environment from the palette.
import * as vscode from 'vscode';
import { StoredCredential } from '../../core/environments/credential';
import { Environment } from '../../core/environments/environment';
import { checkJwtShape, validateClientId, validateClientSecret } from '../../core/environments/jwt';
import { FlowStep, PickItem, runMultiStepInput } from '../shared/multiStepInput';
import type { KoreServices } from '../shared/services';

/** What Set Token asks; which of the texts are asked depends on the kind. */
interface CredentialAnswers {
  readonly kind: StoredCredential['kind'];
  readonly token: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export class TokenCommands {
  constructor(private readonly services: KoreServices) {}

  async setToken(argument?: unknown): Promise<boolean> {
    const { picker, credentials, log, ui } = this.services;
    // Always asks from the palette (the active environment first): a token pasted into the wrong one replaces its credential.
    const environment = await picker.resolve(argument, vscode.l10n.t('Choose the environment to set a token for'), { alwaysAsk: true });
    if (!environment) return false;
    const credential = await this.askCredential(environment, (await credentials.get(environment.id))?.kind);
    if (!credential) return false;
    await credentials.set(environment.id, credential);
    log.info(`Credential (${credential.kind === 'jwt' ? 'JWT' : 'client credentials'}) set for environment "${environment.name}".`);
    void ui.current.showInformationMessage(vscode.l10n.t('The token for "{0}" was saved in secret storage.', environment.name));
    return true;
  }

  /**
   * Which kind of credential, then the JWT or the Client ID and Secret, as one multi-step input with Back. When one
   * exists, the first question says it will be replaced (its kind only, never its value).
   */
  private async askCredential(environment: Environment, existing: StoredCredential['kind'] | undefined): Promise<StoredCredential | undefined> {
    const replacing =
      existing === 'jwt'
        ? vscode.l10n.t('The token (JWT) already saved for "{0}" will be replaced.', environment.name)
        : existing === 'client'
          ? vscode.l10n.t('The client credentials already saved for "{0}" will be replaced.', environment.name)
          : undefined;
    const title = replacing ? vscode.l10n.t('Replace Token for "{0}"', environment.name) : vscode.l10n.t('Set Token for "{0}"', environment.name);
    const question = vscode.l10n.t('How do you want to authenticate to {0}?', environment.host);
    const kinds: PickItem<StoredCredential['kind']>[] = [
      { label: vscode.l10n.t('Paste a JWT'), detail: vscode.l10n.t('A token already signed for the app. It is used until it expires.'), value: 'jwt' },
      {
        label: vscode.l10n.t('Enter Client ID and Client Secret'),
        detail: vscode.l10n.t('From the app\'s API scope settings. A fresh short-lived JWT is signed for every request.'),
        value: 'client',
      },
    ];
    const steps: FlowStep<CredentialAnswers>[] = [
      { kind: 'pick', key: 'kind', placeHolder: replacing ? `${replacing} ${question}` : question, items: kinds },
      {
        kind: 'input',
        key: 'token',
        // Counted before the kind is chosen too, so the first question says "1/2" (a JWT is the first choice).
        applies: (answers) => answers.kind !== 'client',
        prompt: vscode.l10n.t('Paste the JWT for {0}. It is kept in VS Code\'s secret storage and sent only to {1}.', environment.name, environment.host),
        placeHolder: vscode.l10n.t('JWT (three base64url parts separated by dots)'),
        password: true,
        validate: (value) => checkJwtShape(value),
      },
      {
        kind: 'input',
        key: 'clientId',
        applies: (answers) => answers.kind === 'client',
        prompt: vscode.l10n.t('Client ID of the Kore.ai app (its API scope must include Campaign Management).'),
        placeHolder: 'cs-5f1e9a52-…',
        validate: (value) => validateClientId(value),
      },
      {
        kind: 'input',
        key: 'clientSecret',
        applies: (answers) => answers.kind === 'client',
        prompt: vscode.l10n.t('Client Secret of the Kore.ai app. It is kept in VS Code\'s secret storage; tokens signed with it go only to {0}.', environment.host),
        password: true,
        validate: (value) => validateClientSecret(value),
      },
    ];
    const answers = await runMultiStepInput(this.services.ui.current, { title, steps });
    if (answers?.kind === 'jwt' && answers.token !== undefined) return { kind: 'jwt', token: answers.token.trim(), host: environment.host };
    if (answers?.kind === 'client' && answers.clientId !== undefined && answers.clientSecret !== undefined) {
      return { kind: 'client', clientId: answers.clientId.trim(), clientSecret: answers.clientSecret.trim(), host: environment.host };
    }
    return undefined;
  }

  async clearToken(argument?: unknown): Promise<boolean> {
    const environment = await this.services.picker.resolve(argument, vscode.l10n.t('Choose the environment whose token to clear'), { alwaysAsk: true });
    if (!environment) return false;
    if (!(await this.services.credentials.has(environment.id))) {
      void this.services.ui.current.showInformationMessage(vscode.l10n.t('No token is set for "{0}": there is nothing to clear.', environment.name));
      return false;
    }
    await this.services.credentials.delete(environment.id);
    this.services.log.info(`Token cleared for environment "${environment.name}".`);
    void this.services.ui.current.showInformationMessage(vscode.l10n.t('The token for "{0}" was deleted from secret storage.', environment.name));
    return true;
  }
}
