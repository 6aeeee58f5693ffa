// Properties of what an environment may be: its host, its name, and the list read from hand-edited settings.
// Generators lean towards hostile input (characters DNS never allows, invisible and direction-changing
// characters, look-alike letters, duplicates), since that is what the checks exist for.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { rawIndexOfEnvironment, readEnvironments } from '../../src/core/environments/environment';
import { nameKey } from '../../src/core/environments/environmentName';
import { UNSAFE_CHARACTER } from '../../src/core/text/textSafety';
import { normaliseHost, validateAccountId, validateEnvironmentName, validateIid, validateUniqueName } from '../../src/core/input/validation';
import { propertyParameters } from '../support/propertyRuns';

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Characters that have made hosts or names pass for something else, mixed with ordinary ones. */
const HOSTILE_CHARACTERS = [
  '`', ';', '*', ' ', '@', '.', '..', ':', '/', '?', '#', '%', '\\', '[', ']', '!', '$', '&', "'", '(', ')', '+', ',', '=',
  '~', '^', '|', '{', '}', '<', '>', '"', '_', '\t', '\n', '\u0000', '\u00a0', '\u00ad', '\u061c', '\u200b', '\u200d', '\u2028',
  '\u2029', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u3164', '\ufeff', '\ufe0f', 'é', 'о', 'ο', 'Ａ', '。', '．', 'ß',
  '\ud800', '😀',
];
const ORDINARY = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'.split('');

const hostileText = (maxLength: number) =>
  fc.string({ unit: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ORDINARY) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_CHARACTERS) }), maxLength });

const label = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...'abcxyz019-'.split('')), minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: hostileText(12) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', '-'), minLength: 60, maxLength: 70 }) },
);

const hostInput = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        scheme: fc.constantFrom('', '', 'https://', 'http://', 'HTTPS://', 'ftp://', 'javascript://'),
        userinfo: fc.constantFrom('', '', '', 'user@', 'user:pw@', '@'),
        labels: fc.array(label, { minLength: 1, maxLength: 5 }),
        separator: fc.constantFrom('.', '.', '.', '..', '。'),
        port: fc.option(fc.oneof(fc.integer({ min: 0, max: 70_000 }).map(String), fc.constantFrom('', 'x', '-1')), { freq: 3 }),
        suffix: fc.constantFrom('', '', '/', '/x', '?q=1', '#f', '/..', ';evil'),
      })
      .map(({ scheme, userinfo, labels, separator, port, suffix }) => `${scheme}${userinfo}${labels.join(separator)}${port === null ? '' : `:${port}`}${suffix}`),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', 'https://'), fc.domain()).map(([scheme, domain]) => `${scheme}${domain}`) },
  { weight: 1, arbitrary: fc.ipV4().map((ip) => `https://${ip}`) },
  { weight: 1, arbitrary: fc.ipV6().map((ip) => `https://[${ip}]`) },
  { weight: 1, arbitrary: fc.constantFrom('http://localhost:8080', 'http://127.0.0.1:4010/', 'http://[::1]:9000', 'https://platform.kore.ai', 'de-platform.kore.ai') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

function isIpLiteral(hostname: string): boolean {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return true;
  const octets = hostname.split('.');
  return octets.length === 4 && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255);
}

// Latin letters and the Cyrillic or Greek letters drawn like them: what a look-alike name is made of. (Not the
// lunate sigma ϲ: drawn like "c", but Unicode makes it the same name as the final sigma ς, and ς is not "c".)
const LOOK_ALIKE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['a', 'а'], ['a', 'α'], ['A', 'А'], ['A', 'Α'], ['B', 'В'], ['B', 'Β'], ['c', 'с'], ['C', 'С'],
  ['d', 'ԁ'], ['e', 'е'], ['E', 'Е'], ['E', 'Ε'], ['h', 'һ'], ['H', 'Н'], ['H', 'Η'], ['i', 'і'], ['I', 'І'], ['I', 'Ι'],
  ['j', 'ј'], ['j', 'ϳ'], ['J', 'Ј'], ['K', 'К'], ['K', 'Κ'], ['M', 'М'], ['M', 'Μ'], ['N', 'Ν'], ['o', 'о'], ['o', 'ο'],
  ['O', 'О'], ['O', 'Ο'], ['p', 'р'], ['p', 'ρ'], ['P', 'Р'], ['P', 'Ρ'], ['q', 'ԛ'], ['s', 'ѕ'], ['S', 'Ѕ'], ['T', 'Т'],
  ['T', 'Τ'], ['w', 'ԝ'], ['x', 'х'], ['X', 'Х'], ['X', 'Χ'], ['y', 'у'], ['Y', 'Υ'], ['Y', 'Ү'], ['Z', 'Ζ'],
];
const LOOK_ALIKES_OF = new Map<string, string[]>();
for (const [latin, other] of LOOK_ALIKE_PAIRS) {
  LOOK_ALIKES_OF.set(latin, [...(LOOK_ALIKES_OF.get(latin) ?? []), other]);
  LOOK_ALIKES_OF.set(other, [...(LOOK_ALIKES_OF.get(other) ?? []), latin]);
}

