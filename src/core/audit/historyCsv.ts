// History exported as CSV for a spreadsheet: one row per attempt, RFC 4180 (CRLF between records, a field holding a
// comma, semicolon, tab, quote, CR or LF quoted, quotes doubled). The audit text is hostile: a cell a spreadsheet
// would run as a formula (one starting with = + - @ in any of their forms, after any blank, or a tab or a line
// break, or such a part after a separator a reader may split on) gets an apostrophe, which spreadsheets read as
// "text" and do not show. The server's full answers stay in the JSON export: a spreadsheet cell holds 32,767
// characters, and an answer is not a column.
import { AuditEntry } from './auditEntry';

/** The columns, named as the JSON export names the fields, so the two read alike. */
export const HISTORY_CSV_COLUMNS = [
  'time',
  'environment',
  'host',
  'iid',
  'accountId',
  'contactListId',
  'contactListName',
  'outcome',
  'failure',
  'httpStatus',
  'durationMs',
  'message',
] as const;

/** Excel opens a UTF-8 file without it as the local code page, garbling every non-ASCII name. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * What a spreadsheet may skip before a formula: white space of every kind (the no-break and ideographic spaces
 * too), invisible format characters and controls. Spreadsheets trim some of these, and which ones differs by
 * product and version, so all of them count as nothing.
 */
const LEADING_BLANKS = /^[\s\p{Cc}\p{Cf}]+/u;
/** = + - @ as NFKC leaves them, which folds full-width ＝, small ﹦, superscript ⁼ and the like; and the minus sign. */
const FORMULA_CHARACTER = /^[=+\-@\u2212]/;
/**
 * Characters some reader splits cells on: German and other locales' Excel split a .csv on `;`, some tools on tab,
 * and a tool that ignores quotes on `,` and line breaks too. Each segment after one is checked like a cell, so no
 * reader finds a cell that starts a formula.
 */
const SEPARATOR = /([,;\t\r\n])/;

/** Whether a spreadsheet could read this cell (or segment of one) as a formula. */
function startsFormula(segment: string): boolean {
  if (/^[\t\r\n]/.test(segment)) return true;
  // The first few characters only: enough for any compatibility form, and the cost stays flat for long cells.
  return FORMULA_CHARACTER.test(segment.replace(LEADING_BLANKS, '').slice(0, 4).normalize('NFKC'));
}

/** The apostrophe before every segment that could start a formula (segments at even indexes, separators between). */
function neutralised(value: string): string {
  const segments = value
    .split(SEPARATOR)
    .map((part, index) => (index > 0 && index % 2 === 0 && startsFormula(part) ? `'${part}` : part))
    .join('');
  return startsFormula(value) ? `'${segments}` : segments;
}
/** RFC 4180's characters, and `;` and tab, so a reader splitting on either keeps the cell whole. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One cell: neutralised against formula injection, then quoted when any common reader would split it. */
export function csvField(value: string): string {
  const text = neutralised(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

/** The whole file: a byte-order mark, the header, then one record per entry, each ending in CRLF. */
export function historyCsv(entries: readonly AuditEntry[]): string {
  const rows = [csvRow(HISTORY_CSV_COLUMNS), ...entries.map((entry) => csvRow(csvValues(entry)))];
  return `${BYTE_ORDER_MARK}${rows.map((row) => `${row}\r\n`).join('')}`;
}

/** The cells of one entry, in HISTORY_CSV_COLUMNS order; a field the (hand-edited) line lacks is empty. */
export function csvValues(entry: AuditEntry): string[] {
  const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');
  return [
    text(entry.time),
    text(entry.environment.name),
    text(entry.environment.host),
    text(entry.environment.iid),
    text(entry.environment.accountId),
    text(entry.contactListId),
    text(entry.contactListName),
    text(entry.outcome),
    text(entry.failure),
    text(entry.httpStatus),
    text(entry.durationMs),
    text(entry.message),
  ];
}
