import * as assert from 'node:assert/strict';
import {
  normaliseHost,
  validateAccountId,
  validateContactListId,
  validateEnvironmentName,
  validateIid,
  validateToken,
  validateUniqueName,
} from '../../src/core/validation';

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
    it('accepts the vendor-shaped id, trimmed', () => {
      assert.equal(validateContactListId('  cl-c2ce382-2516-457e-8eb4-9847deecxxxx '), undefined);
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
