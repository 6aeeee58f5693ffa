// The extension's JWTs checked by code it does not share: the jsonwebtoken library and the fake server's
// own verifier. A signer tested only against its own decoder would prove nothing about the contract.
import * as assert from 'node:assert/strict';
import * as jsonwebtoken from 'jsonwebtoken';
import {
  DEFAULT_JWT_LIFETIME_SECONDS,
  DEFAULT_JWT_SUBJECT,
  MAX_CLIENT_ID_LENGTH,
  MAX_CLIENT_SECRET_LENGTH,
  checkJwtShape,
  decodeJwt,
  isExpired,
  signClientJwt,
  validateClientId,
  validateClientSecret,
} from '../../src/core/environments/jwt';
import { verifyFakeJwt } from '../fakeKore/jwt';

const clientId = 'cs-5250bdc9-6bfe-5ece-92c9-ab54aa2d0001';
const clientSecret = 'x3Kp9vQeN2mL7rT5wY8zA1bC4dF6gH0jS2uV5xZ8aB=';
const NOW_MS = Date.UTC(2025, 7, 1, 12, 0, 0, 400);
const NOW_S = Math.floor(NOW_MS / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** What jsonwebtoken makes of a token, verified at the signing time, HS256 only. */
function verifyWithLibrary(token: string, secret = clientSecret, nowSeconds = NOW_S) {
  return jsonwebtoken.verify(token, secret, { algorithms: ['HS256'], complete: true, clockTimestamp: nowSeconds });
}

describe('jwt', () => {
  describe('signClientJwt, verified by jsonwebtoken', () => {
    it('signs HS256 with appId, sub, iat, exp = iat + lifetime and a jti', () => {
      const token = signClientJwt({ clientId, clientSecret, lifetimeSeconds: 120, subject: 'tester', now: NOW_MS });
      const { header, payload } = verifyWithLibrary(token);
      assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
      assert.ok(typeof payload === 'object');
      assert.equal(payload.appId, clientId);
      assert.equal(payload.sub, 'tester');
      assert.equal(payload.iat, NOW_S);
      assert.equal(payload.exp, NOW_S + 120);
      assert.match(String(payload.jti), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.deepEqual(Object.keys(payload).sort(), ['appId', 'exp', 'iat', 'jti', 'sub']);
    });
    it('defaults to a five-minute lifetime, the extension as subject, and now', () => {
      const before = Math.floor(Date.now() / 1000);
      const token = signClientJwt({ clientId, clientSecret });
      const after = Math.floor(Date.now() / 1000);
      const { payload } = jsonwebtoken.verify(token, clientSecret, { algorithms: ['HS256'], complete: true });
      assert.ok(typeof payload === 'object');
      assert.equal(DEFAULT_JWT_LIFETIME_SECONDS, 300);
      assert.equal(payload.sub, DEFAULT_JWT_SUBJECT);
      assert.ok(typeof payload.iat === 'number' && payload.iat >= before && payload.iat <= after);
      assert.equal(payload.exp, payload.iat + 300);
    });
    it('writes the header exactly as the recipe shows, base64url without padding', () => {
      const token = signClientJwt({ clientId, clientSecret, now: NOW_MS });
      const parts = token.split('.');
      assert.equal(parts.length, 3);
      assert.equal(Buffer.from(parts[0], 'base64url').toString('utf8'), '{"alg":"HS256","typ":"JWT"}');
      for (const part of parts) assert.match(part, /^[A-Za-z0-9_-]+$/);
    });
    it('gives every token its own jti, even within the same second', () => {
      const first = decodeJwt(signClientJwt({ clientId, clientSecret, now: NOW_MS }));
      const second = decodeJwt(signClientJwt({ clientId, clientSecret, now: NOW_MS }));
      assert.ok(first && second);
      assert.equal(first.payload.iat, second.payload.iat);
      assert.notEqual(first.payload.jti, second.payload.jti);
    });
    it('fails verification with a wrong secret, another algorithm, or once expired', () => {
      const token = signClientJwt({ clientId, clientSecret, lifetimeSeconds: 60, now: NOW_MS });
      assert.throws(() => verifyWithLibrary(token, `${clientSecret}x`), { name: 'JsonWebTokenError', message: 'invalid signature' });
      assert.throws(() => jsonwebtoken.verify(token, clientSecret, { algorithms: ['HS512'], clockTimestamp: NOW_S }), {
        message: 'invalid algorithm',
      });
      assert.throws(() => verifyWithLibrary(token, clientSecret, NOW_S + 61), { name: 'TokenExpiredError' });
    });
    it('uses the Client ID and Secret trimmed, as the validators accept them', () => {
      const token = signClientJwt({ clientId: ` ${clientId}\n`, clientSecret: `${clientSecret}\n`, now: NOW_MS });
      const { payload } = verifyWithLibrary(token);
      assert.ok(typeof payload === 'object');
      assert.equal(payload.appId, clientId);
    });
    it('accepts the signing time as a Date', () => {
      const token = signClientJwt({ clientId, clientSecret, now: new Date(NOW_MS) });
      assert.equal(decodeJwt(token)?.payload.iat, NOW_S);
    });
    it('refuses to sign with an empty or malformed credential or a nonsensical lifetime', () => {
      assert.throws(() => signClientJwt({ clientId, clientSecret: '' }), /Paste the Client Secret/);
      assert.throws(() => signClientJwt({ clientId, clientSecret: '   ' }), /Paste the Client Secret/);
      assert.throws(() => signClientJwt({ clientId: '', clientSecret }), /Enter the Client ID/);
      assert.throws(() => signClientJwt({ clientId: 'cs 1', clientSecret }), /Client ID contains spaces/);
      for (const lifetimeSeconds of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        assert.throws(() => signClientJwt({ clientId, clientSecret, lifetimeSeconds }), RangeError, String(lifetimeSeconds));
      }
      assert.throws(() => signClientJwt({ clientId, clientSecret, now: new Date(Number.NaN) }), RangeError);
    });
  });

  describe('signClientJwt, verified by the fake Kore server', () => {
    it('is accepted for the right app and secret', () => {
      const token = signClientJwt({ clientId, clientSecret, now: NOW_MS });
      const check = verifyFakeJwt(token, clientSecret, clientId, NOW_S);
      assert.deepEqual(check.ok ? check.payload.appId : check.reason, clientId);
    });
    it('is refused for a wrong secret, another app, or after it expired', () => {
      const token = signClientJwt({ clientId, clientSecret, lifetimeSeconds: 60, now: NOW_MS });
      assert.deepEqual(verifyFakeJwt(token, 'another-secret', clientId, NOW_S), { ok: false, reason: 'invalid signature' });
      assert.deepEqual(verifyFakeJwt(token, clientSecret, 'cs-other', NOW_S), { ok: false, reason: 'appId does not match the app' });
      assert.deepEqual(verifyFakeJwt(token, clientSecret, clientId, NOW_S + 60 + 6), { ok: false, reason: 'token expired' });
    });
  });

  describe('checkJwtShape', () => {
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const payload = b64({ appId: clientId });
    it('accepts a signed token, a library-made one, and one with surrounding whitespace', () => {
      assert.equal(checkJwtShape(signClientJwt({ clientId, clientSecret })), undefined);
      assert.equal(checkJwtShape(jsonwebtoken.sign({ appId: clientId }, clientSecret)), undefined);
      assert.equal(checkJwtShape(`  ${header}.${payload}.sig\n`), undefined);
    });
    const refused: Array<[string, string, RegExp]> = [
      ['empty', '', /Paste the token/],
      ['a line break inside', `${header}.${payload}\n.sig`, /line breaks/],
      ['a "Bearer " prefix', `Bearer ${header}.${payload}.sig`, /spaces/],
      ['one part (a Client Secret pasted by mistake)', 'x3Kp9vQeN2mL7rT5wY8zA1bC4dF6gH0jS2uV5xZ8aB', /three base64url parts/],
      ['two parts', `${header}.${payload}`, /three base64url parts/],
      ['four parts', `${header}.${payload}.sig.more`, /three base64url parts/],
      ['an empty signature (alg "none")', `${b64({ alg: 'none' })}.${payload}.`, /three base64url parts/],
      ['an empty header', `.${payload}.sig`, /three base64url parts/],
      ['base64 padding', `${header}.${payload}.sig=`, /three base64url parts/],
      ['standard base64 characters', `${header}.${payload}.si+g/`, /three base64url parts/],
      ['a part whose length base64 cannot produce', `${header}.${payload}.abcde`, /three base64url parts/],
      ['a header that is not JSON', `${Buffer.from('hello').toString('base64url')}.${payload}.sig`, /first part is not a JSON header/],
      ['a header without alg', `${b64({ typ: 'JWT' })}.${payload}.sig`, /first part is not a JSON header/],
      ['a header that is an array', `${b64(['HS256'])}.${payload}.sig`, /first part is not a JSON header/],
      ['a payload that is not JSON', `${header}.${Buffer.from('{appId:').toString('base64url')}.sig`, /middle part is not a JSON object/],
      ['a payload that is a string', `${header}.${b64('appId')}.sig`, /middle part is not a JSON object/],
      ['a payload that is null', `${header}.${b64(null)}.sig`, /middle part is not a JSON object/],
    ];
    for (const [what, token, message] of refused) {
      it(`refuses ${what}`, () => assert.match(checkJwtShape(token) ?? '', message));
    }
  });

  describe('decodeJwt', () => {
    it('reads header, payload, appId and the dates without verifying', () => {
      const token = jsonwebtoken.sign({ appId: clientId, iat: NOW_S, exp: NOW_S + 60 }, 'any secret at all');
      const decoded = decodeJwt(token);
      assert.ok(decoded);
      assert.equal(decoded.header.alg, 'HS256');
      assert.equal(decoded.appId, clientId);
      assert.equal(decoded.issuedAt?.getTime(), NOW_S * 1000);
      assert.equal(decoded.expiresAt?.getTime(), (NOW_S + 60) * 1000);
    });
    it('leaves out claims that are absent or of the wrong type', () => {
      const decoded = decodeJwt(`${b64({ alg: 'HS256' })}.${b64({ appId: 42, exp: '1700000000', iat: null })}.sig`);
      assert.ok(decoded);
      assert.equal(decoded.appId, undefined);
      assert.equal(decoded.expiresAt, undefined);
      assert.equal(decoded.issuedAt, undefined);
      assert.deepEqual(decoded.payload, { appId: 42, exp: '1700000000', iat: null });
    });
    it('returns undefined for anything malformed', () => {
      for (const token of ['', 'a.b', 'not a token', `${b64({ typ: 'JWT' })}.${b64({})}.sig`, `${b64({ alg: 'HS256' })}.${b64([1])}.sig`]) {
        assert.equal(decodeJwt(token), undefined, token);
      }
    });
  });

  describe('isExpired', () => {
    const expiresAt = new Date(NOW_MS);
    const cases: Array<[string, number, number | undefined, boolean]> = [
      ['well before exp', NOW_MS - 60_000, undefined, false],
      ['just past exp, within the default 30 s skew', NOW_MS + 29_999, undefined, false],
      ['at exp + 30 s', NOW_MS + 30_000, undefined, true],
      ['long after exp', NOW_MS + 3_600_000, undefined, true],
      ['at exp with no skew', NOW_MS, 0, true],
      ['just before exp with no skew', NOW_MS - 1, 0, false],
      ['within a wider skew', NOW_MS + 90_000, 120, false],
    ];
    for (const [what, nowMs, skew, expected] of cases) {
      it(`is ${expected ? '' : 'not '}expired ${what}`, () => {
        assert.equal(skew === undefined ? isExpired({ expiresAt }, nowMs) : isExpired({ expiresAt }, nowMs, skew), expected);
      });
    }
    it('treats a token without exp as not expired', () => {
      assert.equal(isExpired({}, NOW_MS + 1e12), false);
    });
    it('works on what decodeJwt returns', () => {
      const decoded = decodeJwt(signClientJwt({ clientId, clientSecret, lifetimeSeconds: 60, now: NOW_MS }));
      assert.ok(decoded);
      assert.equal(isExpired(decoded, NOW_MS), false);
      assert.equal(isExpired(decoded, (NOW_S + 60 + 30) * 1000), true);
    });
  });

  describe('validateClientId', () => {
    const accepted = [clientId, `  ${clientId}\n`, 'a', 'x'.repeat(MAX_CLIENT_ID_LENGTH), 'cs_1.2~3+4/5='];
    for (const value of accepted) {
      it(`accepts ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…` : value)}`, () => {
        assert.equal(validateClientId(value), undefined);
      });
    }
    const refused: Array<[string, string, RegExp]> = [
      ['empty', '', /Enter the Client ID/],
      ['whitespace only', ' \t\n', /Enter the Client ID/],
      ['too long', 'x'.repeat(MAX_CLIENT_ID_LENGTH + 1), new RegExp(`at most ${MAX_CLIENT_ID_LENGTH} characters`)],
      ['a space inside', 'cs-1 cs-2', /spaces, line breaks or control/],
      ['a line break inside', 'cs-1\ncs-2', /spaces, line breaks or control/],
      ['a tab inside', 'cs-1\tcs-2', /spaces, line breaks or control/],
      ['a control character', 'cs-1\u0007', /spaces, line breaks or control/],
      ['DEL', 'cs-1\u007f', /spaces, line breaks or control/],
      ['a zero-width space', 'cs-\u200b1', /spaces, line breaks or control/],
      ['a non-breaking space', 'cs-\u00a01', /spaces, line breaks or control/],
      ['a Cyrillic look-alike', 'сs-1', /non-ASCII/],
      ['an accented letter', 'cs-é', /non-ASCII/],
    ];
    for (const [what, value, message] of refused) {
      it(`refuses ${what}`, () => assert.match(validateClientId(value) ?? '', message));
    }
  });

  describe('validateClientSecret', () => {
    it('accepts a Kore-shaped secret, trimmed, and one at the length limit', () => {
      assert.equal(validateClientSecret(clientSecret), undefined);
      assert.equal(validateClientSecret(`${clientSecret}\r\n`), undefined);
      assert.equal(validateClientSecret('s'.repeat(MAX_CLIENT_SECRET_LENGTH)), undefined);
    });
    const refused: Array<[string, string, RegExp]> = [
      ['empty', '', /Paste the Client Secret/],
      ['too long', 's'.repeat(MAX_CLIENT_SECRET_LENGTH + 1), new RegExp(`at most ${MAX_CLIENT_SECRET_LENGTH} characters`)],
      ['a space inside', 'abc def-secret', /spaces, line breaks or control/],
      ['a line break inside', 'abcdef\nsecret', /spaces, line breaks or control/],
      ['a NUL', 'abcdef\u0000secret', /spaces, line breaks or control/],
      ['a byte order mark inside', 'abcdef\ufeffsecret', /spaces, line breaks or control/],
      ['a non-ASCII character', 'abcdéfsecret', /non-ASCII/],
    ];
    for (const [what, value, message] of refused) {
      it(`refuses ${what}, without repeating the value`, () => {
        const problem = validateClientSecret(value) ?? '';
        assert.match(problem, message);
        if (value.trim()) assert.ok(!problem.includes(value.trim().slice(0, 6)), problem);
      });
    }
  });
});

describe('a JWT whose time claims no date can hold is malformed', () => {
  for (const exp of [1e300, 8.64e12 + 1, -1e20]) {
    it(`refuses exp ${exp}`, () => {
      const pasted = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ appId: 'cs-1', exp })}.c2ln`;
      assert.match(checkJwtShape(pasted) ?? '', /"exp" claim is not a valid time/);
      assert.equal(decodeJwt(pasted), undefined);
    });
  }
  it('still accepts the latest time a date can hold', () => {
    assert.equal(checkJwtShape(`${b64({ alg: 'HS256' })}.${b64({ exp: 8.64e12 })}.c2ln`), undefined);
  });
});
