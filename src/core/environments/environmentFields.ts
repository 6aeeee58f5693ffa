// The fields of an environment that a person or a file supplies (name, host, App ID, Account ID, production, API dialect),
// checked one way wherever they come from: hand-edited settings, an imported file, the Add and Edit forms. Two
// copies of these checks could drift, and then an entry refused in one place would be accepted in another.
import * as l10n from '@vscode/l10n';
import { API_DIALECTS, ApiDialect, DEFAULT_DIALECT, isApiDialect } from '../api/koreApiPaths';
import { normaliseHost, validateAccountId, validateEnvironmentName, validateIid } from '../input/validation';

type EnvironmentFieldName = 'name' | 'host' | 'iid' | 'accountId' | 'production' | 'dialect';

/** An environment's fields, checked and normalised; it has no id yet (one is generated) and no credential. */
interface EnvironmentFields {
  readonly name: string;
  /** Normalised origin, e.g. `https://platform.kore.ai`. */
  readonly host: string;
  readonly iid: string;
  readonly accountId: string;
  /** Only `true` is kept: absent and false mean the same. */
  readonly production?: true;
  /** Only a dialect other than the default is kept: absent means v1, as in settings written before dialects. */
  readonly dialect?: ApiDialect;
}

export type ParsedEnvironmentFields =
  | { readonly ok: true; readonly fields: EnvironmentFields }
  /** The first field that is wrong, in the order above, and why (never quoting the value). */
  | { readonly ok: false; readonly field: EnvironmentFieldName; readonly problem: string };

/**
 * Checks a record's fields as strictly as the Add Environment form does. A field that is not text is checked
 * as empty text, so it is refused with the sentence that says what to enter.
 */
export function parseEnvironmentFields(record: Readonly<Record<string, unknown>>): ParsedEnvironmentFields {
  const text = (key: string): string => {
    const value = record[key];
    return typeof value === 'string' ? value : '';
  };
  const host = normaliseHost(text('host'));
  const checks: Array<[EnvironmentFieldName, string | undefined]> = [
    ['name', validateEnvironmentName(text('name'))],
    ['host', host.error],
    ['iid', validateIid(text('iid').trim())],
    ['accountId', validateAccountId(text('accountId').trim())],
    ['production', record.production === undefined || typeof record.production === 'boolean' ? undefined : l10n.t('use true or false')],
    // Exactly one of the documented values: a near miss ("V2", "v2 ") would send requests to a form the user did not choose.
    ['dialect', record.dialect === undefined || isApiDialect(record.dialect) ? undefined : l10n.t('use one of {0}', API_DIALECTS.join(', '))],
  ];
  for (const [field, problem] of checks) if (problem !== undefined) return { ok: false, field, problem };
  return {
    ok: true,
    fields: {
      name: text('name').trim(),
      host: host.host ?? '',
      iid: text('iid').trim(),
      accountId: text('accountId').trim(),
      ...(record.production === true ? { production: true as const } : {}),
      ...(isApiDialect(record.dialect) && record.dialect !== DEFAULT_DIALECT ? { dialect: record.dialect } : {}),
    },
  };
}
