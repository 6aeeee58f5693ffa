// Which values of a pasted text or a file are meant as contact list ids. People paste what they have: a JSON array
// (of ids, or of list records), a markdown table from a wiki or a chat, a CSV export with a header, or plain ids
// between spaces, commas, semicolons and line breaks. Read as plain ids, a table or an array gives its pipes,
// header words and brackets as "ids" (`|`, `name`, `["cl-aaa1"`), and each would be sent a DELETE: so each format is
// recognised as such, and only its id column (or its elements) is read. Nothing is dropped silently: whatever is
// not recognised is handed on as values, and the id checks report it.
import { looksLikeKoreListId } from './validation';

/** Header cells naming the id column, compared lower-case with everything but letters and digits removed. */
const HEADER_NAMES = new Set(['id', 'ids', 'contactlistid', 'contactlistids', 'listid']);
/** Between ids in free text. Every whitespace (a no-break space pasted from a web page too), commas, semicolons. */
const FREE_SEPARATOR = (character: string) => /[\s,;]/.test(character);
const CSV_DELIMITERS = ['\t', ',', ';'] as const;
/** A markdown table's delimiter row: `|---|:---:|`, `---|---`, `| --- |`. */
const MARKDOWN_DELIMITER_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;

/** The values to check as ids, in the order the text holds them. */
export function candidateValues(text: string): string[] {
  return fromJson(text) ?? fromMarkdownTable(text) ?? fromCsvWithHeader(text) ?? fromFreeText(text);
}

