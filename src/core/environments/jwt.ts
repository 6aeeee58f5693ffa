// JWTs for Kore.ai's public APIs: signing one from an app's Client ID and Client Secret, and reading one a
// user pasted. Kore.ai's recipe is HS256 only, with the Client ID in a claim named exactly `appId`; any
// other name or algorithm is refused by the server with an unhelpful 401, so neither is configurable here.
// Decoding never verifies: the extension does not know the secret behind a pasted token, and only reads
// it to tell the user early that it is malformed, for another app or already expired.
import { createHmac, randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { validateToken } from '../input/validation';

/** The `sub` claim when the caller gives none: names the client, so a server log shows who signed it. */
export const DEFAULT_JWT_SUBJECT = 'kore-contact-lists-vscode';
/** Five minutes: long enough for one request and its retries, short enough that a leaked token soon dies. */
export const DEFAULT_JWT_LIFETIME_SECONDS = 300;
export const MAX_CLIENT_ID_LENGTH = 256;
export const MAX_CLIENT_SECRET_LENGTH = 1024;

// Written out once, so the header is byte-for-byte what Kore.ai's recipe shows.
const HEADER = JSON.stringify({ alg: 'HS256', typ: 'JWT' });
// JWS compact serialisation is base64url without padding (RFC 7515 §2); "=" is refused as the server's
// own parser refuses it.
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/;
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose
const NON_ASCII = /[^\x00-\x7f]/;

export interface ClientJwtOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly lifetimeSeconds?: number;
  readonly subject?: string;
  /** The signing time (milliseconds since the epoch, or a Date); tests pin it, callers leave it out. */
  readonly now?: number | Date;
}

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  /** The `appId` claim when it is text: Kore.ai matches it against the app's Client ID. */
  readonly appId?: string;
  readonly expiresAt?: Date;
  readonly issuedAt?: Date;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Signs a short-lived HS256 JWT the way Kore.ai documents: `{ appId, sub, iat, exp, jti }`. The `jti` is
 * fresh for every token, so two tokens signed in the same second still differ and a server may refuse replays.
 * Throws on an empty or malformed Client ID or Secret: an HMAC with an empty key signs anything, silently.
 * Both are used trimmed, as the validators below accept them.
 */
export function signClientJwt(options: ClientJwtOptions): string {
  const { lifetimeSeconds = DEFAULT_JWT_LIFETIME_SECONDS, subject = DEFAULT_JWT_SUBJECT } = options;
  const problem = validateClientId(options.clientId) ?? validateClientSecret(options.clientSecret);
  if (problem) throw new Error(problem);
  if (!Number.isSafeInteger(lifetimeSeconds) || lifetimeSeconds <= 0) {
    throw new RangeError(`The token lifetime must be a positive whole number of seconds, not ${lifetimeSeconds}.`);
  }
  const nowMs = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('The signing time is not a valid time.');
  const iat = Math.floor(nowMs / 1000);
  const payload = { appId: options.clientId.trim(), sub: subject, iat, exp: iat + lifetimeSeconds, jti: randomUUID() };
  const signingInput = `${base64url(HEADER)}.${base64url(JSON.stringify(payload))}`;
  const signature = createHmac('sha256', options.clientSecret.trim()).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** A JSON object from one base64url part, or undefined when the part is not that. */
function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a pasted token is shaped like a JWT: three non-empty base64url parts, a JSON header naming its
 * algorithm, and a JSON object as payload. Catches the usual paste mistakes (half a token, the Client
 * Secret instead of a token, a "Bearer " prefix) before a request fails with a bare 401.
 */
export function checkJwtShape(token: string): string | undefined {
  // The header-safety checks (length, spaces, line breaks) come first: they name the problem more precisely.
  const unsafe = validateToken(token);
  if (unsafe) return unsafe;
  const parts = token.trim().split('.');
  // A length of 4n+1 cannot come out of base64 encoding, so such a part was cut or mistyped.
  if (parts.length !== 3 || parts.some((part) => !BASE64URL.test(part) || part.length % 4 === 1)) {
    return l10n.t('The token is not a JWT: it needs three base64url parts separated by dots.');
  }
  const header = decodePart(parts[0]);
  if (!header || typeof header.alg !== 'string' || !header.alg) {
    return l10n.t('The token is not a JWT: its first part is not a JSON header naming the algorithm; paste the whole token.');
  }
  const payload = decodePart(parts[1]);
  if (!payload) {
    return l10n.t('The token is not a JWT: its middle part is not a JSON object of claims; paste the whole token.');
  }
  // A time no date can hold (exp: 1e300) would never count as expired here, while the server refuses it.
  const badTime = TIME_CLAIMS.find((claim) => typeof payload[claim] === 'number' && dateOf(payload[claim]) === undefined);
  if (badTime) return l10n.t('The token is malformed: its "{0}" claim is not a valid time. Paste a token signed for this app.', badTime);
  return undefined;
}

/** The NumericDate claims (seconds since the epoch) a client reads or a server checks. */
const TIME_CLAIMS = ['exp', 'iat', 'nbf'] as const;

/** A date from a NumericDate claim, when it is one that a Date can hold (within ±8.64e15 ms of the epoch). */
function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Reads a token WITHOUT verifying its signature (see the header of this module); undefined when malformed. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  if (checkJwtShape(token) !== undefined) return undefined;
  const [head, body] = token.trim().split('.');
  const header = decodePart(head);
  const payload = decodePart(body);
  if (!header || !payload) return undefined;
  return {
    header,
    payload,
    appId: typeof payload.appId === 'string' ? payload.appId : undefined,
    expiresAt: dateOf(payload.exp),
    issuedAt: dateOf(payload.iat),
  };
}

