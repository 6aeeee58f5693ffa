import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditEntry } from '../../src/core/audit/auditEntry';
import { DELETE_OUTCOMES } from '../../src/core/failures/deleteOutcome';
import {
  HistoryFilter,
  MAX_FILTER_TEXT_LENGTH,
  describeFilter,
  historyFilterPredicate,
  isFilterActive,
  normalizeFilter,
} from '../../src/core/audit/historyFilter';
import { oneLine } from '../../src/core/text/textSafety';
import { propertyParameters } from '../support/propertyRuns';

/** One entry against one filter, through the predicate History prepares once per filter. */
function matchesHistoryFilter(candidate: AuditEntry, filter: HistoryFilter): boolean {
  return historyFilterPredicate(filter)(candidate);
}

function entry(fields: Partial<AuditEntry> & { environmentName?: string } = {}): AuditEntry {
  const { environmentName = 'Prod', ...rest } = fields;
  return {
    time: '2026-01-01T00:00:00.000Z',
    environment: { name: environmentName, host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
    contactListId: 'cl-1',
    outcome: 'deleted',
    durationMs: 1,
    message: 'Contact list cl-1 deleted successfully',
    ...rest,
  };
}

describe('History filter', () => {
  it('keeps everything without a filter, and an empty or blank part is no filter', () => {
    assert.equal(isFilterActive({}), false);
    assert.equal(isFilterActive({ text: '  \u200b ', environment: '' }), false);
    assert.deepEqual(normalizeFilter({ text: ' \t', environment: '\u2066' }), {});
    assert.equal(matchesHistoryFilter(entry(), { text: '   ' }), true);
  });

  it('filters by outcome and by environment name', () => {
    const failedInTest = entry({ outcome: 'failed', environmentName: 'Test' });
    assert.equal(matchesHistoryFilter(failedInTest, { outcome: 'failed' }), true);
    assert.equal(matchesHistoryFilter(failedInTest, { outcome: 'deleted' }), false);
    assert.equal(matchesHistoryFilter(failedInTest, { environment: 'Test' }), true);
    assert.equal(matchesHistoryFilter(failedInTest, { environment: 'Prod' }), false);
    assert.equal(matchesHistoryFilter(failedInTest, { environment: 'Test', outcome: 'unknown' }), false, 'every part must match');
  });

  it('finds text in the list id, list name, environment name or message, in any case', () => {
    const e = entry({ contactListId: 'cl-ABC', contactListName: 'Renewal Due', environmentName: 'Staging EU', message: 'HTTP 409 conflict' });
    for (const text of ['abc', 'renewal due', 'staging', '409 CONFLICT']) assert.equal(matchesHistoryFilter(e, { text }), true, text);
    assert.equal(matchesHistoryFilter(e, { text: 'nowhere' }), false);
  });

  it('matches what History shows: hidden characters in the trail neither hide an entry nor split look-alike names', () => {
    // A hand-edited trail: a zero-width space inside the name, a right-to-left override in the message.
    const hostile = entry({ environmentName: 'Pro\u200bd', message: 'dele\u202eted', contactListName: 'Renewal\n\nDue' });
    assert.equal(matchesHistoryFilter(hostile, { environment: 'Pro d' }), true, 'the environment as shown');
    assert.equal(matchesHistoryFilter(hostile, { text: 'renewal due' }), true, 'line breaks shown as one space');
    assert.equal(matchesHistoryFilter(hostile, { text: 'dele ted' }), true);
  });

  it('folds case one character at a time (a final capital sigma still contains a capital sigma)', () => {
    assert.equal(matchesHistoryFilter(entry({ contactListName: 'ΑΣ' }), { text: 'Σ' }), true);
  });

  it('keeps at most MAX_FILTER_TEXT_LENGTH characters of text, never half a surrogate pair', () => {
    const long = `${'a'.repeat(MAX_FILTER_TEXT_LENGTH - 1)}😀😀`;
    const kept = normalizeFilter({ text: long }).text ?? '';
    assert.equal(Array.from(kept).length, MAX_FILTER_TEXT_LENGTH);
    assert.ok(kept.endsWith('😀'));
  });

  it('describes the filter on one safe line', () => {
    const description = describeFilter({ environment: 'Prod\u202eEU', outcome: 'failed', text: 'line\nbreak' });
    assert.equal(description, 'environment "Prod EU", outcome Failed, text "line break"');
  });

  describe('property', () => {
    const hostileText = fc.string({ unit: fc.constantFrom('a', 'B', 'Σ', 'ß', 'İ', ' ', '\n', '\u200b', '\u202e', 'é', '😀', '-', '1'), maxLength: 12 });
    const entryArb = fc.record({
      contactListId: hostileText,
      contactListName: fc.option(hostileText, { nil: undefined }),
      environmentName: hostileText,
      message: hostileText,
      outcome: fc.constantFrom(...DELETE_OUTCOMES),
    });

    /** The filter's meaning, written independently: each part that is set must hold. */
    function specMatches(e: AuditEntry, filter: HistoryFilter): boolean {
      const shown = (text: string) => oneLine(text, Number.POSITIVE_INFINITY);
      const lower = (text: string) => Array.from(text, (character) => character.toLowerCase()).join('');
      const environment = shown(filter.environment ?? '');
      const text = lower(Array.from(shown(filter.text ?? '')).slice(0, MAX_FILTER_TEXT_LENGTH).join('').trim());
      if (filter.outcome && e.outcome !== filter.outcome) return false;
      if (environment && shown(e.environment.name) !== environment) return false;
      if (!text) return true;
      return [e.contactListId, e.contactListName ?? '', e.environment.name, e.message].some((field) => lower(shown(field)).includes(text));
    }

    it('never returns an entry that does not match, and never drops one that does', () => {
      // Filters are drawn partly from the entries themselves (a slice of a field), so that matches are common.
      const scenario = fc.array(entryArb, { minLength: 1, maxLength: 8 }).chain((raw) =>
        fc.tuple(
          fc.constant(raw),
          fc.record({
            environment: fc.option(fc.oneof(hostileText, fc.constantFrom(...raw.map((e) => e.environmentName))), { nil: undefined }),
            outcome: fc.option(fc.constantFrom(...DELETE_OUTCOMES), { nil: undefined }),
            text: fc.option(
              fc.oneof(
                hostileText,
                fc.tuple(fc.constantFrom(...raw.flatMap((e) => [e.contactListId, e.message, e.environmentName])), fc.nat(), fc.nat()).map(([field, a, b]) =>
                  field.slice(Math.min(a, b) % (field.length + 1), Math.max(a, b) % (field.length + 1)),
                ),
              ),
              { nil: undefined },
            ),
          }),
        ),
      );
      fc.assert(
        fc.property(scenario, ([raw, filter]) => {
          const entries = raw.map(({ environmentName, ...rest }) => entry({ ...rest, environmentName }));
          const kept = entries.filter(historyFilterPredicate(filter));
          const expected = entries.filter((e) => specMatches(e, filter));
          assert.deepEqual(kept, expected);
        }),
        propertyParameters(),
      );
    });
  });
});
