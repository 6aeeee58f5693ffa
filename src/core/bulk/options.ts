// What a bulk run is given: the ids, the request functions, the pacing and the hooks through which the caller
// keeps a resumable record. Its own module so that the runner, the report and the resume plan share one contract.
import { RateLimiter } from '../pacing/rateLimiter';
import { IdOutcome } from './report';
import { DeleteOne, LookUpOne } from './requests';

export const DEFAULT_CONCURRENCY = 4;

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
}
