// Deletes many contact lists: paced by the rate limiter, a few at a time, retrying only what is safe to
// retry, cancellable, and resumable. A DELETE whose outcome cannot be known (a timeout, a cancel, a broken
// connection) is never re-sent on its own: it may have been applied, and the user must look before acting.
// Every id ends in exactly one bucket of the report: succeeded, failed, unknown or not attempted. Given a
// look-up (GET), an id whose earlier DELETE may have been applied is looked up before it is sent again.
import { connectionBroke, deleteOutcomeOf, lookUpOutcomeOf } from './deleteOutcome';
import { KoreCallResult, MAX_RETRY_AFTER_SECONDS } from './koreResult';
import { RateLimiter } from './rateLimiter';
import { briefFailureReason } from './resultMessages';
import { oneLine } from './textSafety';
import { Translate, formatTemplate } from './translate';
import { validateContactListId } from './validation';

/** A reason in the report: long enough for a server's sentence and ours around it. */
const MAX_REASON = 1000;
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_RETRIES = 3;
/** The longest Retry-After a run waits (parseRetryAfter already clamps to it). */
export const MAX_RETRY_AFTER_MS = MAX_RETRY_AFTER_SECONDS * 1000;

/**
 * What a request function returns when it sent nothing (no token could be made, cancelled before sending):
 * the id was not attempted, and since the same cause meets every other id, the run stops with `reason`.
 */
export interface NotSent {
  readonly kind: 'notSent';
  readonly reason: string;
}

export function notSent(reason: string): NotSent {
  return { kind: 'notSent', reason };
}

export function isNotSent(value: KoreCallResult | NotSent): value is NotSent {
  return 'kind' in value && value.kind === 'notSent';
}

/**
 * Sends one DELETE. The runner is not an HTTP client: the caller binds the environment and token. It returns
 * NotSent when it knows nothing left (a throw is taken to mean it may have been sent: unknown).
 */
export type DeleteOne = (id: string, signal: AbortSignal) => Promise<KoreCallResult | NotSent>;

/** Looks one list up (GET), as DeleteOne sends a DELETE: a 404 means it is gone. */
export type LookUpOne = (id: string, signal: AbortSignal) => Promise<KoreCallResult | NotSent>;

/** Where one id ended. `attempts` counts the DELETEs sent for it in the run that decided it. */
export type IdOutcome =
  /** `foundGone`: not confirmed by a DELETE's answer, but a look-up after one that may have applied found it gone. */
  | { readonly kind: 'succeeded'; readonly serverMessage?: string; readonly attempts: number; readonly foundGone?: true }
  /** Not deleted, as far as can be known: the server refused, or the request never left. */
  | { readonly kind: 'failed'; readonly reason: string; readonly status?: number; readonly attempts: number }
  /** May or may not have been deleted: look it up before doing anything else with it. */
  | { readonly kind: 'unknown'; readonly reason: string; readonly status?: number; readonly attempts: number }
  /** No DELETE was sent for it: safe to run again. */
  | { readonly kind: 'notAttempted' };

export interface BulkDeletionOptions {
  readonly ids: readonly string[];
  readonly deleteOne: DeleteOne;
  /** Paces every request, retries included. Its clock is the runner's clock (backoff, ETA, Retry-After). */
  readonly limiter: RateLimiter;
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Retries of a 429, a 5xx without a body, or a broken connection. Default 3. */
  readonly maxRetries?: number;
  /** Milliseconds to wait before retry number `retry` (1-based). Default exponentialBackoff(). */
  readonly backoffMs?: (retry: number) => number;
  /** Called at the start and after each id is decided. `etaMs` estimates the time left. */
  readonly onProgress?: (done: number, total: number, etaMs: number) => void;
  /** Cancels: no new request starts, and requests in flight are aborted (and reported unknown). */
  readonly signal?: AbortSignal;
  /**
   * Ids decided by an earlier run (see planResume): they are not sent again and are reported with their
   * earlier outcome. A plain set means "these succeeded". A `notAttempted` entry is run as usual.
   */
  readonly completed?: ReadonlyMap<string, IdOutcome> | ReadonlySet<string>;
  /**
   * Ids an earlier run left unknown (see planResume with retryUnknown), with that outcome: each is looked up
   * before any DELETE, and sent only if it still exists. Without `lookUp` they are not sent and stay unknown.
   * An unknown id in `completed` but not here keeps its earlier outcome: it is never sent without a look-up.
   */
  readonly lookUpFirst?: ReadonlyMap<string, IdOutcome>;
  /**
   * Looks a list up. Used for `lookUpFirst`, and before retrying a DELETE whose answer may have been applied
   * (a gateway error, a broken connection): gone means deleted, exists means it may be sent again, anything
   * else leaves it unknown. Without it, such a retry is sent as is (a later 404 is then reported unknown).
   */
  readonly lookUp?: LookUpOne;
  /**
   * Awaited before the first DELETE of an id is sent, so the caller can record that a DELETE may be on its
   * way before it is (a window closed mid-request must not let a resume send it again). If it throws, the
   * run stops without sending that DELETE.
   */
  readonly onStarting?: (id: string) => void | Promise<void>;
  /**
   * Called when an id is succeeded, failed or unknown; and with notAttempted for an id whose onStarting ran
   * but whose DELETE was then not sent (cancelled in between), so its "started" record can be corrected.
   */
  readonly onSettled?: (id: string, outcome: IdOutcome) => void;
  readonly t?: Translate;
}

