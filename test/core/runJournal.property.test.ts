// A run's journal read back after a crash at any point: every prefix of the lines replays to the state the run had
// after those events (the same as recordStarted/recordOutcome built in memory), a torn last line (cut anywhere, or
// followed by garbage) is ignored and flagged, and a damaged header or middle line is refused, never guessed.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { IdOutcome } from '../../src/core/bulk/report';
import { JournalEvent, ReplayedJournal, isDamagedJournal, journalHeader, journalLine, replayJournal } from '../../src/core/bulk/runJournal';
import { BulkRunState, createBulkRunState } from '../../src/core/bulk/runState';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { recordOutcome, recordStarted, serialiseBulkRunState } from '../support/bulkRunRecords';

const reason = fc.string({ maxLength: 40, unit: 'binary' });
const outcome: fc.Arbitrary<IdOutcome> = fc.oneof(
  fc.record({ kind: fc.constant('succeeded' as const), attempts: fc.nat(5) }),
  fc.record({ kind: fc.constant('succeeded' as const), attempts: fc.nat(5), serverMessage: reason }),
  fc.record({ kind: fc.constant('succeeded' as const), attempts: fc.nat(5), foundGone: fc.constant(true as const) }),
  fc.record({ kind: fc.constantFrom('failed' as const, 'unknown' as const), reason, attempts: fc.nat(5), status: fc.integer({ min: 100, max: 599 }) }),
  fc.record({ kind: fc.constantFrom('failed' as const, 'unknown' as const), reason, attempts: fc.nat(5) }),
  fc.constant({ kind: 'notAttempted' as const }),
);

const run = fc
  .uniqueArray(fc.stringMatching(/^cl-[0-9a-zA-Zé_-]{1,12}$/).filter((id) => /^[\x21-\x7e]+$/.test(id)), { minLength: 1, maxLength: 6 })
  .chain((ids) =>
    fc.record({
      ids: fc.constant(ids),
      events: fc.array(
        fc.oneof(
          fc.record({ e: fc.constant('started' as const), id: fc.constantFrom(...ids) }),
          fc.record({ e: fc.constant('outcome' as const), id: fc.constantFrom(...ids), outcome }),
          fc.record({ e: fc.constant('heartbeat' as const), owner: fc.constantFrom('window-a', 'window-b'), at: fc.integer({ min: 0, max: 2 ** 40 }) }),
        ),
        { maxLength: 12 },
      ),
      target: fc.option(fc.record({ host: fc.constant('https://bots.kore.ai'), iid: fc.constant('st-1'), accountId: fc.constant('acc-1') }), { nil: undefined }),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 13, maxLength: 13 }),
      garbage: fc.string({ minLength: 1, maxLength: 20 }).filter((text) => !text.includes('\n')),
    }),
  );

interface Expected {
  readonly state: BulkRunState;
  readonly owner: string | undefined;
  readonly lastHeartbeat: number;
}

/** What the run had in memory after each event: index k is the state after the first k events. */
function expectedAfterEach(start: BulkRunState, events: readonly JournalEvent[]): Expected[] {
  const expected: Expected[] = [{ state: start, owner: undefined, lastHeartbeat: start.createdAt }];
  for (const event of events) {
    const previous = expected[expected.length - 1];
    if (event.e === 'heartbeat') expected.push({ ...previous, owner: event.owner, lastHeartbeat: event.at });
    else if (event.e === 'started') expected.push({ ...previous, state: recordStarted(previous.state, event.id) });
    else expected.push({ ...previous, state: recordOutcome(previous.state, event.id, event.outcome) });
  }
  return expected;
}

function assertReplays(text: string, expected: Expected, torn: boolean): void {
  const replayed = replayJournal(text);
  assert.ok(!isDamagedJournal(replayed), `refused: ${isDamagedJournal(replayed) ? replayed.damaged : ''}`);
  const read: ReplayedJournal = replayed;
  assert.equal(serialiseBulkRunState(read.state), serialiseBulkRunState(expected.state));
  assert.equal(read.owner, expected.owner);
  assert.equal(read.lastHeartbeat, expected.lastHeartbeat);
  assert.equal(read.damagedTail, torn);
}

describe('runJournal (properties)', function () {
  this.timeout(propertyTimeoutMs());

  it('replays every prefix of its lines, whole or with the next line torn anywhere or followed by garbage, to the state after those events', () => {
    fc.assert(
      fc.property(run, ({ ids, events, target, cuts, garbage }) => {
        const start = createBulkRunState({ runId: 'run-1', environmentId: 'env-1', ids, createdAt: 1_700_000_000_000, ...(target ? { target } : {}) });
        const header = journalHeader(start);
        const lines = events.map((event) => journalLine(event));
        const expected = expectedAfterEach(start, events);
        let text = header;
        for (let k = 0; k <= lines.length; k++) {
          assertReplays(text, expected[k], false);
          const intact = replayJournal(text);
          assert.equal(!isDamagedJournal(intact) && intact.intactBytes, Buffer.byteLength(text));
          assertReplays(text + garbage, expected[k], true);
          if (k === lines.length) break;
          // The next line's write torn at some point: what it announced is not read.
          const next = lines[k];
          const torn = next.slice(0, Math.floor(cuts[k] * (next.length - 1)));
          if (torn.length > 0) assertReplays(text + torn, expected[k], true);
          const tornRead = replayJournal(text + torn);
          assert.equal(!isDamagedJournal(tornRead) && tornRead.intactBytes, Buffer.byteLength(text), 'a resuming writer cuts the torn tail off exactly');
          text += next;
        }
        // A torn header: nothing was announced, but nothing is guessed either.
        assert.ok(isDamagedJournal(replayJournal(header.slice(0, Math.floor(cuts[0] * (header.length - 1))))));
      }),
      propertyParameters(),
    );
  });

  it('refuses a journal with a damaged line followed by others (not a torn write), or an event for an id the run was not given', () => {
    fc.assert(
      fc.property(run, ({ ids, events, garbage }) => {
        const start = createBulkRunState({ runId: 'run-1', environmentId: 'env-1', ids, createdAt: 1 });
        const body = events.map((event) => journalLine(event)).join('');
        const damaged = replayJournal(`${journalHeader(start)}{${garbage}\n${body}${journalLine({ e: 'started', id: ids[0] })}`);
        assert.ok(isDamagedJournal(damaged));
        const stranger = replayJournal(`${journalHeader(start)}${journalLine({ e: 'started', id: 'cl-not-in-this-run' })}${body}${journalLine({ e: 'started', id: ids[0] })}`);
        assert.ok(isDamagedJournal(stranger));
      }),
      propertyParameters(),
    );
  });
});
