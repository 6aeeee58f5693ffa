// What an environment is, and how a list of them is read from (hand-editable) settings.
import * as l10n from '@vscode/l10n';
import { parseEnvironmentFields } from './environmentFields';
import { nameKey } from './environmentName';
import { ApiDialect } from '../api/koreApiPaths';

/** A configured Kore.ai environment. The credential is not here: it lives in SecretStorage. */
export interface Environment {
  /** Stable generated id; the secret's key is derived from it, so it never changes. */
  readonly id: string;
  readonly name: string;
  /** Normalised origin, e.g. `https://platform.kore.ai` (no trailing slash, no path). */
  readonly host: string;
  /** The application (bot/stream) id, sent in the path and the `iid` header. */
  readonly iid: string;
  readonly accountId: string;
  /** Production environments look different in the tree and ask the user to type the id to confirm a delete. */
  readonly production?: boolean;
  /** Which documented form of the contact-list API the tenant serves (koreApiPaths); absent means v1. */
  readonly dialect?: ApiDialect;
}

export interface EnvironmentsReadResult {
  readonly environments: Environment[];
  /** One line per entry that was skipped, saying which and why. */
  readonly problems: string[];
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads the `koreContactLists.environments` setting. Users can edit settings.json by hand, so every
 * entry is checked again here; a bad entry is skipped and reported rather than half-used.
 */
export function readEnvironments(raw: unknown): EnvironmentsReadResult {
  const { environments, problems } = readEntries(raw);
  return { environments: environments.map(({ environment }) => environment), problems };
}

/**
 * The position in the raw setting of the entry that readEnvironments accepted for this id, or undefined when
 * none was. A skipped entry can carry the same id (a hand-copied duplicate): Edit and Remove change this
 * position only, so the entry the user sees is the one that changes, and the skipped one stays as written.
 */
export function rawIndexOfEnvironment(raw: unknown, environmentId: string): number | undefined {
  return readEntries(raw).environments.find(({ environment }) => environment.id === environmentId)?.index;
}

interface ReadEntries {
  readonly environments: Array<{ environment: Environment; index: number }>;
  readonly problems: string[];
}

function readEntries(raw: unknown): ReadEntries {
  const read: ReadEntries = { environments: [], problems: [] };
  if (raw === undefined || raw === null) return read;
  if (!Array.isArray(raw)) {
    read.problems.push(l10n.t('The setting koreContactLists.environments must be an array of environments.'));
    return read;
  }
  const seen = { ids: new Set<string>(), names: new Set<string>() };
  raw.forEach((entry: unknown, index) => {
    const environment = readEntry(entry, index, seen);
    if (typeof environment === 'string') read.problems.push(environment);
    else read.environments.push({ environment, index });
  });
  return read;
}

/** One entry of the setting: the environment, or the sentence saying why it was skipped. */
function readEntry(entry: unknown, index: number, seen: { readonly ids: Set<string>; readonly names: Set<string> }): Environment | string {
  const label = l10n.t('Environment #{0}', index + 1);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return l10n.t('{0} in settings is not an object; it was skipped.', label);
  const record = entry as Record<string, unknown>;
  const id = typeof record.id === 'string' ? record.id : '';
  const name = typeof record.name === 'string' ? record.name.trim() : '';
  const shown = name ? `"${name}"` : label;
  const invalid = (field: string, problem: string) => l10n.t('{0} in settings was skipped: field "{1}" is invalid ({2}).', shown, field, problem);
  if (!ID_PATTERN.test(id)) return invalid('id', l10n.t('a generated id of letters, digits, "-" or "_"'));
  const parsed = parseEnvironmentFields(record);
  if (!parsed.ok) return invalid(parsed.field, parsed.problem);
  // By nameKey, as Add and Edit compare: a look-alike typed into settings.json is as ambiguous as one typed in a form.
  const key = nameKey(name);
  if (seen.ids.has(id) || seen.names.has(key)) return l10n.t('{0} in settings was skipped: another environment has the same id or name.', shown);
  seen.ids.add(id);
  seen.names.add(key);
  return { id, ...parsed.fields };
}

/**
 * Finds an environment by id, or else by name as names are told apart (nameKey: case, width and look-alikes
 * do not count), as commands accept either. Names are unique by that key, so at most one can match.
 */
export function findEnvironment(environments: readonly Environment[], idOrName: string): Environment | undefined {
  const wanted = idOrName.trim();
  const key = nameKey(wanted);
  return environments.find((environment) => environment.id === wanted) ?? environments.find((environment) => nameKey(environment.name) === key);
}
