// The API dialect question of Add and Edit Environment, and the dialects' names as the UI shows them. Its own
// module so the environment form only calls it as one more step.
import * as vscode from 'vscode';
import { API_DIALECTS, ApiDialect, dialectOf } from '../../core/koreApiPaths';
import type { UserInterface } from '../userInterface';

export interface DialectItem extends vscode.QuickPickItem {
  readonly dialect: ApiDialect;
}

/** The dialect's name in messages, the tooltip and the pick. */
export function dialectLabel(dialect: ApiDialect | undefined): string {
  switch (dialectOf({ dialect })) {
    case 'v1':
      return vscode.l10n.t('v1');
    case 'v1-legacy':
      return vscode.l10n.t('v1 legacy');
    case 'v2':
      return vscode.l10n.t('v2 (AI for Service)');
  }
}

/** One item per dialect, each saying in one line when to pick it (the address the tenant's API docs show); the current one first. */
export function dialectItems(current: ApiDialect | undefined): DialectItem[] {
  const when: Record<ApiDialect, string> = {
    v1: vscode.l10n.t('Most tenants: /agentassist/api/v1/… with iid and accountId headers'),
    'v1-legacy': vscode.l10n.t('Older installs: /agentassist/api/v1/…?accountId=… with only the auth header'),
    v2: vscode.l10n.t('AI for Service tenants: /campaign/api/v2/…?accountId=…'),
  };
  const own = dialectOf({ dialect: current });
  const ordered = [own, ...API_DIALECTS.filter((dialect) => dialect !== own)];
  return ordered.map((dialect) => ({ label: dialectLabel(dialect), description: dialect, detail: when[dialect], dialect }));
}

/** Asks which dialect the tenant serves; undefined when the user cancelled. Test Connection can find it too. */
export async function askDialect(ui: UserInterface, title: string, current: ApiDialect | undefined): Promise<ApiDialect | undefined> {
  const picked = await ui.showQuickPick(dialectItems(current), {
    title,
    placeHolder: vscode.l10n.t('Which Kore.ai contact-list API does this tenant serve? (Test Connection can find it for you)'),
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  return picked?.dialect;
}
