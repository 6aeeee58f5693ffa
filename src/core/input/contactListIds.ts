// Reads the contact list ids a user pasted or a file holds: valid, invalid, duplicated and unusual ones, each named.
import * as l10n from '@vscode/l10n';
import { candidateValues } from './idTextFormats';
import { oneLine } from '../text/textSafety';
import { looksLikeKoreListId, validateContactListId } from './validation';

export interface ParsedContactListIds {
  /** Valid, unique ids in first-seen order (the unusual ones among them). */
  readonly ids: string[];
  /** Ids that appeared more than once, each listed once, in the order of their first repeat. */
  readonly duplicates: string[];
  /** Values that are not acceptable ids, each listed once, with the validator's sentence. */
  readonly invalid: Array<{ value: string; reason: string }>;
  /**
   * The ids among `ids` that are valid but do not look like a Kore.ai list id (looksLikeKoreListId): a word of a
   * table or a typo is more likely than a list. They are named to the user, who confirms them before any is sent.
   */
  readonly unusual: string[];
}

/** An invalid value is echoed back to the user; a pasted megabyte must not be. */
const MAX_SHOWN_VALUE = 160;

/**
 * Characters no Kore.ai id holds, but the punctuation of JSON, tables and quoted text does: in a pasted value they
 * mean the text was not read as the format it is in (a JSON array with a syntax error, a table without its
 * delimiter row), so the value is refused rather than sent a DELETE. Ids sent by the server are not held to this.
 */
const FORMAT_PUNCTUATION = /[[\]{}|"'`<>,;]/;

/**
 * Ids in pasted text or a file: a JSON array, a markdown table, a CSV file with a header, or ids separated by
 * spaces, commas, semicolons or line breaks (idTextFormats).
 */
export function parseContactListIds(text: string): ParsedContactListIds {
  // Spreadsheet programs start their CSV files with a byte order mark.
  return checkValues(candidateValues(text.replace(/^\ufeff/, '')), textValueProblem);
}

/**
 * The same check for ids that come one by one (a tree selection, the lists the server named): each value is
 * validated whole, never split, so an id from a server goes through exactly what a pasted id goes through.
 */
export function checkContactListIds(values: readonly string[]): ParsedContactListIds {
  return checkValues(values, validateContactListId);
}

function textValueProblem(value: string): string | undefined {
  const problem = validateContactListId(value);
  if (problem !== undefined) return problem;
  const punctuation = FORMAT_PUNCTUATION.exec(value)?.[0];
  return punctuation === undefined
    ? undefined
    : l10n.t('The value contains the character {0}, which no contact list id holds: it looks like a piece of a table, JSON or quoted text. Paste the ids alone, a JSON array, a CSV file with a header or a markdown table.', punctuation);
}

function checkValues(values: readonly string[], problemOf: (value: string) => string | undefined): ParsedContactListIds {
  const ids: string[] = [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const invalid = new Map<string, string>();
  for (const value of values) {
    if (value === '') continue;
    const problem = problemOf(value);
    if (problem !== undefined) {
      // Shown in a dialog: one line, and short.
      const shown = oneLine(value, MAX_SHOWN_VALUE);
      if (!invalid.has(shown)) invalid.set(shown, problem);
      continue;
    }
    if (seen.has(value)) {
      duplicates.add(value);
      continue;
    }
    seen.add(value);
    ids.push(value);
  }
  return {
    ids,
    duplicates: [...duplicates],
    invalid: [...invalid].map(([value, reason]) => ({ value, reason })),
    unusual: ids.filter((id) => !looksLikeKoreListId(id)),
  };
}