function isHeaderCell(cell: string): boolean {
  return HEADER_NAMES.has(cell.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * A JSON array of ids (`["cl-…", …]`), of list records (`[{"_id": "cl-…", "name": …}]`), or an object holding one
 * (an API answer's `{"data": […]}`). Each element is one value, taken as it is (JSON text is exact). An element
 * that is not a string, or a record without an id, is handed on as its JSON text, which the checks refuse.
 * An array that is not strict JSON (single quotes, a trailing comma as in code, or cut short) is read between its
 * brackets, as free text.
 */
function fromJson(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return trimmed.startsWith('[') ? fromFreeText(trimmed.slice(1, trimmed.endsWith(']') ? -1 : undefined)) : undefined;
  }
  const items = Array.isArray(value) ? (value as unknown[]) : isRecord(value) ? (Object.values(value).find(Array.isArray) ?? [value]) : [value];
  const records = items.filter(isRecord);
  const key = idField(records);
  return items.map((item) => {
    if (typeof item === 'string') return item;
    const id = isRecord(item) && key !== undefined ? item[key] : undefined;
    return typeof id === 'string' ? id : JSON.stringify(item) ?? String(item);
  });
}

/** The field of list records that holds the id: one named like an id column, or the one whose values look like ids. */
function idField(records: ReadonlyArray<Record<string, unknown>>): string | undefined {
  const keys = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const named = keys.find(isHeaderCell);
  if (named !== undefined) return named;
  const index = bestColumn(keys.map((key) => records.map((record) => record[key])));
  return index === undefined ? undefined : keys[index];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The index of the one column whose values look like Kore.ai list ids, all of them; undefined when no column or
 * several do (two columns of ids are two lists of ids, not a table with an id column).
 */
function bestColumn(columns: ReadonlyArray<readonly unknown[]>): number | undefined {
  const looking = columns.flatMap((values, index) => {
    const filled = values.filter((value) => value !== undefined && value !== '');
    return filled.length > 0 && filled.every((value) => typeof value === 'string' && looksLikeKoreListId(value)) ? [index] : [];
  });
  const others = columns.filter((values, index) => !looking.includes(index) && values.some((value) => typeof value === 'string' && looksLikeKoreListId(value)));
  return looking.length === 1 && others.length === 0 ? looking[0] : undefined;
}

/**
 * A markdown table: a header row, a delimiter row, then data rows, cells between unescaped `|`. Only the id column
 * is read (see idColumn); lines around the table are read as free text. Cells may hold `\|` and code spans.
 */
function fromMarkdownTable(text: string): string[] | undefined {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const start = lines.findIndex((line, index) => line.includes('|') && isDelimiterRow(lines[index + 1]));
  if (start < 0) return undefined;
  let end = start + 2;
  while (end < lines.length && lines[end].includes('|')) end++;
  const header = markdownCells(lines[start]);
  const rows = lines.slice(start + 2, end).map(markdownCells);
  const column = idColumn(header, rows);
  const values = column === undefined ? rows.flat() : rows.map((cells) => cells[column] ?? '');
  return [...fromFreeText(lines.slice(0, start).join('\n')), ...values, ...fromFreeText(lines.slice(end).join('\n'))];
}

function isDelimiterRow(line: string | undefined): boolean {
  return line !== undefined && line.includes('|') && line.includes('-') && MARKDOWN_DELIMITER_ROW.test(line.trim());
}

function markdownCells(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  return row.split(/(?<!\\)\|/).map((cell) => unwrapCodeSpan(cell.replace(/\\\|/g, '|').trim()));
}

function unwrapCodeSpan(cell: string): string {
  const match = /^(`+)\s*([^`]*?)\s*\1$/.exec(cell);
  return match ? match[2] : cell;
}

/** The column holding the ids: named like one, the only column, or the one whose cells look like ids. */
function idColumn(header: readonly string[], rows: ReadonlyArray<readonly string[]>): number | undefined {
  const named = header.findIndex(isHeaderCell);
  if (named >= 0) return named;
  if (header.length === 1) return 0;
  return bestColumn(header.map((_, index) => rows.map((cells) => cells[index])));
}

/**
 * A CSV (or tab- or semicolon-separated) file whose first line is a header with several columns (an export with
 * names, statuses…): only the id column is read, since names contain spaces and would be split into junk.
 */
function fromCsvWithHeader(text: string): string[] | undefined {
  for (const delimiter of CSV_DELIMITERS) {
    // Empty cells are kept: `,cl-…` is a row whose first column is empty, not one whose id is in the first column.
    const rows = parseRows(text, (character) => character === delimiter, true);
    const header = rows[0];
    // A header names its columns; a first line holding a Kore id ("cl-…") is data, whatever else it holds.
    if (!header || header.length < 2 || header.some((cell) => /cl-/i.test(cell))) continue;
    const data = rows.slice(1);
    // Without a header naming it, the id column is found by its cells only in a file of columns (every row as wide
    // as the header): free text with commas across lines is not one.
    const column = header.findIndex(isHeaderCell) >= 0 || data.every((cells) => cells.length === header.length) ? idColumn(header, data) : undefined;
    if (column === undefined) continue;
    return data.map((cells) => cells[column] ?? '');
  }
  return undefined;
}

/** Ids between separators. A header cell in a single-column file, or on a first line of free text, is skipped. */
function fromFreeText(text: string): string[] {
  const [first = [], ...rest] = parseRows(text, FREE_SEPARATOR);
  // A header such as `Contact List Id`, unquoted, is one cell although it holds spaces.
  const [wholeFirstLine = []] = parseRows(text, () => false);
  if (wholeFirstLine.length === 1 && isHeaderCell(wholeFirstLine[0])) return rest.flat();
  return [...first.filter((cell) => !isHeaderCell(cell)), ...rest.flat()];
}

/**
 * Splits text into rows of cells. Line breaks end a row, `isSeparator` ends a cell. A cell that starts
 * with `"` is quoted the CSV way: separators and line breaks inside it are kept and `""` is one quote.
 * Empty cells are dropped (`a,,b` in free text is two ids) unless `keepEmptyCells` (columns of a CSV file).
 */
function parseRows(text: string, isSeparator: (character: string) => boolean, keepEmptyCells = false): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let cellStarted = false;
  let quoted = false;
  const endCell = () => {
    if (keepEmptyCells || cellStarted || cell !== '') row.push(cell);
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
