// Export and Import Environments: the environments as a JSON file a team can share, never with a secret
// (tokens and client secrets stay in secret storage), and an import that checks every entry and names each
// one it refuses.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { exportEnvironments, importEnvironments } from '../../core/environments/environmentTransfer';
import { serverText } from '../../core/text/textSafety';
import { lookAlikeWarnings } from '../../core/environments/workspaceOffer';
import { offerActions } from '../shared/commands';
import { saveTextAs } from '../shared/saveLocation';
import type { KoreServices } from '../shared/services';

export class EnvironmentTransferCommands {
  constructor(private readonly services: KoreServices) {}

  async exportEnvironments(): Promise<vscode.Uri | undefined> {
    const environments = this.services.environments.list();
    if (environments.length === 0) {
      void this.services.ui.current.showInformationMessage(vscode.l10n.t('There are no environments to export.'));
      return undefined;
    }
    return saveTextAs(this.services.ui, {
      title: vscode.l10n.t('Export Kore.ai Environments (no secrets)'),
      name: 'kore-environments.json',
      filters: { JSON: ['json'] },
      text: exportEnvironments(environments),
      saved: (path) => vscode.l10n.t('Exported {0} environment(s) to {1}. Tokens are not included.', environments.length, path),
    });
  }

  async importEnvironments(): Promise<{ imported: number; rejected: number } | undefined> {
    const { ui } = this.services;
    const [source] = (await ui.current.showOpenDialog({ title: vscode.l10n.t('Import Kore.ai Environments'), filters: { JSON: ['json'] }, canSelectMany: false })) ?? [];
    if (!source) return undefined;
    const text = Buffer.from(await vscode.workspace.fs.readFile(source)).toString('utf8');
    return this.importText(text, source);
  }

  /**
   * Imports an export file's text, read from `source`: the one strict path every import takes (a file the user
   * chose, or the environments a workspace offers and the user reviewed).
   */
  async importText(text: string, source: vscode.Uri): Promise<{ imported: number; rejected: number }> {
    const { environments, ui, log, responses } = this.services;
    const before = environments.list();
    const result = importEnvironments(text, before, () => randomUUID());
    if (result.error) {
      void ui.current.showErrorMessage(vscode.l10n.t('Nothing was imported from {0}: {1}', source.fsPath, result.error));
      return { imported: 0, rejected: 0 };
    }
    for (const environment of result.accepted) await environments.add(environment);
    log.info(`Imported ${result.accepted.length} environment(s) from ${source.fsPath}; ${result.rejected.length} rejected.`);
    const entry = (reject: (typeof result.rejected)[number]) => `#${reject.index + 1}${reject.name ? ` "${serverText(reject.name)}"` : ''}`;
    for (const reject of result.rejected) log.warn(`Import: entry ${entry(reject)} rejected: ${reject.reason}`);
    const rejected = result.rejected.map((reject) => `${entry(reject)}: ${reject.reason}`);
    // A file can carry a look-alike as a workspace can: never imported without saying so.
    const lookAlikes = result.accepted.flatMap((environment) => lookAlikeWarnings(environment, before));
    for (const warning of lookAlikes) log.warn(`Import: ${warning}`);
    if (lookAlikes.length > 0) {
      void ui.current.showWarningMessage(vscode.l10n.t('Imported {0} environment(s), one of which can pass for another: {1}', result.accepted.length, lookAlikes[0]), {});
    }
    if (rejected.length === 0) {
      if (lookAlikes.length > 0) return { imported: result.accepted.length, rejected: 0 };
      void ui.current.showInformationMessage(vscode.l10n.t('Imported {0} environment(s). Set a token for each to use it.', result.accepted.length));
    } else {
      const uri = responses.add('import', `rejected from ${source.path.split('/').pop() ?? 'import'}`, { text: `${rejected.join('\n')}\n`, extension: 'txt', fromServer: false });
      offerActions(
        { ui: ui.current, log },
        {
          kind: 'warning',
          message: vscode.l10n.t('Imported {0} environment(s); {1} rejected: {2}', result.accepted.length, rejected.length, rejected[0]),
          actions: [{ title: vscode.l10n.t('Show Rejected'), run: () => responses.open(uri) }],
        },
      );
    }
    return { imported: result.accepted.length, rejected: rejected.length };
  }
}
