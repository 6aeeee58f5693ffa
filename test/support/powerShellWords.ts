// A test-side reading of the one PowerShell line Copy as cURL writes, by PowerShell's grammar: it accepts only what a
// careful generator needs and throws on anything else, so a generator that lets something through fails the test.
// Strings: '…' expands nothing, but a doubled '' inside is an escaped quote and U+2018-U+201B also close it;
// "…" expands `$…` and `$(…)` and escapes with a backtick (as do U+201C-U+201E): only `$env:NAME` is accepted there.
// Outside strings only plain words (letters, digits, `.`, `-`), `(`, `)`, `{`, `}` and `$env:NAME`. The line must be
// printable ASCII (no smart quotes or dashes, which PowerShell reads as quotes and `-`) and a single line.

export type Outcome = { readonly ran: readonly string[] } | { readonly stopped: string };

type Token = { readonly kind: 'word' | 'string' | 'punct' | 'variable'; readonly text: string };

const VARIABLE = /^\$env:([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_:])/;

function expandDouble(body: string, variables: Readonly<Record<string, string>>): string {
  let value = '';
  let index = 0;
  while (index < body.length) {
    const character = body[index];
    if (character === '`') throw new Error('a backtick escape inside a double-quoted string');
    if (character === '$') {
      const match = VARIABLE.exec(body.slice(index));
      if (!match) throw new Error(`an expansion other than $env:NAME at ${index} of "${body}"`);
      value += variables[match[1]] ?? '';
      index += match[0].length;
      continue;
    }
    value += character;
    index += 1;
  }
  return value;
}

function tokenizePowerShell(text: string, variables: Readonly<Record<string, string>>): Token[] {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('not one line of printable ASCII');
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === ' ') {
      index += 1;
      continue;
    }
    if (character === "'" || character === '"') {
      const end = text.indexOf(character, index + 1);
      if (end < 0) throw new Error(`an unterminated string at ${index}`);
      if (text[end + 1] === character) throw new Error(`an escaped quote (doubled) at ${end}`);
      const body = text.slice(index + 1, end);
      tokens.push({ kind: 'string', text: character === "'" ? body : expandDouble(body, variables) });
      index = end + 1;
    } else if ('(){}'.includes(character)) {
      tokens.push({ kind: 'punct', text: character });
      index += 1;
    } else if (character === '$') {
      const match = VARIABLE.exec(text.slice(index));
      if (!match) throw new Error(`a $ other than $env:NAME at ${index}`);
      tokens.push({ kind: 'variable', text: variables[match[1]] ?? '' });
      index += match[0].length;
    } else {
      const match = /^[A-Za-z0-9.-]+/.exec(text.slice(index));
      if (!match || match[0] === '--%') throw new Error(`a character PowerShell may read specially: ${JSON.stringify(character)} at ${index}`);
      tokens.push({ kind: 'word', text: match[0] });
      index += match[0].length;
    }
    const next = text[index];
    if (next !== undefined && next !== ' ' && !'(){}'.includes(next) && !'(){}'.includes(text[index - 1])) throw new Error(`two tokens run together at ${index}`);
  }
  return tokens;
}

/**
 * Reads `if ($env:NAME) { curl.exe args… } else { Write-Error '…' }`: the curl arguments when the variable is set
 * and not empty, what Write-Error says otherwise. Anything else throws.
 */
export function readPowerShellCommand(text: string, variables: Readonly<Record<string, string>>): Outcome {
  const tokens = tokenizePowerShell(text, variables);
  const shape = (index: number, kind: Token['kind'], value?: string) => {
    const token = tokens[index];
    if (!token || token.kind !== kind || (value !== undefined && token.text !== value)) throw new Error(`token ${index} is not ${kind} ${value ?? ''}: ${JSON.stringify(token)}`);
    return token.text;
  };
  shape(0, 'word', 'if');
  shape(1, 'punct', '(');
  const condition = shape(2, 'variable');
  shape(3, 'punct', ')');
  shape(4, 'punct', '{');
  shape(5, 'word', 'curl.exe');
  const close = tokens.findIndex((token, index) => index > 5 && token.kind === 'punct');
  const args = tokens.slice(6, close).map((token) => {
    if (token.kind === 'variable') throw new Error('a bare variable as an argument');
    return token.text;
  });
  shape(close, 'punct', '}');
  shape(close + 1, 'word', 'else');
  shape(close + 2, 'punct', '{');
  shape(close + 3, 'word', 'Write-Error');
  const said = shape(close + 4, 'string');
  shape(close + 5, 'punct', '}');
  if (tokens.length !== close + 6) throw new Error('tokens after the if statement');
  return condition !== '' ? { ran: args } : { stopped: said };
}
