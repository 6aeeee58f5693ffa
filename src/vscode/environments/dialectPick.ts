// The API dialect question of Add and Edit Environment, and the dialects' names as the UI shows them. Its own
// module so the environment form only lists it as one more step.
import * as vscode from 'vscode';
import { API_DIALECTS, ApiDialect, dialectOf } from '../../core/koreApiPaths';
import type { PickItem, PickStep } from '../multiStepInput';

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

/** The dialect question, one step of the environment form: each item says in one line when to pick it (the address the tenant's API docs show). */
export function dialectStep<A extends { readonly dialect: ApiDialect }>(): PickStep<A, 'dialect'> {
  const when: Record<ApiDialect, string> = {
    v1: vscode.l10n.t('Most tenants: /agentassist/api/v1/… with iid and accountId headers'),
    'v1-legacy': vscode.l10n.t('Older installs: /agentassist/api/v1/…?accountId=… with only the auth header'),
    v2: vscode.l10n.t('AI for Service tenants: /campaign/api/v2/…?accountId=…'),
  };
  const items: PickItem<ApiDialect>[] = API_DIALECTS.map((dialect) => ({ label: dialectLabel(dialect), description: dialect, detail: when[dialect], value: dialect }));
  return {
    kind: 'pick',
    key: 'dialect',
    placeHolder: vscode.l10n.t('Which Kore.ai contact-list API does this tenant serve? (Test Connection can find it for you)'),
    items,
  };
}
