// What kind of failure a call's result is: the one place a failed result is classed, by its failure reason, its
// HTTP status and how far a failed connection got. What each kind means (outcome, retry, actions, words) is its
// row of failureTable; a new kind is one member here, its line in failureKindOf, and its row there.
import { isRouteNotFound } from '../api/dialectDetection';
import { KoreCallResult, responseStatusOf } from '../api/koreResult';
import { NetworkFailure, classifyNetworkFailure } from './networkFailure';

export type FailureKind =
  | 'routeMissing' | 'badRequest' | 'tokenRejected' | 'forbidden' | 'notFound' | 'conflict' | 'rateLimited' | 'serverError' | 'gatewayError' | 'otherStatus'
  | 'apiFailure' | 'notJson' | 'emptyBody' | 'unconfirmed' | 'redirect' | 'tooLarge' | 'timeout' | 'cancelledBeforeSending' | 'cancelled'
  | 'noHost' | 'connectionRefused' | 'untrusted' | 'handshake' | 'unreachable' | 'broken' | 'unclear' | 'notSent' | 'proxy' | 'unspecified';

/** Each class of failed connection (networkFailure) is a kind of its own. */
const NETWORK_KINDS = { noHost: 'noHost', refused: 'connectionRefused', untrusted: 'untrusted', handshake: 'handshake', unreachable: 'unreachable', broken: 'broken', unclear: 'unclear' } as const satisfies Record<NetworkFailure['cause'], FailureKind>;

/** The HTTP statuses that mean something of their own; any other 4xx is `otherStatus`, any 5xx a server error. */
const STATUS_KINDS: Readonly<Partial<Record<number, FailureKind>>> = { 400: 'badRequest', 401: 'tokenRejected', 403: 'forbidden', 404: 'notFound', 409: 'conflict', 429: 'rateLimited' };

/** The one place a failed result is classed; undefined for a success. */
export function failureKindOf(result: KoreCallResult): FailureKind | undefined {
  if (result.ok) return undefined;
  const exchange = result.exchange;
  switch (result.failure) {
    case 'http':
      return httpKindOf(result);
    case 'network':
      // How far the request got decides, never the code: see networkFailure.
      return exchange.kind === 'network' ? NETWORK_KINDS[classifyNetworkFailure(exchange.code, exchange.phase).cause] : 'unclear';
    case 'cancelled':
      return exchange.kind === 'cancelled' && exchange.beforeSending ? 'cancelledBeforeSending' : 'cancelled';
    case 'refused':
      return 'notSent';
    case undefined:
      return 'unspecified';
    case 'apiFailure':
    case 'notJson':
    case 'emptyBody':
    case 'unconfirmed':
    case 'redirect':
    case 'tooLarge':
    case 'timeout':
    case 'proxy':
      return result.failure;
  }
}

function httpKindOf(result: KoreCallResult): FailureKind {
  if (isRouteNotFound(result)) return 'routeMissing';
  const status = responseStatusOf(result);
  if (status === undefined) return 'otherStatus';
  if (status >= 500) return result.json === undefined ? 'gatewayError' : 'serverError';
  return STATUS_KINDS[status] ?? 'otherStatus';
}
