// What one answer means for an id in a bulk run. Whether it was deleted, failed or is unknown, whether it is worth
// retrying, whether it stops the run and the words for the report are all columns of failureTable, the table the
// single delete and the audit trail read too; this only shapes them into a verdict for the runner.
import { failureOf } from '../failures/failureTable';
import { KoreCallResult, MAX_RETRY_AFTER_SECONDS, answerStatusOf } from '../api/koreResult';

/** The longest Retry-After a run waits (parseRetryAfter already clamps to it). */
const MAX_RETRY_AFTER_MS = MAX_RETRY_AFTER_SECONDS * 1000;

export type Verdict =
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

/** What one answer means for the id, before retries are counted: its row of failureTable. */
export function judge(result: KoreCallResult): Verdict {
  const failure = failureOf(result);
  if (failure === undefined) return { kind: 'succeeded', ...(result.serverMessage ? { serverMessage: result.serverMessage } : {}) };
  const { row, facts } = failure;
  const status = answerStatusOf(result);
  const withStatus = status === undefined ? {} : { status };
  if (row.retry === 'rateLimited') {
    const retryAfterMs = result.retryAfterSeconds === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, result.retryAfterSeconds * 1000);
    return { kind: 'retry', ambiguous: false, what: row.bulk(facts), rateLimited: true, ...withStatus, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  // A gateway's error page or a connection that broke after the request was written (usually a pooled one the server
  // had closed) may have been applied: retried, after a look-up when there is one; a later 404 is then reported
  // unknown, not failed (see the runner), unless a look-up settles it first.
  if (row.retry === 'ambiguous') return { kind: 'retry', ambiguous: true, what: row.bulk(facts), rateLimited: false, ...withStatus };
  return { kind: row.outcome, reason: row.bulk(facts), ...withStatus, ...(row.stopsRun ? { stopsRun: true } : {}) };
}

export type RetryVerdict = Extract<Verdict, { kind: 'retry' }>;