/**
 * Whether a token's `exp` has passed, allowing `skewSeconds` for the difference between this machine's
 * clock and the server's (the fake server allows 5 s; 30 s covers an ordinary unsynchronised laptop).
 * A token without `exp` does not expire as far as the client can tell, so it is not expired.
 */
export function isExpired(decoded: Pick<DecodedJwt, 'expiresAt'>, nowMs: number, skewSeconds = 30): boolean {
  if (!decoded.expiresAt) return false;
  return nowMs >= decoded.expiresAt.getTime() + skewSeconds * 1000;
}

/**
 * What is wrong with a Client ID or Secret, if anything. Both go into a claim or an HMAC byte for byte, so
 * anything a paste can slip in (spaces, line breaks, invisible or look-alike characters) would make a
 * token the server refuses with no hint why. The messages are worded by each validator with literal
 * strings (so they can be extracted for translation) and never include the value: it may be the secret.
 */
function credentialProblem(value: string, maxLength: number): 'empty' | 'tooLong' | 'spaces' | 'nonAscii' | undefined {
  const text = value.trim();
  if (!text) return 'empty';
  if (text.length > maxLength) return 'tooLong';
  if (SPACE_OR_CONTROL.test(text)) return 'spaces';
  if (NON_ASCII.test(text)) return 'nonAscii';
  return undefined;
}

type CredentialProblem = NonNullable<ReturnType<typeof credentialProblem>>;

export function validateClientId(value: string): string | undefined {
  const problem = credentialProblem(value, MAX_CLIENT_ID_LENGTH);
  // A table of sentences, each a literal for translation; built only when there is a problem to word.
  const sentences = (): Record<CredentialProblem, string> => ({
    empty: l10n.t('Enter the Client ID of the app, for example cs-5250bdc9-6bfe-5ece-92c9-ab54aa2dxxxx.'),
    tooLong: l10n.t('The Client ID is too long: use at most {0} characters.', MAX_CLIENT_ID_LENGTH),
    spaces: l10n.t('The Client ID contains spaces, line breaks or control characters: paste the Client ID alone.'),
    nonAscii: l10n.t('The Client ID contains a non-ASCII character: type it in plain ASCII.'),
  });
  return problem === undefined ? undefined : sentences()[problem];
}

export function validateClientSecret(value: string): string | undefined {
  const problem = credentialProblem(value, MAX_CLIENT_SECRET_LENGTH);
  const sentences = (): Record<CredentialProblem, string> => ({
    empty: l10n.t('Paste the Client Secret of the app.'),
    tooLong: l10n.t('The Client Secret is too long: use at most {0} characters.', MAX_CLIENT_SECRET_LENGTH),
    spaces: l10n.t('The Client Secret contains spaces, line breaks or control characters: paste the Client Secret alone.'),
    nonAscii: l10n.t('The Client Secret contains a non-ASCII character: copy it again from the app settings.'),
  });
  return problem === undefined ? undefined : sentences()[problem];
}
