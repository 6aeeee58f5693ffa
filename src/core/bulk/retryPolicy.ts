// When a bulk run retries a list: which failures, after how long, and how many times.
import * as l10n from '@vscode/l10n';
import { IdOutcome } from './report';
import { RetryVerdict } from './verdict';

export const DEFAULT_MAX_RETRIES = 3;

/**
 * Delays doubling from `baseMs` up to `maxMs`, each between half and all of that ("equal jitter"): workers
 * that failed together do not all come back at the same instant, and none retries at once.
 */
export function exponentialBackoff(options: { baseMs?: number; maxMs?: number; random?: () => number } = {}): (retry: number) => number {
  const { baseMs = 1_000, maxMs = 30_000, random = Math.random } = options;
  return (retry) => {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
    return ceiling / 2 + random() * (ceiling / 2);
  };
}

/** One id's attempts so far in this run: what every ending is worded from. */
export interface AttemptsSoFar {
  /** DELETEs sent for it in this run. */
  readonly attempts: number;
  /** The last answer that was to be retried. */
  readonly last?: RetryVerdict;
  /** What an earlier attempt whose outcome is unknown ended with: a later 404 may then be our own doing. */
  readonly ambiguous?: string;
}

/** The outcome of an id whose retries are used up; `last` is the answer that would have been retried. */
export function exhausted(last: RetryVerdict, attempts: number, ambiguous: string | undefined): IdOutcome {
  const status = last.status === undefined ? {} : { status: last.status };
  if (attempts === 1) {
    // maxRetries 0: nothing was retried, so say what happened rather than "after 1 attempts".
    return ambiguous === undefined
      ? { kind: 'failed', reason: l10n.t('Rate-limited (HTTP 429) and retries are off, so it was not deleted.'), attempts, ...status }
      : { kind: 'unknown', reason: l10n.t('Ended with {0} and retries are off, so whether it was deleted is unknown.', last.what), attempts, ...status };
  }
  if (ambiguous === undefined) {
    return { kind: 'failed', reason: l10n.t('Still rate-limited (HTTP 429) after {0} attempts, so it was not deleted.', attempts), attempts, ...status };
  }
  if (last.ambiguous) {
    return { kind: 'unknown', reason: l10n.t('Gave up after {0} attempts ({1}), so whether it was deleted is unknown.', attempts, last.what), attempts, ...status };
  }
  return {
    kind: 'unknown',
    reason: l10n.t('Gave up after {0} attempts (the last: {1}); an earlier attempt ({2}) may have deleted it, so whether it was deleted is unknown.', attempts, last.what, ambiguous),
    attempts,
    ...status,
  };
}

/** The outcome of an id whose retry will not happen because the run stopped; `untouched` if nothing was sent. */
export function interrupted(so: AttemptsSoFar, untouched: IdOutcome): IdOutcome {
  const { attempts, last, ambiguous } = so;
  if (attempts === 0 || !last) return untouched;
  const status = last.status === undefined ? {} : { status: last.status };
  if (ambiguous === undefined) {
    return { kind: 'failed', reason: l10n.t('Not retried because the run stopped; the last attempt was refused with {0}, so it was not deleted.', last.what), attempts, ...status };
  }
  return { kind: 'unknown', reason: l10n.t('Not retried because the run stopped; an earlier attempt ({0}) may have deleted it, so whether it was deleted is unknown.', ambiguous), attempts, ...status };
}

/**
 * An id the look-up could not settle (`why`): it is not sent again, and stays unknown. `earlier` is the outcome an
 * earlier run left it with, when this run was to look it up first.
 */
export function unsettledByLookUp(so: AttemptsSoFar, earlier: IdOutcome | undefined, why: string): IdOutcome {
  const { attempts, last, ambiguous } = so;
  const status = last?.status === undefined ? {} : { status: last.status };
  if (attempts === 0 && earlier !== undefined && 'reason' in earlier) {
    return { kind: 'unknown', reason: l10n.t('{0} A look-up before sending it again could not tell whether it still exists ({1}), so it was not sent again.', earlier.reason, why), attempts: earlier.attempts };
  }
  return {
    kind: 'unknown',
    reason: l10n.t('Not retried: an earlier attempt ({0}) may have deleted it, and a look-up could not tell whether it still exists ({1}), so whether it was deleted is unknown.', ambiguous ?? l10n.t('in an earlier run'), why),
    attempts,
    ...status,
  };
}
