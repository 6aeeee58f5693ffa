import * as l10n from '@vscode/l10n';
// The sentence a user reads after a call: what happened, where, and what to do next.
import { certificateProblem } from './certificateProblems';
import { DialectSearch, isRouteNotFound } from './dialectDetection';
import { dialectName } from './dialectNames';
import { ApiDialect } from './koreApiPaths';
import { HttpExchange } from './koreHttp';
import { KoreCallResult, missingRecordNote, recordOfList, responseStatusOf } from './koreResult';
import { NetworkFailure, classifyNetworkFailure, isTrustFailure } from './networkFailure';
import { oneLine, serverText } from './textSafety';

/** A server-given name or address in a sentence: long enough to recognise, short enough to keep the sentence readable. */
const MAX_NAME_IN_MESSAGE = 120;
/** A whole sentence: the longest template with every part at its own cap fits well within this. */
const MAX_SENTENCE = 2000;

export interface CallContext {
  readonly contactListId: string;
  readonly environmentName: string;
  readonly host: string;
  readonly timeoutSeconds: number;
  /** The environment's API dialect: named when the platform says that form of the API is not served. */
  readonly dialect?: ApiDialect;
}

/**
 * The sentence after a DELETE (or GET). Whatever was put into it (a server's words, an address, an error
 * code), it comes out as one safe line: a sentence is shown in notifications and written to the audit trail.
 */
export function describeDeleteResult(result: KoreCallResult, context: CallContext): string {
  return oneLine(deleteResultSentence(result, context), MAX_SENTENCE);
}

function deleteResultSentence(result: KoreCallResult, context: CallContext): string {
  const { contactListId: id, environmentName: env, host } = context;
  const said = result.serverMessage ? l10n.t(' The server said: "{0}".', result.serverMessage) : '';
  const exchange = result.exchange;
  if (result.ok) {
    // Name what went and where, whatever the server's wording; its own message follows when it has one.
    // Only the record of this very list names it: another list's record would put a wrong name in the sentence.
    const record = recordOfList(result, id);
    const name = record?.name ? serverText(record.name, MAX_NAME_IN_MESSAGE) : undefined;
    const deleted = name ? l10n.t('Contact list "{0}" ({1}) was deleted from {2}.', name, id, env) : l10n.t('Contact list {0} was deleted from {1}.', id, env);
    const note = missingRecordNote(result);
    return [deleted, ...(result.serverMessage ? [l10n.t('The server said: "{0}".', result.serverMessage)] : []), ...(note ? [note] : [])].join(' ');
  }
  switch (result.failure) {
    case 'http': {
      // A 404 for the address itself is about the API form, not the list: "check the id" would send the user the wrong way.
      if (isRouteNotFound(result)) return routeNotServed(context);
      const status = exchange.kind === 'response' ? exchange.status : 0;
      return describeHttpStatus(status, result.retryAfterSeconds, context) + said;
    }
    case 'apiFailure':
      return l10n.t('Kore.ai could not delete contact list {0} on {1} ({2}).', id, env, host) + (said || l10n.t(' It answered without saying why.')) + l10n.t(' Open the response for details.');
    case 'notJson':
      return l10n.t('{0} answered HTTP {1} with a body that is not JSON, so whether contact list {2} was deleted is unknown. Check the host of {3}, and open the response to see what came back.',
        host, exchange.kind === 'response' ? exchange.status : 0, id, env);
    case 'emptyBody':
      return l10n.t('{0} answered HTTP {1} with an empty body, so whether contact list {2} was deleted is unknown. Look the list up again before retrying.',
        host, exchange.kind === 'response' ? exchange.status : 0, id);
    case 'unconfirmed':
      return l10n.t('{0} answered HTTP {1}, but the answer does not say that contact list {2} was deleted, so whether it was deleted is unknown. Open the response, and look the list up again before retrying.',
        host, exchange.kind === 'response' ? exchange.status : 0, id) + said;
    case 'redirect': {
      const redirected = l10n.t('{0} answered with a redirect (HTTP {1}) to {2}. It was not followed, so the token stayed with {0}. Check the host of environment {3}.',
        host, exchange.kind === 'redirect' ? exchange.status : 0, (exchange.kind === 'redirect' && exchange.location && oneLine(exchange.location, MAX_NAME_IN_MESSAGE)) || l10n.t('an unnamed address'), env);
      // A redirect can follow a DELETE the host applied (a 303 says it did): never "not deleted".
      return result.request.method === 'DELETE'
        ? `${redirected} ${l10n.t('A redirect can follow a DELETE the server applied, so whether contact list {0} was deleted is unknown: look it up again.', id)}`
        : redirected;
    }
    case 'tooLarge':
      return l10n.t('The answer from {0} is larger than {1} MB, so it was not read. Whether contact list {2} was deleted is unknown: look it up again.',
        host, exchange.kind === 'tooLarge' ? Math.round(exchange.limitBytes / (1024 * 1024)) : 5, id);
    case 'timeout':
      return l10n.t('{0} did not answer within {1} s, so whether contact list {2} was deleted is unknown. Look it up again before retrying, or raise the setting koreContactLists.requestTimeoutSeconds.',
        host, context.timeoutSeconds, id);
    case 'cancelled':
      return exchange.kind === 'cancelled' && exchange.beforeSending
        ? l10n.t('Cancelled before the request for contact list {0} was sent: nothing was deleted.', id)
        : l10n.t('Cancelled. The request for contact list {0} may already have reached {1}, so whether it was deleted is unknown: look it up again.', id, host);
    case 'network':
      return exchange.kind === 'network' ? describeNetworkFailure(exchange.code, networkFailureOf(result) ?? { sent: 'maybe', cause: 'unclear' }, context) : describeNetworkFailure('UNKNOWN', { sent: 'maybe', cause: 'unclear' }, context);
    case 'refused':
      return l10n.t('Nothing was sent for contact list {0}: its address on {1} would not have been the list\'s own ({2}). Check the id and the host of environment {3}.',
        id, host, exchange.kind === 'refused' ? exchange.detail : '', env);
    case 'proxy':
      return `${proxyRefusal(exchange, host)} ${l10n.t('Nothing was sent for contact list {0}: it was not deleted.', id)}`;
    default:
      return l10n.t('Deleting contact list {0} on {1} failed. Open the response for details.', id, env);
  }
}

