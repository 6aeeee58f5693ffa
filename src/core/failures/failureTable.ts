// The one table of what a failed Kore call means: for each kind of failure (and each HTTP status that means
// something of its own), its outcome, whether a bulk run retries it or stops, the actions offered, and the
// sentence of a single call and of a bulk report. Every other module asks this table; none switches on a
// failure. A new failure kind is one member of FAILURE_KINDS with its line in failureKindOf (failureKind.ts) and
// one row below: the `satisfies Record<FailureKind, …>` makes the compiler name the row when it is missing.
import * as l10n from '@vscode/l10n';
import type { DeleteOutcome } from './deleteOutcome';
import { dialectName } from '../api/dialectNames';
import { FailureKind, failureKindOf } from './failureKind';
import type { ApiDialect } from '../api/koreApiPaths';
import { KoreCallResult, answerStatusOf } from '../api/koreResult';
import { proxyRefusal, untrustedConnection } from './networkFailure';
import { oneLine } from '../text/textSafety';

/** What the user is offered besides the answer itself (Show Response / Show Details is always there). */
type FailureAction = 'checkStatus' | 'setToken' | 'networkSettings';

/** The sentence parts a single call's message needs: which list, where, and the timeout in force. */
export interface CallContext {
  readonly contactListId: string;
  readonly environmentName: string;
  readonly host: string;
  readonly timeoutSeconds: number;
  /** The environment's API dialect: named when the platform says that form of the API is not served. */
  readonly dialect?: ApiDialect;
}

/** What the sentences read from a result: the status of any answer (0 for none), the network code, the server's words. */
interface FailureFacts {
  readonly result: KoreCallResult;
  readonly status: number;
  readonly code: string;
  readonly said?: string;
}

interface FailureRow {
  /** Whether the list was not deleted, or may have been (never 'deleted': that is a success). */
  readonly outcome: Exclude<DeleteOutcome, 'deleted'>;
  /** A bulk run retries a refusal before processing (`rateLimited`) or an answer that may have been applied (`ambiguous`). */
  readonly retry: 'no' | 'rateLimited' | 'ambiguous';
  /** Every other id of a bulk run would meet the same answer: the run starts no new ones. */
  readonly stopsRun: boolean;
  /** A look-up (GET) before a delete that ends this way ends the flow: the delete is not offered. */
  readonly endsLookUp: boolean;
  readonly actions: readonly FailureAction[];
  /** The sentence after a single call; the server's words follow where they help. */
  readonly single: (facts: FailureFacts, context: CallContext) => string;
  /** The bulk report's sentence for the id; for a retried kind, the few words of what happened ("HTTP 502"). */
  readonly bulk: (facts: FailureFacts) => string;
}

const FAILED = { outcome: 'failed', retry: 'no', stopsRun: false, endsLookUp: false, actions: [] } as const;
const UNKNOWN = { outcome: 'unknown', retry: 'no', stopsRun: false, endsLookUp: false, actions: ['checkStatus'] } as const;
/** Nothing reached the host, and no other id would get through: the run stops. */
const NOT_CONNECTED = { ...FAILED, stopsRun: true } as const;

/** ' The server said: "…".', or nothing. */
function saidSuffix(facts: FailureFacts): string {
  return facts.said ? l10n.t(' The server said: "{0}".', facts.said) : '';
}

function refusedWith(facts: FailureFacts): string {
  return facts.said ? l10n.t('Refused with HTTP {0}: "{1}".', facts.status, facts.said) : l10n.t('Refused with HTTP {0}.', facts.status);
}

function serverErrorSingle(facts: FailureFacts, { host, contactListId }: CallContext): string {
  return l10n.t('{0} had a server error (HTTP {1}), so whether contact list {2} was deleted is unknown. Look it up again, and try again later.', host, facts.status, contactListId) + saidSuffix(facts);
}

const unreachableBulk = (facts: FailureFacts): string => l10n.t('Could not reach the server ({0}); nothing was sent.', facts.code);
const untrustedSingle = (facts: FailureFacts, context: CallContext): string => untrustedConnection(facts.code, context.host);

