import * as l10n from '@vscode/l10n';
// What one answer means for an id in a bulk run: the bulk retry policy on top of deleteOutcomeOf. Whether it was
// deleted, failed or is unknown is deleteOutcomeOf's decision, the one the single delete and the audit trail use;
// this adds only which answers are worth retrying, which stop the run, and the words for the report.
import { deleteOutcomeOf } from '../deleteOutcome';
import { isRouteNotFound } from '../dialectDetection';
import { KoreCallResult, MAX_RETRY_AFTER_SECONDS, answerStatusOf } from '../koreResult';
import { classifyNetworkFailure } from '../networkFailure';

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

/** What one answer means for the id, before retries are counted. */
export function judge(result: KoreCallResult): Verdict {
  const outcome = deleteOutcomeOf(result);
  if (outcome === 'deleted') return { kind: 'succeeded', ...(result.serverMessage ? { serverMessage: result.serverMessage } : {}) };
  const status = answerStatusOf(result);
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
  // A connection that broke after the request was written (whatever the code: a reset, a garbled TLS record, a
  // route lost) is usually a pooled one the server had closed, so it is retried, after a look-up when there is
  // one; a later 404 is then reported unknown, not failed (see the runner), unless a look-up settles it first.
  if (result.failure === 'network' && exchange.kind === 'network' && classifyNetworkFailure(exchange.code, exchange.phase).cause === 'broken') {
    return { kind: 'retry', ambiguous: true, what: l10n.t('the connection broke ({0})', exchange.code), rateLimited: false };
  }
  const { reason, stopsRun } = explain(result, outcome);
  return { kind: outcome, reason, ...withStatus, ...(stopsRun ? { stopsRun } : {}) };
}

/** The report's sentence for an answer that is not retried, worded for its outcome. */
function explain(result: KoreCallResult, outcome: 'failed' | 'unknown'): { reason: string; stopsRun?: true } {
  const status = answerStatusOf(result) ?? 0;
  const said = result.serverMessage;
  const exchange = result.exchange;
  switch (result.failure) {
    case 'http':
      return explainHttp(result, outcome, status, said);
    case 'apiFailure':
      return { reason: said ? l10n.t('The server could not delete it: "{0}".', said) : l10n.t('The server answered "failure" without saying why.') };
    case 'unconfirmed':
      return {
        reason: said
          ? l10n.t('HTTP {0}, but the answer does not confirm the deletion ("{1}"), so whether it was deleted is unknown.', status, said)
          : l10n.t('HTTP {0}, but the answer does not confirm the deletion, so whether it was deleted is unknown.', status),
      };
    case 'notJson':
      return { reason: l10n.t('HTTP {0} with a body that is not JSON, so whether it was deleted is unknown.', status) };
    case 'emptyBody':
      return { reason: l10n.t('HTTP {0} with an empty body, so whether it was deleted is unknown.', status) };
    case 'tooLarge':
      return { reason: l10n.t('The answer (HTTP {0}) was too large to read, so whether it was deleted is unknown.', status) };
    case 'redirect':
      // Every other id would be redirected alike; this one may have been deleted before the redirect (a 303 says so).
      return {
        reason: l10n.t('Redirected (HTTP {0}); the redirect was not followed, so the token stayed with this host. A redirect can follow a DELETE the server applied, so whether it was deleted is unknown.', status),
        stopsRun: true,
      };
    case 'timeout':
      return { reason: l10n.t('No answer within {0} s, so whether it was deleted is unknown.', exchange.kind === 'timeout' ? Math.round(exchange.timeoutMs / 100) / 10 : 0) };
    case 'refused':
      return { reason: l10n.t('Not sent: its address would not have been the list\'s own ({0}).', exchange.kind === 'refused' ? exchange.detail : '') };
    case 'proxy':
      // The proxy refuses every id alike: sending the rest would only be refused too.
      return { reason: l10n.t('The proxy refused the connection ({0}); nothing was sent.', exchange.kind === 'proxy' ? exchange.detail : ''), stopsRun: true };
    case 'cancelled':
      return exchange.kind === 'cancelled' && exchange.beforeSending
        ? { reason: l10n.t('Cancelled before the request was sent; nothing was deleted.') }
        : { reason: l10n.t('Cancelled while the request was on its way, so whether it was deleted is unknown.') };
    case 'network': {
      const code = exchange.kind === 'network' ? exchange.code : 'UNKNOWN';
      // Nothing was deleted, and no other id will get through either.
      if (outcome === 'failed') return { reason: l10n.t('Could not reach the server ({0}); nothing was sent.', code), stopsRun: true };
      return { reason: l10n.t('The request failed ({0}), so whether it was deleted is unknown.', code) };
    }
    default:
      return outcome === 'failed'
        ? { reason: l10n.t('The request failed, so it was not deleted.') }
        : { reason: l10n.t('The request failed, so whether it was deleted is unknown.') };
  }
}

/** An HTTP error's sentence: unknown after a server error, else why it was refused, and whether every id would be. */
function explainHttp(result: KoreCallResult, outcome: 'failed' | 'unknown', status: number, said: string | undefined): { reason: string; stopsRun?: true } {
  if (outcome === 'unknown') {
    return {
      reason: said
        ? l10n.t('Server error (HTTP {0}: "{1}"), so whether it was deleted is unknown.', status, said)
        : l10n.t('Server error (HTTP {0}), so whether it was deleted is unknown.', status),
    };
  }
  // A 404 for the address itself: this API form is not served at the host, so every other id meets it too.
  if (isRouteNotFound(result)) {
    return { reason: l10n.t('The environment\'s API is not served at its host (HTTP 404 for the address itself), so nothing was deleted. Run Test Connection to find the one it serves.'), stopsRun: true };
  }
  if (status === 404) return { reason: said ? l10n.t('Not found (HTTP 404): "{0}".', said) : l10n.t('Not found (HTTP 404).') };
  const reason = said ? l10n.t('Refused with HTTP {0}: "{1}".', status, said) : l10n.t('Refused with HTTP {0}.', status);
  // A refused token or app is refused for every list: sending the rest would only burn the rate limit.
  return status === 401 || status === 403 ? { reason, stopsRun: true } : { reason };
}

export type RetryVerdict = Extract<Verdict, { kind: 'retry' }>;
