// What an environment is, and how a list of them is read from (hand-editable) settings.
import { nameKey } from './environmentName';
import { Translate, formatTemplate } from './translate';
import { validateAccountId, validateEnvironmentName, validateIid, normaliseHost } from './validation';

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
export function readEnvironments(raw: unknown, t: Translate = formatTemplate): EnvironmentsReadResult {
  const { environments, problems } = readEntries(raw, t);
  return { environments: environments.map(({ environment }) => environment), problems };
}

/**
 * The position in the raw setting of the entry that readEnvironments accepted for this id, or undefined when
 * none was. A skipped entry can carry the same id (a hand-copied duplicate): Edit and Remove change this
 * position only, so the entry the user sees is the one that changes, and the skipped one stays as written.
 */
export function rawIndexOfEnvironment(raw: unknown, environmentId: string): number | undefined {
  return readEntries(raw, formatTemplate).environments.find(({ environment }) => environment.id === environmentId)?.index;
}

function readEntries(raw: unknown, t: Translate): { environments: Array<{ environment: Environment; index: number }>; problems: string[] } {
  const environments: Array<{ environment: Environment; index: number }> = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { environments, problems };
  if (!Array.isArray(raw)) {
    problems.push(t('The setting koreContactLists.environments must be an array of environments.'));
    return { environments, problems };
  }
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const label = t('Environment #{0}', index + 1);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(t('{0} in settings is not an object; it was skipped.', label));
      return;
    }
    const record = entry as Record<string, unknown>;
    const text = (key: string) => (typeof record[key] === 'string' ? record[key] : '');
    const name = text('name').trim();
    const shown = name ? `"${name}"` : label;
    const checks: Array<[string, string | undefined]> = [
      ['id', ID_PATTERN.test(text('id')) ? undefined : t('a generated id of letters, digits, "-" or "_"')],
      ['name', validateEnvironmentName(text('name'), t)],
      ['host', normaliseHost(text('host'), t).error],
      ['iid', validateIid(text('iid'), t)],
      ['accountId', validateAccountId(text('accountId'), t)],
    ];
    if (record.production !== undefined && typeof record.production !== 'boolean') {
      checks.push(['production', t('true or false')]);
    }
    const bad = checks.find(([, error]) => error !== undefined);
    if (bad) {
      problems.push(t('{0} in settings was skipped: field "{1}" is invalid ({2}).', shown, bad[0], bad[1] ?? ''));
      return;
    }
    const id = text('id');
    // By nameKey, as Add and Edit compare: a look-alike typed into settings.json is as ambiguous as one typed in a form.
    const key = nameKey(name);
    if (seenIds.has(id) || seenNames.has(key)) {
      problems.push(t('{0} in settings was skipped: another environment has the same id or name.', shown));
      return;
    }
    seenIds.add(id);
    seenNames.add(key);
    const environment: Environment = {
      id,
      name,
      host: normaliseHost(text('host'), t).host ?? '',
      iid: text('iid').trim(),
      accountId: text('accountId').trim(),
      ...(record.production === true ? { production: true } : {}),
    };
    environments.push({ environment, index });
  });
  return { environments, problems };
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
