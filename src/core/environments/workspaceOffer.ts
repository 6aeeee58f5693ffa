// Environments a workspace offers: a repository may carry `.vscode/kore-environments.json` (the export format,
// never a secret) so a team shares its hosts and ids. What is offered is worked out by the strict importer
// itself (run twice, see readWorkspaceOffer), so the offer can never accept what Import Environments would refuse,
// and environments the user already has are not offered again.
import * as l10n from '@vscode/l10n';
import { Environment } from './environment';
import { ImportedEnvironment, exportEnvironments, importEnvironments } from './environmentTransfer';
import { nameKey } from './environmentName';
import { mixedScripts } from '../text/scriptMixing';
import { oneLine, serverText } from '../text/textSafety';

/** Where a workspace offers environments, relative to each workspace folder. */
export const WORKSPACE_OFFER_PATH = ['.vscode', 'kore-environments.json'] as const;

export interface WorkspaceOffer {
  /** Environments that would be imported now; their ids are placeholders, never stored. */
  readonly offered: readonly ImportedEnvironment[];
  /** How many of the file's environments the user already has (same name, host, App ID and Account ID). */
  readonly alreadyPresent: number;
  /** One safe line per entry that cannot be imported, or the one line saying why the file cannot be read. */
  readonly problems: readonly string[];
  /** One safe line per offered environment whose name or host can pass for another's: shown wherever the offer is. */
  readonly warnings: readonly string[];
}

/** Same environment: same name (as every name comparison, by nameKey), host, App ID and Account ID. */
function sameEnvironment(a: Omit<Environment, 'id'>, b: Omit<Environment, 'id'>): boolean {
  return nameKey(a.name) === nameKey(b.name) && a.host === b.host && a.iid === b.iid && a.accountId === b.accountId;
}

/**
 * Reads a workspace's offer file against the environments the user has. First pass: the file alone, so an entry
 * identical to one the user has is recognised (the importer would otherwise refuse it as a name clash and the
 * user would be told, on every refresh, about environments they already have). Second pass: what is left,
 * against the user's environments, so a real clash (same name, another host) is reported and not offered.
 */
export function readWorkspaceOffer(text: string, existing: readonly Environment[]): WorkspaceOffer {
  let next = 0;
  const placeholderId = () => `offered-${++next}`;
  const alone = importEnvironments(text, [], placeholderId);
  if (alone.error !== undefined) return { offered: [], alreadyPresent: 0, problems: [oneLine(alone.error)], warnings: [] };
  const fresh = alone.accepted.filter((entry) => !existing.some((environment) => sameEnvironment(entry, environment)));
  const against = fresh.length === 0 ? { accepted: [], rejected: [] } : importEnvironments(exportEnvironments(fresh), existing, placeholderId);
  const problem = (reject: { readonly name?: string; readonly reason: string }, index?: number) =>
    oneLine(`${reject.name !== undefined ? `"${serverText(reject.name)}"` : l10n.t('entry #{0}', (index ?? 0) + 1)}: ${reject.reason}`);
  return {
    offered: against.accepted,
    alreadyPresent: alone.accepted.length - fresh.length,
    problems: [...alone.rejected.map((reject) => problem(reject, reject.index)), ...against.rejected.map((reject) => problem(reject))],
    warnings: against.accepted.flatMap((entry) => lookAlikeWarnings(entry, existing)),
  };
}

/**
 * Why an offered environment may be passing for another: a name mixing scripts ("Prօduction US", Armenian օ),
 * which no honest name needs (UTS #39's highly restrictive profile; see scriptMixing), named beside the user's
 * environment it imitates when there is one; and a host with an internationalised (xn--) label, which other tools
 * may show decoded as a look-alike of a familiar host. Hosts are ASCII by validation, so no other host can hide one.
 */
export function lookAlikeWarnings(entry: Omit<Environment, 'id'>, existing: readonly Environment[]): string[] {
  const warnings: string[] = [];
  const name = serverText(entry.name, 80);
  const scripts = mixedScripts(entry.name);
  if (scripts !== undefined) {
    const imitated = existing.find((environment) => differsOnlyInForeignLetters(entry.name, environment.name));
    warnings.push(
      imitated === undefined
        ? l10n.t('"{0}" mixes letters of {1}, as a name imitating another does: check its host before you use it.', name, scripts.join(', '))
        : l10n.t('"{0}" mixes letters of {1} and reads like your environment "{2}" ({3}): it is another environment, at {4}.', name, scripts.join(', '), serverText(imitated.name, 80), imitated.host, entry.host),
    );
  }
  if (/(^|[./])xn--/i.test(entry.host)) {
    warnings.push(l10n.t('"{0}" is at {1}, an internationalised host name that can be shown as a look-alike of another host: check it before you use it.', name, entry.host));
  }
  return warnings;
}

/** Same length, and every character that differs is a letter of a script other than Latin: a look-alike's shape. */
function differsOnlyInForeignLetters(offered: string, mine: string): boolean {
  const a = Array.from(offered.normalize('NFC').trim().toLowerCase());
  const b = Array.from(mine.normalize('NFC').trim().toLowerCase());
  return a.length === b.length && a.some((character, index) => character !== b[index]) && a.every((character, index) => character === b[index] || mixedScripts(`a${character}`) !== undefined);
}

/** The file handed to the importer when the user accepts: exactly the environments the confirmation listed. */
export function offerImportText(offer: WorkspaceOffer): string {
  return exportEnvironments(offer.offered);
}