/** The environment's dialect has no route at its host (HTTP 404 for the address itself): nothing reached a list. */
function routeNotServed(context: CallContext): string {
  return l10n.t(
    'The {0} API is not served at {1} (HTTP 404 for the address itself, not for contact list {2}), so nothing was done to the list. Run Test Connection on "{3}" to find the one it serves.',
    dialectName(context.dialect),
    context.host,
    context.contactListId,
    context.environmentName,
  );
}

function describeHttpStatus(status: number, retryAfter: number | undefined, context: CallContext): string {
  const { contactListId: id, environmentName: env, host } = context;
  switch (status) {
    case 400:
      return l10n.t('Kore.ai refused the request as invalid (HTTP 400) on {0}. Check the App ID and Account ID of environment {1}, and the contact list id.', host, env);
    case 401:
      return l10n.t('Kore.ai rejected the token for {0} with HTTP 401 (host {1}). Set a new token for this environment and try again.', env, host);
    case 403:
      return l10n.t('Kore.ai denied access (HTTP 403) on {0}. Check that the app\'s API scope includes Campaign Management and is published, and that the Account ID of {1} is right.', host, env);
    case 404:
      return l10n.t('Contact list {0} was not found on {1} (HTTP 404 from {2}). Check the id, and that it belongs to this environment\'s app.', id, env, host);
    case 409:
      return l10n.t('Kore.ai refused to delete contact list {0} (HTTP 409): it may be in use by a campaign. Detach it from its campaigns and try again.', id);
    case 429:
      // parseRetryAfter gives whole seconds within a sane bound; zero (a date already past) means "now".
      return retryAfter !== undefined && retryAfter > 0
        ? l10n.t('Kore.ai\'s rate limit was reached for this account (HTTP 429: 60 campaign calls per minute). Try again in {0} s.', retryAfter)
        : l10n.t('Kore.ai\'s rate limit was reached for this account (HTTP 429: 60 campaign calls per minute). Wait a minute and try again.');
    default:
      if (status >= 500) {
        return l10n.t('{0} had a server error (HTTP {1}), so whether contact list {2} was deleted is unknown. Look it up again, and try again later.', host, status, id);
      }
      return l10n.t('Deleting contact list {0} on {1} failed with HTTP {2} (host {3}). Open the response for details.', id, env, status, host);
  }
}

/** A failed connection, classed by how far the request got (networkFailure); undefined for any other result. */
function networkFailureOf(result: KoreCallResult): NetworkFailure | undefined {
  return result.exchange.kind === 'network' ? classifyNetworkFailure(result.exchange.code, result.exchange.phase) : undefined;
}

