// Properties of ids as they enter: a list of ids pasted in any format it is commonly written in reads back as exactly
// those ids; anything accepted as an id is exactly itself (trimmed, NFC, no invisible or line-breaking character);
// and a tampered journal never yields an id that is not.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { isDamagedJournal, journalHeader, journalLine, replayJournal } from '../../src/core/bulk/runJournal';
import { checkContactListIds, parseContactListIds } from '../../src/core/input/contactListIds';
import { validateContactListId } from '../../src/core/input/validation';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { parseBulkRunState } from '../../src/core/bulk/legacyRuns';

/** The class of defect 10, written out independently of the validator: what an accepted id must be. */
function isExactlyItself(id: string): boolean {
  return id === id.trim() && id === id.normalize('NFC') && !/[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(id);
}

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const koreId = fc.tuple(hex(7), hex(4), hex(4), hex(4), hex(12)).map((groups) => `cl-${groups.join('-')}`);
/**
 * Ids of any valid form that text can carry: no format punctuation (which pasted text refuses) and not a word that
 * names an id column (`id`, `listId`…), which on a first line is read as a header.
 */
const otherId = fc
  .stringMatching(/^[A-Za-z0-9._~!$&()*+=:@-]{1,40}$/)
  .filter((id) => validateContactListId(id) === undefined && !['id', 'ids', 'contactlistid', 'contactlistids', 'listid'].includes(id.toLowerCase().replace(/[^a-z0-9]/g, '')));
const ids = fc.uniqueArray(fc.oneof(koreId, otherId), { maxLength: 8 });
/** List names as exports have them: commas, quotes, pipes, semicolons, tabs and spaces (no line break in a table). */
const name = fc.stringMatching(/^[A-Za-z0-9 ,;"'|\t.-]{0,20}$/);

function csvCell(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function markdownCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\t/g, ' ');
}

type Rendering = (list: readonly string[], names: readonly string[]) => string;

const renderings: Record<string, Rendering> = {
  lines: (list) => list.join('\n'),
  // One line: free text over several lines with commas can read as a CSV file (a header, then columns).
  'one line, mixed separators': (list) => list.map((id, index) => `${id}${[',', ' ', '; ', '\t', ', '][index % 5]}`).join(''),
  'JSON array': (list) => JSON.stringify(list),
  'JSON array, indented': (list) => JSON.stringify(list, undefined, 2),
  'JSON records': (list, names) => JSON.stringify(list.map((id, index) => ({ name: names[index], _id: id, totalRecordCount: index }))),
  CSV: (list, names) => ['name,id', ...list.map((id, index) => `${csvCell(names[index])},${csvCell(id)}`)].join('\r\n'),
  'CSV, id first': (list, names) => ['contactListId;name', ...list.map((id, index) => `${id};${csvCell(names[index])}`)].join('\n'),
  'markdown table': (list, names) => ['| Name | ID |', '| --- | :-: |', ...list.map((id, index) => `| ${markdownCell(names[index])} | ${id} |`)].join('\n'),
  'markdown table, code spans': (list, names) => ['id | name', '---|---', ...list.map((id, index) => `\`${id}\` | ${markdownCell(names[index])}`)].join('\n'),
};

describe('contact list ids (properties)', function () {
  this.timeout(propertyTimeoutMs());

  it('any id list rendered as JSON, CSV, a markdown table or lines parses back to exactly those ids', () => {
    fc.assert(
      fc.property(
        ids.chain((list) => fc.tuple(fc.constant(list), fc.array(name, { minLength: list.length, maxLength: list.length }))),
        fc.constantFrom(...Object.keys(renderings)),
        ([list, names], format) => {
          const text = renderings[format](list, names);
          const parsed = parseContactListIds(text);
          assert.deepEqual(parsed.ids, list, `${format}:\n${text}`);
          assert.deepEqual(parsed.invalid, [], `${format}:\n${text}`);
          assert.deepEqual(parsed.unusual, list.filter((id) => !/^cl-[0-9a-f]{7}-/.test(id)));
        },
      ),
      propertyParameters(),
    );
  });

  it('any string accepted as an id, alone or in pasted text, equals its trimmed NFC self and has no control, format or line-separator character', () => {
    const edge = fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u2029', '\u200b', '\u200e', '\u202e', '\u2060', '\ufeff', '\u0000', '\u0085', '\u3000', 'e\u0301', '\u00e9', '\u212b', '"', "'", '|', '[', ',');
    const word = fc.oneof(koreId, otherId, fc.string({ unit: 'binary', maxLength: 12 }));
    const text = fc.array(fc.oneof(word, edge), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        if (validateContactListId(value) === undefined) assert.ok(isExactlyItself(value), JSON.stringify(value));
        for (const id of [...parseContactListIds(value).ids, ...checkContactListIds([value]).ids]) {
          assert.ok(isExactlyItself(id) && validateContactListId(id) === undefined, JSON.stringify(id));
        }
      }),
      propertyParameters(),
    );
  });

  it('a journal or saved state with tampered ids never yields an id that fails validation', () => {
    const tamper = fc.constantFrom(
      (id: string) => ` ${id}`,
      (id: string) => `${id}\u2028`,
      (id: string) => `\ufeff${id}`,
      (id: string) => `${id}\u00a0`,
      (id: string) => `${id}\t`,
      (id: string) => `${id}e\u0301`,
      (id: string) => id,
    );
    const run = fc.uniqueArray(fc.oneof(koreId, otherId), { minLength: 1, maxLength: 5 }).chain((list) =>
      fc.record({ list: fc.constant(list), tampers: fc.array(tamper, { minLength: list.length, maxLength: list.length }), events: fc.array(fc.nat(list.length - 1), { maxLength: 6 }) }),
    );
    fc.assert(
      fc.property(run, ({ list, tampers, events }) => {
        const tampered = list.map((id, index) => tampers[index](id));
        const header = journalHeader({ runId: 'run-t', environmentId: 'env-t', createdAt: 1, ids: tampered });
        const lines = events.map((index) => journalLine({ e: 'started', id: tampered[index] })).join('');
        const replayed = replayJournal(header + lines);
        const state = JSON.stringify({ version: 1, runId: 'r', environmentId: 'e', createdAt: 1, ids: tampered, outcomes: {} });
        const yielded = [...(isDamagedJournal(replayed) ? [] : [...replayed.state.ids, ...replayed.state.outcomes.keys()]), ...(parseBulkRunState(state)?.ids ?? [])];
        for (const id of yielded) assert.ok(isExactlyItself(id) && validateContactListId(id) === undefined, JSON.stringify(id));
        // Untampered, nothing is refused: the check takes nothing away from a journal written by the extension.
        if (tampered.every((id, index) => id === list[index])) assert.ok(!isDamagedJournal(replayed));
      }),
      propertyParameters(),
    );
  });
});
