// Pasted lists and exported files, as users really have them, turned into ids to delete.
import * as assert from 'node:assert/strict';
import { withMarkedTranslation } from '../support/markedTranslation';
import { parseContactListIds } from '../../src/core/input/contactListIds';
import { MAX_CONTACT_LIST_ID_LENGTH } from '../../src/core/input/validation';

const A = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const B = 'cl-c2ce382-2516-457e-8eb4-9847deec0002';
const C = 'cl-c2ce382-2516-457e-8eb4-9847deec0003';
const D = 'cl-c2ce382-2516-457e-8eb4-9847deec0004';

describe('parseContactListIds', () => {
  it('reads one id per line, whatever the line endings, ignoring blank lines and surrounding spaces', () => {
    assert.deepEqual(parseContactListIds(`${A}\r\n  ${B}  \n\n${C}\r${D}\n`), { ids: [A, B, C, D], duplicates: [], invalid: [], unusual: [] });
  });

  it('splits on commas, semicolons, tabs and spaces, mixed', () => {
    assert.deepEqual(parseContactListIds(`${A}, ${B};${C}\t${D} cl-5\u00a0cl-6,,;`).ids, [A, B, C, D, 'cl-5', 'cl-6']);
  });

  it('returns nothing for empty or blank text', () => {
    for (const text of ['', '   ', '\n\n', ' , ; \t ', '\ufeff']) {
      assert.deepEqual(parseContactListIds(text), { ids: [], duplicates: [], invalid: [], unusual: [] });
    }
  });

  it('skips a CSV header cell naming the id column, whatever its spelling', () => {
    for (const header of ['id', 'ID', '_id', 'contactListId', 'Contact List Id', '"contactListId"', 'contact_list_id', 'listId']) {
      assert.deepEqual(parseContactListIds(`${header}\n${A}\n${B}\n`).ids, [A, B], header);
    }
  });

  it('skips the byte order mark a spreadsheet writes before the header', () => {
    assert.deepEqual(parseContactListIds(`\ufeffid\r\n${A}\r\n${B}\r\n`), { ids: [A, B], duplicates: [], invalid: [], unusual: [] });
  });

  it('reads only the id column of a CSV export with several columns', () => {
    const csv = [
      'name,_id,status,totalRecordCount',
      `"Renewal Due, August 2025",${A},Ready,0`,
      `Renewal Due September,"${B}",Ready,12`,
      `"A ""quoted"" name",${C},Processing,3`,
      `"A name over`,
      `two lines",${D},Ready,1`,
    ].join('\r\n');
    assert.deepEqual(parseContactListIds(csv), { ids: [A, B, C, D], duplicates: [], invalid: [], unusual: [] });
  });

  it('reads the id column of tab- and semicolon-separated exports', () => {
    assert.deepEqual(parseContactListIds(`Name\tContact List ID\nMy list\t${A}\nOther list\t${B}\n`).ids, [A, B]);
    assert.deepEqual(parseContactListIds(`name;id\nMy list;${A}\nOther list;${B}\n`).ids, [A, B]);
  });

  it('treats a first line holding ids as data, even next to the word "id"', () => {
    assert.deepEqual(parseContactListIds(`${A},id,${B}`).ids, [A, B]);
  });

  it('strips double and single quotes', () => {
    assert.deepEqual(parseContactListIds(`"${A}", '${B}'\n" ${C} "\n'${D}'`).ids, [A, B, C, D]);
  });

  it('keeps a quoted value whole, so an id with a space inside is reported rather than split', () => {
    const result = parseContactListIds(`"cl-1 2",${A}`);
    assert.deepEqual(result.ids, [A]);
    assert.equal(result.invalid[0].value, 'cl-1 2');
    assert.match(result.invalid[0].reason, /spaces/);
  });

  it('drops duplicates, keeping the first-seen order, and lists each duplicate once', () => {
    const result = parseContactListIds(`${B}\n${A}\n${B}\n${C}\n${A}\n${B}\n`);
    assert.deepEqual(result.ids, [B, A, C]);
    assert.deepEqual(result.duplicates, [B, A]);
  });

  it('reports invalid values with the validator\'s reason, each once, and keeps the valid ones', () => {
    const tooLong = `cl-${'x'.repeat(MAX_CONTACT_LIST_ID_LENGTH)}`;
    const result = parseContactListIds(['a/b', A, '..', 'cl-..x', tooLong, 'cl-é', 'a?b', 'https://platform.kore.ai/x', '%2e%2e', 'a/b', B].join('\n'));
    assert.deepEqual(result.ids, [A, B]);
    assert.deepEqual(
      result.invalid.map((entry) => entry.value),
      ['a/b', '..', 'cl-..x', tooLong, 'cl-é', 'a?b', 'https://platform.kore.ai/x', '%2e%2e'],
    );
    const reasons = new Map(result.invalid.map((entry) => [entry.value, entry.reason]));
    assert.match(reasons.get('a/b') ?? '', /must not contain "\/"/);
    assert.match(reasons.get('..') ?? '', /must not contain "\.\."/);
    assert.match(reasons.get(tooLong) ?? '', /too long/);
    assert.match(reasons.get('cl-é') ?? '', /non-ASCII/);
    assert.match(reasons.get('%2e%2e') ?? '', /must not contain "%"/);
  });

  it('reports a control character instead of passing it on', () => {
    const result = parseContactListIds(`cl-1\u0000x\n${A}`);
    assert.deepEqual(result.ids, [A]);
    assert.match(result.invalid[0].reason, /control/);
  });

  it('shortens a huge invalid value before showing it back', () => {
    const huge = 'x/'.repeat(100_000);
    const result = parseContactListIds(huge);
    assert.equal(result.invalid.length, 1);
    assert.ok(result.invalid[0].value.length <= 160);
    assert.ok(result.invalid[0].value.endsWith('…'));
  });

  it('words the reasons through l10n.t, in the display language', () => {
    assert.match(withMarkedTranslation('[fr]', () => parseContactListIds('a/b').invalid[0].reason), /^\[fr\] The contact list id must not contain "\/"/);
  });
});