/** One code point changed in a way that leaves the name reading the same; `choice` picks which way. */
function readsTheSame(character: string, how: number, choice: number): string {
  const code = character.codePointAt(0) ?? 0;
  switch (how) {
    case 1:
      return character.toUpperCase();
    case 2:
      return character.toLowerCase();
    case 3: // full-width forms of printable ASCII
      return code >= 0x21 && code <= 0x7e ? String.fromCodePoint(code + 0xfee0) : character;
    case 4: // mathematical bold letters
      if (/[A-Z]/.test(character)) return String.fromCodePoint(0x1d400 + code - 0x41);
      if (/[a-z]/.test(character)) return String.fromCodePoint(0x1d41a + code - 0x61);
      return character === ' ' ? '\u00a0' : character;
    case 5: {
      const others = LOOK_ALIKES_OF.get(character);
      return others ? others[choice % others.length] : character;
    }
    default:
      return character;
  }
}

const nameCharacter = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'ProductinUSEagycxjwqKMNBHTZ .-_0123456789'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom(...LOOK_ALIKE_PAIRS.map(([, other]) => other)) },
  { weight: 1, arbitrary: fc.constantFrom('é', 'ö', 'ß', 'ǅ', 'ﬁ', 'ς', 'σ', 'İ', 'ı', 'Ａ', '①', 'ӧ', 'ό', '\u0301', '日', '本') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const validName = fc
  .string({ unit: nameCharacter, minLength: 1, maxLength: 30 })
  .filter((name) => validateEnvironmentName(name) === undefined);

// Case is changed code point by code point, as composed or as decomposed (NFD) text. A letter with a Greek
// iota subscript (ᾳ) is the exception Unicode names: upper-cased composed, its iota moves in front of a mark
// that follows, and the text reads differently. Such names are cased decomposed, as Unicode advises.
const lookAlikeName = fc.tuple(validName, fc.boolean()).chain(([name, decomposed]) => {
  const characters = Array.from(decomposed || name.normalize('NFD').includes('\u0345') ? name.normalize('NFD') : name);
  return fc
    .record({
      changes: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat()), { minLength: characters.length, maxLength: characters.length }),
      form: fc.constantFrom('none', 'NFD', 'NFKD', 'NFC'),
      spaces: fc.constantFrom('', ' ', '  '),
    })
    .map(({ changes, form, spaces }) => {
      const changed = characters.map((character, index) => readsTheSame(character, changes[index][0], changes[index][1])).join('');
      const normalised = form === 'none' ? changed : changed.normalize(form);
      return { original: name, lookAlike: `${spaces}${normalised}${spaces}` };
    });
});

const id = fc.oneof(fc.constantFrom('env-1', 'env-2', 'env-3', 'bad id', ''), hostileText(8));
// Entries that are valid but for the clashes between them: the same id, or names that read alike.
const plausibleEntry = fc.record(
  {
    id: fc.constantFrom('env-1', 'env-2', 'env-3', 'env-4'),
    name: fc.constantFrom('Production US', 'Prоduction US', 'PRODUCTION US', 'Ｐroduction US', 'Staging', 'staging ', 'Stаging', 'Sandbox', 'Sandbox EU'),
    host: fc.constantFrom('platform.kore.ai', 'https://de-platform.kore.ai', 'http://127.0.0.1:4010', 'a`b.kore.ai'),
    iid: fc.constantFrom('st-1', 'st-0603182c'),
    accountId: fc.constantFrom('acc1', '67777ce93e25'),
    production: fc.boolean(),
  },
  { requiredKeys: ['id', 'name', 'host', 'iid', 'accountId'] },
);
const entry = fc.oneof(
  { weight: 4, arbitrary: plausibleEntry },
  { weight: 1, arbitrary: fc.anything() },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        id,
        name: fc.oneof(fc.constantFrom('Production US', 'Prоduction US', 'PRODUCTION US', 'Ｐroduction US', 'Staging', 'staging '), hostileText(20), validName),
        host: fc.oneof(fc.constantFrom('platform.kore.ai', 'https://de-platform.kore.ai', 'a`b.kore.ai', 'platform.kore.ai;evil'), hostInput),
        iid: fc.oneof(fc.constantFrom('st-1', 'st-0603182c'), hostileText(10), fc.anything()),
        accountId: fc.oneof(fc.constantFrom('acc1', '67777ce93e25'), hostileText(10)),
        production: fc.oneof(fc.boolean(), fc.anything()),
      },
      { requiredKeys: ['id', 'name', 'host', 'iid', 'accountId'] },
    ),
  },
);
const settings = fc.oneof({ weight: 1, arbitrary: fc.anything() }, { weight: 6, arbitrary: fc.array(entry, { maxLength: 8 }) });

