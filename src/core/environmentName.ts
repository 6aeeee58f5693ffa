// When two environment names count as the same name. A name picks the environment a delete goes to (in
// pickers, messages and the `(environmentIdOrName, …)` command argument), so two names a person cannot
// tell apart must never both exist: "Production US", "PRODUCTION US", "Ｐｒｏｄｕｃｔｉｏｎ US" (full-width) and
// "Prоduction US" (Cyrillic о) are one name. Every duplicate-name comparison goes through nameKey.

// Letters of Cyrillic and Greek drawn like a Latin letter, by their lower-case form (keys are case-folded
// first, so "А" and "а" both arrive here as "а"). Where a capital and its small letter look like different
// Latin letters (Greek Η/η, Ν/ν, Cyrillic Н/н, В/в), the capital wins: capitals are identical glyphs.
// UTS #39's full confusables table is far larger; this is the set that fits a name typed in Latin letters.
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'ë', з: '3', һ: 'h', і: 'i', ї: 'ï', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o',
  р: 'p', с: 'c', т: 't', у: 'y', ү: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ь: 'b', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'n', ο: 'o', ρ: 'p', τ: 't', υ: 'y',
  χ: 'x', ϲ: 'c', ϳ: 'j', ς: 'σ',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/**
 * The form of a name that two names share exactly when they read alike: compatibility form (NFKC: full-width
 * letters, ligatures, mathematical letters, non-breaking spaces become the plain ones), case folded (upper-
 * then lower-casing also folds ß/ss, ſ/s and dotless ı), common look-alikes replaced by the Latin letter
 * they imitate, and every run of white space one space. Only for comparing: never shown, never stored.
 */
export function nameKey(name: string): string {
  const compatible = name.normalize('NFKC');
  // NFKC again after folding: folding can produce a letter and a combining mark that compose.
  const folded = compatible.toUpperCase().toLowerCase().normalize('NFKC');
  return folded
    .replace(LOOK_ALIKE, (letter) => LOOK_ALIKES[letter] ?? letter)
    .replace(/\s+/gu, ' ')
    .trim();
}

/** True when the two names read alike, and so cannot both name an environment. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}
