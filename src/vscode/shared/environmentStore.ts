// Environments in user settings. Only the user (global) value is read: the setting has application scope,
// and reading globalValue explicitly means a workspace's settings can never add or redirect an environment.
import * as vscode from 'vscode';
import { SettingKeys } from './settings';
import { Environment, EnvironmentsReadResult, rawIndexOfEnvironment, readEnvironments } from '../../core/environments/environment';

export class EnvironmentStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the environments change, through this extension or by hand in settings.json. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private reportedProblems = '';

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SettingKeys.section}.${SettingKeys.environments}`)) this.changed.fire();
    });
  }

  read(): EnvironmentsReadResult {
    const raw = this.configuration().inspect<unknown>(SettingKeys.environments)?.globalValue;
    const result = readEnvironments(raw);
    // Settings are read on every refresh: say each set of problems once, not on every read.
    const problems = result.problems.join('\n');
    if (problems !== this.reportedProblems) {
      for (const problem of result.problems) this.log.warn(problem);
      this.reportedProblems = problems;
    }
    return result;
  }

  list(): Environment[] {
    return this.read().environments;
  }

  async add(environment: Environment): Promise<void> {
    await this.write([...this.rawEntries(), { ...environment }]);
  }

  /**
   * Rewrites the one entry that is read as this environment; a skipped entry with the same id (a hand-made
   * duplicate) is left as written. False when no entry is read as it any more (settings changed meanwhile).
   */
  async replace(environment: Environment): Promise<boolean> {
    const entries = this.rawEntries();
    const index = rawIndexOfEnvironment(entries, environment.id);
    if (index === undefined) return false;
    await this.write(entries.map((entry, position) => (position === index ? { ...environment } : entry)));
    return true;
  }

  /** Removes the one entry that is read as this environment, as replace does; false when there is none. */
  async remove(environmentId: string): Promise<boolean> {
    const entries = this.rawEntries();
    const index = rawIndexOfEnvironment(entries, environmentId);
    if (index === undefined) return false;
    await this.write(entries.filter((_entry, position) => position !== index));
    return true;
  }

  /**
   * Every entry as stored, invalid ones included (editing one environment must not drop another the user is
   * still fixing), at the positions readEnvironments reports.
   */
  private rawEntries(): unknown[] {
    const raw = this.configuration().inspect<unknown>(SettingKeys.environments)?.globalValue;
    return Array.isArray(raw) ? [...(raw as unknown[])] : [];
  }

  private async write(entries: unknown[]): Promise<void> {
    await this.configuration().update(SettingKeys.environments, entries, vscode.ConfigurationTarget.Global);
  }

  private configuration(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SettingKeys.section);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
