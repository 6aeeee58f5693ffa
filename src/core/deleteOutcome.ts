// What a DELETE's result means for the list, in one place for single and bulk deletes, the audit trail and
// the messages: deleted, failed (not deleted, as far as anyone can know), or unknown (it may have been).
import { isRouteNotFound } from './dialectDetection';
import { KoreCallResult } from './koreResult';

const TLS = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;
const UNREACHABLE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** A certificate or TLS handshake failure: nothing was sent over the connection. */
export function isTlsFailure(code: string): boolean {
  return TLS.test(code);
}

/** The request never reached the server (refused, no such host, no route, TLS): nothing was deleted. */
export function neverSent(code: string): boolean {
  return UNREACHABLE.test(code) || TLS.test(code);
}

/** The connection broke mid-exchange: the server may or may not have processed the request. */
export function connectionBroke(code: string): boolean {
  return BROKEN.has(code);
}

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
      return exchange.kind === 'network' && neverSent(exchange.code) ? 'failed' : 'unknown';
    case 'cancelled':
      // Cancelled while waiting for the account's rate limit: the request never left.
      return exchange.kind === 'cancelled' && exchange.beforeSending ? 'failed' : 'unknown';
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
