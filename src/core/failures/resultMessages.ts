// The sentence a user reads after a call: what happened, where, and what to do next.
// Each failure's sentence is a row of failureTable; this adds the sentence of a success, Test Connection's and the brief reasons.
import * as l10n from '@vscode/l10n';
import { certificateProblem } from './certificateProblems';
import { DialectSearch } from '../api/dialectDetection';
import { dialectName } from '../api/dialectNames';
import { failureKindOf } from './failureKind';
import { CallContext, MAX_NAME_IN_MESSAGE, failureOf, offers } from './failureTable';
import { KoreCallResult, missingRecordNote, recordOfList, responseStatusOf } from '../api/koreResult';
import { proxyRefusal, untrustedConnection } from './networkFailure';
import { oneLine, serverText } from '../text/textSafety';

/** A whole sentence: the longest template with every part at its own cap fits well within this. */
const MAX_SENTENCE = 2000;

export type { CallContext } from './failureTable';

/**
 * The sentence after a DELETE (or GET). Whatever was put into it (a server's words, an address, an error
 * code), it comes out as one safe line: a sentence is shown in notifications and written to the audit trail.
 */
export function describeDeleteResult(result: KoreCallResult, context: CallContext): string {
  return oneLine(deleteResultSentence(result, context), MAX_SENTENCE);
}

function deleteResultSentence(result: KoreCallResult, context: CallContext): string {
  const failure = failureOf(result);
  if (failure) return failure.row.single(failure.facts, context);
  const { contactListId: id, environmentName: env } = context;
  // Name what went and where, whatever the server's wording; its own message follows when it has one.
  // Only the record of this very list names it: another list's record would put a wrong name in the sentence.
  const record = recordOfList(result, id);
  const name = record?.name ? serverText(record.name, MAX_NAME_IN_MESSAGE) : undefined;
  const deleted = name ? l10n.t('Contact list "{0}" ({1}) was deleted from {2}.', name, id, env) : l10n.t('Contact list {0} was deleted from {1}.', id, env);
  const note = missingRecordNote(result);
  return [deleted, ...(result.serverMessage ? [l10n.t('The server said: "{0}".', result.serverMessage)] : []), ...(note ? [note] : [])].join(' ');
}

/** Whether the fix lies in the editor's network settings (proxy, certificates): the caller then offers to open them. */
export function pointsAtNetworkSettings(result: KoreCallResult): boolean {
  return offers(result, 'networkSettings');
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
      const problem = failureKindOf(result) === 'untrusted' ? certificateProblem(exchange.code) : undefined;
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
  const kind = failureKindOf(result);
  if (result.exchange.kind === 'network' && (kind === 'untrusted' || kind === 'handshake')) return { ok: false, message: untrustedConnection(result.exchange.code, host) };
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