const FAILURES = {
  // A 404 for the address itself is about the API form, not the list: "check the id" would send the user the wrong way.
  routeMissing: {
    ...FAILED, stopsRun: true, endsLookUp: true,
    single: (_facts, c) => l10n.t('The {0} API is not served at {1} (HTTP 404 for the address itself, not for contact list {2}), so nothing was done to the list. Run Test Connection on "{3}" to find the one it serves.', dialectName(c.dialect), c.host, c.contactListId, c.environmentName),
    bulk: () => l10n.t('The environment\'s API is not served at its host (HTTP 404 for the address itself), so nothing was deleted. Run Test Connection to find the one it serves.'),
  },
  badRequest: {
    ...FAILED,
    single: (f, c) => l10n.t('Kore.ai refused the request as invalid (HTTP 400) on {0}. Check the App ID and Account ID of environment {1}, and the contact list id.', c.host, c.environmentName) + saidSuffix(f),
    bulk: refusedWith,
  },
  // A refused token is refused for every list: a bulk run would only burn the rate limit.
  tokenRejected: {
    ...FAILED, stopsRun: true, endsLookUp: true, actions: ['setToken'],
    single: (f, c) => l10n.t('Kore.ai rejected the token for {0} with HTTP 401 (host {1}). Set a new token for this environment and try again.', c.environmentName, c.host) + saidSuffix(f),
    bulk: refusedWith,
  },
  forbidden: {
    ...FAILED, stopsRun: true, endsLookUp: true,
    single: (f, c) => l10n.t('Kore.ai denied access (HTTP 403) on {0}. Check that the app\'s API scope includes Campaign Management and is published, and that the Account ID of {1} is right.', c.host, c.environmentName) + saidSuffix(f),
    bulk: refusedWith,
  },
  notFound: {
    ...FAILED, endsLookUp: true,
    single: (f, c) => l10n.t('Contact list {0} was not found on {1} (HTTP 404 from {2}). Check the id, and that it belongs to this environment\'s app.', c.contactListId, c.environmentName, c.host) + saidSuffix(f),
    bulk: (f) => (f.said ? l10n.t('Not found (HTTP 404): "{0}".', f.said) : l10n.t('Not found (HTTP 404).')),
  },
  conflict: {
    ...FAILED,
    single: (f, c) => l10n.t('Kore.ai refused to delete contact list {0} (HTTP 409): it may be in use by a campaign. Detach it from its campaigns and try again.', c.contactListId) + saidSuffix(f),
    bulk: refusedWith,
  },
  // Refused before processing: a bulk run waits (Retry-After, clamped) and sends it again.
  rateLimited: {
    ...FAILED, retry: 'rateLimited',
    // parseRetryAfter gives whole seconds within a sane bound; zero (a date already past) means "now".
    single: (f) => {
      const after = f.result.retryAfterSeconds;
      return (after !== undefined && after > 0
        ? l10n.t('Kore.ai\'s rate limit was reached for this account (HTTP 429: 60 campaign calls per minute). Try again in {0} s.', after)
        : l10n.t('Kore.ai\'s rate limit was reached for this account (HTTP 429: 60 campaign calls per minute). Wait a minute and try again.')) + saidSuffix(f);
    },
    bulk: () => 'HTTP 429',
  },
  // A server error may come after the backend applied the DELETE.
  serverError: {
    ...UNKNOWN, single: serverErrorSingle,
    bulk: (f) => (f.said ? l10n.t('Server error (HTTP {0}: "{1}"), so whether it was deleted is unknown.', f.status, f.said) : l10n.t('Server error (HTTP {0}), so whether it was deleted is unknown.', f.status)),
  },
  // No JSON body: a gateway or load balancer answered (an HTML page, or nothing), worth a few retries.
  gatewayError: { ...UNKNOWN, retry: 'ambiguous', single: serverErrorSingle, bulk: (f) => `HTTP ${f.status}` },
  otherStatus: {
    ...FAILED,
    single: (f, c) => l10n.t('Deleting contact list {0} on {1} failed with HTTP {2} (host {3}). Open the response for details.', c.contactListId, c.environmentName, f.status, c.host) + saidSuffix(f),
    bulk: refusedWith,
  },
  apiFailure: {
    ...FAILED,
    single: (f, c) => l10n.t('Kore.ai could not delete contact list {0} on {1} ({2}).', c.contactListId, c.environmentName, c.host) + (saidSuffix(f) || l10n.t(' It answered without saying why.')) + l10n.t(' Open the response for details.'),
    bulk: (f) => (f.said ? l10n.t('The server could not delete it: "{0}".', f.said) : l10n.t('The server answered "failure" without saying why.')),
  },
  notJson: {
    ...UNKNOWN,
    single: (f, c) => l10n.t('{0} answered HTTP {1} with a body that is not JSON, so whether contact list {2} was deleted is unknown. Check the host of {3}, and open the response to see what came back.', c.host, f.status, c.contactListId, c.environmentName),
    bulk: (f) => l10n.t('HTTP {0} with a body that is not JSON, so whether it was deleted is unknown.', f.status),
  },
  emptyBody: {
    ...UNKNOWN,
    single: (f, c) => l10n.t('{0} answered HTTP {1} with an empty body, so whether contact list {2} was deleted is unknown. Look the list up again before retrying.', c.host, f.status, c.contactListId),
    bulk: (f) => l10n.t('HTTP {0} with an empty body, so whether it was deleted is unknown.', f.status),
  },
  unconfirmed: {
    ...UNKNOWN,
    single: (f, c) => l10n.t('{0} answered HTTP {1}, but the answer does not say that contact list {2} was deleted, so whether it was deleted is unknown. Open the response, and look the list up again before retrying.', c.host, f.status, c.contactListId) + saidSuffix(f),
    bulk: (f) => (f.said
      ? l10n.t('HTTP {0}, but the answer does not confirm the deletion ("{1}"), so whether it was deleted is unknown.', f.status, f.said)
      : l10n.t('HTTP {0}, but the answer does not confirm the deletion, so whether it was deleted is unknown.', f.status)),
  },
  // The DELETE reached the host, which answered with somewhere else to go: a 303 (RFC 9110 15.4.4) says the action was
  // performed, and no 3xx says it was not. It is never followed (the token stays with the host); every other id would be
  // redirected alike.
  redirect: {
    ...UNKNOWN, stopsRun: true,
    single: redirectSingle,
    bulk: (f) => l10n.t('Redirected (HTTP {0}); the redirect was not followed, so the token stayed with this host. A redirect can follow a DELETE the server applied, so whether it was deleted is unknown.', f.status),
  },
  tooLarge: {
    ...UNKNOWN,
    single: (f, c) => l10n.t('The answer from {0} is larger than {1} MB, so it was not read. Whether contact list {2} was deleted is unknown: look it up again.', c.host, f.result.exchange.kind === 'tooLarge' ? Math.round(f.result.exchange.limitBytes / (1024 * 1024)) : 5, c.contactListId),
    bulk: (f) => l10n.t('The answer (HTTP {0}) was too large to read, so whether it was deleted is unknown.', f.status),
  },
  timeout: {
    ...UNKNOWN,
    single: (_f, c) => l10n.t('{0} did not answer within {1} s, so whether contact list {2} was deleted is unknown. Look it up again before retrying, or raise the setting koreContactLists.requestTimeoutSeconds.', c.host, c.timeoutSeconds, c.contactListId),
    bulk: (f) => l10n.t('No answer within {0} s, so whether it was deleted is unknown.', f.result.exchange.kind === 'timeout' ? Math.round(f.result.exchange.timeoutMs / 100) / 10 : 0),
  },
  // Cancelled while waiting for the account's rate limit: the request never left.
  cancelledBeforeSending: {
    ...FAILED,
    single: (_f, c) => l10n.t('Cancelled before the request for contact list {0} was sent: nothing was deleted.', c.contactListId),
    bulk: () => l10n.t('Cancelled before the request was sent; nothing was deleted.'),
  },
  cancelled: {
    ...UNKNOWN,
    single: (_f, c) => l10n.t('Cancelled. The request for contact list {0} may already have reached {1}, so whether it was deleted is unknown: look it up again.', c.contactListId, c.host),
    bulk: () => l10n.t('Cancelled while the request was on its way, so whether it was deleted is unknown.'),
  },
  // Connections that failed before the request was written (networkFailure): nothing was sent.
  noHost: { ...NOT_CONNECTED, single: (_f, c) => l10n.t('Could not find the host {0}. Check the host of environment {1}, your network and proxy.', c.host, c.environmentName), bulk: unreachableBulk },
  connectionRefused: { ...NOT_CONNECTED, single: (_f, c) => l10n.t('Could not connect to {0}: the connection was refused. Check the host of environment {1}, your network and proxy.', c.host, c.environmentName), bulk: unreachableBulk },
  untrusted: { ...NOT_CONNECTED, actions: ['networkSettings'], single: untrustedSingle, bulk: unreachableBulk },
  handshake: { ...NOT_CONNECTED, actions: ['networkSettings'], single: untrustedSingle, bulk: unreachableBulk },
  unreachable: {
    ...NOT_CONNECTED,
    single: (f, c) => l10n.t('Could not connect to {0} ({1}), so nothing was sent: contact list {2} was not deleted. Check the host of environment {3}, your network and proxy.', c.host, f.code, c.contactListId, c.environmentName),
    bulk: unreachableBulk,
  },
  // Written, then broken (whatever the code): usually a pooled connection the server had closed, so a run retries it.
  broken: {
    ...UNKNOWN, retry: 'ambiguous',
    single: (_f, c) => l10n.t('The connection to {0} broke before the answer was complete, so whether contact list {1} was deleted is unknown. Look it up again before retrying.', c.host, c.contactListId),
    bulk: (f) => l10n.t('the connection broke ({0})', f.code),
  },
  unclear: {
    ...UNKNOWN,
    single: (f, c) => l10n.t('The request to {0} failed ({1}), so whether contact list {2} was deleted is unknown. Check your network and look the list up again.', c.host, f.code, c.contactListId),
    bulk: (f) => l10n.t('The request failed ({0}), so whether it was deleted is unknown.', f.code),
  },
  // The client never sent it: the URL would not have gone exactly where it was meant to.
  notSent: {
    ...FAILED,
    single: (f, c) => l10n.t('Nothing was sent for contact list {0}: its address on {1} would not have been the list\'s own ({2}). Check the id and the host of environment {3}.', c.contactListId, c.host, detailOf(f), c.environmentName),
    bulk: (f) => l10n.t('Not sent: its address would not have been the list\'s own ({0}).', detailOf(f)),
  },
  // The proxy refused the tunnel (or its own authentication) before anything went to the host, and refuses every id alike.
  proxy: {
    ...NOT_CONNECTED, actions: ['networkSettings'],
    single: (f, c) => `${proxyRefusal(f.result.exchange, c.host)} ${l10n.t('Nothing was sent for contact list {0}: it was not deleted.', c.contactListId)}`,
    bulk: (f) => l10n.t('The proxy refused the connection ({0}); nothing was sent.', detailOf(f)),
  },
  // A result that failed without saying how (only a hand-made one can).
  unspecified: {
    ...FAILED,
    single: (_f, c) => l10n.t('Deleting contact list {0} on {1} failed. Open the response for details.', c.contactListId, c.environmentName),
    bulk: () => l10n.t('The request failed, so it was not deleted.'),
  },
} as const satisfies Record<FailureKind, FailureRow>;

