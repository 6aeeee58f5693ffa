// Add, Edit and Remove Environment; Set and Clear Token.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Environment } from '../../core/environment';
import { checkJwtShape, validateClientId, validateClientSecret } from '../../core/jwt';
import { normaliseHost, validateAccountId, validateIid, validateUniqueName } from '../../core/validation';
import { CredentialStore } from './credentialStore';
import { EnvironmentPicker } from './environmentPicker';
import { EnvironmentStore } from './environmentStore';
import { UserInterfaceHolder } from '../userInterface';

export class EnvironmentCommands {
  constructor(
    private readonly store: EnvironmentStore,
    private readonly credentials: CredentialStore,
    private readonly picker: EnvironmentPicker,
    private readonly ui: UserInterfaceHolder,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async add(): Promise<Environment | undefined> {
    const answers = await this.askFields(vscode.l10n.t('Add Kore.ai Environment'), undefined);
    if (!answers) return undefined;
    const environment: Environment = { id: randomUUID(), ...answers };
    await this.store.add(environment);
    this.log.info(`Added environment "${environment.name}" (${environment.host}, IID ${environment.iid}).`);
    void this.ui.current.showInformationMessage(
      vscode.l10n.t('Environment "{0}" was added. Set its token with the key button beside it in the Environments view.', environment.name),
    );
    return environment;
  }

  async edit(argument?: unknown): Promise<Environment | undefined> {
    const current = await this.picker.resolve(argument, vscode.l10n.t('Choose the environment to edit'), { alwaysAsk: true });
    if (!current) return undefined;
    const answers = await this.askFields(vscode.l10n.t('Edit Environment "{0}"', current.name), current);
    if (!answers) return undefined;
    // `production` comes only from the answers: answering "No" must clear it.
    const updated: Environment = { id: current.id, ...answers };
    if (!(await this.store.replace(updated))) {
      this.reportGone(current);
      return undefined;
    }
    this.log.info(`Edited environment "${updated.name}" (${updated.host}, IID ${updated.iid}).`);
    if (updated.host !== current.host && (await this.credentials.has(current.id))) {
      void this.ui.current.showInformationMessage(
        vscode.l10n.t('The host of "{0}" changed to {1}. Its token was entered for {2}: you will be asked before it is sent to the new host.', updated.name, updated.host, current.host),
      );
    }
    return updated;
  }

  async remove(argument?: unknown): Promise<boolean> {
    const environment = await this.picker.resolve(argument, vscode.l10n.t('Choose the environment to remove'), { alwaysAsk: true });
    if (!environment) return false;
    const remove = vscode.l10n.t('Remove');
    const choice = await this.ui.current.showWarningMessage(
      vscode.l10n.t('Remove the environment "{0}"?', environment.name),
      { modal: true, detail: vscode.l10n.t('"{0}" ({1}) will be removed from your settings and its token deleted from secret storage. Contact lists on the server are not touched.', environment.name, environment.host) },
      remove,
    );
    if (choice !== remove) return false;
    if (!(await this.store.remove(environment.id))) {
      this.reportGone(environment);
      return false;
    }
    await this.credentials.delete(environment.id);
    this.log.info(`Removed environment "${environment.name}" and its token.`);
    return true;
  }

  async setToken(argument?: unknown): Promise<boolean> {
    // Always asks from the palette (the active environment first): a token pasted into the wrong one replaces its credential.
    const environment = await this.picker.resolve(argument, vscode.l10n.t('Choose the environment to set a token for'), { alwaysAsk: true });
    if (!environment) return false;
    // Only the kind is named, never the value: the question says what is about to be overwritten.
    const existing = (await this.credentials.get(environment.id))?.kind;
    const replacing =
      existing === 'jwt'
        ? vscode.l10n.t('The token (JWT) already saved for "{0}" will be replaced.', environment.name)
        : existing === 'client'
          ? vscode.l10n.t('The client credentials already saved for "{0}" will be replaced.', environment.name)
          : undefined;
    const paste = { label: vscode.l10n.t('Paste a JWT'), detail: vscode.l10n.t('A token already signed for the app. It is used until it expires.'), credentialKind: 'jwt' as const };
    const client = {
      label: vscode.l10n.t('Enter Client ID and Client Secret'),
      detail: vscode.l10n.t('From the app\'s API scope settings. A fresh short-lived JWT is signed for every request.'),
      credentialKind: 'client' as const,
    };
    const title = replacing ? vscode.l10n.t('Replace Token for "{0}"', environment.name) : vscode.l10n.t('Set Token for "{0}"', environment.name);
    const question = vscode.l10n.t('How do you want to authenticate to {0}?', environment.host);
    const kind = await this.ui.current.showQuickPick([paste, client], {
      title,
      placeHolder: replacing ? `${replacing} ${question}` : question,
      ignoreFocusOut: true,
    });
    if (!kind) return false;
    if (kind.credentialKind === 'jwt') {
      const token = await this.ui.current.showInputBox({
        title,
        prompt: vscode.l10n.t('Paste the JWT for {0}. It is kept in VS Code\'s secret storage and sent only to {1}.', environment.name, environment.host),
        placeHolder: vscode.l10n.t('JWT (three base64url parts separated by dots)'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => checkJwtShape(value, vscode.l10n.t),
      });
      if (token === undefined) return false;
      await this.credentials.set(environment.id, { kind: 'jwt', token: token.trim(), host: environment.host });
    } else {
      const clientId = await this.ui.current.showInputBox({
        title,
        prompt: vscode.l10n.t('Client ID of the Kore.ai app (its API scope must include Campaign Management).'),
        placeHolder: 'cs-5f1e9a52-…',
        ignoreFocusOut: true,
        validateInput: (value) => validateClientId(value, vscode.l10n.t),
      });
      if (clientId === undefined) return false;
      const clientSecret = await this.ui.current.showInputBox({
        title,
        prompt: vscode.l10n.t('Client Secret of the Kore.ai app. It is kept in VS Code\'s secret storage; tokens signed with it go only to {0}.', environment.host),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => validateClientSecret(value, vscode.l10n.t),
      });
      if (clientSecret === undefined) return false;
      await this.credentials.set(environment.id, { kind: 'client', clientId: clientId.trim(), clientSecret: clientSecret.trim(), host: environment.host });
    }
    this.log.info(`Credential (${kind.credentialKind === 'jwt' ? 'JWT' : 'client credentials'}) set for environment "${environment.name}".`);
    void this.ui.current.showInformationMessage(vscode.l10n.t('The token for "{0}" was saved in secret storage.', environment.name));
    return true;
  }

  /** Settings changed between the pick and the write (edited by hand, or in another window): nothing was written. */
  private reportGone(environment: Environment): void {
    void this.ui.current.showErrorMessage(
      vscode.l10n.t('The environment "{0}" is no longer in your settings, so nothing was changed. Refresh the Environments view and try again.', environment.name),
    );
  }

  async clearToken(argument?: unknown): Promise<boolean> {
    const environment = await this.picker.resolve(argument, vscode.l10n.t('Choose the environment whose token to clear'), { alwaysAsk: true });
    if (!environment) return false;
    if (!(await this.credentials.has(environment.id))) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('No token is set for "{0}": there is nothing to clear.', environment.name));
      return false;
    }
    await this.credentials.delete(environment.id);
    this.log.info(`Token cleared for environment "${environment.name}".`);
    void this.ui.current.showInformationMessage(vscode.l10n.t('The token for "{0}" was deleted from secret storage.', environment.name));
    return true;
  }