/** The words follow the class: "nothing was sent" only when the request never had a ready connection. */
function describeNetworkFailure(code: string, failure: NetworkFailure, context: CallContext): string {
  const { contactListId: id, environmentName: env, host } = context;
  if (failure.sent === 'maybe') {
    return failure.cause === 'broken'
      ? l10n.t('The connection to {0} broke before the answer was complete, so whether contact list {1} was deleted is unknown. Look it up again before retrying.', host, id)
      : l10n.t('The request to {0} failed ({1}), so whether contact list {2} was deleted is unknown. Check your network and look the list up again.', host, code, id);
  }
  switch (failure.cause) {
    case 'refused':
      return l10n.t('Could not connect to {0}: the connection was refused. Check the host of environment {1}, your network and proxy.', host, env);
    case 'noHost':
      return l10n.t('Could not find the host {0}. Check the host of environment {1}, your network and proxy.', host, env);
    case 'untrusted':
    case 'handshake':
      return untrustedConnection(code, host);
    default:
      return l10n.t('Could not connect to {0} ({1}), so nothing was sent: contact list {2} was not deleted. Check the host of environment {3}, your network and proxy.', host, code, id, env);
  }
}

/**
 * The proxy's refusal, and what to do about it. A proxy is not "no network": the request got as far as the
 * proxy, which said no (or hung up), so its settings or its credentials are what to look at.
 */
function proxyRefusal(exchange: HttpExchange, host: string): string {
  if (exchange.kind !== 'proxy') return l10n.t('The proxy refused the connection to {0}.', host);
  if (exchange.status === 407) {
    return l10n.t('The proxy refused the connection to {0}: it asks for credentials (HTTP 407). Check the proxy settings (http.proxy, http.proxyAuthorization) or ask your IT for access.', host);
  }
  if (exchange.status !== undefined) {
    return l10n.t('The proxy refused the connection to {0} (HTTP {1} from the proxy, not from Kore.ai). Check the proxy settings (http.proxy, http.noProxy), or ask your IT to allow this host.', host, exchange.status);
  }
  return l10n.t('The proxy closed the connection to {0} before it was set up. Check the proxy settings (http.proxy, http.noProxy), or ask your IT to allow this host.', host);
}

/** A TLS failure in words: what is wrong with the certificate when Node says, and how a company makes its CA trusted. */
function untrustedConnection(code: string, host: string): string {
  const problem = certificateProblem(code);
  const what = problem
    ? l10n.t('Could not establish a trusted connection to {0}: its certificate {1} ({2}).', host, problem, code)
    : l10n.t('Could not establish a trusted TLS connection to {0} ({1}).', host, code);
  return `${what} ${l10n.t('If your company uses its own certificate authority or inspects TLS, have that CA trusted by the operating system (read when http.systemCertificates is on) or through NODE_EXTRA_CA_CERTS; certificate checks are never switched off.')}`;
}

/** Whether the fix lies in the editor's network settings (proxy, certificates): the caller then offers to open them. */
export function pointsAtNetworkSettings(result: KoreCallResult): boolean {
  const exchange = result.exchange;
  const network = networkFailureOf(result);
  return exchange.kind === 'proxy' || (network !== undefined && isTrustFailure(network));
}

/** A few words for why a call failed, for sentences such as "Could not look up the list ({reason})". */
export function briefFailureReason(result: KoreCallResult, timeoutSeconds: number): string {
  return oneLine(briefReason(result, timeoutSeconds), MAX_SENTENCE);
}

function briefReason(result: KoreCallResult, timeoutSeconds: number): string {
  const exchange = result.exchange;
  const said = result.serverMessage ? `: ${result.serverMessage}` : '';
  switch (exchange.kind) {
    case 'response':
      if (result.failure === 'apiFailure') return l10n.t('the server reported a failure{0}', said);
      if (result.failure === 'notJson') return l10n.t('HTTP {0} with a body that is not JSON', exchange.status);
      if (result.failure === 'emptyBody') return l10n.t('HTTP {0} with an empty body', exchange.status);
      if (result.failure === 'unconfirmed') return l10n.t('HTTP {0} with an answer that does not confirm it{1}', exchange.status, said);
      return l10n.t('HTTP {0}{1}', exchange.status, said);
    case 'redirect':
      return l10n.t('a redirect (HTTP {0}) that was not followed', exchange.status);
    case 'tooLarge':
      return l10n.t('an answer over {0} MB', Math.round(exchange.limitBytes / (1024 * 1024)));
    case 'timeout':
      return l10n.t('no answer within {0} s', timeoutSeconds);
    case 'cancelled':
      return l10n.t('cancelled');
    case 'network': {
      const network = networkFailureOf(result);
      const problem = network?.sent === 'never' && network.cause === 'untrusted' ? certificateProblem(exchange.code) : undefined;
      return problem ? l10n.t('the certificate {0} ({1})', problem, exchange.code) : l10n.t('network error {0}', exchange.code);
    }
    case 'refused':
      return l10n.t('not sent, because the address was not the expected one: {0}', exchange.detail);
    case 'proxy':
      return exchange.status !== undefined ? l10n.t('the proxy refused the connection with HTTP {0}', exchange.status) : l10n.t('the proxy closed the connection');
  }
}

