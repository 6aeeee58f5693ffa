// Which lists a bulk deletion is for: a multi-selection in the tree, the environment's lists picked from a
// list, pasted text, or a text or CSV file. Every id is checked as a single delete checks it; invalid ones and
// duplicates are named before anything runs.
import * as vscode from 'vscode';
import { withoutIcons } from '../../core/text/textSafety';
import { ParsedContactListIds, checkContactListIds, parseContactListIds } from '../../core/input/contactListIds';
import { isInUse } from '../../core/deletionPreview';
import { canListAll } from '../../core/api/koreApiPaths';
import { briefFailureReason } from '../../core/failures/resultMessages';
import type { EnvironmentConnection } from '../shared/connection';
import { isContactListNode, isEnvironmentNode } from '../shared/treeNodes';
import { withCancellableProgress } from '../shared/progress';
import type { KoreServices } from '../shared/services';

/** Ids named in a confirmation or a warning; the rest are counted. */
export const SHOWN_IDS = 10;

/** The command's arguments: the clicked tree item, the tree's selection, or text with ids (automation). */
export interface BulkArguments {
  readonly clicked?: unknown;
  readonly selection?: unknown;
  readonly text?: unknown;
}

export class BulkIds {
  constructor(private readonly services: KoreServices) {}

  async collect(connection: EnvironmentConnection, args: BulkArguments): Promise<string[] | undefined> {
    const { environment } = connection;
    if (typeof args.text === 'string') return this.check(parseContactListIds(args.text));
    const selected = (Array.isArray(args.selection) ? args.selection : [args.clicked]).filter(isContactListNode);
    if (selected.length > 0) {
      if (selected.some((node) => node.environment.id !== environment.id)) {
        void this.services.ui.current.showErrorMessage(vscode.l10n.t('The selected lists belong to several environments. Select lists of one environment at a time.'));
        return undefined;
      }
      // Ids from the server are checked like pasted ones, each whole (an id with a comma is not two ids).
      return this.check(checkContactListIds(selected.map((node) => node.list._id)));
    }
    // A dialect without list-all cannot offer its lists: the ids are pasted or read from a file instead.
    const source = isEnvironmentNode(args.clicked) && canListAll(environment) ? 'lists' : await this.askSource(connection);
    if (source === 'paste') return this.fromPaste(connection);
    if (source === 'file') return this.fromFile();
    return source === 'lists' ? this.fromLists(connection) : undefined;
  }

  private async askSource(connection: EnvironmentConnection): Promise<'lists' | 'paste' | 'file' | undefined> {
    const picked = await this.services.ui.current.showQuickPick(
      [
        ...(canListAll(connection.environment) ? [{ label: vscode.l10n.t('Pick from the lists of "{0}"', connection.environment.name), source: 'lists' as const }] : []),
        { label: vscode.l10n.t('Paste ids'), detail: vscode.l10n.t('Separated by commas, spaces or new lines, or a JSON array, CSV file or markdown table'), source: 'paste' as const },
        { label: vscode.l10n.t('From a text or CSV file…'), source: 'file' as const },
      ],
      { placeHolder: vscode.l10n.t('Which contact lists?'), ignoreFocusOut: true },
    );
    return picked?.source;
  }

  private async fromPaste(connection: EnvironmentConnection): Promise<string[] | undefined> {
    const pasted = await this.services.ui.current.showInputBox({
      title: vscode.l10n.t('Delete Contact Lists from "{0}"', connection.environment.name),
      prompt: vscode.l10n.t('Paste the contact list ids, separated by commas, spaces or new lines, or a JSON array, a CSV file with a header or a markdown table.'),
      ignoreFocusOut: true,
    });
    return pasted === undefined ? undefined : this.check(parseContactListIds(pasted));
  }

