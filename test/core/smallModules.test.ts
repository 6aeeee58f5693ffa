import * as assert from 'node:assert/strict';
import { credentialKey, credentialReadiness, environmentIdOfKey, parseCredential, serialiseCredential } from '../../src/core/credential';
import { signFakeJwt } from '../fakeKore/jwt';
import { contactListPath, contactListUrl } from '../../src/core/koreApiPaths';
import { koreHeaders } from '../../src/core/contactListClient';
import { redactHeaders, redactSecrets } from '../../src/core/redaction';
import { formatTemplate } from '../../src/core/translate';

describe('koreApiPaths', () => {
  it('builds the documented delete URL', () => {
    assert.equal(
      contactListUrl('https://platform.kore.ai', 'st-1', 'cl-2'),
      'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2',
    );
  });
  it('encodes the id and tolerates a trailing slash on the host', () => {
    assert.equal(contactListUrl('https://h/', 'st-1', 'a b'), 'https://h/agentassist/api/v1/public/st-1/campaign/contactList/a%20b');
    assert.equal(contactListPath('st-1', 'x?y'), '/agentassist/api/v1/public/st-1/campaign/contactList/x%3Fy');
  });
});

describe('headers and redaction', () => {
  it('sends auth, iid, accountId and Content-Type', () => {
    assert.deepEqual(koreHeaders({ host: 'h', iid: 'st-1', accountId: 'a1' }, 'tok'), {
      auth: 'tok',
      iid: 'st-1',
      accountId: 'a1',
      'Content-Type': 'application/json',
      Accept: 'application/json',
    });
  });
  it('redacts credential headers whatever their case', () => {
    assert.deepEqual(redactHeaders({ auth: 'x', Authorization: 'y', iid: 'st-1' }), { auth: '<redacted>', Authorization: '<redacted>', iid: 'st-1' });
  });
  it('removes every occurrence of a secret, ignoring very short ones', () => {
    assert.equal(redactSecrets('a SECRET-123 b SECRET-123', ['SECRET-123']), 'a <redacted> b <redacted>');
    assert.equal(redactSecrets('abc', ['ab', undefined]), 'abc');
  });
});

describe('credential', () => {
  it('derives the key from the environment id and back', () => {
    assert.equal(environmentIdOfKey(credentialKey('env-1')), 'env-1');
    assert.equal(environmentIdOfKey('other.key'), undefined);
  });
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

describe('formatTemplate', () => {
  it('fills numbered placeholders and leaves unknown ones', () => {
    assert.equal(formatTemplate('{0} and {1} and {2}', 'a', 3), 'a and 3 and {2}');
  });
});
