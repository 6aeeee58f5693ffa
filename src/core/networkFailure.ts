// The one place a failed connection is classed. Whether anything was sent is decided by how far the request got
// (its phase, observed on the socket: see sendPhaseWatch), never by the error code: the same ECONNRESET or TLS
// error means "nothing left" during the handshake and "the server may have applied it" after the request was
// written. The code only chooses the words within what the phase allows.
import { certificateProblem } from './certificateProblems';

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

/** Whether the fix for a failure lies in trusting a certificate authority: only one that failed the handshake. */
export function isTrustFailure(failure: NetworkFailure): boolean {
  return failure.sent === 'never' && (failure.cause === 'untrusted' || failure.cause === 'handshake');
}
