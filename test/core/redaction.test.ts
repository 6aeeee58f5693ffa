// Credential headers and echoed secrets never reach a log, a document or a message.
import * as assert from 'node:assert/strict';
import { redactHeaders, redactSecrets, redactValue } from '../../src/core/text/redaction';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { responseDocument } from '../../src/core/failures/responseDocument';
import { signFakeJwt } from '../fakeKore/jwt';
import { decodeEscapes } from '../support/escapes';
import { responseResult } from '../support/koreResults';

describe('redaction', () => {
  it('redacts credential headers whatever their case', () => {
    assert.deepEqual(redactHeaders({ auth: 'x', Authorization: 'y', iid: 'st-1' }), { auth: '<redacted>', Authorization: '<redacted>', iid: 'st-1' });
  });
  it('removes every occurrence of a secret, ignoring very short ones', () => {
    assert.equal(redactSecrets('a SECRET-123 b SECRET-123', ['SECRET-123']), 'a <redacted> b <redacted>');
    assert.equal(redactSecrets('abc', ['ab', undefined]), 'abc');
  });
});

describe('redaction cannot be defeated', () => {
  const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://platform.kore.ai', timeoutSeconds: 30 };

  it('redacts a token inside a deeply nested answer without overflowing', () => {
    const secret = 'SECRET-TOKEN-123456';
    const deep = JSON.parse(`${'['.repeat(50_000)}"${secret}"${']'.repeat(50_000)}`) as unknown;
    let value = redactValue(deep, [secret]);
    for (let depth = 0; depth < 50_000; depth++) value = (value as unknown[])[0];
    assert.equal(value, '<redacted>');
  });

  const secret = signFakeJwt({ appId: 'cs-1', iat: 1 }, 'app-secret');
  const escapedE = secret.replace(/e/, '\\u0065');
  const escapedDot = secret.replace('.', '\\u002e');
  for (const [what, echoed] of [
    ['plainly', secret],
    ['with one character as \\u0065', escapedE],
    ['with "." as \\u002E', secret.replace('.', '\\u002E')],
    ['with "." as \\u002e', escapedDot],
    ['percent-encoded', secret.replace('.', '%2e')],
    ['as HTML character references', secret.replace('.', '&#46;').replace(/e/, '&#x65;')],
    ['its signature alone', secret.split('.')[2]],
  ] as const) {
    it(`removes the token echoed ${what} from the message, the document and the parsed answer`, () => {
      // Written by hand, so the escapes stay escapes for the JSON parser to decode.
      const body = `{"status":"failure","message":"bad token ${echoed}"}`;
      const result = responseResult(401, body, { headers: { 'x-echo': echoed }, secrets: [secret], statusText: 'OK', durationMs: 3 });
      const shown = [describeDeleteResult(result, context), responseDocument(result).text, JSON.stringify(result.json), JSON.stringify(result.exchange)];
      for (const text of shown) {
        assert.ok(!text.includes(secret.split('.')[2]), text);
        assert.ok(!decodeEscapes(text).includes(secret.split('.')[2]), text);
      }
      assert.match(result.serverMessage ?? '', /<redacted>/);
    });
  }
  it('leaves text without the secret alone', () => {
    assert.equal(redactSecrets('\\u0065 %2e &#46;', ['SECRET-TOKEN-123456']), '\\u0065 %2e &#46;');
  });
});
