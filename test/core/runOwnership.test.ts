// Which saved bulk runs a window may resume: its own, or one no other window has saved for ALIVE_MS; never one
// older than the resume window; and an unreadable record is set aside, never dropped or offered.
import * as assert from 'node:assert/strict';
import { ALIVE_MS, RESUME_WINDOW_MS, newestFirst } from '../../src/core/bulk/runOwnership';
import { createBulkRunState } from '../../src/core/bulk/runState';
import { runDisposition } from '../../src/core/bulk/legacyRuns';
import { ownedRunRecord, recordStarted, serialiseBulkRunState } from '../support/bulkRunRecords';

const NOW = 1_700_000_000_000;
const state = createBulkRunState({ runId: 'run-1', environmentId: 'env-1', ids: ['cl-a', 'cl-b'], createdAt: NOW - 60_000 });

function savedBy(session: string, updatedAt: number, saved = state): string {
  return ownedRunRecord(saved, { session, now: updatedAt });
}

describe('runOwnership', () => {
  it('offers a run this window saved, even a moment ago, with its state as saved', () => {
    const started = recordStarted(state, 'cl-a');
    const disposition = runDisposition(savedBy('me', NOW - 1, started), { session: 'me', now: NOW });
    assert.equal(disposition.kind, 'resumable');
    assert.equal(disposition.kind === 'resumable' && serialiseBulkRunState(disposition.state), serialiseBulkRunState(started));
  });

  it('leaves alone a run another window saved within ALIVE_MS, and offers it once that window has gone quiet', () => {
    assert.deepEqual(runDisposition(savedBy('other', NOW - ALIVE_MS + 1), { session: 'me', now: NOW }), { kind: 'drivenElsewhere' });
    assert.equal(runDisposition(savedBy('other', NOW - ALIVE_MS), { session: 'me', now: NOW }).kind, 'resumable');
  });

  it('drops a run older than the resume window (seven days), whoever saved it', () => {
    assert.equal(RESUME_WINDOW_MS, 7 * 24 * 3600 * 1000);
    const old = createBulkRunState({ runId: 'old', environmentId: 'env-1', ids: ['cl-a'], createdAt: NOW - RESUME_WINDOW_MS - 1 });
    assert.deepEqual(runDisposition(savedBy('me', NOW, old), { session: 'me', now: NOW }), { kind: 'expired' });
    assert.deepEqual(runDisposition(savedBy('other', NOW, old), { session: 'me', now: NOW }), { kind: 'expired' });
    const justInside = createBulkRunState({ runId: 'edge', environmentId: 'env-1', ids: ['cl-a'], createdAt: NOW - RESUME_WINDOW_MS });
    assert.equal(runDisposition(savedBy('me', NOW, justInside), { session: 'me', now: NOW }).kind, 'resumable');
  });

  it('sets aside whatever cannot be read: not text, not an envelope, or a state that does not parse', () => {
    const observer = { session: 'me', now: NOW };
    const damaged: unknown[] = [
      undefined,
      42,
      { owner: 'me' },
      '',
      'not json',
      JSON.stringify({ owner: 'me', updatedAt: 'yesterday', state: serialiseBulkRunState(state) }),
      JSON.stringify({ owner: 7, updatedAt: NOW, state: serialiseBulkRunState(state) }),
      '{"owner":"session-0","updatedAt":1,"state":"{\\"version\\":1,\\"ids\\":[\\"cl-a\\""}',
    ];
    for (const stored of damaged) assert.deepEqual(runDisposition(stored, observer), { kind: 'damaged' }, JSON.stringify(stored));
  });

  it('offers the newest run first', () => {
    const runs = [1, 3, 2].map((n) => createBulkRunState({ runId: `run-${n}`, environmentId: 'env-1', ids: ['cl-a'], createdAt: n }));
    assert.deepEqual(newestFirst(runs).map((run) => run.runId), ['run-3', 'run-2', 'run-1']);
    assert.deepEqual(runs.map((run) => run.runId), ['run-1', 'run-3', 'run-2'], 'the given list is left as it was');
  });
});