export interface SucceededEntry {
  readonly id: string;
  readonly serverMessage?: string;
  readonly attempts: number;
  /** A look-up found it gone after a DELETE that may have been applied. */
  readonly foundGone?: true;
  /** Decided by an earlier run that this one resumed. */
  readonly fromEarlierRun?: true;
}

export interface FailedEntry {
  readonly id: string;
  /** One line, for a user. */
  readonly reason: string;
  readonly status?: number;
  readonly attempts: number;
  readonly fromEarlierRun?: true;
}

export interface BulkDeletionReport {
  /** Unique ids given. */
  readonly total: number;
  readonly succeeded: readonly SucceededEntry[];
  readonly failed: readonly FailedEntry[];
  readonly unknown: readonly FailedEntry[];
  readonly notAttempted: readonly string[];
  /** The caller's signal aborted the run. */
  readonly cancelled: boolean;
  /** Why the run stopped by itself before trying every id (a refused token, an unreachable host…). */
  readonly stoppedEarly?: string;
  readonly durationMs: number;
}

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


type Verdict =
  | { readonly kind: 'succeeded'; readonly serverMessage?: string }
  | {
      readonly kind: 'failed' | 'unknown';
      readonly reason: string;
      readonly status?: number;
      /** Set when every other id would meet the same answer: the run stops starting new ones. */
      readonly stopsRun?: boolean;
    }
  | {
      readonly kind: 'retry';
      /** A 429 was refused before processing; a gateway error or a broken connection may have been applied. */
      readonly ambiguous: boolean;
      /** A few words for a reason sentence: "HTTP 502", "the connection broke (ECONNRESET)". */
      readonly what: string;
      readonly status?: number;
      readonly rateLimited: boolean;
      readonly retryAfterMs?: number;
    };

function statusOf(result: KoreCallResult): number | undefined {
  const exchange = result.exchange;
  return exchange.kind === 'response' || exchange.kind === 'redirect' || exchange.kind === 'tooLarge' ? exchange.status : undefined;
}

/**
 * What one answer means for the id, before retries are counted. Whether it was deleted, failed or is unknown
 * is deleteOutcomeOf's decision, the one the single delete and the audit trail use; this adds only which
 * answers are worth retrying, which stop the run, and the words for the report.
 */
