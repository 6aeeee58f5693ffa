// Whether a name mixes writing systems the way a look-alike does ("Prօduction US" with an Armenian օ).
// Why scripts and not a table of look-alike letters: UTS #39's confusables table has some 6,300 entries (about
// 100 KB, more than the whole activation bundle's budget left) and a hand-made subset always misses the next
// script (Armenian, Cherokee…). A letter that imitates a Latin one is, by construction, a letter of another
// script; JavaScript's Unicode property escapes (\p{Script_Extensions=…}) know every letter's scripts from the
// runtime's own Unicode data, so the check needs no table and follows Unicode as Node and VS Code update it.
// The rule is UTS #39's "highly restrictive" profile (section 5.2): one script, or Latin with Han and
// Japanese kana, with Han and Bopomofo, or with Han and Hangul, which are how those languages are written.

/** The scripts of Unicode 16 (their property value names); a runtime that lacks one simply does not test it. */
const SCRIPT_NAMES = `Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki
Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Coptic
Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic
Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul Hanifi_Rohingya
Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana
Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu
Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui
Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue
Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian
Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician
Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo
Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai
Tibetan Tifinagh Tirhuta Todhri Toto Tulu_Tigalari Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square`.split(/\s+/);

/** UTS #39's augmentation: a Han letter also counts as Japanese, Korean and Chinese-with-Bopomofo writing, and so on. */
const WRITING_SYSTEMS: Readonly<Record<string, readonly string[]>> = {
  Han: ['Jpan', 'Kore', 'Hanb'],
  Hiragana: ['Jpan'],
  Katakana: ['Jpan'],
  Hangul: ['Kore'],
  Bopomofo: ['Hanb'],
};

const SYSTEM_NAMES = new Set(Object.values(WRITING_SYSTEMS).flat());

let scriptTests: ReadonlyArray<readonly [string, RegExp]> | undefined;

/** Built on first use, so that activation never pays for 160 regular expressions. */
function tests(): ReadonlyArray<readonly [string, RegExp]> {
  scriptTests ??= SCRIPT_NAMES.flatMap((name) => {
    try {
      return [[name, new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u')] as const];
    } catch {
      return []; // a script newer than this runtime's Unicode: it has no letters here either
    }
  });
  return scriptTests;
}

/**
 * A character's scripts (with the writing systems they belong to), or undefined for one every script uses:
 * Common (digits, punctuation, spaces) and Inherited (combining marks), which UTS #39 leaves out of the count.
 */
function scriptsOf(character: string): Set<string> | undefined {
  const scripts = new Set<string>();
  for (const [name, test] of tests()) {
    if (!test.test(character)) continue;
    scripts.add(name);
    for (const system of WRITING_SYSTEMS[name] ?? []) scripts.add(system);
  }
  return scripts.size === 0 ? undefined : scripts;
}

function intersect(sets: readonly Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  return new Set([...(first ?? [])].filter((script) => rest.every((set) => set.has(script))));
}

/**
 * The scripts of a text that UTS #39's highly restrictive profile refuses to see together ("Latin, Armenian"
 * for "Prօduction US"), or undefined when the text is written in one script, or in Latin with Han and kana,
 * Han and Bopomofo, or Han and Hangul. Plain ASCII is always fine and costs nothing.
 */
export function mixedScripts(text: string): string[] | undefined {
  // eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose
  if (/^[\x00-\x7f]*$/.test(text)) return undefined;
  const sets = Array.from(text.normalize('NFC')).flatMap((character) => scriptsOf(character) ?? []);
  if (sets.length === 0 || intersect(sets).size > 0) return undefined;
  const notLatin = sets.filter((set) => !set.has('Latin'));
  const withLatin = intersect(notLatin);
  if (notLatin.length < sets.length && ['Jpan', 'Kore', 'Hanb'].some((system) => withLatin.has(system))) return undefined;
  const names = new Set<string>();
  for (const set of sets) {
    const [first] = [...set].filter((script) => !SYSTEM_NAMES.has(script));
    if (first !== undefined) names.add(first.replace(/_/g, ' '));
  }
  return [...names];
}
