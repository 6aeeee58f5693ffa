// Properties of text safety: look-alike names by their mix of scripts (issue 18, defect 7), and server text
// inside quoted messages (defect 8), for names no example list would think of.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { confirmationText } from '../../src/core/deletionPreview';
import type { HttpExchange } from '../../src/core/api/koreHttp';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { mixedScripts } from '../../src/core/text/scriptMixing';
import { serverText } from '../../src/core/text/textSafety';
import { readWorkspaceOffer } from '../../src/core/environments/workspaceOffer';
import { TRANSFER_FORMAT } from '../../src/core/environments/environmentTransfer';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { resultOf } from '../support/koreResults';

/** Letters of scripts other than Latin (and other than Han, kana, Bopomofo and Hangul, which Latin may join). */
const FOREIGN_LETTER_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0430, 0x044f], // Cyrillic а…я
  [0x0410, 0x042f], // Cyrillic А…Я
  [0x03b1, 0x03c9], // Greek α…ω
  [0x0391, 0x03a9], // Greek Α…Ω (0x03a2 is unassigned; filtered below)
  [0x0561, 0x0586], // Armenian ա…ֆ
  [0x0531, 0x0556], // Armenian Ա…Ֆ
  [0x13a0, 0x13f4], // Cherokee Ꭰ…Ᏼ
  [0xab70, 0xabbf], // Cherokee small letters
  [0x10d0, 0x10fa], // Georgian
  [0x05d0, 0x05ea], // Hebrew
  [0x0627, 0x064a], // Arabic
  [0x0915, 0x0939], // Devanagari
  [0x0e01, 0x0e2e], // Thai
  [0x1200, 0x1248], // Ethiopic
  [0xa4d0, 0xa4f7], // Lisu (ꓮ ꓐ ꓚ… drawn like Latin capitals)
];
const foreignLetter = fc
  .constantFrom(...FOREIGN_LETTER_RANGES)
  .chain(([from, to]) => fc.integer({ min: from, max: to }))
  .map((code) => String.fromCodePoint(code))
  .filter((letter) => /\p{L}/u.test(letter));

/** The homoglyphs the issue names, always among the cases. */
const ISSUE_HOMOGLYPHS = ['օ', 'ո', 'ս', 'Ս', 'г', 'Ꮪ', 'о', 'а', 'е', 'р', 'с', 'ο', 'Ꭺ'];
const homoglyph = fc.oneof(fc.constantFrom(...ISSUE_HOMOGLYPHS), foreignLetter);

const latinLetter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßñ');
const filler = fc.constantFrom(' ', '-', '_', '1', '2', '(', ')', '.', ',', '#');
/** A name written in Latin letters (with spaces, digits and punctuation, which belong to every script). */
const latinName = fc.array(fc.oneof({ weight: 4, arbitrary: latinLetter }, { weight: 1, arbitrary: filler }), { minLength: 2, maxLength: 40 }).filter((characters) => characters.filter((c) => /\p{L}/u.test(c)).length >= 2);

/** A name in one script only: every letter from one alphabet, with the characters all scripts share. */
const ALPHABETS = ['abcdefghijklmnopqrstuvwxyzÉÜ', 'абвгдежзийклмнопрстуфхцчшщыэюяЖЩ', 'αβγδεζηθικλμνξοπρστυφχψω', 'աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ', 'ᎠᎡᎢᎣᎤᎥᎦᎧᎨᎩᎪᎫᎬᎭᎮᎯᏚᏛ', 'אבגדהוזחטיכלמנסעפצקרשת', 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي', 'กขคงจฉชซฌญ'];
const singleScriptName = fc
  .constantFrom(...ALPHABETS)
  .chain((alphabet) => fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Array.from(alphabet)) }, { weight: 1, arbitrary: filler }), { minLength: 1, maxLength: 40 }))
  .map((characters) => characters.join(''));
/** Names as Japanese, Chinese and Korean teams write them, Latin beside their scripts: allowed by UTS #39. */
const eastAsianName = fc
  .tuple(fc.constantFrom('本番', '東京', 'ステージング', 'テスト環境', '中文', '한국', '운영', 'ㄅㄆ台北'), fc.constantFrom('', ' US', ' Prod', ' 2'), fc.boolean())
  .map(([words, latin, first]) => (first ? `${latin.trim()} ${words}` : `${words}${latin}`).trim());