function judge(result: KoreCallResult, t: Translate): Verdict {
  const outcome = deleteOutcomeOf(result);
  if (outcome === 'deleted') return { kind: 'succeeded', ...(result.serverMessage ? { serverMessage: result.serverMessage } : {}) };
  const status = statusOf(result);
  const withStatus = status === undefined ? {} : { status };
  const exchange = result.exchange;
  if (result.failure === 'http' && status === 429) {
    const retryAfterMs = result.retryAfterSeconds === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, result.retryAfterSeconds * 1000);
    return { kind: 'retry', ambiguous: false, what: 'HTTP 429', rateLimited: true, ...withStatus, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  // No JSON body: a gateway or load balancer answered (an HTML page, or nothing), worth a few retries.
  if (result.failure === 'http' && status !== undefined && status >= 500 && result.json === undefined) {
    return { kind: 'retry', ambiguous: true, what: `HTTP ${status}`, rateLimited: false, ...withStatus };
  }
  // A broken connection is usually a pooled one the server had closed, so it is retried; a later 404 is then
  // reported unknown, not failed (see processOne), unless a look-up settles it first.
  if (result.failure === 'network' && exchange.kind === 'network' && connectionBroke(exchange.code)) {
    return { kind: 'retry', ambiguous: true, what: t('the connection broke ({0})', exchange.code), rateLimited: false };
  }
  const { reason, stopsRun } = explain(result, outcome, t);
  return { kind: outcome, reason, ...withStatus, ...(stopsRun ? { stopsRun } : {}) };
}

/** The report's sentence for an answer that is not retried, worded for its outcome. */
function explain(result: KoreCallResult, outcome: 'failed' | 'unknown', t: Translate): { reason: string; stopsRun?: true } {
  const status = statusOf(result) ?? 0;
  const said = result.serverMessage;
  const exchange = result.exchange;
  switch (result.failure) {
    case 'http': {
      if (outcome === 'unknown') {
        return {
          reason: said
            ? t('Server error (HTTP {0}: "{1}"), so whether it was deleted is unknown.', status, said)
            : t('Server error (HTTP {0}), so whether it was deleted is unknown.', status),
        };
      }
      if (status === 404) return { reason: said ? t('Not found (HTTP 404): "{0}".', said) : t('Not found (HTTP 404).') };
      const reason = said ? t('Refused with HTTP {0}: "{1}".', status, said) : t('Refused with HTTP {0}.', status);
      // A refused token or app is refused for every list: sending the rest would only burn the rate limit.
      return status === 401 || status === 403 ? { reason, stopsRun: true } : { reason };
    }
    case 'apiFailure':
      return { reason: said ? t('The server could not delete it: "{0}".', said) : t('The server answered "failure" without saying why.') };
    case 'unconfirmed':
      return {
        reason: said
          ? t('HTTP {0}, but the answer does not confirm the deletion ("{1}"), so whether it was deleted is unknown.', status, said)
          : t('HTTP {0}, but the answer does not confirm the deletion, so whether it was deleted is unknown.', status),
      };
    case 'notJson':
      return { reason: t('HTTP {0} with a body that is not JSON, so whether it was deleted is unknown.', status) };
    case 'emptyBody':
      return { reason: t('HTTP {0} with an empty body, so whether it was deleted is unknown.', status) };
    case 'tooLarge':
      return { reason: t('The answer (HTTP {0}) was too large to read, so whether it was deleted is unknown.', status) };
    case 'redirect':
      return { reason: t('Redirected (HTTP {0}); the redirect was not followed, so the token stayed with this host.', status), stopsRun: true };
    case 'timeout':
      return { reason: t('No answer within {0} s, so whether it was deleted is unknown.', exchange.kind === 'timeout' ? Math.round(exchange.timeoutMs / 100) / 10 : 0) };
    case 'refused':
      return { reason: t('Not sent: its address would not have been the list\'s own ({0}).', exchange.kind === 'refused' ? exchange.detail : '') };
    case 'cancelled':
      return { reason: t('Cancelled while the request was on its way, so whether it was deleted is unknown.') };
    case 'network': {
      const code = exchange.kind === 'network' ? exchange.code : 'UNKNOWN';
      // Nothing was deleted, and no other id will get through either.
      if (outcome === 'failed') return { reason: t('Could not reach the server ({0}); nothing was sent.', code), stopsRun: true };
      return { reason: t('The request failed ({0}), so whether it was deleted is unknown.', code) };
    }
    default:
      return outcome === 'failed'
        ? { reason: t('The request failed, so it was not deleted.') }
        : { reason: t('The request failed, so whether it was deleted is unknown.') };
  }
}

type RetryVerdict = Extract<Verdict, { kind: 'retry' }>;

export async function runBulkDeletion(options: BulkDeletionOptions): Promise<BulkDeletionReport> {
  const t = options.t ?? formatTemplate;
  const { limiter, deleteOne } = options;
  const clock = limiter.clock;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES));
  const backoff = options.backoffMs ?? exponentialBackoff();
  const startedAt = clock.now();

  // A repeated id would be deleted and then answer 404: each id is worked on once.
  const order = [...new Set(options.ids)];
  const outcomes = new Map<string, IdOutcome>();
  const fromEarlierRun = new Set<string>();
  // Ids to look up before any DELETE: only ever those an earlier run left unknown (or never decided).
  const lookUpFirst = new Map<string, IdOutcome>();
  for (const id of order) {
    const earlier = earlierOutcome(options.completed, id);
    const toLookUp = options.lookUpFirst?.get(id);
    if (toLookUp !== undefined && (earlier === undefined || earlier.kind === 'unknown' || earlier.kind === 'notAttempted')) {
      lookUpFirst.set(id, earlier?.kind === 'unknown' ? earlier : toLookUp);
    } else if (earlier && earlier.kind !== 'notAttempted') {
      outcomes.set(id, earlier);
      fromEarlierRun.add(id);
    }
  }
  const queue = order.filter((id) => !outcomes.has(id));
  /** An id this run sent nothing for: an earlier run's unknown outcome stands, anything else was not attempted. */
  const untouched = (id: string): IdOutcome => {
    const earlier = lookUpFirst.get(id);
    return earlier !== undefined && earlier.kind !== 'notAttempted' ? earlier : { kind: 'notAttempted' };
  };
  const decidedEarlier = outcomes.size;
  let decidedThisRun = 0;

  // Two levels of stopping: `starting` stops new requests (cancel, or a refused token), `inFlight` aborts
  // requests already sent (cancel only: a stop for a refused token lets the others finish and be known).
  const starting = new AbortController();
  const inFlight = new AbortController();
  let stoppedEarly: string | undefined;
  const onCancel = () => {
    starting.abort();
    inFlight.abort();
  };
  if (options.signal?.aborted) onCancel();
  else options.signal?.addEventListener('abort', onCancel, { once: true });
  const stop = (reason: string) => {
    if (!starting.signal.aborted) stoppedEarly = oneLine(reason, MAX_REASON);
    starting.abort();
  };

  const progress = () => {
    if (!options.onProgress) return;
    const done = decidedEarlier + decidedThisRun;
    const remaining = order.length - done;
    let etaMs = 0;
    if (remaining > 0) {
      // The observed pace so far, but never less than the limiter says the ids not yet started must wait.
      const observed = decidedThisRun > 0 ? ((clock.now() - startedAt) / decidedThisRun) * remaining : 0;
      etaMs = Math.round(Math.max(observed, limiter.estimateWaitMs(queue.length)));
    }
    try {
      options.onProgress(done, order.length, etaMs);
    } catch {
      // A failing progress display must not lose the report of DELETEs already sent.
    }
  };

  // Ids whose onStarting ran: if their DELETE is then not sent, the caller hears so and can correct its record.
  const announced = new Set<string>();
  const settle = (id: string, decided: IdOutcome) => {
    // Reasons carry server words and error details into the report, the audit trail and messages: one safe line.
    // The same object when nothing changes: an earlier run's outcome is recognised by identity in the report.
    const reason = 'reason' in decided ? oneLine(decided.reason, MAX_REASON) : undefined;
    const outcome: IdOutcome = 'reason' in decided && reason !== decided.reason ? { ...decided, reason: reason ?? '' } : decided;
    outcomes.set(id, outcome);
    if (outcome.kind !== 'notAttempted') decidedThisRun++;
    if (outcome.kind !== 'notAttempted' || announced.has(id)) {
      try {
        options.onSettled?.(id, outcome);
      } catch {
        // As above: the report is what matters.
      }
    }
    if (outcome.kind !== 'notAttempted') progress();
  };

  /** The outcome of an id whose retry will not happen because the run stopped. */
  const interrupted = (id: string, attempts: number, last: RetryVerdict | undefined, ambiguous: string | undefined): IdOutcome => {
    if (attempts === 0 || !last) return untouched(id);
    const status = last.status === undefined ? {} : { status: last.status };
    if (ambiguous === undefined) {
      return { kind: 'failed', reason: t('Not retried because the run stopped; the last attempt was refused with {0}, so it was not deleted.', last.what), attempts, ...status };
    }
    return { kind: 'unknown', reason: t('Not retried because the run stopped; an earlier attempt ({0}) may have deleted it, so whether it was deleted is unknown.', ambiguous), attempts, ...status };
  };

  /** An id the look-up could not settle: it is not sent again, and stays unknown. */
  const unsettledByLookUp = (id: string, attempts: number, last: RetryVerdict | undefined, ambiguous: string | undefined, why: string): IdOutcome => {
    const earlier = lookUpFirst.get(id);
    const status = last?.status === undefined ? {} : { status: last.status };
    if (attempts === 0 && earlier !== undefined && 'reason' in earlier) {
      return { kind: 'unknown', reason: t('{0} A look-up before sending it again could not tell whether it still exists ({1}), so it was not sent again.', earlier.reason, why), attempts: earlier.attempts };
    }
    return {
      kind: 'unknown',
      reason: t('Not retried: an earlier attempt ({0}) may have deleted it, and a look-up could not tell whether it still exists ({1}), so whether it was deleted is unknown.', ambiguous ?? t('in an earlier run'), why),
      attempts,
      ...status,
    };
  };

  const processOne = async (id: string): Promise<void> => {
    const invalid = validateContactListId(id, t);
    if (invalid !== undefined) {
      settle(id, { kind: 'failed', reason: invalid, attempts: 0 });
      return;
    }
    let attempts = 0;
    let last: RetryVerdict | undefined;
    // What an earlier attempt whose outcome is unknown ended with: a later 404 may then be our own doing.
    let ambiguous: string | undefined = lookUpFirst.has(id) ? t('in an earlier run') : undefined;
    // An id whose DELETE may already have been applied is looked up before it is sent again.
    let needsLookUp = lookUpFirst.has(id);
    let lookUpTries = 0;
    for (;;) {
      try {
        // A retry (or a look-up) goes ahead of ids not yet started: it has waited longest.
        await limiter.acquire(starting.signal, { jumpQueue: attempts > 0 || lookUpTries > 0 });
      } catch {
        settle(id, interrupted(id, attempts, last, ambiguous));
        return;
      }
      if (starting.signal.aborted) {
        settle(id, interrupted(id, attempts, last, ambiguous));
        return;
      }
      if (needsLookUp) {
        if (!options.lookUp) {
          settle(id, untouched(id));
          return;
        }
        lookUpTries++;
        let found: KoreCallResult | NotSent;
        try {
          found = await options.lookUp(id, inFlight.signal);
        } catch (error) {
          settle(id, unsettledByLookUp(id, attempts, last, ambiguous, error instanceof Error ? error.message : String(error)));
          return;
        }
        if (isNotSent(found)) {
          stop(found.reason);
          settle(id, interrupted(id, attempts, last, ambiguous));
          return;
        }
        const seen = lookUpOutcomeOf(found);
        if (seen === 'gone') {
          settle(id, { kind: 'succeeded', attempts, foundGone: true });
          return;
        }
        if (seen === 'exists') {
          needsLookUp = false;
          lookUpTries = 0;
          continue;
        }
        if (starting.signal.aborted) {
          settle(id, interrupted(id, attempts, last, ambiguous));
          return;
        }
        const verdict = judge(found, t);
        if (verdict.kind === 'retry' && verdict.rateLimited && lookUpTries <= maxRetries) {
          limiter.pauseUntil(clock.now() + (verdict.retryAfterMs ?? backoff(lookUpTries)));
          continue;
        }
        settle(id, unsettledByLookUp(id, attempts, last, ambiguous, briefFailureReason(found, found.exchange.kind === 'timeout' ? found.exchange.timeoutMs / 1000 : 0, t)));
        if ((verdict.kind === 'failed' || verdict.kind === 'unknown') && verdict.stopsRun) {
          stop(t('Stopped early, because every other list would meet the same answer: {0}', verdict.reason));
        }
        return;
      }
      if (attempts === 0 && options.onStarting) {
        announced.add(id);
        try {
          await options.onStarting(id);
        } catch (error) {
          stop(t('Progress could not be saved ({0}), so no further DELETE was sent.', error instanceof Error ? error.message : String(error)));
          settle(id, untouched(id));
          return;
        }
        if (starting.signal.aborted) {
          settle(id, untouched(id));
          return;
        }
      }
      attempts++;
      let result: KoreCallResult | NotSent;
      try {
        result = await deleteOne(id, inFlight.signal);
      } catch (error) {
        settle(id, {
          kind: 'unknown',
          reason: t('Unexpected error ({0}), so whether it was deleted is unknown.', error instanceof Error ? error.message : String(error)),
          attempts,
        });
        return;
      }
      if (isNotSent(result)) {
        // Nothing left: this attempt does not count, and whatever stopped it stops every other id too.
        attempts--;
        stop(result.reason);
        settle(id, interrupted(id, attempts, last, ambiguous));
        return;
      }
      const verdict = judge(result, t);
      if (verdict.kind === 'retry') {
        last = verdict;
        if (verdict.ambiguous) ambiguous = verdict.what;
        if (attempts > maxRetries) {
          settle(id, exhausted(verdict, attempts, ambiguous, t));
          return;
        }
        if (verdict.rateLimited) {
          // The account is limited, not this id: every worker waits, through the shared limiter.
          limiter.pauseUntil(clock.now() + (verdict.retryAfterMs ?? backoff(attempts)));
        } else {
          try {
            await clock.sleep(backoff(attempts), starting.signal);
          } catch {
            settle(id, interrupted(id, attempts, last, ambiguous));
            return;
          }
        }
        // This answer may have been applied: look before sending again, when a look-up is possible.
        if (verdict.ambiguous && options.lookUp) needsLookUp = true;
        continue;
      }
      if (verdict.kind === 'succeeded') {
        settle(id, { kind: 'succeeded', attempts, ...(verdict.serverMessage ? { serverMessage: verdict.serverMessage } : {}) });
      } else if (ambiguous !== undefined) {
        // A 404 (or any refusal) after an attempt that may have been applied proves nothing about that attempt.
        settle(id, {
          kind: 'unknown',
          reason: t('{0} An earlier attempt ({1}) may have deleted it, so whether it was deleted is unknown.', verdict.reason, ambiguous),
          attempts,
          ...(verdict.status === undefined ? {} : { status: verdict.status }),
        });
      } else {
        settle(id, { kind: verdict.kind, reason: verdict.reason, attempts, ...(verdict.status === undefined ? {} : { status: verdict.status }) });
      }
      if (verdict.kind !== 'succeeded' && verdict.stopsRun) {
        stop(t('Stopped early, because every other list would meet the same answer: {0}', verdict.reason));
      }
      return;
    }
  };

  const worker = async (): Promise<void> => {
    while (!starting.signal.aborted) {
      const id = queue.shift();
      if (id === undefined) return;
      await processOne(id);
    }
  };

  progress();
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, () => worker()));
  options.signal?.removeEventListener('abort', onCancel);
  for (const id of queue) outcomes.set(id, untouched(id));

  const report = {
    total: order.length,
    succeeded: [] as SucceededEntry[],
    failed: [] as FailedEntry[],
    unknown: [] as FailedEntry[],
    notAttempted: [] as string[],
    cancelled: options.signal?.aborted === true,
    ...(stoppedEarly === undefined ? {} : { stoppedEarly }),
    durationMs: Math.max(0, Math.round(clock.now() - startedAt)),
  };
  for (const id of order) {
    const outcome = outcomes.get(id) ?? { kind: 'notAttempted' };
    // An earlier run's unknown outcome that this run could not settle is still the earlier run's.
    const keptEarlier = fromEarlierRun.has(id) || (lookUpFirst.has(id) && lookUpFirst.get(id) === outcome);
    const earlier = keptEarlier ? { fromEarlierRun: true as const } : {};
    if (outcome.kind === 'notAttempted') report.notAttempted.push(id);
    else if (outcome.kind === 'succeeded') report.succeeded.push({ id, ...withoutKind(outcome), ...earlier });
    else report[outcome.kind].push({ id, ...withoutKind(outcome), ...earlier });
  }
  return report;
}

