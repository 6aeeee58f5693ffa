import * as assert from 'node:assert/strict';
import { nameKey } from '../../src/core/environments/environmentName';
import {
  normaliseHost,
  validateAccountId,
  looksLikeKoreListId,
  typedContactListId,
  validateContactListId,
  validateEnvironmentName,
  validateIid,
  validateToken,
  validateUniqueName,
} from '../../src/core/input/validation';
import { parseContactListIds } from '../../src/core/input/contactListIds';

describe('validation', () => {
  describe('normaliseHost', () => {
    const accepted: Array<[string, string]> = [
      ['platform.kore.ai', 'https://platform.kore.ai'],
      ['https://platform.kore.ai/', 'https://platform.kore.ai'],
      ['  HTTPS://Platform.Kore.AI  ', 'https://platform.kore.ai'],
      ['de-platform.kore.ai', 'https://de-platform.kore.ai'],
      ['https://kore.example.com:8443', 'https://kore.example.com:8443'],
      ['https://platform.kore.ai:443', 'https://platform.kore.ai'],
      ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
      ['http://localhost:8080/', 'http://localhost:8080'],
      ['http://[::1]:9000', 'http://[::1]:9000'],
      ['https://10.1.2.3', 'https://10.1.2.3'],
      ['https://[2001:db8::1]:8443', 'https://[2001:db8::1]:8443'],
      ['xn--80ak6aa92e.com', 'https://xn--80ak6aa92e.com'], // an IDN, in its ASCII form
      ['kore-1.example.com', 'https://kore-1.example.com'],
    ];
    for (const [input, origin] of accepted) {
      it(`accepts ${JSON.stringify(input)} as ${origin}`, () => {
        assert.deepEqual(normaliseHost(input), { host: origin });
      });
    }
    const refused: Array<[string, RegExp]> = [
      ['', /Enter the Kore.ai host/],
      ['   ', /Enter the Kore.ai host/],
      ['https://platform.kore.ai/agentassist', /without a path/],
      ['platform.kore.ai?x=1', /without a path, query/],
      ['platform.kore.ai#top', /without a path, query/],
      ['https://user:pw@platform.kore.ai', /user name or password/],
      ['user@platform.kore.ai', /user name or password/],
      ['ftp://platform.kore.ai', /scheme "ftp"/],
      ['javascript://platform.kore.ai', /scheme "javascript"/],
      ['http://platform.kore.ai', /plain http is only allowed for localhost/],
      ['http://10.0.0.5:8080', /plain http is only allowed/],
      ['platform.kore.ai\nevil.com', /spaces or control/],
      ['plat form.kore.ai', /spaces or control/],
      ['platform.kоre.ai', /non-ASCII/], // Cyrillic "о"
      ['platform..kore.ai', /not a valid host/],
      ['https://', /not a valid host/],
      ['x'.repeat(64) + '.kore.ai', /too long/],
      [`${'a'.repeat(60)}.`.repeat(5) + 'ai', /too long/],
      ['x'.repeat(301), /too long/],
      // Characters the URL parser lets into a host name, which no DNS name has.
      ['`', /not a valid host name/],
      ['a`b.kore.ai', /not a valid host name/],
      ['platform.kore.ai;evil', /not a valid host name/],
      ['a*b.kore.ai', /not a valid host name/],
      ['a_b.kore.ai', /not a valid host name/],
      ['-platform.kore.ai', /not a valid host name/],
      ['platform-.kore.ai', /not a valid host name/],
      ['a$b.kore.ai', /not a valid host name/],
      // Hosts the URL parser would rewrite: what is used must be what was typed.
      ['plat%66orm.kore.ai', /"%" and "\\" are not allowed/],
      ['platform.kore.ai\\evil.example', /"%" and "\\" are not allowed/],
      ['https://1.2.3', /would be read as 1\.2\.0\.3/],
      ['http://0x7f.1:4010', /would be read as 127\.0\.0\.1/],
    ];
    for (const [input, message] of refused) {
      it(`refuses ${JSON.stringify(input)}`, () => {
        const result = normaliseHost(input);
        assert.equal(result.host, undefined);
        assert.match(result.error ?? '', message);
      });
    }
  });

  describe('validateContactListId', () => {
    it('accepts the vendor-shaped id', () => {
      assert.equal(validateContactListId('cl-c2ce382-2516-457e-8eb4-9847deecxxxx'), undefined);
    });
    it('accepts an id only as it is: equal to its trimmed, NFC self (a journal once sent " cl-1" beside "cl-1")', () => {
      for (const untrimmed of [' cl-1', 'cl-1 ', '\tcl-1', 'cl-1\n', 'cl-1\u2028', '\u2029cl-1', '\ufeffcl-1', 'cl-1\u00a0', 'cl-1\u3000']) {
        assert.match(validateContactListId(untrimmed) ?? '', /spaces or control/, JSON.stringify(untrimmed));
      }
      assert.notEqual(validateContactListId('cl-e\u0301'), undefined, 'a decomposed character (not NFC)');
      // What a person types into one box is trimmed first, and then held to the same check.
      assert.equal(typedContactListId('  cl-c2ce382-2516-457e-8eb4-9847deecxxxx \n'), 'cl-c2ce382-2516-457e-8eb4-9847deecxxxx');
    });
    it('tells an id of the documented shape from another valid one', () => {
      assert.equal(looksLikeKoreListId('cl-c2ce382-2516-457e-8eb4-9847deec0001'), true);
      assert.equal(looksLikeKoreListId('cl-c2ce3821-2516-457e-8eb4-9847deec0001'), true, 'a whole UUID');
      for (const other of ['cl-1', 'name', '|', 'cl-c2ce382-2516-457e-8eb4-9847deecxxxx', 'CL-C2CE382-2516-457E-8EB4-9847DEEC0001', 'cl-c2ce382-2516-457e-8eb4-9847deec00011']) {
        assert.equal(looksLikeKoreListId(other), false, other);
      }
    });
    it('accepts an id of exactly 128 characters', () => {
      assert.equal(validateContactListId('a'.repeat(128)), undefined);
    });
    const refused: Array<[string, string, RegExp]> = [
      ['empty', '', /Enter the contact list id/],
      ['whitespace only', ' \t ', /Enter the contact list id/],
      ['129 characters', 'a'.repeat(129), /too long/],
      ['a slash', 'cl-1/../x', /must not contain "\/"/],
      ['a question mark', 'cl-1?x=1', /must not contain "\?"/],
      ['a hash', 'cl-1#x', /must not contain "#"/],
      ['a percent', 'cl-1%2F', /must not contain "%"/],
      ['a backslash', 'cl-1\\x', /must not contain "\\"/],
      ['a space inside', 'cl-1 cl-2', /spaces or control/],
      ['a newline', 'cl-1\ncl-2', /spaces or control/],
      ['a control character', 'cl-1\u0007', /spaces or control/],
      ['a zero-width space', 'cl-1\u200b', /spaces or control/],
      ['dot-dot', 'cl-..-1', /must not contain "\.\."/],
      ['a Cyrillic look-alike', 'сl-1', /non-ASCII/],
      ['a URL', 'https://platform.kore.ai/x', /must not contain "\/"/],
    ];
    for (const [what, input, message] of refused) {
      it(`refuses ${what}`, () => assert.match(validateContactListId(input) ?? '', message));
    }
  });

  describe('environment fields', () => {
    it('accepts a plain name and refuses empty, long and control-character names', () => {
      assert.equal(validateEnvironmentName('Production US'), undefined);
      assert.match(validateEnvironmentName('  ') ?? '', /Enter a name/);
      assert.match(validateEnvironmentName('x'.repeat(65)) ?? '', /too long/);
      assert.match(validateEnvironmentName('Prod\u202eSU') ?? '', /control or invisible/);
    });
    it('refuses names with bidi isolates, line separators, soft hyphens and fillers, at either end too', () => {
      for (const name of ['Prod\u2066SU\u2069', 'Prod\u2067x', 'Prod\u2068x', 'Prod\u2028US', 'Prod\u2029', 'Pro\u00adduction', 'Prod\u061cUS', 'Prod\u3164US', '\u2028Prod', 'Prod\ufeff', 'Prod\u200dUS']) {
        assert.match(validateEnvironmentName(name) ?? '', /control or invisible/, JSON.stringify(name));
      }
      assert.equal(validateEnvironmentName('Produktion München'), undefined);
      assert.equal(validateEnvironmentName('  Production US  '), undefined, 'spaces at the ends are trimmed, not refused');
    });
    it('refuses a name that reads like another: case, width, compatibility forms and Cyrillic or Greek look-alikes', () => {
      const existing = ['Production US'];
      for (const name of ['Prоduction US', 'PRОDUCTIОN US', 'ΡRΟDUCΤΙΟΝ US', 'Ｐｒｏｄｕｃｔｉｏｎ US', 'Production\u00a0US', 'production   us', '𝐏roduction US', 'Рrоduсtiоn US']) {
        assert.match(validateUniqueName(name, existing) ?? '', /already exists.*reads the same/, JSON.stringify(name));
      }
      assert.equal(validateUniqueName('Production EU', existing), undefined);
      assert.equal(validateUniqueName('Straße', ['Strasse'])?.includes('already exists'), true, 'ß folds to ss');
      assert.equal(nameKey('Prоduction US'), nameKey('production us'));
      assert.notEqual(nameKey('Production US'), nameKey('Production EU'));
    });
    it('refuses a name that another environment has, whatever its case', () => {
      assert.match(validateUniqueName(' production us ', ['Production US']) ?? '', /already exists/);
      assert.equal(validateUniqueName('Staging', ['Production US']), undefined);
    });
    it('checks IID and Account ID for the id alphabet', () => {
      assert.equal(validateIid('st-0603182c-7ffb-53c3-b307-47ca14b9xxxx'), undefined);
      assert.equal(validateAccountId('67777ce93e25326494e9xxxx'), undefined);
      assert.match(validateIid('') ?? '', /Enter the App ID \(IID\)/);
      assert.match(validateIid('st-1/..') ?? '', /only letters, digits/);
      assert.match(validateAccountId('acc 1') ?? '', /only letters, digits/);
      assert.match(validateAccountId('a'.repeat(129)) ?? '', /too long/);
    });

    it('accepts an App ID or Account ID only as it is: a tab or space around it is refused, since it would be sent so (fuzz seed 86934008)', () => {
      for (const value of ['0\t', ' st-1', 'st-1 ', 'a\n']) {
        assert.match(validateIid(value) ?? '', /only letters, digits/, JSON.stringify(value));
        assert.match(validateAccountId(value) ?? '', /only letters, digits/, JSON.stringify(value));
      }
      assert.match(validateIid(' \t') ?? '', /Enter the App ID/);
    });
  });

  describe('validateToken', () => {
    it('accepts a JWT-shaped token and refuses empty, spaced or multi-line ones', () => {
      assert.equal(validateToken('aaa.bbb.ccc'), undefined);
      assert.match(validateToken('') ?? '', /Paste the token/);
      assert.match(validateToken('abc\ndef') ?? '', /line breaks/);
      assert.match(validateToken('abc def') ?? '', /spaces/);
      assert.match(validateToken('x'.repeat(16 * 1024 + 1)) ?? '', /too long/);
    });
  });
});

// An id of dots would make a list's URL another URL (../ walks up a path).
describe('an id of "." cannot reach another URL', () => {
  for (const id of ['.', '...', '....']) {
    it(`validation refuses "${id}", typed or in a bulk list`, () => {
      assert.match(validateContactListId(id) ?? '', /only dots|must not contain "\.\."/);
      assert.deepEqual(parseContactListIds(`cl-a\n${id}\ncl-b`).ids, ['cl-a', 'cl-b']);
    });
  }
});
