// A test-side reading of the one cmd.exe line Copy as cURL writes. cmd expands `%NAME%` (and, with delayed
// expansion, `!NAME!`) even inside double quotes, and reads `^ & | < > ( )` outside them: so this accepts inside
// quotes nothing of `% ! ^ & | < > "` but `%KORE_TOKEN%`, outside quotes only plain words and the `if`'s parentheses,
// and throws on anything else. The line must be printable ASCII and a single line.
import type { Outcome } from './powerShellWords';

type Token = { readonly kind: 'word' | 'string' | 'punct'; readonly text: string };

function tokenizeCmd(text: string, variables: Readonly<Record<string, string>>, allowed: string): Token[] {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('not one line of printable ASCII');
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === ' ') {
      index += 1;
    } else if (character === '"') {
      const end = text.indexOf('"', index + 1);
      if (end < 0) throw new Error(`an unterminated string at ${index}`);
      const body = text.slice(index + 1, end).split(`%${allowed}%`);
      if (body.some((part) => /[%!^&|<>]/.test(part))) throw new Error(`a character cmd reads inside quotes, in ${text.slice(index, end + 1)}`);
      tokens.push({ kind: 'string', text: body.join(variables[allowed] ?? `%${allowed}%`) });
      index = end + 1;
      if (text[index] !== undefined && text[index] !== ' ' && text[index] !== ')') throw new Error(`a string runs into the next token at ${index}`);
    } else if (character === '(' || character === ')') {
      tokens.push({ kind: 'punct', text: character });
      index += 1;
    } else {
      const match = /^[A-Za-z0-9._-]+/.exec(text.slice(index));
      if (!match) throw new Error(`a character cmd may read specially: ${JSON.stringify(character)} at ${index}`);
      tokens.push({ kind: 'word', text: match[0] });
      index += match[0].length;
      if (text[index] === '"') throw new Error(`a word runs into a string at ${index}`);
    }
  }
  return tokens;
}

/**
 * Reads `if defined NAME (curl.exe args…) else (echo words…)`: the curl arguments when NAME is defined (cmd has no
 * empty variables: `set NAME=` undefines it), the echoed words otherwise. Anything else throws.
 */
export function readCmdCommand(text: string, variables: Readonly<Record<string, string>>, variable: string): Outcome {
  const tokens = tokenizeCmd(text, variables, variable);
  const shape = (index: number, kind: Token['kind'], value?: string) => {
    const token = tokens[index];
    if (!token || token.kind !== kind || (value !== undefined && token.text !== value)) throw new Error(`token ${index} is not ${kind} ${value ?? ''}: ${JSON.stringify(token)}`);
    return token.text;
  };
  shape(0, 'word', 'if');
  shape(1, 'word', 'defined');
  shape(2, 'word', variable);
  shape(3, 'punct', '(');
  shape(4, 'word', 'curl.exe');
  const close = tokens.findIndex((token, index) => index > 4 && token.kind === 'punct');
  const args = tokens.slice(5, close).map((token) => token.text);
  shape(close, 'punct', ')');
  shape(close + 1, 'word', 'else');
  shape(close + 2, 'punct', '(');
  shape(close + 3, 'word', 'echo');
  const last = tokens.length - 1;
  shape(last, 'punct', ')');
  const said = tokens.slice(close + 4, last).map((_token, index) => shape(close + 4 + index, 'word'));
  const defined = (variables[variable] ?? '') !== '';
  return defined ? { ran: args } : { stopped: said.join(' ') };
}