function withoutKind<T extends { kind: string }>(outcome: T): Omit<T, 'kind'> {
  const rest: Partial<T> = { ...outcome };
  delete rest.kind;
  return rest as Omit<T, 'kind'>;
}

function earlierOutcome(completed: BulkDeletionOptions['completed'], id: string): IdOutcome | undefined {
  if (!completed) return undefined;
  if (completed instanceof Map) return (completed as ReadonlyMap<string, IdOutcome>).get(id);
  return completed.has(id) ? { kind: 'succeeded', attempts: 0 } : undefined;
}

function exhausted(last: RetryVerdict, attempts: number, ambiguous: string | undefined, t: Translate): IdOutcome {
  const status = last.status === undefined ? {} : { status: last.status };
  if (attempts === 1) {
    // maxRetries 0: nothing was retried, so say what happened rather than "after 1 attempts".
    return ambiguous === undefined
      ? { kind: 'failed', reason: t('Rate-limited (HTTP 429) and retries are off, so it was not deleted.'), attempts, ...status }
      : { kind: 'unknown', reason: t('Ended with {0} and retries are off, so whether it was deleted is unknown.', last.what), attempts, ...status };
  }
  if (ambiguous === undefined) {
    return { kind: 'failed', reason: t('Still rate-limited (HTTP 429) after {0} attempts, so it was not deleted.', attempts), attempts, ...status };
  }
  if (last.ambiguous) {
    return { kind: 'unknown', reason: t('Gave up after {0} attempts ({1}), so whether it was deleted is unknown.', attempts, last.what), attempts, ...status };
  }
  return {
    kind: 'unknown',
    reason: t('Gave up after {0} attempts (the last: {1}); an earlier attempt ({2}) may have deleted it, so whether it was deleted is unknown.', attempts, last.what, ambiguous),
    attempts,
    ...status,
  };
}

