import * as l10n from '@vscode/l10n';
// Copy as cURL: a request of koreRequest (the one the HTTP client sends) written as a POSIX shell command. The
// token never appears: `auth` reads the KORE_TOKEN variable. Everything else (hosts and App IDs from settings,
// ids from a server) is treated as hostile and single-quoted, where a shell expands nothing.
// A pasted command must not run by itself: it ends without a line break, so a shell without bracketed paste waits
// for Enter; and an unset or empty KORE_TOKEN stops it (`${KORE_TOKEN:?…}`) instead of sending an empty `auth`.
import { AUTH_HEADER, KoreRequest } from './koreRequest';
import { oneLine } from './textSafety';

export const TOKEN_VARIABLE = 'KORE_TOKEN';
/**
 * What the shell says when KORE_TOKEN is unset or empty, and the command stops. Not translated on purpose: it sits
 * inside the one double-quoted (expanded) word, where a translation's `$`, `` ` ``, `"` or `}` would be read as
 * shell syntax.
 */
export const TOKEN_UNSET_MESSAGE = `set ${TOKEN_VARIABLE} first`;

/** How the environment authenticates (never the secret), so the comment says how to make KORE_TOKEN. */
export type TokenSource = 'jwt' | 'client' | 'unknown';

/**
 * One shell word holding exactly `value`: inside single quotes a POSIX shell gives every character its literal
 * meaning, and a single quote itself is written by closing, escaping and reopening (`'\''`). NUL cannot be
 * carried by any shell argument (nor by an HTTP header), so such a value is refused rather than cut short.
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new RangeError('A value holds a NUL character, which no shell command can carry.');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The comment above the command: how to set KORE_TOKEN, without the token entering the shell history. */
export function tokenComment(source: TokenSource): string {
  const read = `read -rs ${TOKEN_VARIABLE} && export ${TOKEN_VARIABLE}`;
  return source === 'client'
    ? l10n.t('Set {0} first to a JWT signed with the app\'s Client Secret as the extension does (HS256; claims appId = Client ID, sub, iat, exp, jti), e.g. {1}', TOKEN_VARIABLE, read)
    : l10n.t('Set {0} first to this environment\'s JWT, e.g. {1}', TOKEN_VARIABLE, read);
}

/**
 * The command, over several lines joined by `\`: a comment saying how to set KORE_TOKEN (and, for a DELETE, that
 * it deletes for good), then curl with the method, the URL and each header in the order the extension sends them.
 * `--globoff` keeps curl from reading `[` `]` `{` `}` in the URL (an IPv6 host) as a range to expand. No line
 * break at the end: pasted, it runs only once Enter is pressed.
 */
export function curlCommand(request: KoreRequest, source: TokenSource): string {
  const comments = [tokenComment(source), ...(request.method === 'DELETE' ? [l10n.t('This DELETE deletes the contact list for good: nothing asks for a confirmation.')] : [])];
  const headers = Object.entries(request.headers).map(([name, value]) => `--header ${shellQuote(`${name}: ${value}`)}`);
  // The one word not single-quoted: it must expand the variable, and it is made of our constants only.
  // `${NAME:?message}`: unset or empty, the shell prints the message and runs nothing.
  const auth = `--header "${AUTH_HEADER}: \${${TOKEN_VARIABLE}:?${TOKEN_UNSET_MESSAGE}}"`;
  const words = [`curl --globoff --request ${shellQuote(request.method)}`, `--url ${shellQuote(request.url)}`, auth, ...headers];
  // A comment ends at the line's end: one-lined, a translation cannot start a command on a line of its own.
  return `${comments.map((comment) => `# ${oneLine(comment, Number.MAX_SAFE_INTEGER)}`).join('\n')}\n${words.join(' \\\n  ')}`;
}
