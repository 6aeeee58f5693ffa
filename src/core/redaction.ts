// Secrets must never reach a log, a document or a message. Requests are described through these helpers.

export const REDACTED = '<redacted>';
const SECRET_HEADERS = new Set(['auth', 'authorization', 'cookie', 'proxy-authorization']);

/** A copy of the headers with every credential-bearing value replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return copy;
}

/**
 * Removes every occurrence of each secret from text that came from elsewhere (a server may echo the
 * token it was sent in an error body). Very short "secrets" are ignored: they would redact ordinary words.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  return result;
}
