// Library and server error texts can quote a URL or a proxy with its credentials: node-fetch puts the request URL
// in its message, and @vscode/proxy-agent lists the proxies it tried as VS Code wrote them from `http.proxy`
// ("PROXY alice:S3cret@proxy.corp:8080"). Token redaction (redaction.ts) only knows the secrets it is given; this
// removes the user information of any URL or proxy address, whoever's it is, before the text goes anywhere.
import { REDACTED } from './redaction';

/**
 * The characters of user information, up to its `@` (written plainly, percent-encoded or JSON-escaped). A
 * backslash escape (`\"`) stays inside it: JSON.stringify of a proxy list escapes a password's quote. Greedy, so a
 * password holding a raw `@` is removed up to the last one before the host. Each run stops at white space, a
 * double quote or angle bracket, and (for a URL) at its path (`/`, or `%2F` when the whole URL is encoded), so
 * that no two runs overlap and the work stays linear in the text.
 */
const URL_USERINFO = /(:\/\/|:\\\/\\\/)((?:\\[^/]|[^\s/?#"<>\\])*)(@|%40|\\u0040)/gi;
/** The same in a percent-encoded URL (a query parameter's value): there its path begins at `%2F`. */
const ENCODED_URL_USERINFO = /(%3A%2F%2F)((?:(?!%2F)[^\s/?#"<>\\])*)(%40)/gi;
/**
 * A proxy in PAC form, as VS Code and @vscode/proxy-agent write it: `PROXY`, `HTTPS`, `HTTP`, `SOCKS`, `SOCKS4`
 * or `SOCKS5`, then the address, which VS Code copies raw from the setting: a password may hold `/`, white space,
 * `"`, `<` or `>` there, so no character of the line ends the user information except where the next proxy entry
 * begins (`; PROXY …`, or `","PROXY …` in a JSON list). Greedy, so it reaches the last `@` before the host; at
 * most 512 characters, so the work stays linear in the text. It may take a little more than the password (never
 * less): an unneeded `<redacted>` costs nothing, a leaked password does.
 */
const PAC_USERINFO =
  /\b(PROXY|HTTPS|HTTP|SOCKS|SOCKS4|SOCKS5)([ \t]+)((?:(?![;,"][ \t]*"?(?:PROXY|HTTPS?|SOCKS[45]?|DIRECT)\b)[^\r\n]){0,512})(@|%40|\\u0040)/gi;

/** The text with the user information of every URL and proxy address in it replaced by `<redacted>`. */
export function scrubCredentials(text: string): string {
  // Groups: the separator (or keyword and space) and the `@` stay, the user information between them goes.
  const url = (_whole: string, separator: string, _userinfo: string, at: string) => `${separator}${REDACTED}${at}`;
  return text
    .replace(URL_USERINFO, url)
    .replace(ENCODED_URL_USERINFO, url)
    .replace(PAC_USERINFO, (...match: string[]) => `${match[1]}${match[2]}${REDACTED}${match[4]}`);
}
