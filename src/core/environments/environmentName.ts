// When two environment names count as the same name. A name picks the environment a delete goes to (in
// pickers, messages and the `(environmentIdOrName, …)` command argument), so two names a person cannot
// tell apart must never both exist: "Production US", "PRODUCTION US", "Ｐｒｏｄｕｃｔｉｏｎ US" (full-width) and
// "Prоduction US" (Cyrillic о) are one name. Every duplicate-name comparison goes through nameKey.

// Letters of Cyrillic and Greek drawn like a Latin letter, by their lower-case form without accents (keys are
// case-folded and decomposed first, so "А", "а" and "ӓ" all arrive here as "а", the last with its mark after
// it). Where a capital and its small letter look like different Latin letters (Greek Η/η, Ν/ν, Cyrillic Н/н,
// В/в), the capital wins: capitals are the identical glyphs. UTS #39's confusables table is far larger; this
// is the set that matters for a name typed in Latin letters.
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', з: '3', һ: 'h', і: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c',
  т: 't', у: 'y', ү: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ь: 'b',
  // Greek
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'n', ο: 'o', ρ: 'p', τ: 't', υ: 'y',
  χ: 'x', ϳ: 'j', ς: 'σ',
  // Latin letters outside ASCII that are drawn like an ASCII one
  ɡ: 'g', ı: 'i', ȷ: 'j',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/**
 * The form of a name that two names share exactly when they read alike: compatibility form (NFKC: full-width
 * letters, ligatures, mathematical letters, non-breaking spaces become the plain ones), case folded (upper-
 * then lower-casing also folds ß/ss and ſ/s), common look-alikes replaced by the Latin letter they imitate
 * (accents kept: "ӧ" reads as "ö"), and every run of white space one space. Only for comparing: never shown,
 * never stored.
 */
export function nameKey(name: string): string {
  // Plain ASCII needs no normalisation (it is its own NFKC form), and skipping it matters: the first normalize()
  // in a process loads ICU's tables, some 100 ms, which would otherwise land on activation.
  // eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose
  if (/^[\x00-\x7f]*$/.test(name)) return name.toLowerCase().replace(/\s+/g, ' ').trim();
  // Decomposed before folding: upper-casing a letter with a Greek iota subscript (ᾳ → ΑΙ) moves the iota
  // in front of the marks that follow, unless they were already apart. Decomposed after folding too, so a
  // look-alike carrying an accent is replaced as well; composed again at the end.
  return name
    .normalize('NFKD')
    .toUpperCase()
    .toLowerCase()
    // The capital sharp s (ẞ) upper-cases to itself and lower-cases to ß, which folds to "ss".
    .replace(/ß/gu, 'ss')
    .normalize('NFKD')
    .replace(LOOK_ALIKE, (letter) => LOOK_ALIKES[letter] ?? letter)
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .trim();
}