  private async fromFile(): Promise<string[] | undefined> {
    const [uri] = (await this.services.ui.current.showOpenDialog({ canSelectMany: false, filters: { 'Text or CSV': ['txt', 'csv'], All: ['*'] } })) ?? [];
    if (!uri) return undefined;
    return this.check(parseContactListIds(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')));
  }

  private async fromLists(connection: EnvironmentConnection): Promise<string[] | undefined> {
    const { environment } = connection;
    const { result, lists } = await withCancellableProgress(vscode.l10n.t('Listing the contact lists of "{0}"…', environment.name), (signal) =>
      connection.listContactLists(signal, 'list for bulk'),
    );
    if (!lists) {
      void this.services.ui.current.showErrorMessage(vscode.l10n.t('Could not list the contact lists of "{0}" ({1}).', environment.name, briefFailureReason(result, connection.timeoutSeconds)));
      return undefined;
    }
    const picked = await this.services.ui.current.showQuickPick(
      lists.map((list) => ({
        // Server text in a quick pick: its `$(icon)` is shown as text, never drawn.
        label: withoutIcons(list.name ?? list._id),
        description: isInUse(list) ? vscode.l10n.t('{0} records · in use', list.totalRecordCount ?? '?') : vscode.l10n.t('{0} records', list.totalRecordCount ?? '?'),
        detail: withoutIcons(list._id),
        id: list._id,
      })),
      { canPickMany: true, placeHolder: vscode.l10n.t('Choose the lists to delete'), ignoreFocusOut: true, matchOnDetail: true },
    );
    const chosen = (Array.isArray(picked) ? picked : picked ? [picked] : []) as Array<{ id: string }>;
    return chosen.length === 0 ? undefined : this.check(checkContactListIds(chosen.map((item) => item.id)));
  }

  /**
   * When some ids were duplicates, invalid or unusual (valid, but not of the documented shape of a Kore.ai list id:
   * more likely a word of a pasted table than a list), says so before anything runs. Unusual ids are sent only if
   * the user continues with them; they can also continue with the others only.
   */
  private async check(parsed: ParsedContactListIds): Promise<string[] | undefined> {
    const ui = this.services.ui.current;
    if (parsed.ids.length === 0) {
      void ui.showErrorMessage(
        parsed.invalid.length > 0
          ? vscode.l10n.t('No valid contact list id was found; {0} value(s) were invalid, for example "{1}": {2}', parsed.invalid.length, parsed.invalid[0].value, parsed.invalid[0].reason)
          : vscode.l10n.t('No contact list id was found. Paste ids like cl-c2ce382-2516-457e-8eb4-9847deecxxxx.'),
      );
      return undefined;
    }
    if (parsed.invalid.length === 0 && parsed.duplicates.length === 0 && parsed.unusual.length === 0) return parsed.ids;
    const unusual = new Set(parsed.unusual);
    const usual = parsed.ids.filter((id) => !unusual.has(id));
    const goOn = vscode.l10n.t('Continue with {0}', parsed.ids.length);
    const usualOnly = vscode.l10n.t('Continue with the {0} Usual Ids', usual.length);
    const choice = await ui.showWarningMessage(
      [
        vscode.l10n.t('{0} valid id(s). {1} invalid id(s) will not be sent; {2} duplicate(s) were merged.', parsed.ids.length, parsed.invalid.length, parsed.duplicates.length),
        ...(unusual.size > 0 ? [vscode.l10n.t('{0} of the valid ids do not look like Kore.ai contact list ids: send them only if you are sure.', unusual.size)] : []),
      ].join(' '),
      { modal: true, detail: problemLines(parsed).join('\n') },
      goOn,
      ...(unusual.size > 0 && usual.length > 0 ? [usualOnly] : []),
    );
    return choice === goOn ? parsed.ids : choice === usualOnly && unusual.size > 0 ? usual : undefined;
  }
}

/** The dialog's detail: the first few of each kind of problem, the rest counted. */
function problemLines(parsed: ParsedContactListIds): string[] {
  return [
    ...parsed.invalid.slice(0, SHOWN_IDS).map((entry) => vscode.l10n.t('Invalid: "{0}": {1}', entry.value, entry.reason)),
    ...(parsed.invalid.length > SHOWN_IDS ? [vscode.l10n.t('…and {0} more invalid', parsed.invalid.length - SHOWN_IDS)] : []),
    ...(parsed.duplicates.length > 0 ? [vscode.l10n.t('Duplicates, sent once: {0}', parsed.duplicates.slice(0, SHOWN_IDS).join(', '))] : []),
    ...(parsed.unusual.length > 0
      ? [
          vscode.l10n.t('Unusual (Kore.ai list ids look like cl-c2ce382-2516-457e-8eb4-9847deecxxxx): {0}', parsed.unusual.slice(0, SHOWN_IDS).join(', ')),
          ...(parsed.unusual.length > SHOWN_IDS ? [vscode.l10n.t('…and {0} more unusual', parsed.unusual.length - SHOWN_IDS)] : []),
        ]
      : []),
  ];
}
