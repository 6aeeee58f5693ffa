// Credential headers and echoed secrets never reach a log, a document or a message.
import * as assert from 'node:assert/strict';
import { redactHeaders, redactSecrets } from '../../src/core/redaction';

describe('redaction', () => {
  it('redacts credential headers whatever their case', () => {
    assert.deepEqual(redactHeaders({ auth: 'x', Authorization: 'y', iid: 'st-1' }), { auth: '<redacted>', Authorization: '<redacted>', iid: 'st-1' });
  });
  it('removes every occurrence of a secret, ignoring very short ones', () => {
    assert.equal(redactSecrets('a SECRET-123 b SECRET-123', ['SECRET-123']), 'a <redacted> b <redacted>');
    assert.equal(redactSecrets('abc', ['ab', undefined]), 'abc');
  });
});
