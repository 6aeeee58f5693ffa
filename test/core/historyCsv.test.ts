import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditEntry } from '../../src/core/audit/auditEntry';
import { HISTORY_CSV_COLUMNS, csvField, csvValues, historyCsv } from '../../src/core/audit/historyCsv';
import { propertyParameters } from '../support/propertyRuns';

/**
 * An RFC 4180 reader, written for the test: records end in CRLF, quoted fields may hold anything. `delimiter` is
 * `;` for the reader German Excel is.
 */
function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      if (i < text.length && text[i] !== delimiter && !text.startsWith('\r\n', i)) throw new Error(`text after a closing quote at ${i}`);
      continue;
    }
    if (text[i] === delimiter) {
      record.push(field);
      field = '';
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '\r' || text[i] === '\n') throw new Error(`a bare line break outside quotes at ${i}`);
      field += text[i];
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

function entry(fields: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: '2026-01-01T00:00:00.000Z',
    environment: { name: 'Prod', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
    contactListId: 'cl-1',
    outcome: 'deleted',
    httpStatus: 200,
    durationMs: 12,
    message: 'Deleted',
    ...fields,
  };
}

/** What a spreadsheet may skip before a formula: white space of any kind, invisible format characters, controls. */
const BLANKS = /^[\s\p{Cc}\p{Cf}]*/u;
/** Whether a spreadsheet could read this as a formula: = + - @ in any compatibility form (＝ ﹢ ⁼…) or −, after any blanks; or a tab or line break first. */
function readsAsFormula(cell: string): boolean {
  return /^[\t\r\n]/.test(cell) || /^[=+\-@\u2212]/.test(cell.replace(BLANKS, '').normalize('NFKC'));
}
/** Characters some reader splits cells on: `,` (RFC 4180), `;` (German Excel), tab, and line breaks. */
const SEPARATORS = [',', ';', '\t', '\r', '\n'];

/** The value as the spreadsheet shows it: an apostrophe before a formula start, and after a separator before a formula. */
function neutralised(value: string): string {
  let shown = readsAsFormula(value) ? "'" : '';
  for (let i = 0; i < value.length; i++) {
    shown += value[i];
    // The segment up to the next separator, as a reader splitting there sees it.
    if (SEPARATORS.includes(value[i]) && readsAsFormula(value.slice(i + 1).split(/[,;\t\r\n]/)[0])) shown += "'";
  }
  return shown;
}