  /** A new environment starts from a region; an on-premises host (or an edit) is typed, validated as typed. */
  private async askHost(title: string, current: Environment | undefined): Promise<string | undefined> {
    if (!current) {
      const regions = [
        { label: vscode.l10n.t('United States'), description: 'platform.kore.ai', host: 'https://platform.kore.ai' },
        { label: vscode.l10n.t('Germany'), description: 'de-platform.kore.ai', host: 'https://de-platform.kore.ai' },
        { label: vscode.l10n.t('Japan'), description: 'jp-platform.kore.ai', host: 'https://jp-platform.kore.ai' },
        { label: vscode.l10n.t('Custom host (on-premises)…'), description: vscode.l10n.t('type the host'), host: undefined },
      ];
      const region = await this.ui.current.showQuickPick(regions, { title, placeHolder: vscode.l10n.t('Which Kore.ai region or host?'), ignoreFocusOut: true });
      if (!region) return undefined;
      if (region.host) return region.host;
    }
    return this.ui.current.showInputBox({
      title,
      ignoreFocusOut: true,
      prompt: vscode.l10n.t('Host: the Kore.ai host, for example platform.kore.ai (US), de-platform.kore.ai or jp-platform.kore.ai.'),
      value: current?.host ?? '',
      validateInput: (value) => normaliseHost(value, vscode.l10n.t).error,
    });
  }

  /** Asks name, host, App ID and Account ID in turn, validating as the user types. Undefined when cancelled. */
  private async askFields(title: string, current: Environment | undefined): Promise<Omit<Environment, 'id'> | undefined> {
    const otherNames = this.store.list().filter((environment) => environment.id !== current?.id).map((environment) => environment.name);
    const ask = (step: number, options: vscode.InputBoxOptions) =>
      this.ui.current.showInputBox({ ...options, title: `${title} (${step}/5)`, ignoreFocusOut: true });
    const name = await ask(1, {
      prompt: vscode.l10n.t('Environment name: a unique name you will recognise, for example "Production US".'),
      value: current?.name,
      validateInput: (value) => validateUniqueName(value, otherNames, vscode.l10n.t),
    });
    if (name === undefined) return undefined;
    const host = await this.askHost(`${title} (2/5)`, current);
    if (host === undefined) return undefined;
    const iid = await ask(3, {
      prompt: vscode.l10n.t('App ID (IID): the application id from the Kore.ai app, for example st-0603182c-7ffb-53c3-b307-47ca14b9xxxx.'),
      value: current?.iid,
      validateInput: (value) => validateIid(value, vscode.l10n.t),
    });
    if (iid === undefined) return undefined;
    const accountId = await ask(4, {
      prompt: vscode.l10n.t('Account ID: the Kore.ai account id, for example 67777ce93e25326494e9xxxx.'),
      value: current?.accountId,
      validateInput: (value) => validateAccountId(value, vscode.l10n.t),
    });
    if (accountId === undefined) return undefined;
    const no = { label: vscode.l10n.t('No: a test or sandbox environment'), production: false };
    const yes = { label: vscode.l10n.t('Yes: production (deleting asks you to type the id)'), production: true };
    const kind = await this.ui.current.showQuickPick(current?.production ? [yes, no] : [no, yes], {
      title: `${title} (5/5)`,
      placeHolder: vscode.l10n.t('Is this a production environment?'),
      ignoreFocusOut: true,
    });
    if (kind === undefined) return undefined;
    return {
      name: name.trim(),
      host: normaliseHost(host).host ?? host.trim(),
      iid: iid.trim(),
      accountId: accountId.trim(),
      ...(kind.production ? { production: true } : {}),
    };
  }
}
