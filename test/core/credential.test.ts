// A stored credential round-trips, anything unreadable is no credential, and readiness is one decision.
import * as assert from 'node:assert/strict';
import { credentialReadiness, parseCredential, serialiseCredential } from '../../src/core/environments/credential';
import { signFakeJwt } from '../fakeKore/jwt';

describe('credential', () => {
  it('round-trips and refuses anything unreadable', () => {
    const credential = { kind: 'jwt', token: 't.o.k', host: 'https://h' } as const;
    assert.deepEqual(parseCredential(serialiseCredential(credential)), credential);
    assert.equal(parseCredential('not json'), undefined);
    assert.equal(parseCredential(JSON.stringify({ kind: 'jwt', token: '', host: 'h' })), undefined);
    assert.equal(parseCredential(undefined), undefined);
  });
});

describe('credentialReadiness', () => {
  const host = 'https://platform.kore.ai';
  it('is missing, expired, for another host, or usable', () => {
    assert.equal(credentialReadiness(undefined, host).state, 'missing');
    const expired = signFakeJwt({ appId: 'a', exp: 1_600_000_000 }, 'secret-secret');
    assert.equal(credentialReadiness({ kind: 'jwt', token: expired, host }, host).state, 'expired');
    const fresh = signFakeJwt({ appId: 'a', exp: Math.floor(Date.now() / 1000) + 600 }, 'secret-secret');
    assert.equal(credentialReadiness({ kind: 'jwt', token: fresh, host: 'https://de-platform.kore.ai' }, host).state, 'otherHost');
    assert.equal(credentialReadiness({ kind: 'jwt', token: fresh, host }, host).state, 'usable');
    assert.equal(credentialReadiness({ kind: 'client', clientId: 'cs-1', clientSecret: 'secret-secret', host }, host).state, 'usable');
  });
  it('checks expiry before the host: an expired token is never offered to a new host', () => {
    const expired = signFakeJwt({ appId: 'a', exp: 1_600_000_000 }, 'secret-secret');
    assert.equal(credentialReadiness({ kind: 'jwt', token: expired, host: 'https://other' }, host).state, 'expired');
  });
});
