// The response editor's title: list name, id and environment, safe to show and to use as a URI path segment.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_PATH_SEGMENT_LENGTH, pathSegment, responseTitle } from '../../src/core/responseTitle';
import { hasUnsafeCharacter } from '../../src/core/textSafety';
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

  it('never yields a segment that is empty, a dot segment, holds a separator, a URI delimiter or an unsafe character, or is too long', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const segment = pathSegment(text);
        assert.notEqual(segment, '');
        assert.doesNotMatch(segment, /^\.+$|[/\\?#%]/);
        assert.equal(hasUnsafeCharacter(segment), false);
        assert.ok(Array.from(segment).length <= MAX_PATH_SEGMENT_LENGTH);
      }),
      propertyParameters(),
    );
    assert.equal(pathSegment('..'), '_');
  });
});
