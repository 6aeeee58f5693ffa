// Test Connection: one read-only call that says whether an environment's host, ids and credential work, naming
// the one that is wrong when it can. v1 lists all lists (and counts them); a dialect without that call sends a
// harmless GET instead, and so does v1 when its list-all route is missing (a tenant may serve the per-list route
// only), so the own dialect is judged by the same request as the others. When that route does not exist either,
// the other dialects are tried (core/dialectDetection) and the one that answers is offered as a switch, applied
// to the environment as it is when the user clicks. Part of the lazily loaded operations bundle.
import * as vscode from 'vscode';
import { dialectName } from '../../core/api/dialectNames';
import { findServedDialect, isRouteNotFound, routeVerdict } from '../../core/api/dialectDetection';
import { Environment } from '../../core/environments/environment';
import { KoreCallResult } from '../../core/api/koreResult';
import { ApiDialect, DEFAULT_DIALECT, canListAll, dialectOf } from '../../core/api/koreApiPaths';
import { describeConnectionTest, describeDialectSearch, pointsAtNetworkSettings } from '../../core/failures/resultMessages';
import { offerActions } from '../shared/commands';
import type { EnvironmentConnection } from '../shared/connection';
import { networkSettingsAction } from '../shared/networkSettings';
import { withCancellableProgress } from '../shared/progress';
import type { KoreServices } from '../shared/services';

export class ConnectionTest {
  constructor(private readonly services: KoreServices) {}

  async run(argument?: unknown): Promise<boolean | undefined> {
    const environment = await this.services.picker.resolve(argument, vscode.l10n.t('Choose the environment to test'));
    if (!environment) return undefined;
    const connection = await this.services.connect(environment);
    if (!connection) return undefined;
    const listable = canListAll(environment);
    const own = dialectOf(environment);
    const checked = await withCancellableProgress(vscode.l10n.t('Testing "{0}"…', environment.name), async (signal) => {
      if (!listable) return { result: await connection.probeDialect(own, signal), listCount: undefined };
      const listed = await connection.listContactLists(signal, 'test connection');
      if (!isRouteNotFound(listed.result)) return { result: listed.result, listCount: listed.lists?.length };
      // List-all's route is missing, which a tenant may lack while it serves the per-list route: ask that route
      // with the same harmless GET the other dialects get, so the own dialect is judged as they are.
      return { result: listed.result, listCount: undefined, ownProbe: await connection.probeDialect(own, signal) };
    });
    const { listCount, ownProbe } = checked;
    const ui = this.services.ui.current;
    if (ownProbe !== undefined && routeVerdict(ownProbe) === 'served') {
      void ui.showInformationMessage(
        vscode.l10n.t(
          'Connected to "{0}" ({1}) with the {2} API: host, App ID, Account ID and token work. {1} does not serve this API\'s call to list all contact lists (HTTP 404 for the address itself), so the tree cannot browse them; delete by id works.',
          environment.name,
          environment.host,
          dialectName(environment.dialect),
        ),
      );
      return true;
    }
    // The probe's own failure (a refused token, a timeout…) is the verdict when it did not say "route missing".
    const result = ownProbe ?? checked.result;
    if (isRouteNotFound(result)) return this.findDialect(connection, result);
    if (!listable && routeVerdict(result) === 'served') {
      void ui.showInformationMessage(
        vscode.l10n.t(
          'Connected to "{0}" ({1}) with the {2} API: host, App ID, Account ID and token work. This API cannot list contact lists, so the tree cannot browse them; delete by id works.',
          environment.name,
          environment.host,
          dialectName(environment.dialect),
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
      vscode.l10n.t('"{0}" does not answer the {1} API; trying the other documented forms…', environment.name, dialectName(environment.dialect)),
      (signal) => findServedDialect(environment.dialect, (dialect) => connection.probeDialect(dialect, signal)),
    );
    if (search.found === undefined) {
      // Cancelled: the user said stop, and half a search proves nothing; the progress notification already went.
      if (search.tried.some((attempt) => attempt.result.failure === 'cancelled')) return false;
      const verdict = describeConnectionTest(ownResult, undefined, this.verdictContext(connection));
      const searched = describeDialectSearch(search.tried, connection.timeoutSeconds);
      // A proxy refusal or an untrusted certificate on a probe is fixed in the editor's settings, one click away.
      const actions = searched.networkSettings ? [networkSettingsAction()] : [];
      offerActions({ ui, log: this.services.log }, { kind: 'error', message: `${verdict.message} ${searched.sentence}`, actions });
      return false;
    }
    const found = search.found;
    const switchTo = vscode.l10n.t('Switch to {0}', dialectName(found));
    const choice = await ui.showWarningMessage(
      vscode.l10n.t(
        '"{0}" is set to the {1} API, which {2} does not serve (HTTP 404 for the address itself), but it answers the {3} API. Switch "{0}" to {3}?',
        environment.name,
        dialectName(environment.dialect),
        environment.host,
        dialectName(found),
      ),
      {},
      switchTo,
    );
    if (choice !== switchTo) return false;
    return this.applySwitch(environment, found);
  }

  /**
   * The user clicked Switch, possibly hours after the probes: switches the environment as it is now (not the copy
   * the probes started with), and only if it still points where the probes went (else their answer says nothing).
   */
  private async applySwitch(environment: Environment, found: ApiDialect): Promise<boolean> {
    const ui = this.services.ui.current;
    const current = this.services.environments.list().find((candidate) => candidate.id === environment.id);
    if (!current) {
      void ui.showErrorMessage(
        vscode.l10n.t('The environment "{0}" is no longer in your settings, so its API was not changed. Refresh the Environments view and try again.', environment.name),
      );
      return false;
    }
    if (current.host !== environment.host || current.iid !== environment.iid || current.accountId !== environment.accountId || dialectOf(current) !== dialectOf(environment)) {
      void ui.showWarningMessage(
        vscode.l10n.t(
          '"{0}" was not switched to the {1} API: its host, App ID, Account ID or API changed after Test Connection tried it, so that answer may not hold any more. Run Test Connection on "{0}" again.',
          current.name,
          dialectName(found),
        ),
        {},
      );
      return false;
    }
    const updated = withDialect(current, found);
    if (!(await this.services.environments.replace(updated))) {
      void ui.showErrorMessage(
        vscode.l10n.t('The environment "{0}" is no longer in your settings, so its API was not changed. Refresh the Environments view and try again.', current.name),
      );
      return false;
    }
    this.services.log.info(`Switched environment "${current.name}" from the ${dialectOf(current)} API to ${found} after Test Connection.`);
    void ui.showInformationMessage(
      canListAll(updated)
        ? vscode.l10n.t('"{0}" now uses the {1} API; its contact lists show in the Environments view.', current.name, dialectName(found))
        : vscode.l10n.t('"{0}" now uses the {1} API. It cannot list contact lists, so the tree cannot browse them; delete by id works.', current.name, dialectName(found)),
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
