// Properties of what a user may paste as a token: it travels in an HTTP header and its claims decide whether
// the extension thinks it expired, so a paste is either refused with a sentence or safe in both respects.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkJwtShape, decodeJwt, isExpired } from '../../src/core/environments/jwt';
import { hasUnsafeCharacter } from '../../src/core/text/textSafety';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';

const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
const claimValue = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e300, -1e300, 8.64e12, 8.64e12 + 1, Number.MAX_SAFE_INTEGER), fc.string(), fc.constant(null));
const claims = fc.record({ appId: fc.oneof(fc.string(), fc.integer()), exp: claimValue, iat: claimValue, nbf: claimValue }, { requiredKeys: [] });
const jwtLike = fc
  .tuple(fc.oneof(fc.constant('{"alg":"HS256","typ":"JWT"}'), fc.json()), fc.oneof(claims.map((value) => JSON.stringify(value)), fc.json()), fc.string({ unit: fc.constantFrom(...'AZaz09-_'), maxLength: 43 }))
  .map(([header, payload, signature]) => `${b64(header)}.${b64(payload)}.${signature}`);
const pasted = fc.oneof(
  jwtLike,
  jwtLike.chain((token) => fc.constantFrom(`Bearer ${token}`, ` ${token}\n`, `${token}\u200b`, `${token}=`, token.split('.').slice(0, 2).join('.'))),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('properties: anything pasted as a token', function () {
  this.timeout(propertyTimeoutMs());

  it('is refused with one clean sentence, or is header-safe with claims a date can hold', () => {
    fc.assert(
      fc.property(pasted, (value) => {
        const problem = checkJwtShape(value);
        if (problem !== undefined) {
          assert.ok(problem.trim() !== '' && !/[\r\n]/.test(problem) && !hasUnsafeCharacter(problem), problem);
          // The sentence never repeats what was pasted: it may be a secret.
          if (value.trim().length >= 8) assert.ok(!problem.includes(value.trim()), problem);
          assert.equal(decodeJwt(value), undefined);
          return;
        }
        const token = value.trim();
        assert.ok(/^[\x21-\x7e]+$/.test(token), 'only visible ASCII travels in the header');
        const decoded = decodeJwt(value);
        assert.ok(decoded, 'an accepted token decodes');
        for (const date of [decoded.expiresAt, decoded.issuedAt]) if (date) assert.ok(Number.isFinite(date.getTime()));
        // Expiry is a yes or a no for every clock reading, never an exception.
        assert.equal(typeof isExpired(decoded, Date.now()), 'boolean');
      }),
      propertyParameters(),
    );
  });
});
