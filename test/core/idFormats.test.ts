// Pasted tables, JSON arrays and tampered journals: every id that enters is one the user meant, exactly as it is.
import * as assert from 'node:assert/strict';
import { isDamagedJournal, journalHeader, replayJournal } from '../../src/core/bulk/runJournal';
import { checkContactListIds, parseContactListIds } from '../../src/core/input/contactListIds';

const A = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const B = 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002';

describe('ids from pasted tables and arrays', () => {
  it('reads the id column of a markdown table, not its pipes, header and delimiter row', () => {
    const table = ['| name | id |', '|---|---|', '| Renewal Due | cl-aaa1 |', '| Other | `cl-bbb2` |'].join('\n');
    const parsed = parseContactListIds(table);
    assert.deepEqual(parsed.ids, ['cl-aaa1', 'cl-bbb2']);
    assert.deepEqual(parsed.invalid, []);
    assert.deepEqual(parsed.unusual, ['cl-aaa1', 'cl-bbb2'], 'not the documented shape: the user confirms them');
  });

  it('finds the id column of a table or CSV file by its cells when no header names it', () => {
    assert.deepEqual(parseContactListIds(`| List | Key |\n| :-- | --: |\n| First | ${A} |\n| Second | ${B} |`).ids, [A, B]);
    assert.deepEqual(parseContactListIds(`name,list\nFirst,${A}\n,${B}\n`).ids, [A, B]);
    assert.deepEqual(parseContactListIds(`Text before\n\n| id |\n|---|\n| ${A} |\n| ${B} |\n`).unusual, ['Text', 'before'], 'lines around the table are read, and named as unusual');
  });

  it('reads a JSON array of ids, of records, or an answer holding one, each element whole', () => {
    const expected = { ids: ['cl-aaa1', 'cl-bbb2'], duplicates: [], invalid: [], unusual: ['cl-aaa1', 'cl-bbb2'] };
    assert.deepEqual(parseContactListIds('["cl-aaa1","cl-bbb2"]'), expected);
    assert.deepEqual(parseContactListIds('[\n  "cl-aaa1",\n  "cl-bbb2"\n]\n'), expected);
    assert.deepEqual(parseContactListIds(JSON.stringify([{ name: 'A, B', _id: A }, { name: 'C', _id: B }])).ids, [A, B]);
    assert.deepEqual(parseContactListIds(JSON.stringify({ status: 'success', data: [{ listId: A }, { listId: B }] })).ids, [A, B]);
    assert.deepEqual(parseContactListIds(`['${A}', '${B}',]`).ids, [A, B], 'an array as code writes it');
  });

  it('refuses the punctuation of a format it could not read, instead of sending it a DELETE', () => {
    assert.deepEqual(parseContactListIds('["cl-aaa1", "cl-bbb2"').ids, ['cl-aaa1', 'cl-bbb2'], 'an array cut short');
    const junk = parseContactListIds('ids: [cl-aaa1] {cl-bbb2}, "cl-ccc3"');
    assert.deepEqual(junk.ids, ['cl-ccc3']);
    assert.deepEqual(junk.invalid.map((entry) => entry.value), ['[cl-aaa1]', '{cl-bbb2}']);
    assert.match(junk.invalid[0].reason, /piece of a table, JSON or quoted text/);
    const tableWithoutDelimiterRow = parseContactListIds(`| name | id |\n| First | ${A} |`);
    assert.deepEqual(tableWithoutDelimiterRow.ids.filter((id) => id !== 'name' && id !== 'First'), [A]);
    assert.deepEqual(tableWithoutDelimiterRow.invalid.map((entry) => entry.value), ['|']);
    assert.deepEqual(tableWithoutDelimiterRow.unusual, ['name', 'First']);
    const odd = parseContactListIds(JSON.stringify([A, 7, null, { name: 'no id' }]));
    assert.deepEqual(odd.invalid.map((entry) => entry.value), ['{"name":"no id"}']);
    assert.deepEqual(odd.unusual, ['7', 'null']);
  });

  it('names every valid id of another shape as unusual, wherever it comes from', () => {
    assert.deepEqual(parseContactListIds(`${A} name cl-1`).unusual, ['name', 'cl-1']);
    assert.deepEqual(checkContactListIds([A, 'cl-legacy']).unusual, ['cl-legacy']);
  });
});

describe('ids are taken only as they are (journal, server)', () => {
  it('refuses a journal that names an id with spaces or a line separator around it', () => {
    for (const ids of [['cl-1', ' cl-1'], ['cl-1\u2028'], ['\ufeffcl-2'], ['cl-3\u00a0']]) {
      const text = journalHeader({ runId: 'run-1', environmentId: 'env-1', createdAt: 1, ids });
      const replayed = replayJournal(text);
      assert.ok(isDamagedJournal(replayed), `${JSON.stringify(ids)} was read as ${JSON.stringify(isDamagedJournal(replayed) ? undefined : replayed.state.ids)}`);
    }
  });

  it('refuses a server\'s id with a line separator at its end', () => {
    assert.deepEqual(checkContactListIds([`${A}\u2028`, B]).ids, [B]);
  });
});
