// Copy as cURL: a request of koreRequest (the one the HTTP client sends) written as a command for the user's shell:
// a POSIX shell (bash, zsh, dash…), PowerShell or cmd. Pasted, it must be inert text except for the one request, in
// every shell and language, whatever the server named the list. So the command holds no comment and no translated
// text (an explanation goes in the notification: curlAdvice), the URL's every character outside `A-Za-z0-9-_.` is
// percent-encoded (koreApiPaths), and every value is checked against a small alphabet that no shell reads specially
// inside the quotes used for it, so each quoted word is quoted by construction, never by escaping. The token never
// appears: the shell reads it from the KORE_TOKEN variable, and an unset or empty one stops the command.
import * as l10n from '@vscode/l10n';
import { unexpectedRequestUrl } from './koreApiPaths';
import { AUTH_HEADER, KoreRequest } from './koreRequest';

export const CURL_SHELLS = ['posix', 'powershell', 'cmd'] as const;
/** The shell a command is written for: POSIX shells (bash, zsh, dash, ksh), PowerShell (5 and 7), Windows cmd. */
export type CurlShell = (typeof CURL_SHELLS)[number];

export const TOKEN_VARIABLE = 'KORE_TOKEN';
/** What the shell says when KORE_TOKEN is unset or empty. Not translated: it sits inside the command. */
export const TOKEN_UNSET_MESSAGE = `set ${TOKEN_VARIABLE} first`;

/** How the environment authenticates (never the secret), so the advice says how to make KORE_TOKEN. */
export type TokenOrigin = 'jwt' | 'client' | 'unknown';

/** Why a request cannot be written for a shell; the caller words it for the user. */
export type UnwritableReason = 'url' | 'header' | 'cmdPercent';

export class UnwritableRequest extends RangeError {
  constructor(
    readonly reason: UnwritableReason,
    readonly shell: CurlShell,
  ) {
    super(`The request cannot be written safely as a ${shell} command (${reason}).`);
    this.name = 'UnwritableRequest';
  }
}

/**
 * The characters a URL may hold in the command: what koreApiPaths builds from a checked host (letters, digits, `.`,
 * `-`, `:`, an IPv6 host's brackets), percent-encoded segments and the query's `?`, `=`, `&`. None of them is special
 * inside POSIX or PowerShell single quotes, nor is `%`/`&` in a URL cmd may see (checked separately: CMD_UNSAFE).
 */