// ---------------------------------------------------------------------------------------------------
// The report, for a document and for a notification.

export interface BulkReportJson {
  readonly summary: string;
  readonly total: number;
  readonly counts: { readonly succeeded: number; readonly failed: number; readonly unknown: number; readonly notAttempted: number };
  readonly cancelled: boolean;
  readonly stoppedEarly?: string;
  readonly durationMs: number;
  readonly succeeded: readonly SucceededEntry[];
  readonly failed: readonly FailedEntry[];
  readonly unknown: readonly FailedEntry[];
  readonly notAttempted: readonly string[];
}

/** "12 succeeded, 1 failed, 0 unknown, 3 not attempted". */
export function summariseBulkReport(report: BulkDeletionReport, t: Translate = formatTemplate): string {
  return t('{0} succeeded, {1} failed, {2} unknown, {3} not attempted', report.succeeded.length, report.failed.length, report.unknown.length, report.notAttempted.length);
}

/** Pure: a plain object (safe for JSON.stringify, fresh arrays) and the summary line. */
export function formatBulkReport(report: BulkDeletionReport, t: Translate = formatTemplate): { readonly json: BulkReportJson; readonly summary: string } {
  const summary = summariseBulkReport(report, t);
  const json: BulkReportJson = {
    summary,
    total: report.total,
    counts: {
      succeeded: report.succeeded.length,
      failed: report.failed.length,
      unknown: report.unknown.length,
      notAttempted: report.notAttempted.length,
    },
    cancelled: report.cancelled,
    ...(report.stoppedEarly === undefined ? {} : { stoppedEarly: report.stoppedEarly }),
    durationMs: report.durationMs,
    succeeded: report.succeeded.map((entry) => ({ ...entry })),
    failed: report.failed.map((entry) => ({ ...entry })),
    unknown: report.unknown.map((entry) => ({ ...entry })),
    notAttempted: [...report.notAttempted],
  };
  return { json, summary };
}

