// Add, Edit and Remove Environment. Environments live in user settings (see environmentStore); the form is
// environmentForm; a removed environment's credential goes with it.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Environment } from '../../core/environments/environment';
import type { KoreServices } from '../shared/services';
import { EnvironmentForm } from './environmentForm';

export class EnvironmentCommands {
  private readonly form: EnvironmentForm;

  constructor(private readonly services: KoreServices) {
    this.form = new EnvironmentForm(services);
  }

  async add(): Promise<Environment | undefined> {
    const answers = await this.form.ask(vscode.l10n.t('Add Kore.ai Environment'), undefined);
    if (!answers) return undefined;
    const environment: Environment = { id: randomUUID(), ...answers };
    await this.services.environments.add(environment);
    this.services.log.info(`Added environment "${environment.name}" (${environment.host}, IID ${environment.iid}).`);
    void this.services.ui.current.showInformationMessage(
      vscode.l10n.t('Environment "{0}" was added. Set its token with the key button beside it in the Environments view.', environment.name),
    );
    return environment;
  }

  async edit(argument?: unknown): Promise<Environment | undefined> {
    const current = await this.services.picker.resolve(argument, vscode.l10n.t('Choose the environment to edit'), { alwaysAsk: true });
    if (!current) return undefined;
    const answers = await this.form.ask(vscode.l10n.t('Edit Environment "{0}"', current.name), current);
    if (!answers) return undefined;
    // `production` comes only from the answers: answering "No" must clear it.
    const updated: Environment = { id: current.id, ...answers };
    if (!(await this.services.environments.replace(updated))) {
      this.reportGone(current);
      return undefined;
    }
    this.services.log.info(`Edited environment "${updated.name}" (${updated.host}, IID ${updated.iid}).`);
    if (updated.host !== current.host && (await this.services.credentials.has(current.id))) {
      void this.services.ui.current.showInformationMessage(
        vscode.l10n.t('The host of "{0}" changed to {1}. Its token was entered for {2}: you will be asked before it is sent to the new host.', updated.name, updated.host, current.host),
      );
    }
    return updated;
  }

  async remove(argument?: unknown): Promise<boolean> {
    const environment = await this.services.picker.resolve(argument, vscode.l10n.t('Choose the environment to remove'), { alwaysAsk: true });
    if (!environment) return false;
    const remove = vscode.l10n.t('Remove');
    const choice = await this.services.ui.current.showWarningMessage(
      vscode.l10n.t('Remove the environment "{0}"?', environment.name),
      { modal: true, detail: vscode.l10n.t('"{0}" ({1}) will be removed from your settings and its token deleted from secret storage. Contact lists on the server are not touched.', environment.name, environment.host) },
      remove,
    );
    if (choice !== remove) return false;
    if (!(await this.services.environments.remove(environment.id))) {
      this.reportGone(environment);
      return false;
    }
    await this.services.credentials.delete(environment.id);
    this.services.log.info(`Removed environment "${environment.name}" and its token.`);
    return true;
  }

  /** Settings changed between the pick and the write (edited by hand, or in another window): nothing was written. */
  private reportGone(environment: Environment): void {
    void this.services.ui.current.showErrorMessage(
      vscode.l10n.t('The environment "{0}" is no longer in your settings, so nothing was changed. Refresh the Environments view and try again.', environment.name),
    );
  }
}
