// Test Connection: one read-only call that says whether an environment's host, ids and credential work, naming
// the one that is wrong when it can. v1 lists all lists (and counts them); a dialect without that call sends a
// harmless GET instead. When the platform answers that the dialect's route itself does not exist, the other
// dialects are tried (core/dialectDetection) and the one that answers is offered as a switch. Part of the
// lazily loaded operations bundle.
import * as vscode from 'vscode';
import { findServedDialect, isRouteNotFound, routeVerdict } from '../../core/dialectDetection';
import { Environment } from '../../core/environment';
import { KoreCallResult } from '../../core/koreResult';
import { ApiDialect, DEFAULT_DIALECT, canListAll, dialectOf } from '../../core/koreApiPaths';
import { describeConnectionTest, pointsAtNetworkSettings } from '../../core/resultMessages';
import { offerActions } from '../commands';
import type { EnvironmentConnection } from '../connection';
import { networkSettingsAction } from '../networkSettings';
import { withCancellableProgress } from '../progress';
import type { KoreServices } from '../services';
import { dialectLabel } from './dialectPick';

export class ConnectionTest {
  constructor(private readonly services: KoreServices) {}

  async run(argument?: unknown): Promise<boolean | undefined> {
    const environment = await this.services.picker.resolve(argument, vscode.l10n.t('Choose the environment to test'));
    if (!environment) return undefined;
    const connection = await this.services.connect(environment);
    if (!connection) return undefined;
    const listable = canListAll(environment);
    const { result, listCount } = await withCancellableProgress(vscode.l10n.t('Testing "{0}"…', environment.name), async (signal) => {
      if (!listable) return { result: await connection.probeDialect(dialectOf(environment), signal), listCount: undefined };
      const listed = await connection.listContactLists(signal, 'test connection');
      return { result: listed.result, listCount: listed.lists?.length };
    });
    if (isRouteNotFound(result)) return this.findDialect(connection, result);
    const ui = this.services.ui.current;
    if (!listable && routeVerdict(result) === 'served') {
      void ui.showInformationMessage(
        vscode.l10n.t(
          'Connected to "{0}" ({1}) with the {2} API: host, App ID, Account ID and token work. This API cannot list contact lists, so the tree cannot browse them; delete by id works.',
          environment.name,
          environment.host,
          dialectLabel(environment.dialect),
        ),
      );
      return true;
    }
    const verdict = describeConnectionTest(result, listCount, this.verdictContext(connection));
    if (verdict.ok) void ui.showInformationMessage(verdict.message);
    else {
      // A proxy refusal or an untrusted certificate is fixed in the editor's settings, one click away.
      const actions = pointsAtNetworkSettings(result) ? [networkSettingsAction()] : [];
      offerActions({ ui, log: this.services.log }, { kind: 'error', message: verdict.message, actions });
    }
    return verdict.ok;
  }

  /** The environment's dialect is not served here: tries the others and offers to switch to the one that answers. */
  private async findDialect(connection: EnvironmentConnection, ownResult: KoreCallResult): Promise<boolean> {
    const { environment } = connection;
    const ui = this.services.ui.current;
    const search = await withCancellableProgress(
      vscode.l10n.t('"{0}" does not answer the {1} API; trying the other documented forms…', environment.name, dialectLabel(environment.dialect)),
      (signal) => findServedDialect(environment.dialect, (dialect) => connection.probeDialect(dialect, signal)),
    );
    if (search.found === undefined) {
      const tried = search.tried.map((attempt) => dialectLabel(attempt.dialect)).join(', ');
      const verdict = describeConnectionTest(ownResult, undefined, this.verdictContext(connection));
      void ui.showErrorMessage(`${verdict.message} ${vscode.l10n.t('The other forms of the API ({0}) did not answer either.', tried)}`);
      return false;
    }
    const found = search.found;
    const switchTo = vscode.l10n.t('Switch to {0}', dialectLabel(found));
    const choice = await ui.showWarningMessage(
      vscode.l10n.t(
        '"{0}" is set to the {1} API, which {2} does not serve (HTTP 404 for the address itself), but it answers the {3} API. Switch "{0}" to {3}?',
        environment.name,
        dialectLabel(environment.dialect),
        environment.host,
        dialectLabel(found),
      ),
      {},
      switchTo,
    );
    if (choice !== switchTo) return false;
    const updated = withDialect(environment, found);
    if (!(await this.services.environments.replace(updated))) {
      void ui.showErrorMessage(
        vscode.l10n.t('The environment "{0}" is no longer in your settings, so its API was not changed. Refresh the Environments view and try again.', environment.name),
      );
      return false;
    }
    this.services.log.info(`Switched environment "${environment.name}" from the ${dialectOf(environment)} API to ${found} after Test Connection.`);
    void ui.showInformationMessage(
      canListAll(updated)
        ? vscode.l10n.t('"{0}" now uses the {1} API; its contact lists show in the Environments view.', environment.name, dialectLabel(found))
        : vscode.l10n.t('"{0}" now uses the {1} API. It cannot list contact lists, so the tree cannot browse them; delete by id works.', environment.name, dialectLabel(found)),
    );
    return true;
  }

  private verdictContext(connection: EnvironmentConnection) {
    const { environment } = connection;
    return { environmentName: environment.name, host: environment.host, iid: environment.iid, accountId: environment.accountId, timeoutSeconds: connection.timeoutSeconds };
  }
}

/** The environment with another dialect; the default is stored as no field, as the form and settings keep it. */
function withDialect(environment: Environment, dialect: ApiDialect): Environment {
  const rest: Environment = { ...environment };
  delete (rest as { dialect?: ApiDialect }).dialect;
  return dialect === DEFAULT_DIALECT ? rest : { ...rest, dialect };
}
