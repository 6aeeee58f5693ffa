// Test Connection, Switch Environment, Export/Import Environments and Copy ID: the commands around
// environments that neither create nor delete anything on a server.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { getAllContactLists } from '../../core/contactListClient';
import { exportEnvironments, importEnvironments } from '../../core/environmentTransfer';
import { describeConnectionTest } from '../../core/resultMessages';
import { describeExchange } from '../../core/responseDocument';
import { Authentication } from './authentication';
import { EnvironmentPicker } from './environmentPicker';
import { EnvironmentStore } from './environmentStore';
import { isContactListNode } from './environmentTree';
import { withCancellableProgress } from '../progress';
import { ResponseDocumentProvider } from '../responses/responseDocuments';
import { saveTextAs } from '../saveLocation';
import { UserInterfaceHolder } from '../userInterface';

export class EnvironmentTools {
  constructor(
    private readonly store: EnvironmentStore,
    private readonly authentication: Authentication,
    private readonly picker: EnvironmentPicker,
    private readonly responses: ResponseDocumentProvider,
    private readonly ui: UserInterfaceHolder,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** A read-only call (get all list details) that says whether host, ids and credential work. */
  async testConnection(argument?: unknown): Promise<boolean | undefined> {
    const environment = await this.picker.resolve(argument, vscode.l10n.t('Choose the environment to test'));
    if (!environment) return undefined;
    const token = await this.authentication.tokenSource(environment);
    if (!token) return undefined;
    const timeoutSeconds = this.store.requestTimeoutSeconds();
    const { result, lists } = await withCancellableProgress(vscode.l10n.t('Testing "{0}"…', environment.name), (signal) =>
      getAllContactLists(environment, token(), { timeoutMs: timeoutSeconds * 1000, signal }),
    );
    this.log.info(`${describeExchange(result)} [test connection, environment "${environment.name}"]`);
    const verdict = describeConnectionTest(result, lists?.length, { environmentName: environment.name, host: environment.host, iid: environment.iid, accountId: environment.accountId, timeoutSeconds }, vscode.l10n.t);
    if (verdict.ok) void this.ui.current.showInformationMessage(verdict.message);
    else void this.ui.current.showErrorMessage(verdict.message);
    return verdict.ok;
  }

  async switchEnvironment(): Promise<void> {
    await this.picker.pick(vscode.l10n.t('Choose the environment that palette commands use'));
  }

  async copyContactListId(node?: unknown): Promise<string | undefined> {
    if (!isContactListNode(node)) return undefined;
    await vscode.env.clipboard.writeText(node.list._id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', node.list._id), 3000);
    return node.list._id;
  }

  /** Environments as JSON, without any secret: tokens and client secrets never leave secret storage. */
  async exportEnvironments(): Promise<vscode.Uri | undefined> {
    const environments = this.store.list();
    if (environments.length === 0) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('There are no environments to export.'));
      return undefined;
    }
    return saveTextAs(this.ui, {
      title: vscode.l10n.t('Export Kore.ai Environments (no secrets)'),
      name: 'kore-environments.json',
      filters: { JSON: ['json'] },
      text: exportEnvironments(environments),
      saved: (path) => vscode.l10n.t('Exported {0} environment(s) to {1}. Tokens are not included.', environments.length, path),
    });
  }

  async importEnvironments(): Promise<{ imported: number; rejected: number } | undefined> {
    const [source] = (await this.ui.current.showOpenDialog({
      title: vscode.l10n.t('Import Kore.ai Environments'),
      filters: { JSON: ['json'] },
      canSelectMany: false,
    })) ?? [];
    if (!source) return undefined;
    const text = Buffer.from(await vscode.workspace.fs.readFile(source)).toString('utf8');
    const result = importEnvironments(text, this.store.list(), () => randomUUID(), vscode.l10n.t);
    if (result.error) {
      void this.ui.current.showErrorMessage(vscode.l10n.t('Nothing was imported from {0}: {1}', source.fsPath, result.error));
      return { imported: 0, rejected: 0 };
    }
    for (const environment of result.accepted) await this.store.add(environment);
    this.log.info(`Imported ${result.accepted.length} environment(s) from ${source.fsPath}; ${result.rejected.length} rejected.`);
    for (const reject of result.rejected) this.log.warn(`Import: entry #${reject.index + 1}${reject.name ? ` "${reject.name}"` : ''} rejected: ${reject.reason}`);
    if (result.rejected.length === 0) {
      void this.ui.current.showInformationMessage(vscode.l10n.t('Imported {0} environment(s). Set a token for each to use it.', result.accepted.length));
    } else {
      const details = result.rejected.map((reject) => `#${reject.index + 1}${reject.name ? ` "${reject.name}"` : ''}: ${reject.reason}`).join('\n');
      const uri = this.responses.add('import', `rejected from ${source.path.split('/').pop() ?? 'import'}`, { text: `${details}\n`, extension: 'txt', fromServer: false });
      const show = vscode.l10n.t('Show Rejected');
      void Promise.resolve(
        this.ui.current.showWarningMessage(vscode.l10n.t('Imported {0} environment(s); {1} rejected: {2}', result.accepted.length, result.rejected.length, details.split('\n')[0]), {}, show),
      )
        .then((choice) => (choice === show ? this.responses.open(uri) : undefined))
        .catch((error: unknown) => this.log.error(`Could not open the rejected entries: ${String(error)}`));
    }
    return { imported: result.accepted.length, rejected: result.rejected.length };
  }
}
