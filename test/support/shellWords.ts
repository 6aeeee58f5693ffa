// A test-side reading of POSIX shell command lines (the sh "Token Recognition" and "Quoting" rules), to check
// what a generated command means to a shell. It supports what a careful generator needs (blanks, `\`-newline, `\`
// escapes, single quotes, double quotes with `$NAME`/`${NAME}` expansion, and `${NAME:?message}`, which stops the
// command when NAME is unset or empty, as a shell does: it throws ShellStopped) and throws on anything else
// unquoted but letters, digits and `_./:@%+,=-` (a shell may give it a special meaning): a generator that lets one
// through fails the test rather than being read generously. That includes a comment (zsh with its default options,
// INTERACTIVE_COMMENTS off, runs `# …` typed or pasted at its prompt as a command named `#`) and a `!` anywhere,
// even quoted (interactive bash and zsh expand history, `!!`, before they read quotes as sh does).

/** What a shell does at `${NAME:?message}` with NAME unset or empty: prints `NAME: message` and runs nothing. */
export class ShellStopped extends Error {
  constructor(
    readonly variable: string,
    readonly said: string,
  ) {
    super(`${variable}: ${said}`);
    this.name = 'ShellStopped';
  }
}

/** The commands of the text (one per line not continued), each as its words after quote removal and expansion. */
export function parseShellCommands(text: string, variables: Readonly<Record<string, string>>): string[][] {
  if (text.includes('!')) throw new Error(`a "!" at ${text.indexOf('!')}: history expansion in interactive bash and zsh`);
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  let index = 0;
  const expand = (): string => {
    // At a `$` inside double quotes: `$NAME`, `${NAME}` or `${NAME:?message}` (a message of plain text only:
    // one holding an expansion, a quote or an escape is not read).
    const required = /^\$\{([A-Za-z_][A-Za-z0-9_]*):\?([^}$`"\\]*)\}/.exec(text.slice(index));
    if (required) {
      const value = variables[required[1]];
      // `:?` (with the colon): an empty value stops the command as an unset one does.
      if (value === undefined || value === '') throw new ShellStopped(required[1], required[2]);
      index += required[0].length;
      return value;
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(index));
    const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(index));
    const match = braced ?? plain;
    if (!match) throw new Error(`unsupported $ expansion at ${index}`);
    const value = variables[match[1]];
    if (value === undefined) throw new Error(`unset variable ${match[1]}`);
    index += match[0].length;
    return value;
  };
  while (index < text.length) {
    const character = text[index];
    if (character === '\n') {
      endCommand();
      index += 1;
    } else if (character === ' ' || character === '\t') {
      endWord();
      index += 1;
    } else if (character === '\\') {
      const next = text[index + 1];
      if (next === undefined) throw new Error('a backslash ends the text');
      if (next !== '\n') word = (word ?? '') + next;
      index += 2;
    } else if (character === "'") {
      const end = text.indexOf("'", index + 1);
      if (end < 0) throw new Error(`unterminated single quote at ${index}`);
      word = (word ?? '') + text.slice(index + 1, end);
      index = end + 1;
    } else if (character === '"') {
      let value = '';
      index += 1;
      for (;;) {
        const inner = text[index];
        if (inner === undefined) throw new Error('unterminated double quote');
        if (inner === '"') break;
        if (inner === '`') throw new Error('command substitution inside double quotes');
        if (inner === '$') {
          value += expand();
          continue;
        }
        if (inner === '\\' && ['$', '`', '"', '\\', '\n'].includes(text[index + 1] ?? '')) {
          if (text[index + 1] !== '\n') value += text[index + 1];
          index += 2;
          continue;
        }
        value += inner;
        index += 1;
      }
      index += 1;
      word = (word ?? '') + value;
    } else if (!/[A-Za-z0-9_./:@%+,=-]/.test(character)) {
      // Everything else unquoted (`$`, `` ` ``, `;`, `&`, `|`, `<`, `>`, `(`, `)`, globs, `~`, `{`, `!`…) may mean something.
      throw new Error(`unquoted special character ${JSON.stringify(character)} at ${index}`);
    } else {
      word = (word ?? '') + character;
      index += 1;
    }
  }
  endCommand();
  return commands;
}
