// The API dialect question of Add and Edit Environment (the dialects' names come from core/dialectNames). Its own
// module so the environment form only lists it as one more step.
import * as vscode from 'vscode';
import { dialectName } from '../../core/dialectNames';
import { API_DIALECTS, ApiDialect } from '../../core/koreApiPaths';
import type { PickItem, PickStep } from '../multiStepInput';

/** The dialect question, one step of the environment form: each item says in one line when to pick it (the address the tenant's API docs show). */
export function dialectStep<A extends { readonly dialect: ApiDialect }>(): PickStep<A, 'dialect'> {
  const when: Record<ApiDialect, string> = {
    v1: vscode.l10n.t('Most tenants: /agentassist/api/v1/… with iid and accountId headers'),
    'v1-legacy': vscode.l10n.t('Older installs: /agentassist/api/v1/…?accountId=… with only the auth header'),
    v2: vscode.l10n.t('AI for Service tenants: /campaign/api/v2/…?accountId=…'),
  };
  const items: PickItem<ApiDialect>[] = API_DIALECTS.map((dialect) => ({ label: dialectName(dialect), description: dialect, detail: when[dialect], value: dialect }));
  return {
    kind: 'pick',
    key: 'dialect',
    placeHolder: vscode.l10n.t('Which Kore.ai contact-list API does this tenant serve? (Test Connection can find it for you)'),
    items,
  };
}