/** Test Connection: whether host, ids and credential work, naming the one that is wrong when it can. */
export function describeConnectionTest(
  result: KoreCallResult,
  listCount: number | undefined,
  context: { readonly environmentName: string; readonly host: string; readonly iid: string; readonly accountId: string; readonly timeoutSeconds: number },
): { ok: boolean; message: string } {
  const { environmentName: env, host } = context;
  if (result.ok) return { ok: true, message: l10n.t('Connected to "{0}" ({1}): host, App ID, Account ID and token work; {2} contact list(s) visible.', env, host, listCount ?? 0) };
  const said = result.serverMessage ? l10n.t(' The server said: "{0}".', result.serverMessage) : '';
  const status = responseStatusOf(result);
  if (status === 401) return { ok: false, message: l10n.t('The token (or the App ID {0}) of "{1}" was rejected (HTTP 401). Check the App ID, then set a new token.', context.iid, env) + said };
  if (status === 403) return { ok: false, message: l10n.t('Access denied on "{0}" (HTTP 403): check the Account ID {1} and that the app\'s API scope includes Campaign Management.', env, context.accountId) + said };
  if (status === 400) return { ok: false, message: l10n.t('"{0}" refused the request (HTTP 400): check the App ID {1} and the Account ID {2}.', env, context.iid, context.accountId) + said };
  if (status === 404) return { ok: false, message: l10n.t('{0} has no contact-list API for App ID {1} (HTTP 404): check that the host of "{2}" is a Kore.ai platform and that the App ID is right.', host, context.iid, env) + said };
  if (result.exchange.kind === 'proxy') return { ok: false, message: proxyRefusal(result.exchange, host) };
  const network = networkFailureOf(result);
  if (result.exchange.kind === 'network' && network !== undefined && isTrustFailure(network)) return { ok: false, message: untrustedConnection(result.exchange.code, host) };
  if (result.exchange.kind === 'network' || result.exchange.kind === 'timeout' || result.exchange.kind === 'redirect' || result.failure === 'notJson') {
    return { ok: false, message: l10n.t('Could not reach a Kore.ai API at {0} ({1}): check the host of "{2}".', host, briefFailureReason(result, context.timeoutSeconds), env) };
  }
  return { ok: false, message: l10n.t('Testing "{0}" failed ({1}).', env, briefFailureReason(result, context.timeoutSeconds)) };
}

/**
 * What Test Connection's search of the other dialects found when none answered, in one sentence after the own
 * verdict. A probe that met a 404 for the address itself says that form is not served; one that failed otherwise
 * (a refused token, a proxy, a certificate, a timeout) says nothing about its form, so its own reason is named
 * rather than a blanket "did not answer". `networkSettings`: some probe's fix lies in the editor's network settings.
 */
export function describeDialectSearch(tried: DialectSearch['tried'], timeoutSeconds: number): { sentence: string; networkSettings: boolean } {
  const networkSettings = tried.some((attempt) => pointsAtNetworkSettings(attempt.result));
  const names = tried.map((attempt) => dialectName(attempt.dialect)).join(', ');
  if (tried.every((attempt) => attempt.verdict === 'routeMissing')) {
    return { sentence: l10n.t('The other forms of the API ({0}) did not answer either.', names), networkSettings };
  }
  const each = tried.map((attempt) =>
    attempt.verdict === 'routeMissing'
      ? l10n.t('{0}: not served (HTTP 404 for the address itself)', dialectName(attempt.dialect))
      : l10n.t('{0}: {1}', dialectName(attempt.dialect), briefFailureReason(attempt.result, timeoutSeconds)),
  );
  return {
    sentence: oneLine(
      l10n.t('The other forms of the API were tried, and none could be confirmed: {0}. Fix what a failed one names, then run Test Connection again.', each.join('; ')),
      MAX_SENTENCE,
    ),
    networkSettings,
  };
}
