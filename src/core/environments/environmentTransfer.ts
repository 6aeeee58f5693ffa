// Export and import of environments as a JSON file, so a team can share its list of hosts and apps.
// Secrets never travel this way: the export is built from an allow-list of fields (so a token that
// happens to sit on an object at run time cannot leak into it), and an import refuses any entry that
// carries something looking like a secret. Ids are not exported either: the secret's key is derived
// from the id, so an imported environment gets a fresh id and can never pick up another one's token.
import * as l10n from '@vscode/l10n';
import { Environment } from './environment';
import { parseEnvironmentFields } from './environmentFields';
import { nameKey } from './environmentName';
import { dialectOf } from '../api/koreApiPaths';
import { oneLine } from '../text/textSafety';
import { validateUniqueName } from '../input/validation';

export const TRANSFER_FORMAT = 'kore-contact-lists.environments';
const TRANSFER_VERSION = 1;
/** Far beyond any real list; stops a wrong file (a log, a dump) from being parsed and reported entry by entry. */
export const MAX_TRANSFER_BYTES = 1024 * 1024;
export const MAX_TRANSFER_ENVIRONMENTS = 1000;

/** An environment as it travels in a file: no id, no credential. */
type TransferredEnvironment = Omit<Environment, 'id'> & { readonly production?: boolean };
/** An imported environment, with the fresh id it was given. */
export type ImportedEnvironment = TransferredEnvironment & { readonly id: string };

interface ImportRejection {
  /** The entry's 0-based position in the file's `environments` array. */
  readonly index: number;
  /** The entry's name as written in the file, when it has one, so the user can find it. */
  readonly name?: string;
  /** One sentence saying what is wrong; never quotes a value that may be a secret. */
  readonly reason: string;
}

export interface ImportResult {
  readonly accepted: ImportedEnvironment[];
  readonly rejected: ImportRejection[];
  /**
   * Set when the file as a whole cannot be read (not JSON, not an export, a newer version, no list):
   * then nothing is accepted or rejected, and this sentence is what to show.
   */
  readonly error?: string;
}

// Field names that hold, or are likely to hold, a credential. Compared after lower-casing and dropping
// "-", "_" and the like, so `client_secret`, `Client-Secret` and `clientSecret` are all caught. "auth" is
// matched whole (and as "authorization"/"authentication") so that a harmless `author` is not refused.
const SECRET_FIELD = /token|secret|passw(or)?d|credential|apikey|privatekey|bearer|jwt|^auth$|^authori[sz]ation$|^authentication$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The name of the first field, at any depth, that looks like a secret. Nested objects are searched too:
 * unknown fields are ignored on import, but a file carrying a credential anywhere is a file that should
 * not be passed around, and the user should hear so.
 */
