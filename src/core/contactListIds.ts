import { validateContactListId } from './validation';

export interface ParsedContactListIds {
  /** Valid, unique ids in first-seen order. */
  readonly ids: string[];
  /** Ids that appeared more than once, each listed once, in the order of their first repeat. */
  readonly duplicates: string[];
  /** Values that are not acceptable ids, each listed once, with the validator's sentence. */
  readonly invalid: Array<{ value: string; reason: string }>;
}

/** Header cells naming the id column, compared lower-case with everything but letters and digits removed. */
const HEADER_NAMES = new Set(['id', 'ids', 'contactlistid', 'contactlistids', 'listid']);
/** An invalid value is echoed back to the user; a pasted megabyte must not be. */
const MAX_SHOWN_VALUE = 160;
/** Between ids in free text. Every whitespace (a no-break space pasted from a web page too), commas, semicolons. */
const FREE_SEPARATOR = (character: string) => /[\s,;]/.test(character);
const CSV_DELIMITERS = ['\t', ',', ';'] as const;

/**
 * Splits text into rows of cells. Line breaks end a row, `isSeparator` ends a cell. A cell that starts
 * with `"` is quoted the CSV way: separators and line breaks inside it are kept and `""` is one quote.
 */
function parseRows(text: string, isSeparator: (character: string) => boolean): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let cellStarted = false;
  let quoted = false;
  const endCell = () => {
    if (cellStarted || cell !== '') row.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (character === '"') {
        quoted = false;
      } else {
        cell += character;
      }
    } else if (character === '\n' || character === '\r') {
      endRow();
    } else if (isSeparator(character)) {
      endCell();
    } else if (character === '"' && cell.trim() === '') {
      cell = '';
      cellStarted = true;
      quoted = true;
    } else {
      cell += character;
    }
  }
  endRow();
  return rows.map((cells) => cells.map(cleanCell)).filter((cells) => cells.some((value) => value !== ''));
}

/** Trims, and strips a pair of single quotes too: ids copied from code often come as 'cl-…'. */
function cleanCell(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'") ? trimmed.slice(1, -1).trim() : trimmed;
}

function isHeaderCell(cell: string): boolean {
  return HEADER_NAMES.has(cell.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * The values to read as ids. When the first line is a header with several columns (an export with names,
 * statuses…), only the id column is read: names contain spaces and would otherwise be split into junk.
 * A header cell in a single-column file, or on a first line of free text, is simply skipped.
 */
function candidateValues(text: string): string[] {
  for (const delimiter of CSV_DELIMITERS) {
    const rows = parseRows(text, (character) => character === delimiter);
    const header = rows[0];
    // A header names its columns; a first line holding a Kore id ("cl-…") is data, whatever else it holds.
    if (!header || header.length < 2 || header.some((cell) => /^cl-/i.test(cell))) continue;
    const column = header.findIndex(isHeaderCell);
    if (column < 0) continue;
    return rows.slice(1).map((cells) => cells[column] ?? '');
  }
  const [first = [], ...rest] = parseRows(text, FREE_SEPARATOR);
  // A header such as `Contact List Id`, unquoted, is one cell although it holds spaces.
  const [wholeFirstLine = []] = parseRows(text, () => false);
  if (wholeFirstLine.length === 1 && isHeaderCell(wholeFirstLine[0])) return rest.flat();
  return [...first.filter((cell) => !isHeaderCell(cell)), ...rest.flat()];
}

export function parseContactListIds(text: string): ParsedContactListIds {
  // Spreadsheet programs start their CSV files with a byte order mark.
  return checkContactListIds(candidateValues(text.replace(/^\ufeff/, '')));
}

/**
 * The same check for ids that come one by one (a tree selection, the lists the server named): each value is
 * validated whole, never split, so an id from a server goes through exactly what a pasted id goes through.
 */
export function checkContactListIds(values: readonly string[]): ParsedContactListIds {
  const ids: string[] = [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const invalid = new Map<string, string>();
  for (const value of values) {
    if (value === '') continue;
    const problem = validateContactListId(value);
    if (problem !== undefined) {
      const shown = value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE - 1)}…` : value;
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
  return { ids, duplicates: [...duplicates], invalid: [...invalid].map(([value, reason]) => ({ value, reason })) };
}
