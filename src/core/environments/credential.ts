// What an environment's credential is, how it is written down for safekeeping (the VS Code layer keeps the
// text in SecretStorage), and how it becomes the `auth` header. Two kinds: a JWT the user pasted, or the app's
// Client ID and Client Secret from which a fresh short-lived JWT is signed for every request. The host it was
// entered for is stored with it, so that a later change of the environment's host cannot silently send it
// somewhere new.
import { DecodedJwt, decodeJwt, isExpired, signClientJwt } from './jwt';

export type StoredCredential =
  | { readonly kind: 'jwt'; readonly token: string; readonly host: string }
  | { readonly kind: 'client'; readonly clientId: string; readonly clientSecret: string; readonly host: string };

export function serialiseCredential(credential: StoredCredential): string {
  return JSON.stringify({ version: 1, ...credential });
}

/** Anything unreadable counts as no credential: the user is then asked to set one again. */
export function parseCredential(text: string | undefined): StoredCredential | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (typeof value.host !== 'string') return undefined;
    if (value.kind === 'jwt' && typeof value.token === 'string' && value.token) {
      return { kind: 'jwt', token: value.token, host: value.host };
    }
    if (value.kind === 'client' && typeof value.clientId === 'string' && value.clientId && typeof value.clientSecret === 'string' && value.clientSecret) {
      return { kind: 'client', clientId: value.clientId, clientSecret: value.clientSecret, host: value.host };
    }
  } catch {
    // fall through: not ours, or damaged
  }
  return undefined;
}

/** The value of the `auth` header: the pasted JWT, or one signed now, valid for `lifetimeSeconds`. */
export function authToken(credential: StoredCredential, lifetimeSeconds: number, now: number = Date.now()): string {
  return credential.kind === 'jwt'
    ? credential.token
    : signClientJwt({ clientId: credential.clientId, clientSecret: credential.clientSecret, lifetimeSeconds, now });
}

/** What can be said about a credential without the secret: for tooltips and warnings. */
export interface CredentialSummary {
  readonly kind: StoredCredential['kind'];
  /** The Client ID, or the `appId` claim of a pasted JWT. */
  readonly appId?: string;
  /** A pasted JWT's expiry; signed tokens are always fresh. */
  readonly expiresAt?: Date;
  readonly expired: boolean;
}

export function summariseCredential(credential: StoredCredential, now: number = Date.now()): CredentialSummary {
  if (credential.kind === 'client') return { kind: 'client', appId: credential.clientId, expired: false };
  const decoded: DecodedJwt | undefined = decodeJwt(credential.token);
  return {
    kind: 'jwt',
    ...(decoded?.appId ? { appId: decoded.appId } : {}),
    ...(decoded?.expiresAt ? { expiresAt: decoded.expiresAt } : {}),
    expired: decoded ? isExpired(decoded, now) : false,
  };
}

/**
 * Whether a credential may be used for a request to `host` now. One decision, so the commands (which ask
 * the user) and the tree (which only explains) can never disagree about when a token is sent.
 */
export type CredentialReadiness =
  | { readonly state: 'missing' }
  | { readonly state: 'expired'; readonly expiresAt?: Date }
  | { readonly state: 'otherHost'; readonly credential: StoredCredential }
  | { readonly state: 'usable'; readonly credential: StoredCredential };

export function credentialReadiness(credential: StoredCredential | undefined, host: string, now: number = Date.now()): CredentialReadiness {
  if (!credential) return { state: 'missing' };
  const summary = summariseCredential(credential, now);
  if (summary.expired) return { state: 'expired', ...(summary.expiresAt ? { expiresAt: summary.expiresAt } : {}) };
  if (credential.host !== host) return { state: 'otherHost', credential };
  return { state: 'usable', credential };
}
