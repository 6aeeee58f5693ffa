// Environments a team shares through its repository: `.vscode/kore-environments.json` in a workspace folder, in
// the export format (never a secret). Workspace settings are refused because a cloned repository must not redirect
// a token; this file cannot either: nothing is used until the user reviews a confirmation listing every
// environment, the import is the same strict one as Import Environments, and an untrusted workspace offers nothing.
import * as vscode from 'vscode';
import { MAX_TRANSFER_BYTES } from '../../core/environments/environmentTransfer';
import { oneLine } from '../../core/text/textSafety';
import { WORKSPACE_OFFER_PATH, WorkspaceOffer, offerImportText, readWorkspaceOffer } from '../../core/environments/workspaceOffer';
import type { KoreServices } from '../shared/services';
import { WorkspaceOfferNode, isWorkspaceOfferNode } from '../shared/treeNodes';

/** The strict importer (EnvironmentTransferCommands.importText), in the lazily loaded operations bundle. */
export type ImportText = (text: string, source: vscode.Uri) => Promise<{ imported: number; rejected: number }>;

export class WorkspaceEnvironments implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what the workspace offers may have changed: the file, the folders, or the workspace's trust. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private reportedProblems = '';

  constructor(
    private readonly services: Pick<KoreServices, 'environments' | 'ui' | 'log'>,
    private readonly importText: ImportText,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_OFFER_PATH.join('/')}`);
    const fire = () => this.changed.fire();
    this.subscriptions = [
      watcher,
      watcher.onDidCreate(fire),
      watcher.onDidChange(fire),
      watcher.onDidDelete(fire),
      vscode.workspace.onDidChangeWorkspaceFolders(fire),
      vscode.workspace.onDidGrantWorkspaceTrust(fire),
    ];
  }

  /** One node per workspace folder that offers an environment the user does not have; none when untrusted. */
  async nodes(): Promise<WorkspaceOfferNode[]> {
    // Checked on every read, not once: trust can be granted while the window is open.
    if (!vscode.workspace.isTrusted) return [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const nodes: WorkspaceOfferNode[] = [];
    const problems: string[] = [];
    for (const folder of folders) {
      const file = vscode.Uri.joinPath(folder.uri, ...WORKSPACE_OFFER_PATH);
      const offer = await this.read(file);
      if (!offer) continue;
      problems.push(...offer.problems.map((problem) => `${file.fsPath}: ${problem}`));
      if (offer.offered.length > 0) nodes.push({ kind: 'workspaceOffer', file, folderName: folders.length > 1 ? folder.name : undefined, offer });
    }
    this.report(problems);
    return nodes;
  }

  /** Lists what would be imported and imports it only when the user says so. */
  async review(node?: unknown): Promise<{ imported: number; rejected: number } | undefined> {
    const { ui } = this.services;
    if (!vscode.workspace.isTrusted) {
      void ui.current.showInformationMessage(vscode.l10n.t('This workspace is not trusted, so the environments it offers are not read. Trust the workspace (Workspaces: Manage Workspace Trust) to review them.'));
      return undefined;
    }
    // Read again rather than trusting the clicked node: the file or the user's environments may have changed.
    const nodes = await this.nodes();
    const wanted = isWorkspaceOfferNode(node) ? node.file.toString() : undefined;
    const chosen = wanted === undefined ? nodes[0] : nodes.find((candidate) => candidate.file.toString() === wanted);
    if (!chosen) {
      void ui.current.showInformationMessage(vscode.l10n.t('This workspace offers no environment you do not already have (.vscode/kore-environments.json is missing, already imported, or has nothing that can be imported).'));
      return undefined;
    }
    const { offer } = chosen;
    const importLabel = vscode.l10n.t('Import');
    const answer = await ui.current.showWarningMessage(
      offer.offered.length === 1
        ? vscode.l10n.t('Import 1 environment offered by this workspace?')
        : vscode.l10n.t('Import {0} environments offered by this workspace?', offer.offered.length),
      { modal: true, detail: confirmationDetail(chosen.file, offer) },
      importLabel,
    );
    if (answer !== importLabel) return undefined;
    // Exactly what the confirmation listed goes through the strict importer, not the file as it may be now.
    return this.importText(offerImportText(offer), chosen.file);
  }

  /** The file as an offer, or undefined when there is no such file. A hostile file is refused before it is read. */
  private async read(file: vscode.Uri): Promise<WorkspaceOffer | undefined> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(file);
    } catch {
      return undefined;
    }
    if ((stat.type & vscode.FileType.File) === 0) return undefined;
    if (stat.size > MAX_TRANSFER_BYTES) {
      return { offered: [], alreadyPresent: 0, problems: [vscode.l10n.t('The file is too large to be an environments export (more than {0} MB): it is not read.', MAX_TRANSFER_BYTES / (1024 * 1024))], warnings: [] };
    }
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    } catch (error) {
      return { offered: [], alreadyPresent: 0, problems: [vscode.l10n.t('The file could not be read ({0}).', oneLine(String(error)))], warnings: [] };
    }
    return readWorkspaceOffer(text, this.services.environments.list());
  }

  /** The tree is read on every refresh: each set of problems is logged once, not on every read. */
  private report(problems: readonly string[]): void {
    const text = problems.join('\n');
    if (text === this.reportedProblems) return;
    this.reportedProblems = text;
    for (const problem of problems) this.services.log.warn(`Environments offered by the workspace: ${problem}`);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** Every environment on its own line with each field named, then where it comes from and what does not come with it. */
function confirmationDetail(file: vscode.Uri, offer: WorkspaceOffer): string {
  const lines = offer.offered.map((environment) =>
    vscode.l10n.t(
      '• {0}: host {1}, App ID {2}, Account ID {3}, {4}',
      oneLine(environment.name, 80),
      environment.host,
      environment.iid,
      environment.accountId,
      environment.production === true ? vscode.l10n.t('production') : vscode.l10n.t('not production'),
    ),
  );
  // A look-alike is named first, above the list, so it is read before Import is pressed.
  const warnings = offer.warnings.map((warning) => `⚠ ${warning}`);
  const notes = [vscode.l10n.t('From {0}. No token or secret comes with them: set a token for each one after importing.', file.fsPath)];
  if (offer.alreadyPresent > 0) notes.push(vscode.l10n.t('{0} more in the file you already have.', offer.alreadyPresent));
  if (offer.problems.length > 0) {
    notes.push(vscode.l10n.t('{0} more cannot be imported and are left out: {1}', offer.problems.length, offer.problems[0]));
  }
  return [...(warnings.length > 0 ? [warnings.join('\n'), ''] : []), lines.join('\n'), '', notes.join('\n')].join('\n');
}