describe('History CSV export', () => {
  it('quotes fields with a comma, quote, CR or LF, doubling quotes, and leaves others bare', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
    assert.equal(csvField(''), '');
  });

  it('neutralises a cell a spreadsheet would run as a formula with a leading apostrophe', () => {
    assert.equal(csvField('=HYPERLINK("http://evil","x")'), '"\'=HYPERLINK(""http://evil"",""x"")"');
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\tcmd'), '"\'\tcmd"', 'quoted too: a tab is a separator to some readers');
    assert.equal(csvField('\r=1'), '"\'\r\'=1"', 'and the formula after the line break, for a reader that splits lines');
    assert.equal(csvField('a=1'), 'a=1', 'only the first character makes a formula');
  });

  it('neutralises a formula behind blanks or in a look-alike form: space, no-break space, full-width ＝ and the like (issue 18)', () => {
    assert.equal(csvField(' =1+1'), "' =1+1");
    assert.equal(csvField('\u00a0=HYPERLINK("http://evil")'), '"\'\u00a0=HYPERLINK(""http://evil"")"');
    assert.equal(csvField('\u3000\u200b@SUM(A1)'), "'\u3000\u200b@SUM(A1)");
    assert.equal(csvField('＝1+1'), "'＝1+1");
    assert.equal(csvField('﹢1'), "'﹢1");
    assert.equal(csvField('－1'), "'－1");
    assert.equal(csvField('＠cmd'), "'＠cmd");
    assert.equal(csvField('\u22121'), "'\u22121");
    assert.equal(csvField('Renewal; ＝SUM(9*9)'), '"Renewal;\' ＝SUM(9*9)"');
    assert.equal(csvField('a ＝ b'), 'a ＝ b', 'only at the start of a cell or segment');
  });

  it('quotes a field with a semicolon or tab, and neutralises a formula after either (German Excel splits on ;)', () => {
    assert.equal(csvField('Renewal;=SUM(9*9)'), '"Renewal;\'=SUM(9*9)"');
    assert.equal(csvField('Renewal\t@cmd'), '"Renewal\t\'@cmd"');
    assert.equal(csvField('a;b'), '"a;b"');
    assert.equal(csvField('a,-1'), '"a,\'-1"');
  });

  it('writes a byte-order mark, the header and one CRLF-ended record per entry, in order', () => {
    const csv = historyCsv([entry({ contactListId: 'cl-2', contactListName: 'Renewal, Due' }), entry({ outcome: 'failed', failure: 'http', httpStatus: 409 })]);
    assert.ok(csv.startsWith('\uFEFFtime,environment,'));
    const records = parseCsv(csv.slice(1));
    assert.deepEqual(records[0], [...HISTORY_CSV_COLUMNS]);
    assert.deepEqual(records[1], ['2026-01-01T00:00:00.000Z', 'Prod', 'https://platform.kore.ai', 'st-1', 'a1', 'cl-2', 'Renewal, Due', 'deleted', '', '200', '12', 'Deleted']);
    assert.equal(records[2][7], 'failed');
    assert.equal(records[2][9], '409');
    assert.equal(records.length, 3);
  });

  it('leaves the server answer out (it is in the JSON export)', () => {
    const csv = historyCsv([entry({ response: { data: { secretish: 'answer-body' } } })]);
    assert.equal(csv.includes('answer-body'), false);
  });

  it('writes an empty cell for a field a hand-edited line lacks or holds as a non-finite number', () => {
    const values = csvValues({ ...entry(), environment: { name: 'Prod' } as AuditEntry['environment'], httpStatus: Number.NaN });
    assert.deepEqual([values[2], values[3], values[4], values[9]], ['', '', '', '']);
  });

  it('property: any hostile text reads back exactly, after the apostrophes formula cells get, and no reader finds a formula', () => {
    const hostile = fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", ' ', 'é', '😀', '\u202e', '\u00a0', '\u3000', '\u200b', '＝', '﹢', '－', '＠', '\u2212'), maxLength: 16 });
    const startsFormula = (cell: string) => !/^[\t\r\n]/.test(cell) && readsAsFormula(cell);
    fc.assert(
      fc.property(fc.array(fc.record({ contactListId: hostile, message: hostile, name: hostile }), { maxLength: 5 }), (rows) => {
        const entries = rows.map((row) => entry({ contactListId: row.contactListId, message: row.message, contactListName: row.name }));
        const csv = historyCsv(entries).slice(1);
        const records = parseCsv(csv);
        assert.equal(records.length, entries.length + 1);
        entries.forEach((e, i) => {
          const cells = records[i + 1];
          assert.equal(cells.length, HISTORY_CSV_COLUMNS.length);
          assert.deepEqual(cells, csvValues(e).map(neutralised));
          for (const cell of cells) assert.equal(readsAsFormula(cell), false, `no cell starts a formula: ${JSON.stringify(cell)}`);
        });
        // German Excel: the same file read with ";" between cells (quotes respected).
        for (const record of parseCsv(csv.replace(/,/g, ';'), ';')) {
          for (const cell of record) assert.equal(startsFormula(cell), false, `no ;-split cell starts a formula: ${JSON.stringify(cell)}`);
        }
        // A tool that ignores quotes (reads them as text) and splits on every separator.
        for (const segment of csv.split(/[,;\t\r\n]/)) {
          assert.equal(startsFormula(segment), false, `no segment starts a formula: ${JSON.stringify(segment)}`);
        }
      }),
      propertyParameters(),
    );
  });
});
