// Text that did not come from the user (a server's answer, a hand-edited setting, an imported file) is shown in
// dialogs, messages, tree labels and tooltips. Any character there that is invisible, changes direction or
// breaks a line lets that text pass for something else: a forged "Records: 0" line in a confirmation, a name
// that reads backwards, two names that look the same. One definition of such characters, used everywhere.

/**
 * Characters that must never reach a one-line display or a name: controls (C0, C1, DEL), format characters
 * (bidi embeddings, overrides and isolates, U+061C, zero-width characters, soft hyphen, BOM, tags), line and
 * paragraph separators, unpaired surrogates, private-use characters, and the fillers and selectors that
 * render as nothing although they are not format characters.
 */
// eslint-disable-next-line no-misleading-character-class -- variation selectors stand alone here on purpose: they are what is matched
export const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufff9-\ufffc]/u;
// eslint-disable-next-line no-misleading-character-class -- as above
const UNSAFE_OR_SPACE_RUN = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufff9-\ufffc]+/gu;

/** The longest server text shown on one line (a name, a message); longer text ends in "…". */
const MAX_DISPLAY_LENGTH = 300;

export function hasUnsafeCharacter(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}

/**
 * One line that is safe to show: every run of unsafe characters and whitespace becomes one space, the ends are
 * trimmed, and text past `maxLength` characters is cut (never inside a surrogate pair) and ends in "…".
 */
export function oneLine(text: string, maxLength: number = MAX_DISPLAY_LENGTH): string {
  const line = text.replace(UNSAFE_OR_SPACE_RUN, ' ').trim();
  if (line.length <= maxLength) return line;
  const characters = Array.from(line);
  if (characters.length <= maxLength) return line;
  return `${characters.slice(0, Math.max(0, maxLength - 1)).join('').trimEnd()}…`;
}

/** Markdown (tooltips, hovers) renders `*`, `[`, `<`…: server text is shown as the characters it is. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (character) => `\\${character}`);
}

/**
 * Quote marks of every form a message or a translation may put around a value: straight and typographic double
 * and single quotes, guillemets, CJK corner brackets, full-width and prime-like quotes.
 */
const QUOTE_MARK = /["'`\u00ab\u00bb\u2018-\u201f\u2032-\u2037\u2039\u203a\u300c-\u300f\u301d-\u301f\uff02\uff07\uff62\uff63]/gu;

/**
 * Server text (a list's name, a server's message, a name from a file) as it may appear inside a message: one safe
 * line in which every quote mark has become the apostrophe-like ʼ (U+02BC, a letter, not punctuation). A name
 * such as `x" from "Sandbox"? (dry run` could otherwise close the quotes a message puts around it and go on in
 * the message's own voice; with its quotes neutralised, the message's quotes are the only ones, so where the
 * server's text begins and ends is never in doubt. The one function every message embedding server text uses.
 */
export function serverText(text: string, maxLength: number = MAX_DISPLAY_LENGTH): string {
  return oneLine(text, maxLength).replace(QUOTE_MARK, '\u02bc');
}

/** VS Code's icon syntax, as its label renderer reads it: `$(name)` or `$(name~spin)`. */
const ICON_SYNTAX = /\$\([a-z0-9-]+(?:~[a-z0-9-]*)?\)/gi;

/**
 * Text for a place that renders `$(name)` as an icon (the status bar, quick pick labels, descriptions and details):
 * an environment named "$(shield) Sandbox" would otherwise show the production shield. The renderer shows an
 * icon written `\$(name)` as the characters themselves, which is what this writes.
 */
export function withoutIcons(text: string): string {
  return text.replace(ICON_SYNTAX, (icon) => `\\${icon}`);
}

/** An inline code span holding `text` as it is: a fence longer than any run of backticks in it, so none can close it. */
export function markdownCode(text: string): string {
  const line = oneLine(text);
  const longest = Math.max(0, ...Array.from(line.matchAll(/`+/g), (run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  // A space inside the fence when the text starts or ends with a backtick, as CommonMark strips one from each end.
  const padded = /^`|`$/.test(line) ? ` ${line} ` : line;
  return `${fence}${padded}${fence}`;
}
