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
export const MAX_DISPLAY_LENGTH = 300;

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
