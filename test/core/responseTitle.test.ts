// The response editor's title: list name, id and environment, safe to show and to use as a URI path segment.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_PATH_SEGMENT_LENGTH, pathSegment, responseTitle } from '../../src/core/failures/responseTitle';
import { hasUnsafeCharacter } from '../../src/core/text/textSafety';
import { propertyParameters } from '../support/propertyRuns';

describe('responseTitle', () => {
  it('names the list, its id and the environment, then the note', () => {
    assert.equal(responseTitle({ listName: 'Renewal Due', contactListId: 'cl-1', environmentName: 'Production US' }), 'Renewal Due · cl-1 · Production US');
    assert.equal(responseTitle({ contactListId: 'cl-1', environmentName: 'Prod', note: 'outcome unknown' }), 'cl-1 · Prod (outcome unknown)');
    assert.equal(responseTitle({ listName: '  ', contactListId: 'cl-1', environmentName: 'Prod' }), 'cl-1 · Prod', 'a blank name is left out');
  });

  it('one-lines, caps and path-proofs a hostile list name', () => {
    const title = responseTitle({ listName: `a/b\\c?d#e%f\n\u202eevil ${'x'.repeat(200)}`, contactListId: 'cl-1', environmentName: 'Prod' });
    assert.match(title, /^a_b_c_d_e_f evil x+… · cl-1 · Prod$/);
    assert.ok(title.length < 100, title);
  });

  it('makes a name Windows would refuse as a file name safe: reserved characters, trailing dots and spaces, device names', () => {
    assert.equal(pathSegment('Renewal: "Q3" <draft> | a*b'), 'Renewal_ _Q3_ _draft_ _ a_b');
    assert.equal(pathSegment('Renewal..'), 'Renewal__');
    assert.equal(pathSegment('CON'), '_CON');
    assert.equal(pathSegment('nul.json'), '_nul.json');
    assert.equal(pathSegment('Com1 .txt'), '_Com1 .txt');
    assert.equal(pathSegment('CONSOLE'), 'CONSOLE', 'only the device name itself');
    assert.equal(pathSegment('x'.repeat(10), 3).length <= 3, true);
  });

  it('never yields a segment that is empty, a dot segment, holds a separator, a URI delimiter, a character Windows refuses or an unsafe character, ends in a dot or space, is a device name, or is too long', () => {
    const device = fc.constantFrom('CON', 'con', 'Prn', 'AUX', 'nul', 'COM1', 'com9', 'LPT1', 'lpt9', 'COM¹', 'LPT³');
    const deviceLike = fc
      .tuple(device, fc.constantFrom('', ' ', '  ', '.', '.json', ' .txt', '..', '. '), fc.string({ maxLength: 8 }))
      .map(([name, tail, rest]) => `${name}${tail}${rest}`);
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), deviceLike, fc.string({ unit: fc.constantFrom('a', '.', ' ', ':', '<', '>', '"', '|', '*'), maxLength: 12 }));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: MAX_PATH_SEGMENT_LENGTH }), (input, maxLength) => {
        for (const segment of [pathSegment(input), pathSegment(input, maxLength)]) {
          assert.notEqual(segment, '');
          assert.doesNotMatch(segment, /^\.+$|[/\\?#%<>:"|*]/);
          assert.doesNotMatch(segment, /[. ]$/, 'Windows drops a trailing dot or space');
          assert.doesNotMatch(segment.split('.')[0].replace(/ +$/, ''), /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i);
          assert.equal(hasUnsafeCharacter(segment), false);
        }
        assert.ok(Array.from(pathSegment(input)).length <= MAX_PATH_SEGMENT_LENGTH);
        assert.ok(Array.from(pathSegment(input, maxLength)).length <= maxLength);
      }),
      propertyParameters(),
    );
    assert.equal(pathSegment('..'), '_');
  });
});
