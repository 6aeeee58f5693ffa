// Turns a command's first argument (a tree item, an id or name, or nothing) into an environment,
// asking only when it must: no question when there is exactly one environment.
import * as vscode from 'vscode';
import { oneLine, withoutIcons } from '../../core/text/textSafety';
import { CommandIds } from '../../commandIds';
import { parseCommandTarget } from '../../core/commandTarget';
import { Environment, findEnvironment } from '../../core/environments/environment';
import { ActiveEnvironment } from './activeEnvironment';
import { EnvironmentStore } from './environmentStore';
import { UserInterfaceHolder } from './userInterface';

export interface PickerServices {
  readonly environments: EnvironmentStore;
  readonly active: ActiveEnvironment;
  readonly ui: UserInterfaceHolder;
}

export class EnvironmentPicker {
  private readonly store: EnvironmentStore;
  private readonly active: ActiveEnvironment;
  private readonly ui: UserInterfaceHolder;

  constructor(services: PickerServices) {
    ({ environments: this.store, active: this.active, ui: this.ui } = services);
  }

  /**
   * From the tree: the clicked environment. With an id or name: that one. From the palette: the active
   * environment, else the only one, else a pick (which becomes the active one).
   */
  async resolve(argument: unknown, placeHolder: string, options: { alwaysAsk?: boolean } = {}): Promise<Environment | undefined> {
    const environments = this.store.list();
    const named = parseCommandTarget(argument).environment;
    if (named?.kind === 'node') {
      // Settings may have changed since the tree was drawn: use what is configured now.
      const current = environments.find((environment) => environment.id === named.id);
      if (!current) void this.ui.current.showErrorMessage(vscode.l10n.t('The environment "{0}" no longer exists. Refresh the view and try again.', named.name));
      return current;
    }
    if (named?.kind === 'idOrName') {
      const found = findEnvironment(environments, named.value);
      if (!found) {
        void this.ui.current.showErrorMessage(
          vscode.l10n.t('No Kore.ai environment has the id or name "{0}". Check the command\'s arguments, or add the environment first.', named.value),
        );
      }
      return found;
    }
    if (environments.length === 1) return environments[0];
    // Commands that change or remove an environment or its token always ask; the others use the active one.
    const active = this.active.get();
    if (active && !options.alwaysAsk) return active;
    return this.pick(placeHolder);
  }

  /** Always asks (Switch Environment); the answer becomes the active environment. */
  async pick(placeHolder: string): Promise<Environment | undefined> {
    const environments = this.store.list();
    if (environments.length === 0) {
      const add = vscode.l10n.t('Add Environment');
      const choice = await this.ui.current.showInformationMessage(vscode.l10n.t('No Kore.ai environment is configured yet. Add one first.'), add);
      if (choice === add) await vscode.commands.executeCommand(CommandIds.addEnvironment);
      return undefined;
    }
    const active = this.active.get();
    const ordered = active ? [active, ...environments.filter((environment) => environment.id !== active.id)] : environments;
    const picked = await this.ui.current.showQuickPick(
      ordered.map((environment) => ({
        // Quick pick labels draw `$(icon)`: a name must not draw a production shield it has no right to.
        label: withoutIcons(oneLine(environment.name)),
        description: environment.host.replace(/^https:\/\//, ''),
        detail: withoutIcons(vscode.l10n.t('App ID {0} · Account ID {1}', environment.iid, environment.accountId)),
        environment,
      })),
      { placeHolder, matchOnDescription: true, ignoreFocusOut: true },
    );
    if (picked) await this.active.set(picked.environment);
    return picked?.environment;
  }
}
