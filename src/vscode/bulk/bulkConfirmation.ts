// The one confirmation of a bulk deletion: how many lists, which (the first few), where, and how long at the
// rate limit; production asks for the number of lists to be typed.
import * as vscode from 'vscode';
import { Environment } from '../../core/environments/environment';
import { estimateRunMs } from '../../core/pacing/rateLimiter';
import { confirmByTyping } from '../shared/progress';
import type { KoreServices } from '../shared/services';
import { SHOWN_IDS } from './bulkIds';

export async function confirmBulkDeletion(services: KoreServices, environment: Environment, ids: readonly string[]): Promise<boolean> {
  const perMinute = services.settings.rateLimitPerMinute();
  const minutes = Math.max(1, Math.round(estimateRunMs(ids.length, perMinute) / 60_000));
  const shown = ids.slice(0, SHOWN_IDS).join('\n');
  const more = ids.length > SHOWN_IDS ? `\n${vscode.l10n.t('…and {0} more', ids.length - SHOWN_IDS)}` : '';
  const production = environment.production === true;
  const remove = production ? vscode.l10n.t('Delete {0} Lists…', ids.length) : vscode.l10n.t('Delete {0} Lists', ids.length);
  const choice = await services.ui.current.showWarningMessage(
    production
      ? vscode.l10n.t('Delete {0} contact lists from PRODUCTION environment "{1}"?', ids.length, environment.name)
      : vscode.l10n.t('Delete {0} contact lists from "{1}"?', ids.length, environment.name),
    {
      modal: true,
      detail: [
        vscode.l10n.t('Host: {0} · App ID: {1}', environment.host, environment.iid),
        '',
        shown + more,
        '',
        vscode.l10n.t('Paced at {0} requests a minute (about {1} min). The lists and their contacts are deleted on the server. This cannot be undone.', perMinute, minutes),
      ].join('\n'),
    },
    remove,
  );
  if (choice !== remove) return false;
  if (!production) return true;
  const count = String(ids.length);
  return confirmByTyping(services.ui, {
    title: vscode.l10n.t('Confirm deletion from PRODUCTION environment "{0}"', environment.name),
    prompt: vscode.l10n.t('Type the number of lists, {0}, to delete them from {1}.', count, environment.host),
    expected: count,
    mismatch: vscode.l10n.t('Type {0} to confirm, or press Escape to keep the lists.', count),
  });
}
