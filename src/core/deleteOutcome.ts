// What a DELETE's result means for the list, in one place for single and bulk deletes, the audit trail and
// the messages: deleted, failed (not deleted, as far as anyone can know), or unknown (it may have been).
import { isRouteNotFound } from './dialectDetection';
import { KoreCallResult } from './koreResult';
import { classifyNetworkFailure } from './networkFailure';

/** The one outcome type: single and bulk deletes, the audit trail, the report and the messages all use it. */
export const DELETE_OUTCOMES = ['deleted', 'failed', 'unknown'] as const;
export type DeleteOutcome = (typeof DELETE_OUTCOMES)[number];

/** For values read back from a file (the audit trail): anything else is not an outcome. */
export function isDeleteOutcome(value: unknown): value is DeleteOutcome {
  return (DELETE_OUTCOMES as readonly unknown[]).includes(value);
}

/**
 * A 404 for the address itself (the dialect's route is not served: see core/dialectDetection) reached no
 * contact-list code, so nothing was deleted: 'failed', never 'deleted'; its wording says which API is not served.
 */
export function deleteOutcomeOf(result: KoreCallResult): DeleteOutcome {
  if (result.ok) return 'deleted';
  const exchange = result.exchange;
  switch (result.failure) {
    case 'network':
      // How far the request got decides, never the code: see networkFailure.
      return exchange.kind === 'network' && classifyNetworkFailure(exchange.code, exchange.phase).sent === 'never' ? 'failed' : 'unknown';
    case 'cancelled':
      // Cancelled while waiting for the account's rate limit: the request never left.
      return exchange.kind === 'cancelled' && exchange.beforeSending ? 'failed' : 'unknown';
    case 'redirect':
      // The DELETE reached the host, which answered with somewhere else to go: a 303 (RFC 9110 15.4.4) says the
      // action was performed, and no 3xx says it was not. The redirect is never followed, so look it up.
      return 'unknown';
    case 'timeout':
    case 'notJson':
    case 'emptyBody':
    case 'tooLarge':
    case 'unconfirmed':
      return 'unknown';
    case 'refused':
      // The client never sent it.
      return 'failed';
    case 'proxy':
      // The proxy refused the tunnel (or its own authentication) before anything went to the host.
      return 'failed';
    case 'http':
      // A gateway error may come after the backend applied the DELETE.
      return exchange.kind === 'response' && exchange.status >= 500 ? 'unknown' : 'failed';
    default:
      return 'failed';
  }
}

/**
 * What a look-up (GET) of a list says: the API's own 404 is gone, a success is still there, anything else tells
 * nothing. A 404 for the address itself (an HTML page, an empty body, a gateway's JSON) means this form of the API
 * is not served there (the wrong dialect, a wrong host): it says nothing about the list, so it is never "gone".
 */
export type LookUpOutcome = 'gone' | 'exists' | 'unknown';

/**
 * Before a DELETE whose earlier outcome is unknown is sent again, the list is looked up: gone means the earlier
 * DELETE (or someone) removed it, and it must not be sent again; only a list that still exists may be.
 */
export function lookUpOutcomeOf(result: KoreCallResult): LookUpOutcome {
  if (result.exchange.kind === 'response' && result.exchange.status === 404) return isRouteNotFound(result) ? 'unknown' : 'gone';
  return result.ok ? 'exists' : 'unknown';
}