function secretLookingField(value: unknown, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = secretLookingField(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_FIELD.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''))) return key;
    const found = secretLookingField(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The export file's text: pretty JSON, with only the fields listed here, whatever else the objects carry. */
export function exportEnvironments(environments: ReadonlyArray<Environment & { readonly production?: boolean }>): string {
  const entries = environments.map((environment) => {
    const entry: Record<string, string | true> = {
      name: environment.name,
      host: environment.host,
      iid: environment.iid,
      accountId: environment.accountId,
      // Always written, the default too: a teammate importing the file sees which API form each tenant serves.
      dialect: dialectOf(environment),
    };
    // Only `true` is written, as readEnvironments keeps only `true`: absent and false mean the same.
    if (environment.production === true) entry.production = true;
    return entry;
  });
  return `${JSON.stringify({ format: TRANSFER_FORMAT, version: TRANSFER_VERSION, environments: entries }, null, 2)}\n`;
}

/**
 * Reads an export file. Each entry is checked as strictly as one typed into the Add Environment form (a
 * shared file is as untrusted as a hand-edited setting); good entries are accepted with a fresh id from
 * `newId`, bad ones are rejected with a reason, and one bad entry does not stop the others.
 */
export function importEnvironments(
  text: string,
  existing: readonly Environment[],
  newId: () => string,
): ImportResult {
  const file = readTransferFile(text);
  if ('error' in file) return { accepted: [], rejected: [], error: file.error };
  const accepted: ImportedEnvironment[] = [];
  const rejected: ImportRejection[] = [];
  // The first position of every name in the file, whether that entry is accepted or not: two entries of
  // one name are ambiguous whichever of them has another problem, so the later one is always refused
  // (otherwise fixing the first and importing again would clash with the second, now imported).
  const context: EntryContext = { existingNames: existing.map((environment) => environment.name), namesInFile: new Map(), newId };
  file.entries.forEach((entry, index) => {
    const read = importEntry(entry, index, context);
    if ('reason' in read) rejected.push(read);
    else accepted.push(read);
  });
  return { accepted, rejected };
}

/** The file's list of entries, or the sentence saying why the file as a whole cannot be read. */
function readTransferFile(text: string): { readonly entries: readonly unknown[] } | { readonly error: string } {
  if (Buffer.byteLength(text, 'utf8') > MAX_TRANSFER_BYTES) {
    return { error: l10n.t('The file is too large to be an environments export (more than {0} MB).', MAX_TRANSFER_BYTES / (1024 * 1024)) };
  }
  let root: unknown;
  try {
    // A byte order mark is what some editors put at the start of a saved JSON file; JSON.parse refuses it.
    root = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return { error: l10n.t('The file is not valid JSON: choose a file made by Export Environments.') };
  }
  if (!isRecord(root) || root.format !== TRANSFER_FORMAT) {
    return { error: l10n.t('The file is not an environments export: its "format" is not "{0}".', TRANSFER_FORMAT) };
  }
  if (root.version !== TRANSFER_VERSION) {
    return typeof root.version === 'number' && root.version > TRANSFER_VERSION
      ? { error: l10n.t('The file was exported by a newer version of the extension (format version {0}): update the extension to import it.', root.version) }
      : { error: l10n.t('The file has no supported format version: expected "version": {0}.', TRANSFER_VERSION) };
  }
  if (!Array.isArray(root.environments)) return { error: l10n.t('The file\'s "environments" is not a list of environments.') };
  if (root.environments.length > MAX_TRANSFER_ENVIRONMENTS) {
    return { error: l10n.t('The file has more than {0} environments: split it into smaller files.', MAX_TRANSFER_ENVIRONMENTS) };
  }
  return { entries: root.environments as unknown[] };
}

interface EntryContext {
  readonly existingNames: readonly string[];
  /** By nameKey: the position of the first entry of each name in the file. */
  readonly namesInFile: Map<string, number>;
  readonly newId: () => string;
}

/** One entry of the file: the environment it becomes, or why it is rejected. */
function importEntry(entry: unknown, index: number, context: EntryContext): ImportedEnvironment | ImportRejection {
  // Names and field names come from the file: what is reported about them is one safe line.
  const reject = (reason: string, name?: string): ImportRejection => {
    const shown = name === undefined ? '' : oneLine(name, 80);
    return shown ? { index, name: shown, reason: oneLine(reason) } : { index, reason: oneLine(reason) };
  };
  if (!isRecord(entry)) return reject(l10n.t('The entry is not an object with name, host, iid and accountId.'));
  // `dialect` is optional (files exported before dialects have none: v1); when present, parseEnvironmentFields
  // accepts exactly the documented values.
  const shownName = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : undefined;
  // By nameKey, as every name comparison: "Prod" and "Prоd" (Cyrillic о) in one file are the same name twice.
  const earlier = shownName === undefined ? undefined : context.namesInFile.get(nameKey(shownName));
  if (shownName !== undefined && earlier === undefined) context.namesInFile.set(nameKey(shownName), index);

  // First, so that a secret-carrying entry is refused as such even when something else is also wrong.
  const secretField = secretLookingField(entry);
  if (secretField) {
    return reject(l10n.t('It carries the field "{0}", which looks like a secret, and secrets are never imported: remove it and set the credential in VS Code.', secretField), shownName);
  }
  const missing = (['name', 'host', 'iid', 'accountId'] as const).find((field) => typeof entry[field] !== 'string');
  if (missing) return reject(l10n.t('The field "{0}" is missing or is not text.', missing), shownName);
  const parsed = parseEnvironmentFields(entry);
  if (!parsed.ok) return reject(l10n.t('The field "{0}" is invalid: {1}', parsed.field, parsed.problem), shownName);
  if (earlier !== undefined) return reject(l10n.t('Entry #{0} in this file has the same name: give each environment its own name.', earlier + 1), shownName);
  const clash = validateUniqueName(parsed.fields.name, context.existingNames);
  if (clash) return reject(clash, shownName);
  // false is accepted but, as in readEnvironments, not kept: absent already means "not production".
  return { id: context.newId(), ...parsed.fields };
}