const URL_ALPHABET = /^https?:\/\/[A-Za-z0-9.:[\]-]+(?:\/[A-Za-z0-9._%/-]*)?(?:\?[A-Za-z0-9._%=&-]*)?$/;
/** Header names and values: what the extension sends (App and Account IDs, `application/json`), nothing else. */
const HEADER_NAME = /^[A-Za-z0-9-]+$/;
const HEADER_VALUE = /^[A-Za-z0-9._/-]+$/;
/** Inside cmd's double quotes `%NAME%` still expands (and `!NAME!` with delayed expansion): refused, not escaped. */
const CMD_UNSAFE = /[%!&^|<>"]/;

/** The curl arguments after the program name, as each shell must pass them (`auth` written per shell). */
interface CurlArguments {
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

function checkedArguments(request: KoreRequest, shell: CurlShell): CurlArguments {
  // The URL copied is the URL sent: it must parse to exactly the expected path and query, as the client checks.
  if (!URL_ALPHABET.test(request.url) || unexpectedRequestUrl(request.url, request.expected) !== undefined) {
    throw new UnwritableRequest('url', shell);
  }
  const headers = Object.entries(request.headers);
  if (!headers.every(([name, value]) => HEADER_NAME.test(name) && HEADER_VALUE.test(value))) throw new UnwritableRequest('header', shell);
  if (shell === 'cmd' && CMD_UNSAFE.test(request.url)) throw new UnwritableRequest('cmdPercent', shell);
  return { method: request.method, url: request.url, headers };
}

/** A quoted word of one checked value: the alphabets above hold no quote, so nothing inside needs escaping. */
function quoted(value: string, quote: "'" | '"'): string {
  if (value.includes(quote) || /[^\x20-\x7e]/.test(value)) throw new RangeError('A value to quote holds a quote or a character outside printable ASCII.');
  return `${quote}${value}${quote}`;
}

/**
 * The command for `shell`, without a line break at its end (pasted, it waits for Enter), and without any comment or
 * translated text. `--globoff` keeps curl from reading `[` `]` in the URL (an IPv6 host) as a range to expand.
 * Throws UnwritableRequest when a value is outside the checked alphabets (a hand-edited host, say).
 */
export function curlCommand(request: KoreRequest, shell: CurlShell): string {
  const { method, url, headers } = checkedArguments(request, shell);
  switch (shell) {
    case 'posix':
      return posixCommand(method, url, headers);
    case 'powershell':
      return powerShellCommand(method, url, headers);
    case 'cmd':
      return cmdCommand(method, url, headers);
  }
}

/**
 * Over several lines joined by `\`, each value single-quoted. The one double-quoted word expands the variable:
 * `${NAME:?message}` prints the message and runs nothing when NAME is unset or empty.
 */
function posixCommand(method: string, url: string, headers: CurlArguments['headers']): string {
  const auth = `--header "${AUTH_HEADER}: \${${TOKEN_VARIABLE}:?${TOKEN_UNSET_MESSAGE}}"`;
  const words = [`curl --globoff --request ${quoted(method, "'")}`, `--url ${quoted(url, "'")}`, auth, ...headers.map(([name, value]) => `--header ${quoted(`${name}: ${value}`, "'")}`)];
  return words.join(' \\\n  ');
}

/**
 * One line (PowerShell's continuation is a backtick that a trailing space breaks). `curl.exe`, since Windows
 * PowerShell's `curl` is an alias of Invoke-WebRequest. Single-quoted strings expand nothing; the token's word is
 * double-quoted to expand `$env:KORE_TOKEN`, and the `if` runs nothing when it is unset or empty.
 */
function powerShellCommand(method: string, url: string, headers: CurlArguments['headers']): string {
  const words = [
    'curl.exe --globoff --request',
    quoted(method, "'"),
    '--url',
    quoted(url, "'"),
    `--header "${AUTH_HEADER}: $env:${TOKEN_VARIABLE}"`,
    ...headers.map(([name, value]) => `--header ${quoted(`${name}: ${value}`, "'")}`),
  ];
  return `if ($env:${TOKEN_VARIABLE}) { ${words.join(' ')} } else { Write-Error ${quoted(TOKEN_UNSET_MESSAGE, "'")} }`;
}

/**
 * One line (cmd's continuation `^` is as fragile), each value double-quoted; `%KORE_TOKEN%` is the only `%` in it.
 * cmd expands `%KORE_TOKEN%` before it parses the line: a JWT's alphabet (base64url and `.`) holds nothing it reads.
 */
function cmdCommand(method: string, url: string, headers: CurlArguments['headers']): string {
  const words = [
    'curl.exe --globoff --request',
    quoted(method, '"'),
    '--url',
    quoted(url, '"'),
    `--header "${AUTH_HEADER}: %${TOKEN_VARIABLE}%"`,
    ...headers.map(([name, value]) => `--header ${quoted(`${name}: ${value}`, '"')}`),
  ];
  return `if defined ${TOKEN_VARIABLE} (${words.join(' ')}) else (echo ${TOKEN_UNSET_MESSAGE})`;
}

/** How to set KORE_TOKEN in each shell without the token entering the shell's history. */
const SET_TOKEN: Readonly<Record<CurlShell, string>> = {
  posix: `read -rs ${TOKEN_VARIABLE} && export ${TOKEN_VARIABLE}`,
  // Read-Host -AsSecureString hides what is typed in Windows PowerShell 5.1 as in PowerShell 7.
  powershell: `$env:${TOKEN_VARIABLE} = [Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password`,
  cmd: `set /p ${TOKEN_VARIABLE}=`,
};

/** The shell's own name for the variable, as the command reads it. */
const TOKEN_REFERENCE: Readonly<Record<CurlShell, string>> = {
  posix: `$${TOKEN_VARIABLE}`,
  powershell: `$env:${TOKEN_VARIABLE}`,
  cmd: `%${TOKEN_VARIABLE}%`,
};

/**
 * What the command does not say: how to set the variable (for this kind of credential, in this shell) and, for a
 * DELETE, that it deletes for good. Shown beside the copy, never in the command, so no translation reaches a shell.
 */
export function curlAdvice(request: Pick<KoreRequest, 'method'>, shell: CurlShell, source: TokenOrigin): string {
  const reference = TOKEN_REFERENCE[shell];
  const set =
    source === 'client'
      ? l10n.t('Set {0} first to a JWT signed with the app\'s Client Secret as the extension does (HS256; claims appId = Client ID, sub, iat, exp, jti), e.g. {1}', reference, SET_TOKEN[shell])
      : l10n.t('Set {0} first to this environment\'s JWT, e.g. {1}', reference, SET_TOKEN[shell]);
  return request.method === 'DELETE' ? `${set} ${l10n.t('Pasted, this DELETE deletes the contact list for good: nothing asks for a confirmation.')}` : set;
}

/**
 * The shell to offer first: the one VS Code's terminal uses (vscode.env.shell, a path or a name), else the
 * platform's usual one. Anything not PowerShell or cmd is read as a POSIX shell (bash, zsh, Git Bash, WSL).
 */
export function shellOfPath(shellPath: string, platform: string): CurlShell {
  const name = (shellPath.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (/^(pwsh|powershell)(\.exe)?$/.test(name)) return 'powershell';
  if (/^cmd(\.exe)?$/.test(name)) return 'cmd';
  if (name === '') return platform === 'win32' ? 'powershell' : 'posix';
  return 'posix';
}

export function isCurlShell(value: unknown): value is CurlShell {
  return typeof value === 'string' && (CURL_SHELLS as readonly string[]).includes(value);
}