/** A server-given name or address in a sentence: long enough to recognise, short enough to keep the sentence readable. */
export const MAX_NAME_IN_MESSAGE = 120;

function redirectSingle(f: FailureFacts, c: CallContext): string {
  const exchange = f.result.exchange;
  const location = (exchange.kind === 'redirect' && exchange.location && oneLine(exchange.location, MAX_NAME_IN_MESSAGE)) || l10n.t('an unnamed address');
  const redirected = l10n.t('{0} answered with a redirect (HTTP {1}) to {2}. It was not followed, so the token stayed with {0}. Check the host of environment {3}.', c.host, f.status, location, c.environmentName);
  // A redirect can follow a DELETE the host applied (a 303 says it did): never "not deleted".
  return f.result.request.method === 'DELETE'
    ? `${redirected} ${l10n.t('A redirect can follow a DELETE the server applied, so whether contact list {0} was deleted is unknown: look it up again.', c.contactListId)}`
    : redirected;
}

function detailOf({ result: { exchange } }: FailureFacts): string {
  return exchange.kind === 'refused' || exchange.kind === 'proxy' ? exchange.detail : '';
}

/** The row of a failed result, with the facts its sentences read; undefined for a success. */
export function failureOf(result: KoreCallResult): { readonly kind: FailureKind; readonly row: FailureRow; readonly facts: FailureFacts } | undefined {
  const kind = failureKindOf(result);
  if (kind === undefined) return undefined;
  const exchange = result.exchange;
  const facts = { result, status: answerStatusOf(result) ?? 0, code: exchange.kind === 'network' ? exchange.code : 'UNKNOWN', ...(result.serverMessage ? { said: result.serverMessage } : {}) };
  return { kind, row: FAILURES[kind], facts };
}

/** Whether a failed result offers `action` (false for a success). */
export function offers(result: KoreCallResult, action: FailureAction): boolean {
  return failureOf(result)?.row.actions.includes(action) === true;
}
