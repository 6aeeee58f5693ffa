// Checks of everything a user types, run as they type and again before anything is sent.
// Each returns undefined when the value is fine, or one sentence saying what is wrong and what to do.
import * as l10n from '@vscode/l10n';
import { nameKey } from '../environments/environmentName';
import { hasUnsafeCharacter } from '../text/textSafety';

export const MAX_CONTACT_LIST_ID_LENGTH = 128;
const MAX_NAME_LENGTH = 64;
const MAX_TOKEN_LENGTH = 16 * 1024;

// C0/C1 controls and the invisible or direction-changing characters that make two strings look alike.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose
const NON_ASCII = /[^\x00-\x7f]/;
const APP_ID = /^[A-Za-z0-9_-]+$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// A DNS label as host names allow it ("LDH"): letters, digits and "-", not at either end, at most 63.
// IDNs arrive in their ASCII (xn--) form, which is LDH too; the URL parser has lower-cased the host.
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// What the URL parser leaves of an IPv4 address, whatever form it was typed in.
const IPV4_LITERAL = /^(?:\d{1,3}\.){3}\d{1,3}$/;

export function validateEnvironmentName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return l10n.t('Enter a name for the environment, for example "Production US".');
  if (name.length > MAX_NAME_LENGTH) return l10n.t('The name is too long: use at most {0} characters.', MAX_NAME_LENGTH);
  // The untrimmed value: a line separator or BOM at either end would otherwise pass, trimmed away only here.
  if (hasUnsafeCharacter(value)) {
    return l10n.t('The name contains a control or invisible character (a line break, direction mark or filler, for example): type it again.');
  }
  return undefined;
}

/**
 * Unique names keep pickers, messages and the `(environmentIdOrName, …)` command argument unambiguous.
 * "Unique" is by nameKey: a name that differs from another only by case, compatibility form or look-alike
 * letters is the same name to the person reading it.
 */
export function validateUniqueName(
  value: string,
  otherNames: readonly string[],
): string | undefined {
  const problem = validateEnvironmentName(value);
  if (problem) return problem;
  const wanted = nameKey(value);
  const existing = otherNames.find((name) => nameKey(name) === wanted);
  if (existing === undefined) return undefined;
  if (existing.trim().toLowerCase() === value.trim().toLowerCase()) {
    return l10n.t('An environment named "{0}" already exists: choose another name.', value.trim());
  }
  return l10n.t('An environment named "{0}" already exists, and "{1}" reads the same (it differs only by case, character width or look-alike letters): choose another name.', existing.trim(), value.trim());
}

export interface HostCheck {
  /** The normalised origin, e.g. `https://platform.kore.ai`, when the input is acceptable. */
  readonly host?: string;
  readonly error?: string;
}

/**
 * Accepts `platform.kore.ai`, `https://platform.kore.ai/` or an on-premises host, and returns its origin.
 * Only an origin is accepted: a path, query or credentials in the host would change where the token goes.
 * Plain http is allowed for loopback only, which is how the local fake server is reached.
 */
export function normaliseHost(value: string): HostCheck {
  const input = value.trim();
  if (!input) return { error: l10n.t('Enter the Kore.ai host, for example platform.kore.ai.') };
  if (CONTROL_OR_INVISIBLE.test(input) || /\s/.test(input)) {
    return { error: l10n.t('The host contains spaces or control characters: enter a host such as platform.kore.ai.') };
  }
  if (NON_ASCII.test(input)) {
    return { error: l10n.t('The host contains a non-ASCII character, which can imitate another host: type it in plain ASCII.') };
  }
  if (input.length > 300) return { error: l10n.t('The host is too long: enter a host such as platform.kore.ai.') };
  // The URL parser decodes "%xx" in a host and reads a backslash as "/": what is used would not be what was typed.
  if (/[%\\]/.test(input)) {
    return { error: l10n.t('"{0}" is not a valid host: "%" and "\\" are not allowed. Enter a host such as platform.kore.ai.', input) };
  }
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: l10n.t('"{0}" is not a valid host: enter a host such as platform.kore.ai.', input) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { error: l10n.t('Use an https:// host (the scheme "{0}" is not supported).', url.protocol.replace(/:$/, '')) };
  }
  if (url.username || url.password || input.includes('@')) {
    return { error: l10n.t('The host must not contain a user name or password: enter only the host.') };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(input)) {
    return { error: l10n.t('Enter only the host, without a path, query or fragment (for example platform.kore.ai).') };
  }
  if (!url.hostname || url.hostname.includes('..') || url.hostname.startsWith('.') || url.hostname.endsWith('.')) {
    return { error: l10n.t('"{0}" is not a valid host: enter a host such as platform.kore.ai.', input) };
  }
  // DNS limits: a name of at most 253 characters, in labels of at most 63.
  if (url.hostname.length > 253 || url.hostname.split('.').some((label) => label.length > 63)) {
    return { error: l10n.t('The host is too long: enter a host such as platform.kore.ai.') };
  }
  // The URL parser lets through host characters DNS never does (`*`, `;`, a backtick…): only LDH labels or an IP.
  if (!isIpLiteral(url.hostname) && !url.hostname.split('.').every((label) => LDH_LABEL.test(label))) {
    return {
      error: l10n.t('"{0}" is not a valid host name: each part between dots may contain only letters, digits and "-" (not at its start or end). Enter a host such as platform.kore.ai.', input),
    };
  }
  // The parser rewrites some hosts (`1.2.3` is read as 1.2.0.3, `0x7f.1` as 127.0.0.1): the host used must be the one typed.
  const typed = withScheme.slice(withScheme.indexOf('//') + 2).replace(/\/$/, '').toLowerCase();
  if (typed !== url.hostname && !typed.startsWith(`${url.hostname}:`)) {
    return { error: l10n.t('"{0}" is not a valid host: it would be read as {1}. Enter the host exactly, for example platform.kore.ai.', input, url.hostname) };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return { error: l10n.t('Use https:// for {0}: plain http is only allowed for localhost, 127.0.0.1 and [::1].', url.hostname) };
  }
  return { host: url.origin };
}

