// Which attempts the History view (and its export) shows: by environment, by outcome, and by text in the list's
// id or name, the environment's name or the message. Matching is done on the text as History shows it (one safe
// line, textSafety.ts): an invisible or direction character hidden in a hostile audit line can neither hide an
// entry from a filter nor make two look-alike names filter apart.
import * as l10n from '@vscode/l10n';
import { AuditEntry } from './auditEntry';
import { DeleteOutcome } from '../failures/deleteOutcome';
import { oneLine } from '../text/textSafety';

export interface HistoryFilter {
  /** An environment's name, as shown (compared as one safe line). */
  readonly environment?: string;
  readonly outcome?: DeleteOutcome;
  /** Text to find, case-insensitively, in the list id, list name, environment name or message. */
  readonly text?: string;
}

export const NO_FILTER: HistoryFilter = {};

/** The longest text filter kept: longer text cannot be typed usefully and only slows matching. */
export const MAX_FILTER_TEXT_LENGTH = 200;

/** A filter with its empty parts removed; an empty filter is NO_FILTER's equal. */
export function normalizeFilter(filter: HistoryFilter): HistoryFilter {
  const environment = filter.environment === undefined ? '' : shown(filter.environment);
  // Cut by characters, never inside a surrogate pair (half of one would match the other half's neighbours).
  const text = filter.text === undefined ? '' : Array.from(shown(filter.text)).slice(0, MAX_FILTER_TEXT_LENGTH).join('').trim();
  return {
    ...(environment ? { environment } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(text ? { text } : {}),
  };
}

export function isFilterActive(filter: HistoryFilter): boolean {
  const normal = normalizeFilter(filter);
  return normal.environment !== undefined || normal.outcome !== undefined || normal.text !== undefined;
}

/** The predicate for one filter, prepared once rather than per entry (an export scans the whole trail). */
export function historyFilterPredicate(filter: HistoryFilter): (entry: AuditEntry) => boolean {
  const { environment, outcome, text } = normalizeFilter(filter);
  const needle = text === undefined ? undefined : folded(text);
  return (entry) => {
    if (outcome !== undefined && entry.outcome !== outcome) return false;
    if (environment !== undefined && shown(entry.environment.name) !== environment) return false;
    if (needle === undefined) return true;
    return [entry.contactListId, entry.contactListName, entry.environment.name, entry.message].some(
      (field) => typeof field === 'string' && folded(shown(field)).includes(needle),
    );
  };
}

/** "environment "Prod", outcome Failed, text "renewal"": what a filter keeps, as one safe line. */
export function describeFilter(filter: HistoryFilter): string {
  const { environment, outcome, text } = normalizeFilter(filter);
  const parts: string[] = [];
  if (environment !== undefined) parts.push(l10n.t('environment "{0}"', oneLine(environment, 60)));
  if (outcome !== undefined) parts.push(l10n.t('outcome {0}', outcomeLabel(outcome)));
  if (text !== undefined) parts.push(l10n.t('text "{0}"', oneLine(text, 60)));
  return parts.join(', ');
}

export function outcomeLabel(outcome: DeleteOutcome): string {
  return outcome === 'deleted' ? l10n.t('Deleted') : outcome === 'failed' ? l10n.t('Failed') : l10n.t('Outcome unknown');
}

/** The text as History shows it, uncut. */
function shown(text: string): string {
  return oneLine(text, Number.POSITIVE_INFINITY);
}

/**
 * Lower case, one character at a time: String#toLowerCase looks at context (a Greek capital sigma at a word's end
 * becomes ς), so text found in a name could stop being found in its lowered form.
 */
function folded(text: string): string {
  return text.replace(/\p{Changes_When_Lowercased}/gu, (character) => character.toLowerCase());
}
