// Which saved bulk runs a window may offer to resume. Several windows share the same store: a run another window
// is still driving is never offered (that would send its DELETEs twice), old runs are dropped (the lists have
// likely changed since), and a saved run that cannot be read is never dropped: it may be the only record of
// DELETEs already sent, so it is set aside for the user to be told about once. Pure: the stores
// (core/bulk/journalStore.ts, over journal files with an owner and a heartbeat; legacyRuns.ts for runs an earlier
// version left in globalState) only read and write what this decides.
import { DamagedJournal, OwnerProcess, ReplayedJournal, isDamagedJournal } from './runJournal';
import { BulkRunState } from './runState';

/** A run saved more recently than this by another window is taken to be running there. */
export const ALIVE_MS = 2 * 60_000;
/** Older runs are not offered. */
export const RESUME_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** Who asks, and when: ownership is decided relative to this window's session. */
export interface Observer {
  readonly session: string;
  /** Epoch milliseconds. */
  readonly now: number;
}

/** What to do with one stored run. */
export type RunDisposition =
  | { readonly kind: 'resumable'; readonly state: BulkRunState }
  /** Another window saved it within ALIVE_MS: leave it alone, do not offer it. */
  | { readonly kind: 'drivenElsewhere' }
  /** Older than RESUME_WINDOW_MS: remove it. */
  | { readonly kind: 'expired' }
  /** Unreadable: keep it aside, unchanged, and remove it from the runs. */
  | { readonly kind: 'damaged' };

/**
 * Decides one run journal, replayed (runJournal.ts): the same rule, with the last heartbeat as the time the owner
 * was last heard of. A journal with no heartbeat has no owner to wait for, and neither has one whose owner's
 * process is known to be gone (`processGone`: a crashed or killed window on this machine), so a run is offered
 * again as soon as the window that drove it is restarted, not ALIVE_MS later.
 */
export function journalDisposition(replayed: ReplayedJournal | DamagedJournal, observer: Observer, processGone: (owner: OwnerProcess) => boolean = () => false): RunDisposition {
  if (isDamagedJournal(replayed)) return { kind: 'damaged' };
  const gone = replayed.ownerProcess !== undefined && processGone(replayed.ownerProcess);
  const heard = replayed.owner === undefined || gone ? undefined : { owner: replayed.owner, at: replayed.lastHeartbeat };
  return ownedDisposition(replayed.state, heard, observer);
}

/** The rule for a run whose owner was last heard of `heard` (undefined: nobody to wait for). */
export function ownedDisposition(state: BulkRunState, heard: { owner: string; at: number } | undefined, observer: Observer): RunDisposition {
  if (observer.now - state.createdAt > RESUME_WINDOW_MS) return { kind: 'expired' };
  const drivenElsewhere = heard !== undefined && heard.owner !== observer.session && observer.now - heard.at < ALIVE_MS;
  return drivenElsewhere ? { kind: 'drivenElsewhere' } : { kind: 'resumable', state };
}

/** Newest first, as they are offered. */
export function newestFirst(runs: readonly BulkRunState[]): BulkRunState[] {
  return [...runs].sort((a, b) => b.createdAt - a.createdAt);
}
