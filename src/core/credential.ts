// How an environment's credential is kept in SecretStorage. The host it was entered for is stored with
// it, so that a later change of the environment's host cannot silently send the token somewhere new.

export interface StoredCredential {
  readonly kind: 'jwt';
  readonly token: string;
  /** The environment's host when the credential was entered: the only host it is sent to without asking. */
  readonly host: string;
}

const KEY_PREFIX = 'koreContactLists.credential.';

/** The SecretStorage key of an environment's credential: derived from its stable id, never from its name. */
export function credentialKey(environmentId: string): string {
  return KEY_PREFIX + environmentId;
}

/** The environment id a SecretStorage key belongs to, or undefined for somebody else's key. */
export function environmentIdOfKey(key: string): string | undefined {
  return key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : undefined;
}

export function serialiseCredential(credential: StoredCredential): string {
  return JSON.stringify({ version: 1, ...credential });
}

/** Anything unreadable counts as no credential: the user is then asked to set one again. */
export function parseCredential(text: string | undefined): StoredCredential | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value.kind === 'jwt' && typeof value.token === 'string' && value.token && typeof value.host === 'string') {
      return { kind: 'jwt', token: value.token, host: value.host };
    }
  } catch {
    // fall through: not ours, or damaged
  }
  return undefined;
}
