// Test Connection: one read-only call (get all list details) that says whether an environment's host, ids and
// credential work, naming the one that is wrong when it can. Part of the lazily loaded operations bundle.
import * as vscode from 'vscode';
import { describeConnectionTest, pointsAtNetworkSettings } from '../../core/resultMessages';
import { offerActions } from '../commands';
import { networkSettingsAction } from '../networkSettings';
import { withCancellableProgress } from '../progress';
import type { KoreServices } from '../services';

export class ConnectionTest {
  constructor(private readonly services: KoreServices) {}

  async run(argument?: unknown): Promise<boolean | undefined> {
    const environment = await this.services.picker.resolve(argument, vscode.l10n.t('Choose the environment to test'));
    if (!environment) return undefined;
    const connection = await this.services.connect(environment);
    if (!connection) return undefined;
    const { result, lists } = await withCancellableProgress(vscode.l10n.t('Testing "{0}"…', environment.name), (signal) =>
      connection.listContactLists(signal, 'test connection'),
    );
    const verdict = describeConnectionTest(
      result,
      lists?.length,
      { environmentName: environment.name, host: environment.host, iid: environment.iid, accountId: environment.accountId, timeoutSeconds: connection.timeoutSeconds },
      vscode.l10n.t,
    );
    if (verdict.ok) void this.services.ui.current.showInformationMessage(verdict.message);
    else {
      // A proxy refusal or an untrusted certificate is fixed in the editor's settings, one click away.
      const actions = pointsAtNetworkSettings(result) ? [networkSettingsAction()] : [];
      offerActions({ ui: this.services.ui.current, log: this.services.log }, { kind: 'error', message: verdict.message, actions });
    }
    return verdict.ok;
  }
}