/** An IPv6 literal keeps its brackets in `URL.hostname`; an IPv4 one is dotted decimal once parsed. */
function isIpLiteral(hostname: string): boolean {
  return (hostname.startsWith('[') && hostname.endsWith(']')) || IPV4_LITERAL.test(hostname);
}

/**
 * An App ID or Account ID is valid only as it is, as a list id is (validateContactListId): the value checked is the
 * value sent in the URL and headers, so one with a space or tab around it is refused here, and the places that take
 * typed or configured text (the form, settings, imports: parseEnvironmentFields) trim it before the check.
 */
function validateAppField(value: string, what: string, example: string): string | undefined {
  if (!value.trim()) return l10n.t('Enter the {0}, for example {1}.', what, example);
  if (value.length > 128) return l10n.t('The {0} is too long: use at most 128 characters.', what);
  if (!APP_ID.test(value)) return l10n.t('The {0} may contain only letters, digits, "-" and "_" (for example {1}).', what, example);
  return undefined;
}

export function validateIid(value: string): string | undefined {
  return validateAppField(value, l10n.t('App ID (IID)'), 'st-0603182c-7ffb-53c3-b307-47ca14b9xxxx');
}

export function validateAccountId(value: string): string | undefined {
  return validateAppField(value, l10n.t('Account ID'), '67777ce93e25326494e9xxxx');
}

/**
 * The one check of a contact list id, wherever it enters: typed, pasted, read from a file, sent by the server, read
 * back from a bulk run's journal or state. An id is valid only as it is: it must equal its trimmed, NFC-normalised
 * self, because what is checked is what is stored, sent and shown (a journal once held ` cl-1` beside `cl-1`, and a
 * U+2028 at an id's end reached the resume confirmation). Text a person typed into one box is trimmed by
 * typedContactListId first; every other source is taken as it is.
 * Anything that could change the URL path (separators, encoded characters, dot segments) or hide in it (whitespace,
 * controls, look-alikes) is refused outright, and the id is URL-encoded anyway when the path is built.
 */
export function validateContactListId(id: string): string | undefined {
  if (!id.trim()) return l10n.t('Enter the contact list id, for example cl-c2ce382-2516-457e-8eb4-9847deecxxxx.');
  if (id.length > MAX_CONTACT_LIST_ID_LENGTH) {
    return l10n.t('The contact list id is too long: ids have at most {0} characters.', MAX_CONTACT_LIST_ID_LENGTH);
  }
  // String.prototype.trim removes every space and line terminator (U+2028 and U+2029 too) and the BOM.
  if (id !== id.trim() || id !== id.normalize('NFC') || /\s/.test(id) || CONTROL_OR_INVISIBLE.test(id) || hasUnsafeCharacter(id)) {
    return l10n.t('The contact list id contains spaces or control characters: paste the id alone.');
  }
  const forbidden = ['/', '?', '#', '%', '\\'].find((character) => id.includes(character));
  if (forbidden) return l10n.t('The contact list id must not contain "{0}": paste the id alone, not a URL.', forbidden);
  if (id.includes('..')) return l10n.t('The contact list id must not contain "..".');
  // URL parsing removes a "." segment, so the request would go to the collection instead of the list.
  if (/^\.+$/.test(id)) return l10n.t('The contact list id cannot be only dots: paste the id, for example cl-c2ce382-2516-457e-8eb4-9847deecxxxx.');
  if (NON_ASCII.test(id)) {
    return l10n.t('The contact list id contains a non-ASCII character (ids look like cl-c2ce382-…): type it in plain ASCII.');
  }
  return undefined;
}

/**
 * The documented shape of a Kore.ai contact list id: `cl-` and a lower-case hex UUID whose first group has seven
 * digits (`cl-c2ce382-2516-457e-8eb4-9847deecxxxx`, the vendor's example, masked), or eight as a UUID has. Another
 * valid id is still sent, but only after the user confirms it: it is more likely a word of a pasted table.
 */
const KORE_LIST_ID = /^cl-[0-9a-f]{7,8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function looksLikeKoreListId(id: string): boolean {
  return KORE_LIST_ID.test(id);
}

/** What a person typed or pasted into one input box, as the id to check and use: a paste often brings a line break. */
export function typedContactListId(value: string): string {
  return value.trim();
}

/** Tokens travel in an HTTP header: a line break would end it, and the server would see a different request. */
export function validateToken(value: string): string | undefined {
  const token = value.trim();
  if (!token) return l10n.t('Paste the token (a JWT signed for this app).');
  if (token.length > MAX_TOKEN_LENGTH) return l10n.t('The token is too long: at most {0} characters.', MAX_TOKEN_LENGTH);
  if (/\s/.test(token) || CONTROL_OR_INVISIBLE.test(token) || NON_ASCII.test(token)) {
    return l10n.t('The token contains spaces, line breaks or non-ASCII characters: paste the token alone.');
  }
  return undefined;
}
