// The one place a failed connection is classed. Whether anything was sent is decided by how far the request got
// (its phase, observed on the socket: see sendPhaseWatch), never by the error code: the same ECONNRESET or TLS
// error means "nothing left" during the handshake and "the server may have applied it" after the request was
// written. The code only chooses the words within what the phase allows. The words for a failed connection (an
// untrusted certificate, a proxy's refusal) are here too; what each class means is a row of failureTable.
import * as l10n from '@vscode/l10n';
import { FetchError } from 'node-fetch';
import { certificateProblem } from './certificateProblems';
import type { HttpExchange } from '../api/koreHttp';

/**
 * How far a request got, in order. `connecting`: name look-up, TCP connect, a proxy's tunnel. `securing`: the
 * TLS handshake and certificate verification. `writing`: the connection was ready and the request was handed to
 * it. `written`: the whole request was handed to the operating system. `answered`: the answer's head arrived.
 * `unobserved`: nobody saw the request on a socket, so nothing proves it did not leave.
 */
export const SEND_PHASES = ['connecting', 'securing', 'writing', 'written', 'answered', 'unobserved'] as const;
export type SendPhase = (typeof SEND_PHASES)[number];

/** Only before the connection was ready can no byte of the request have reached the server. */
const BEFORE_WRITE: ReadonlySet<SendPhase> = new Set<SendPhase>(['connecting', 'securing']);

/** Whether a request that ended in `phase` can have reached the server: only then may it have been applied. */
export function neverSentIn(phase: SendPhase): boolean {
  return BEFORE_WRITE.has(phase);
}

/** Whether `next` is further along than `phase` (`unobserved` is where every request starts, not a place). */
export function isLaterPhase(next: SendPhase, phase: SendPhase): boolean {
  if (phase === 'unobserved') return next !== 'unobserved';
  return next !== 'unobserved' && SEND_PHASES.indexOf(next) > SEND_PHASES.indexOf(phase);
}

/**
 * A failed connection, classed. `sent: 'never'`: nothing left, named by what went wrong (no such host, refused,
 * an untrusted certificate or a failed handshake, anything else while connecting). `sent: 'maybe'`: the request
 * was written (`broken`) or nobody saw how far it got (`unclear`): the server may have applied it.
 */
export type NetworkFailure =
  | { readonly sent: 'never'; readonly cause: 'noHost' | 'refused' | 'untrusted' | 'handshake' | 'unreachable' }
  | { readonly sent: 'maybe'; readonly cause: 'broken' | 'unclear' };

const NO_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
/** Codes of OpenSSL and Node's TLS layer; meaningful for the words only while securing. */
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO/;

export function classifyNetworkFailure(code: string, phase: SendPhase): NetworkFailure {
  if (!neverSentIn(phase)) return { sent: 'maybe', cause: phase === 'unobserved' ? 'unclear' : 'broken' };
  if (NO_HOST.has(code)) return { sent: 'never', cause: 'noHost' };
  if (code === 'ECONNREFUSED') return { sent: 'never', cause: 'refused' };
  if (certificateProblem(code) !== undefined) return { sent: 'never', cause: 'untrusted' };
  if (phase === 'securing' || TLS_CODE.test(code)) return { sent: 'never', cause: 'handshake' };
  return { sent: 'never', cause: 'unreachable' };
}

/**
 * What https-proxy-agent (used by VS Code's proxy support) throws when the proxy hangs up on or garbles the
 * CONNECT, and what @vscode/proxy-agent throws when no proxy it was given would connect. Library wording is
 * the only signal these errors carry: they have no code.
 */
const PROXY_ERROR = /receiving CONNECT response|proxy CONNECT response|socket connection to proxies/i;

export function isProxyFailure(message: string): boolean {
  return PROXY_ERROR.test(message);
}

/** The code and text of what a request threw: Node's error code when it has one, else the library's own name for it. */
export function networkErrorOf(error: unknown): { code: string; detail: string } {
  if (error instanceof FetchError) {
    const code = error.code ?? (error.type === 'system' ? 'ESYSTEM' : error.type);
    return { code: String(code), detail: error.message };
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { code: code ?? error.name, detail: error.message };
  }
  return { code: 'UNKNOWN', detail: String(error) };
}

/**
 * The proxy's refusal, and what to do about it. A proxy is not "no network": the request got as far as the
 * proxy, which said no (or hung up), so its settings or its credentials are what to look at.
 */
export function proxyRefusal(exchange: HttpExchange, host: string): string {
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
export function untrustedConnection(code: string, host: string): string {
  const problem = certificateProblem(code);
  const what = problem
    ? l10n.t('Could not establish a trusted connection to {0}: its certificate {1} ({2}).', host, problem, code)
    : l10n.t('Could not establish a trusted TLS connection to {0} ({1}).', host, code);
  return `${what} ${l10n.t('If your company uses its own certificate authority or inspects TLS, have that CA trusted by the operating system (read when http.systemCertificates is on) or through NODE_EXTRA_CA_CERTS; certificate checks are never switched off.')}`;
}
