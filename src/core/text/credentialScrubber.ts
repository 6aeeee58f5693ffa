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
 * `"`, `<` or `>` there, so no character ends the user information except where the next proxy entry begins
 * (`; PROXY …`, or `","PROXY …` in a JSON list) or the line does. Within that entry it runs to the last `@`.
 */
const PAC_KEYWORD = /\b(?:PROXY|HTTPS|HTTP|SOCKS|SOCKS4|SOCKS5)[ \t]+/gi;
const PAC_ENTRY_END = /[;,"][ \t]*"?(?:PROXY|HTTPS?|SOCKS[45]?|DIRECT)\b|[\r\n]/gi;
const AT_SIGNS = ['@', '%40', '\\u0040', '\\U0040'];

/**
 * Each PAC entry's user information replaced. Done by hand rather than by one regular expression: entries are
 * found one after the other and each is scanned once, so the work stays linear however hostile the text (a
 * pattern allowing spaces in a password would otherwise rescan the rest of the line from every keyword).
 * It may take a little more than the password (never less): an unneeded `<redacted>` costs nothing.
 */
function scrubPacEntries(text: string): string {
  let scrubbed = '';
  let copiedTo = 0;
  PAC_KEYWORD.lastIndex = 0;
  for (let keyword = PAC_KEYWORD.exec(text); keyword !== null; keyword = PAC_KEYWORD.exec(text)) {
    const start = keyword.index + keyword[0].length;
    PAC_ENTRY_END.lastIndex = start;
    const end = PAC_ENTRY_END.exec(text)?.index ?? text.length;
    const entry = text.slice(start, end);
    const at = Math.max(...AT_SIGNS.map((sign) => entry.lastIndexOf(sign)));
    if (at > 0) {
      scrubbed += `${text.slice(copiedTo, start)}${REDACTED}`;
      copiedTo = start + at;
    }
    PAC_KEYWORD.lastIndex = Math.max(end, PAC_KEYWORD.lastIndex);
  }
  return `${scrubbed}${text.slice(copiedTo)}`;
}

/** The text with the user information of every URL and proxy address in it replaced by `<redacted>`. */
export function scrubCredentials(text: string): string {
  // Groups: the separator and the `@` stay, the user information between them goes.
  const url = (_whole: string, separator: string, _userinfo: string, at: string) => `${separator}${REDACTED}${at}`;
  return scrubPacEntries(text.replace(URL_USERINFO, url).replace(ENCODED_URL_USERINFO, url));
}