// ---------------------------------------------------------------------------------------------------
// Resume state: what a VS Code layer keeps in globalState so a run survives a closed window.

/** `started`: a DELETE may be on its way (recorded before it is sent); read back after a crash, it means unknown. */
export type RunStateEntry = IdOutcome | { readonly kind: 'started' };

/** Where a run's DELETEs went: a resume must go to the same place, or its look-ups prove nothing. */
export interface RunTarget {
  readonly host: string;
  readonly iid: string;
  readonly accountId: string;
}

export interface BulkRunState {
  readonly runId: string;
  readonly environmentId: string;
  /** Absent in runs saved by earlier versions. */
  readonly target?: RunTarget;
  /** Epoch milliseconds, to expire old runs. */
  readonly createdAt: number;
  readonly ids: readonly string[];
  /** Per id, as far as it got; an id without an entry was never started. */
  readonly outcomes: ReadonlyMap<string, RunStateEntry>;
}

const STATE_VERSION = 1;
const MAX_STATE_FIELD = 256;

/**
 * A new run's state. Only ids validateContactListId accepts are kept (the runner refuses the others without
 * sending anything, so there is nothing to resume for them): what is saved is exactly what parses back.
 */
export function createBulkRunState(runId: string, environmentId: string, ids: readonly string[], createdAt: number = Date.now(), target?: RunTarget): BulkRunState {
  return {
    runId,
    environmentId,
    ...(target ? { target: { host: target.host, iid: target.iid, accountId: target.accountId } } : {}),
    createdAt,
    ids: [...new Set(ids)].filter(isValidId),
    outcomes: new Map(),
  };
}

