// Secrets must never reach a log, a document or a message. Requests are described through these helpers, and
// whatever a server sends back is cleaned here before anything else reads it.

export const REDACTED = '<redacted>';
const SECRET_HEADERS = new Set(['auth', 'authorization', 'cookie', 'proxy-authorization']);
/** Shorter "secrets" are ignored: they would redact ordinary words. */
const MIN_SECRET_LENGTH = 8;

/** A copy of the headers with every credential-bearing value replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return copy;
}

/**
 * A run of characters that could spell a secret, each written as itself or as a JSON `\uXXXX` escape, a
 * percent escape, an HTML character reference or JSON's `\/`. A token echoed with one character escaped
 * (`\u0065` for `e`) reads the same to whoever parses or renders it, so a run is compared decoded.
 */
const SPELLING_RUN = /(?:[A-Za-z0-9+/=_.~-]|\\u[0-9a-fA-F]{4}|\\\/|%[0-9a-fA-F]{2}|&#[0-9]{1,7};|&#[xX][0-9a-fA-F]{1,6};)+/g;
const ESCAPE = /\\u(?<json>[0-9a-fA-F]{4})|\\(?<slash>\/)|%(?<percent>[0-9a-fA-F]{2})|&#(?<decimal>[0-9]{1,7});|&#[xX](?<hexadecimal>[0-9a-fA-F]{1,6});/g;

/** The groups of one ESCAPE match: exactly one is set. */
interface EscapeGroups {
  readonly json?: string;
  readonly slash?: string;
  readonly percent?: string;
  readonly decimal?: string;
  readonly hexadecimal?: string;
}

function decodeEscapes(run: string): string {
  // With named groups, the last argument a replacer receives is the groups object.
  return run.replace(ESCAPE, (whole: string, ...rest: unknown[]) => decodeEscape(whole, rest[rest.length - 1] as EscapeGroups));
}

function decodeEscape(whole: string, groups: EscapeGroups): string {
  if (groups.slash) return groups.slash;
  const code = groups.json ?? groups.percent ?? groups.hexadecimal;
  const value = code !== undefined ? parseInt(code, 16) : Number(groups.decimal);
  return value <= 0x10ffff ? String.fromCodePoint(value) : whole;
}

/** The secrets worth looking for: each long enough, and a JWT's signature on its own (the part that proves it). */
function secretsToFind(secrets: ReadonlyArray<string | undefined>): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    found.add(secret);
    const parts = secret.split('.');
    const signature = parts[2];
    if (parts.length === 3 && signature && signature.length >= 16) found.add(signature);
  }
  return [...found];
}

/**
 * Removes every occurrence of each secret from text that came from elsewhere (a server may echo the token
 * it was sent in an error body), written plainly or with any of its characters escaped. A run of characters
 * that spells a secret once decoded is replaced whole.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  return redactFound(text, secretsToFind(secrets));
}

function redactFound(text: string, wanted: readonly string[]): string {
  if (wanted.length === 0) return text;
  let result = text;
  // Secrets of other alphabets (a client secret may hold any printable ASCII) are also removed as written.
  for (const secret of wanted) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result.replace(SPELLING_RUN, (run) => {
    const decoded = run.includes('\\') || run.includes('%') || run.includes('&#') ? decodeEscapes(run) : run;
    return wanted.some((secret) => decoded.includes(secret)) ? REDACTED : run;
  });
}

/**
 * A copy of a parsed value with every string (and every key) redacted. Walked with an explicit stack, so a
 * deeply nested answer cannot overflow the call stack here.
 */
export function redactValue(value: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  // Worked out once for the whole walk: a large answer holds many strings.
  const wanted = secretsToFind(secrets);
  if (wanted.length === 0) return value;
  const clean = (text: string) => redactFound(text, wanted);
  if (typeof value === 'string') return clean(value);
  if (typeof value !== 'object' || value === null) return value;
  const root: unknown[] | Record<string, unknown> = Array.isArray(value) ? [] : {};
  const pending: Array<{ from: unknown[] | Record<string, unknown>; to: unknown[] | Record<string, unknown> }> = [
    { from: value as unknown[] | Record<string, unknown>, to: root },
  ];
  for (let job = pending.pop(); job !== undefined; job = pending.pop()) {
    const { from, to } = job;
    for (const [key, item] of Object.entries(from)) {
      let copy: unknown = item;
      if (typeof item === 'string') copy = clean(item);
      else if (typeof item === 'object' && item !== null) {
        const child: unknown[] | Record<string, unknown> = Array.isArray(item) ? [] : {};
        pending.push({ from: item as unknown[] | Record<string, unknown>, to: child });
        copy = child;
      }
      if (Array.isArray(to)) to.push(copy);
      // defineProperty, so a key such as "__proto__" stays an ordinary key of the copy.
      else Object.defineProperty(to, clean(key), { value: copy, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}
