// Bulk run states built the way a run builds them, and saved the way versions before the run journals saved them
// in globalState (src/core/bulk/legacyRuns.ts reads that format; nothing in src writes it any more). Tests use
// these to set up what an earlier run left behind, and as the expected state a journal must replay to.
import { Observer } from '../../src/core/bulk/runOwnership';
import { BulkRunState, RunStateEntry } from '../../src/core/bulk/runState';
import { IdOutcome } from '../../src/core/bulk/report';

function withEntry(state: BulkRunState, id: string, entry: RunStateEntry): BulkRunState {
  if (!state.ids.includes(id)) return state;
  const outcomes = new Map(state.outcomes);
  outcomes.set(id, entry);
  return { ...state, outcomes };
}

/** The state once a DELETE of `id` may be on its way (a journal's `started` line). An id outside the run is ignored. */
export function recordStarted(state: BulkRunState, id: string): BulkRunState {
  return withEntry(state, id, { kind: 'started' });
}

/** The state once `id` ended in `outcome` (a journal's `outcome` line). */
export function recordOutcome(state: BulkRunState, id: string, outcome: IdOutcome): BulkRunState {
  return withEntry(state, id, outcome);
}

/** A state as earlier versions saved it. */
export function serialiseBulkRunState(state: BulkRunState): string {
  return JSON.stringify({
    // Spelled out, not taken from the reader: this is what earlier versions wrote, whatever the reader becomes.
    version: 1,
    runId: state.runId,
    environmentId: state.environmentId,
    ...(state.target ? { target: state.target } : {}),
    createdAt: state.createdAt,
    ids: state.ids,
    // Object.fromEntries defines own properties, so even an id such as "__proto__" round-trips.
    outcomes: Object.fromEntries(state.outcomes),
  });
}

/** The globalState value of a run, as an earlier version saved it from the window `observer.session`. */
export function ownedRunRecord(state: BulkRunState, observer: Observer): string {
  return JSON.stringify({ owner: observer.session, updatedAt: observer.now, state: serialiseBulkRunState(state) });
}