/**
 * Whether a saved run may be resumed against the environment as it is configured now. If its host, App ID or
 * Account ID changed since, a look-up would ask another app, whose 404 would pass for "deleted": refused.
 */
export function resumeTargetChanged(state: BulkRunState, now: RunTarget): boolean {
  const then = state.target;
  return then !== undefined && (then.host !== now.host || then.iid !== now.iid || then.accountId !== now.accountId);
}

function isValidId(value: unknown): value is string {
  return typeof value === 'string' && validateContactListId(value) === undefined;
}

/** Call from onStarting, and persist the result before returning. */
export function recordStarted(state: BulkRunState, id: string): BulkRunState {
  return withEntry(state, id, { kind: 'started' });
}

/** Call from onSettled. */
export function recordOutcome(state: BulkRunState, id: string, outcome: IdOutcome): BulkRunState {
  return withEntry(state, id, outcome);
}

function withEntry(state: BulkRunState, id: string, entry: RunStateEntry): BulkRunState {
  if (!state.ids.includes(id)) return state;
  const outcomes = new Map(state.outcomes);
  outcomes.set(id, entry);
  return { ...state, outcomes };
}

export function serialiseBulkRunState(state: BulkRunState): string {
  return JSON.stringify({
    version: STATE_VERSION,
    runId: state.runId,
    environmentId: state.environmentId,
    ...(state.target ? { target: state.target } : {}),
    createdAt: state.createdAt,
    ids: state.ids,
    // Object.fromEntries defines own properties, so even an id such as "__proto__" round-trips.
    outcomes: Object.fromEntries(state.outcomes),
  });
}