const fileWith = (environments: unknown) => JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments });

describe('text safety properties', function () {
  this.timeout(propertyTimeoutMs());

  it('flags every Latin name with one letter replaced by a letter of another script (defect 7)', () => {
    fc.assert(
      fc.property(latinName, fc.nat(), homoglyph, (characters, at, foreign) => {
        const letters = characters.flatMap((c, index) => (/\p{L}/u.test(c) ? [index] : []));
        const replaced = [...characters];
        replaced[letters[at % letters.length]] = foreign;
        const name = replaced.join('');
        assert.notEqual(mixedScripts(name), undefined, `${JSON.stringify(name)} was not flagged`);
      }),
      propertyParameters(),
    );
  });

  it('never flags a name written in one script, or Latin with Han, kana, Bopomofo or Hangul', () => {
    fc.assert(
      fc.property(fc.oneof(singleScriptName, eastAsianName, latinName.map((characters) => characters.join(''))), (name) => {
        assert.equal(mixedScripts(name), undefined, `${JSON.stringify(name)} was flagged`);
      }),
      propertyParameters(),
    );
  });

  it('an offered look-alike of an environment the user has is never offered silently', () => {
    const mine = { id: 'mine', name: 'Production US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1', production: true };
    fc.assert(
      fc.property(fc.nat(), homoglyph, (at, foreign) => {
        const letters = Array.from(mine.name).flatMap((c, index) => (/\p{L}/u.test(c) ? [index] : []));
        const characters = Array.from(mine.name);
        characters[letters[at % letters.length]] = foreign;
        const name = characters.join('');
        const offer = readWorkspaceOffer(fileWith([{ name, host: 'platform-kore.ai', iid: 'st-1', accountId: 'a1' }]), [mine]);
        assert.ok(offer.offered.length === 0 || offer.warnings.length > 0, `${JSON.stringify(name)} was offered with no warning`);
      }),
      propertyParameters(),
    );
  });

  /** Any name, with quotes of every kind and message-like text mixed in. */
  const hostileName = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.array(fc.oneof(fc.constantFrom('"', '\u201c', '\u201d', '„', '«', '»', '「', '」', '＂', "'", '`', ' from ', 'Sandbox', '? ', '(dry run, nothing is deleted on', 'PRODUCTION environment '), fc.string({ maxLength: 5 })), { maxLength: 12 }).map((parts) => parts.join('')),
  );

  it('a list name in the confirmation parses back unambiguously: the quotes around it and the environment are the message\'s own (defect 8)', () => {
    const target = { contactListId: 'cl-1', environmentName: 'Production US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1', production: false };
    fc.assert(
      fc.property(hostileName, fc.boolean(), (name, production) => {
        const { message, detail } = confirmationText({ ...target, production }, { _id: 'cl-1', name });
        const shape = production ? /^Delete contact list "([^"]*)" from PRODUCTION environment "([^"]*)"\?$/ : /^Delete contact list "([^"]*)" from "([^"]*)"\?$/;
        const parsed = shape.exec(message);
        assert.ok(parsed, `the title does not parse: ${JSON.stringify(message)}`);
        assert.equal(parsed[1], serverText(name, 80) || 'cl-1');
        assert.equal(parsed[2], 'Production US');
        assert.ok(detail.split('\n').includes('Contact list: cl-1'), 'the id has its own line');
        assert.ok(detail.split('\n').includes(production ? 'Environment: Production US (production)' : 'Environment: Production US'), 'the environment has its own line');
      }),
      propertyParameters(),
    );
  });

  it('a list name in the result message parses back unambiguously', () => {
    const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://platform.kore.ai', timeoutSeconds: 30 };
    fc.assert(
      fc.property(hostileName.filter((name) => serverText(name, 80) !== ''), (name) => {
        const bodyText = JSON.stringify({ status: 'success', data: { _id: 'cl-1', name } });
        const exchange: HttpExchange = { kind: 'response', status: 200, statusText: 'OK', headers: {}, bodyText, durationMs: 1 };
        const sentence = describeDeleteResult(resultOf(exchange, { request: { method: 'DELETE', url: 'https://platform.kore.ai/x', headers: {} } }), context);
        assert.match(sentence, /^Contact list "[^"]*" \(cl-1\) was deleted from Prod\./, sentence);
      }),
      propertyParameters(),
    );
  });
});