describe('environment validation (properties)', function () {
  // About a millisecond a run: the fuzz script's 100,000 runs need more than mocha's default two seconds.
  this.timeout(Math.max(10_000, propertyParameters().numRuns * 5));
  it('normaliseHost accepts only an origin of LDH labels or an IP literal, which parses back to itself', () => {
    fc.assert(
      fc.property(hostInput, (input) => {
        const result = normaliseHost(input);
        if (result.host === undefined) {
          assert.ok(result.error && result.error.length > 0, 'a refusal says why');
          return;
        }
        assert.equal(result.error, undefined);
        const url = new URL(result.host);
        assert.equal(url.origin, result.host, 'the origin parses back to itself');
        assert.equal(`${url.protocol}//${url.host}`, result.host);
        assert.equal(url.username, '');
        assert.equal(url.password, '');
        assert.equal(url.pathname, '/');
        assert.equal(url.search, '');
        assert.equal(url.hash, '');
        assert.ok(isIpLiteral(url.hostname) || url.hostname.split('.').every((part) => LDH_LABEL.test(part)), `hostname ${url.hostname}`);
        assert.ok(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)), `protocol of ${result.host}`);
        assert.deepEqual(normaliseHost(result.host), { host: result.host }, 'an accepted origin is accepted as it is');
      }),
      propertyParameters(),
    );
  });

  it('validateEnvironmentName accepts no name with an unsafe character', () => {
    const anyName = fc.oneof(hostileText(30), fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: nameCharacter, maxLength: 30 }));
    fc.assert(
      fc.property(anyName, (name) => {
        if (validateEnvironmentName(name) === undefined) assert.ok(!UNSAFE_CHARACTER.test(name), JSON.stringify(name));
      }),
      propertyParameters(),
    );
  });

  it('validateUniqueName refuses a name that differs only by case, compatibility form or look-alike letters', () => {
    fc.assert(
      fc.property(lookAlikeName, ({ original, lookAlike }) => {
        assert.notEqual(validateUniqueName(lookAlike, [original]), undefined, `${JSON.stringify(lookAlike)} passed beside ${JSON.stringify(original)}`);
      }),
      propertyParameters(),
    );
  });

  it('readEnvironments never throws, returns only valid environments, no two with one id or name key', () => {
    fc.assert(
      fc.property(settings, (raw) => {
        const { environments, problems } = readEnvironments(raw);
        assert.ok(Array.isArray(problems));
        for (const environment of environments) {
          assert.match(environment.id, /^[A-Za-z0-9_-]{1,64}$/);
          assert.equal(validateEnvironmentName(environment.name), undefined);
          assert.equal(environment.name, environment.name.trim());
          assert.deepEqual(normaliseHost(environment.host), { host: environment.host });
          assert.equal(validateIid(environment.iid), undefined);
          assert.equal(validateAccountId(environment.accountId), undefined);
          assert.ok(environment.production === undefined || environment.production === true);
          // The raw entry Edit and Remove would change is the one this environment was read from.
          const index = rawIndexOfEnvironment(raw, environment.id);
          assert.ok(index !== undefined && Array.isArray(raw));
          const source = raw[index] as Record<string, unknown>;
          assert.equal(source.id, environment.id);
          assert.equal(typeof source.name === 'string' ? source.name.trim() : undefined, environment.name);
        }
        assert.equal(new Set(environments.map((environment) => environment.id)).size, environments.length, 'ids are unique');
        assert.equal(new Set(environments.map((environment) => nameKey(environment.name))).size, environments.length, 'name keys are unique');
      }),
      propertyParameters(),
    );
  });
});