/**
 * Reads a stored state back. Anything malformed gives undefined rather than a half-trusted state: a
 * resume built on a wrong record could re-send a DELETE that already succeeded.
 */
export function parseBulkRunState(text: string | undefined): BulkRunState | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== STATE_VERSION) return undefined;
  const { runId, environmentId, createdAt, ids, outcomes, target } = value;
  if (!isShortText(runId) || !isShortText(environmentId)) return undefined;
  if (target !== undefined && !(isRecord(target) && isShortText(target.host) && isShortText(target.iid) && isShortText(target.accountId))) return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  // The same check as every id a run is given, so nothing the runner accepts can make the state unreadable.
  if (!Array.isArray(ids) || !ids.every(isValidId) || new Set(ids).size !== ids.length) return undefined;
  if (!isRecord(outcomes)) return undefined;
  const known = new Set<string>(ids);
  const parsed = new Map<string, RunStateEntry>();
  for (const [id, entry] of Object.entries(outcomes)) {
    const checked = parseEntry(entry);
    if (!known.has(id) || checked === undefined) return undefined;
    parsed.set(id, checked);
  }
  const savedTarget = isRecord(target) ? { target: { host: String(target.host), iid: String(target.iid), accountId: String(target.accountId) } } : {};
  return { runId, environmentId, ...savedTarget, createdAt, ids: [...known], outcomes: parsed };
}

function parseEntry(entry: unknown): RunStateEntry | undefined {
  if (!isRecord(entry)) return undefined;
  if (entry.kind === 'started' || entry.kind === 'notAttempted') return { kind: entry.kind };
  const { attempts, status, reason, serverMessage, foundGone } = entry;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0) return undefined;
  if (entry.kind === 'succeeded') {
    if (serverMessage !== undefined && typeof serverMessage !== 'string') return undefined;
    if (foundGone !== undefined && foundGone !== true) return undefined;
    return { kind: 'succeeded', attempts, ...(serverMessage === undefined ? {} : { serverMessage }), ...(foundGone ? { foundGone } : {}) };
  }
  if (entry.kind !== 'failed' && entry.kind !== 'unknown') return undefined;
  if (typeof reason !== 'string') return undefined;
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)) return undefined;
  return { kind: entry.kind, reason, attempts, ...(status === undefined ? {} : { status }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_STATE_FIELD;
}

export interface ResumeOptions {
  /** Send failed ids again (a token fixed, a rate limit passed). Default true: a failed DELETE was not applied. */
  readonly retryFailed?: boolean;
  /**
   * Try unknown ids again, including those a closed window left in flight. Such a DELETE may have been
   * applied, so they are never sent straight away: they go to `lookUpFirst`, and the run looks each up and
   * sends it only if it still exists. Default false: they are left alone.
   */
  readonly retryUnknown?: boolean;
}

export interface ResumePlan {
  /** Pass as `ids` to runBulkDeletion. */
  readonly ids: readonly string[];
  /** Pass as `completed`: what is not sent again. Succeeded and unknown ids are always here. */
  readonly completed: ReadonlyMap<string, IdOutcome>;
  /** Pass as `lookUpFirst` (with a `lookUp`): the unknown ids to look up, and send only if they still exist. */
  readonly lookUpFirst: ReadonlyMap<string, IdOutcome>;
  /** The ids the resumed run will send or look up; empty when there is nothing left to do. */
  readonly toSend: readonly string[];
}

export function planResume(state: BulkRunState, options: ResumeOptions = {}, t: Translate = formatTemplate): ResumePlan {
  const retryFailed = options.retryFailed ?? true;
  const retryUnknown = options.retryUnknown ?? false;
  const completed = new Map<string, IdOutcome>();
  const lookUpFirst = new Map<string, IdOutcome>();
  for (const [id, entry] of state.outcomes) {
    if (entry.kind === 'succeeded') completed.set(id, entry);
    else if (entry.kind === 'failed' && !retryFailed) completed.set(id, entry);
    else if (entry.kind === 'unknown' || entry.kind === 'started') {
      const unknown: IdOutcome =
        entry.kind === 'unknown'
          ? entry
          : { kind: 'unknown', reason: t('The earlier run ended while this DELETE may have been on its way, so whether it was deleted is unknown.'), attempts: 1 };
      // In `completed` too, so that a caller who passes only `completed` can never send it blind.
      completed.set(id, unknown);
      if (retryUnknown) lookUpFirst.set(id, unknown);
    }
  }
  return { ids: state.ids, completed, lookUpFirst, toSend: state.ids.filter((id) => !completed.has(id) || lookUpFirst.has(id)) };
}
