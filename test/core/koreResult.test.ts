// How the client reads an exchange (interpretExchange: the server's words, the record, the verdict) and
// Retry-After as RFC 9110 defines it, and nothing else: a wait nobody can believe never reaches a message
// or stalls a bulk run, and garbage falls back to the caller's backoff.
import * as assert from 'node:assert/strict';
import { MAX_RETRY_AFTER_SECONDS, parseHttpDate, parseRetryAfter } from '../../src/core/api/koreResult';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { oneLine } from '../../src/core/text/textSafety';
import { responseResult } from '../support/koreResults';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds: digits only, optional whitespace around them', () => {
    assert.equal(parseRetryAfter('30', NOW), 30);
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter(' \t007 ', NOW), 7);
  });

  it('refuses anything that is not delay-seconds or an HTTP-date', () => {
    for (const value of ['-1', '1.5', '+5', 'abc 1', '1 abc', '5s', '0x10', '1e3', '', ' ', 'soon', '30\n', '\u00a030', '٣٠', 'Infinity', 'NaN', '2026-11-27T12:00:10Z', 'Fri, 27 Nov 2026 12:00:10 +0000', 'Fri, 31 Feb 2026 12:00:10 GMT', 'Fri, 27 Nov 2026 24:00:00 GMT']) {
      assert.equal(parseRetryAfter(value, NOW), undefined, JSON.stringify(value));
    }
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
  });

  it('clamps a huge delay to the bound rather than promising a wait of eons', () => {
    assert.equal(parseRetryAfter('99999999999999999999999', NOW), MAX_RETRY_AFTER_SECONDS);
    assert.equal(parseRetryAfter('9'.repeat(400), NOW), MAX_RETRY_AFTER_SECONDS);
    assert.equal(parseRetryAfter('301', NOW), MAX_RETRY_AFTER_SECONDS);
    assert.equal(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', NOW), MAX_RETRY_AFTER_SECONDS);
  });

  it('reads the three HTTP-date forms, a past date as zero', () => {
    assert.equal(parseRetryAfter('Fri, 27 Nov 2026 12:00:10 GMT', NOW), 10);
    assert.equal(parseRetryAfter('Friday, 27-Nov-26 12:01:00 GMT', NOW), 60);
    assert.equal(parseRetryAfter('Fri Nov 27 12:00:05 2026', NOW), 5);
    assert.equal(parseRetryAfter('Fri Nov  7 12:00:05 2026', NOW), 0);
    assert.equal(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW), 0);
    assert.equal(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'), Date.UTC(1994, 10, 6, 8, 49, 37));
    // RFC 850's two-digit year: more than 50 years ahead means the century before.
    assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW), Date.UTC(1994, 10, 6, 8, 49, 37));
    assert.equal(parseHttpDate('Sunday, 06-Nov-75 08:49:37 GMT', NOW), Date.UTC(2075, 10, 6, 8, 49, 37));
  });

  it('never lets a message show a nonsense wait', () => {
    const say = (retryAfter: string) =>
      describeDeleteResult(
        responseResult(429, {}, { headers: { 'retry-after': retryAfter } }),
        { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://h', timeoutSeconds: 30 },
      );
    assert.match(say('99999999999999999999999'), /Try again in 300 s\.$/);
    assert.match(say('-1'), /Wait a minute and try again\.$/);
    assert.match(say('abc 1'), /Wait a minute and try again\.$/);
    assert.match(say('Fri, 31 Dec 9999 23:59:59 GMT'), /Try again in 300 s\.$/);
  });
});

describe('interpretExchange', () => {
  it('reads the message from `message`, `errors[0].msg`, or `error`', () => {
    assert.equal(responseResult(400, { errors: [{ msg: 'a' }] }).serverMessage, 'a');
    assert.equal(responseResult(400, { error: 'b' }).serverMessage, 'b');
    assert.equal(responseResult(400, { error: { message: 'c' } }).serverMessage, 'c');
    assert.equal(responseResult(400, 'x').serverMessage, undefined);
  });
  it('ignores a data field of the wrong shape', () => {
    const result = responseResult(200, { status: 'success', data: { _id: 5 } });
    assert.equal(result.ok, true);
    assert.equal(result.contactList, undefined);
  });
  it('makes server text one safe line', () => {
    assert.equal(oneLine('a\n\u0007b\t c'), 'a b c');
    assert.equal(oneLine('x'.repeat(400)).length, 300);
  });
  it('reads Retry-After as seconds or as a date', () => {
    assert.equal(parseRetryAfter('30'), 30);
    assert.equal(parseRetryAfter(new Date(10_000 + 5_000).toUTCString(), 10_000), 5);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});
