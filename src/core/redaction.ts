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

/** `[eE]` for a hex digit that is a letter: escapes may be written in either case. */
function hexPattern(code: number, width: number): string {
  return Array.from(code.toString(16).padStart(width, '0'), (digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');
}

/**
 * One character of a secret as a server may write it back: itself, or a JSON `\uXXXX` escape, a percent
 * escape, or an HTML character reference. A token echoed with one character escaped (`\u0065` for `e`)
 * then reads the same to whoever parses or renders it, so it must be found in every such form.
 */
function characterForms(character: string): string {
  const literal = character.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const code = character.codePointAt(0) ?? 0;
  if (code > 0xffff) return literal;
  const forms = [literal, `\\\\u${hexPattern(code, 4)}`, `&#0*${code};`, `&#[xX]0*${hexPattern(code, 1)};`];
  if (code < 0x80) forms.push(`%${hexPattern(code, 2)}`);
  if (character === '/') forms.push('\\\\/');
  return `(?:${forms.join('|')})`;
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
  // Longest first, so a whole token is replaced before its signature alone could be.
  return [...found].sort((a, b) => b.length - a.length);
}

const matchers = new Map<string, RegExp>();

function matcherFor(secret: string): RegExp {
  let matcher = matchers.get(secret);
  if (!matcher) {
    matcher = new RegExp(Array.from(secret, characterForms).join(''), 'g');
    // A few recent tokens are enough: each request has at most one, and a signed one is fresh every time.
    if (matchers.size >= 16) matchers.clear();
    matchers.set(secret, matcher);
  }
  return matcher;
}

/**
 * Removes every occurrence of each secret from text that came from elsewhere (a server may echo the token
 * it was sent in an error body), written plainly or with any of its characters escaped.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secretsToFind(secrets)) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    result = result.replace(matcherFor(secret), REDACTED);
  }
  return result;
}

/**
 * A copy of a parsed value with every string (and every key) redacted. Walked with an explicit stack, so a
 * deeply nested answer cannot overflow the call stack here.
 */
export function redactValue(value: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  if (secretsToFind(secrets).length === 0) return value;
  const clean = (text: string) => redactSecrets(text, secrets);
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
