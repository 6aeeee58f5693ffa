// The environment form of Add and Edit Environment: name, region or host, App ID, Account ID, whether it is
// production and the API dialect, asked as one multi-step input (Back keeps every answer), each validated as the user types.
// Undefined means the user cancelled; nothing is saved then.
import * as vscode from 'vscode';
import { Environment } from '../../core/environments/environment';
import { dialectName } from '../../core/api/dialectNames';
import { API_DIALECTS, ApiDialect, dialectOf } from '../../core/api/koreApiPaths';
import { parseEnvironmentFields } from '../../core/environments/environmentFields';
import { normaliseHost, validateAccountId, validateIid, validateUniqueName } from '../../core/input/validation';
import { FlowStep, PickItem, PickStep, runMultiStepInput } from '../shared/multiStepInput';
import type { KoreServices } from '../shared/services';

/** The region pick's value for "type the host": no real host is empty. */
const CUSTOM_HOST = '';

interface EnvironmentAnswers {
  readonly name: string;
  /** A region's host, or CUSTOM_HOST. Asked only when adding. */
  readonly region: string;
  /** Typed for a custom host, and always when editing. */
  readonly host: string;
  readonly iid: string;
  readonly accountId: string;
  readonly production: boolean;
  readonly dialect: ApiDialect;
}

export class EnvironmentForm {
  constructor(private readonly services: Pick<KoreServices, 'environments' | 'ui'>) {}

  /** Asks name, host, App ID, Account ID, production and dialect in turn, with Back. Undefined when cancelled. */
  async ask(title: string, current: Environment | undefined): Promise<Omit<Environment, 'id'> | undefined> {
    const otherNames = this.services.environments.list().filter((environment) => environment.id !== current?.id).map((environment) => environment.name);
    const steps: FlowStep<EnvironmentAnswers>[] = [
      {
        kind: 'input',
        key: 'name',
        prompt: vscode.l10n.t('Environment name: a unique name you will recognise, for example "Production US".'),
        validate: (value) => validateUniqueName(value, otherNames),
      },
      ...(current ? [] : [regionStep()]),
      {
        kind: 'input',
        key: 'host',
        applies: (answers) => current !== undefined || answers.region === CUSTOM_HOST,
        prompt: vscode.l10n.t('Host: the Kore.ai host, for example platform.kore.ai (US), de-platform.kore.ai or jp-platform.kore.ai.'),
        validate: (value) => normaliseHost(value).error,
      },
      {
        kind: 'input',
        key: 'iid',
        prompt: vscode.l10n.t('App ID (IID): the application id from the Kore.ai app, for example st-0603182c-7ffb-53c3-b307-47ca14b9xxxx.'),
        validate: (value) => validateIid(value.trim()),
      },
      {
        kind: 'input',
        key: 'accountId',
        prompt: vscode.l10n.t('Account ID: the Kore.ai account id, for example 67777ce93e25326494e9xxxx.'),
        validate: (value) => validateAccountId(value.trim()),
      },
      productionStep(),
      dialectStep(),
    ];
    const initial: Partial<EnvironmentAnswers> = current
      ? { name: current.name, host: current.host, iid: current.iid, accountId: current.accountId, production: current.production === true, dialect: dialectOf(current) }
      : {};
    const answers = await runMultiStepInput(this.services.ui.current, { title, steps, initial });
    if (!answers) return undefined;
    const host = current !== undefined || answers.region === CUSTOM_HOST ? answers.host : answers.region;
    // Every answer was validated as typed; the same one check that settings and imports use normalises them.
    const parsed = parseEnvironmentFields({ ...answers, host });
    if (!parsed.ok) {
      void this.services.ui.current.showErrorMessage(vscode.l10n.t('The environment was not saved: field "{0}" is invalid ({1}).', parsed.field, parsed.problem));
      return undefined;
    }
    return parsed.fields;
  }
}

/** A new environment starts from a region; an on-premises host is typed in the next step. */
function regionStep(): FlowStep<EnvironmentAnswers> {
  const regions: PickItem<string>[] = [
    { label: vscode.l10n.t('United States'), description: 'platform.kore.ai', value: 'https://platform.kore.ai' },
    { label: vscode.l10n.t('Germany'), description: 'de-platform.kore.ai', value: 'https://de-platform.kore.ai' },
    { label: vscode.l10n.t('Japan'), description: 'jp-platform.kore.ai', value: 'https://jp-platform.kore.ai' },
    { label: vscode.l10n.t('Custom host (on-premises)…'), description: vscode.l10n.t('type the host'), value: CUSTOM_HOST },
  ];
  return { kind: 'pick', key: 'region', placeHolder: vscode.l10n.t('Which Kore.ai region or host?'), items: regions };
}

function productionStep(): FlowStep<EnvironmentAnswers> {
  const kinds: PickItem<boolean>[] = [
    { label: vscode.l10n.t('No: a test or sandbox environment'), value: false },
    { label: vscode.l10n.t('Yes: production (deleting asks you to type the id)'), value: true },
  ];
  return { kind: 'pick', key: 'production', placeHolder: vscode.l10n.t('Is this a production environment?'), items: kinds };
}

/** The dialect question, one step of the environment form: each item says in one line when to pick it (the address the tenant's API docs show). */
function dialectStep<A extends { readonly dialect: ApiDialect }>(): PickStep<A, 'dialect'> {
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
