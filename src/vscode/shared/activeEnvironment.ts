// The active environment: the one last used or picked. Palette commands default to it, and a status bar
// item shows it (production in the warning colour); clicking the item switches.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import { Environment } from '../../core/environments/environment';
import { oneLine, withoutIcons } from '../../core/text/textSafety';
import { EnvironmentStore } from './environmentStore';

const KEY = 'koreContactLists.activeEnvironmentId';

export class ActiveEnvironment implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('koreContactLists.activeEnvironment', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly state: vscode.Memento,
    private readonly store: EnvironmentStore,
  ) {
    this.item.name = vscode.l10n.t('Kore.ai Environment');
    this.item.command = CommandIds.switchEnvironment;
    this.subscriptions = [store.onDidChange(() => this.render())];
    this.render();
  }

  get(): Environment | undefined {
    const id = this.state.get<string>(KEY);
    return id === undefined ? undefined : this.store.list().find((environment) => environment.id === id);
  }

  async set(environment: Environment): Promise<void> {
    if (this.state.get<string>(KEY) === environment.id) return;
    await this.state.update(KEY, environment.id);
    this.render();
  }

  private render(): void {
    const environments = this.store.list();
    const active = this.get();
    if (environments.length === 0) {
      this.item.hide();
      return;
    }
    if (!active) {
      this.item.text = `$(cloud) ${vscode.l10n.t('Kore.ai: choose an environment')}`;
      this.item.tooltip = vscode.l10n.t('Choose the Kore.ai environment that palette commands use');
      this.item.accessibilityInformation = { label: vscode.l10n.t('No Kore.ai environment chosen. Activate to choose the one palette commands use.'), role: 'button' };
      this.item.backgroundColor = undefined;
    } else {
      const production = active.production === true;
      // The name is the user's or a workspace's: an icon in it ("$(shield) Sandbox") is shown as text, never drawn.
      this.item.text = `${production ? '$(shield)' : '$(cloud)'} ${withoutIcons(oneLine(active.name))}`;
      this.item.tooltip = production
        ? vscode.l10n.t('Kore.ai environment: {0} (PRODUCTION, {1}). Click to switch.', active.name, active.host)
        : vscode.l10n.t('Kore.ai environment: {0} ({1}). Click to switch.', active.name, active.host);
      // The colour is not the only sign of production: the shield, the tooltip and what a screen reader says name it.
      const name = oneLine(active.name);
      this.item.accessibilityInformation = {
        label: production
          ? vscode.l10n.t('Kore.ai environment {0}, production, host {1}. Activate to switch environments.', name, oneLine(active.host))
          : vscode.l10n.t('Kore.ai environment {0}, host {1}. Activate to switch environments.', name, oneLine(active.host)),
        role: 'button',
      };
      this.item.backgroundColor = production ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.item.show();
  }

  /** What the status bar shows, for tests. */
  get statusBarText(): string | undefined {
    return this.item.text;
  }

  /** What a screen reader says for the status bar item, for tests. */
  get statusBarAccessibilityLabel(): string | undefined {
    return this.item.accessibilityInformation?.label;
  }

  get statusBarIsWarning(): boolean {
    return this.item.backgroundColor !== undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
