// Every failure a user can meet ends in a sentence naming what happened, where, and what to do next.
import * as assert from 'node:assert/strict';
import { HttpExchange } from '../../src/core/api/koreHttp';
import { KoreCallResult } from '../../src/core/api/koreResult';
import { describeDeleteResult, describeDialectSearch } from '../../src/core/failures/resultMessages';
import { routeVerdict } from '../../src/core/api/dialectDetection';
import { ApiDialect } from '../../src/core/api/koreApiPaths';
import { responseResult, resultOf } from '../support/koreResults';

const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://platform.kore.ai', timeoutSeconds: 30 };

function response(status: number, body: unknown, headers: Record<string, string> = {}): KoreCallResult {
  return responseResult(status, body, { headers, durationMs: 12 });
}

function other(exchange: HttpExchange): KoreCallResult {
  return resultOf(exchange);
}

const cases: Array<[string, KoreCallResult, RegExp]> = [
  ['success with the server message', response(200, { status: 'success', message: 'Contact list X deleted successfully' }), /^Contact list cl-1 was deleted from Prod\. The server said: "Contact list X deleted successfully"\. The server did not return the deleted list's record\.$/],
  ['success naming the list', response(200, { status: 'success', message: 'ok', data: { _id: 'cl-1', name: 'Renewal' } }), /^Contact list "Renewal" \(cl-1\) was deleted from Prod\./],
  ['success without a message', response(200, { status: 'success' }), /Contact list cl-1 was deleted from Prod/],
  ['400', response(400, { errors: [{ msg: 'bad iid' }] }), /invalid \(HTTP 400\).*Check the App ID and Account ID.*The server said: "bad iid"/],
  ['401', response(401, { errors: [{ msg: 'Invalid token' }] }), /rejected the token for Prod.*HTTP 401.*Set a new token/],
  ['403', response(403, {}), /denied access \(HTTP 403\).*Campaign Management/],
  ['404', response(404, { status: 'failure', message: 'Contact list cl-1 not found' }), /cl-1 was not found on Prod.*HTTP 404.*Check the id/],
  ['409', response(409, {}), /HTTP 409.*in use by a campaign/],
  ['429 with Retry-After', response(429, {}, { 'retry-after': '17' }), /rate limit.*Try again in 17 s/],
  ['429 without Retry-After', response(429, {}), /rate limit.*Wait a minute/],
  ['500 with JSON', response(500, { message: 'boom' }), /server error \(HTTP 500\).*unknown.*Look it up again.*"boom"/],
  ['503 with HTML', response(503, '<html>down</html>'), /server error \(HTTP 503\)/],
  ['200 failure', response(200, { status: 'failure', message: 'locked' }), /could not delete contact list cl-1.*"locked".*Open the response/],
  ['200 failure without a message', response(200, { status: 'failure' }), /answered without saying why/],
  ['200 not JSON', response(200, '<html>'), /HTTP 200 with a body that is not JSON.*unknown/],
  ['200 empty', response(200, ''), /empty body.*unknown/],
  ['redirect', other({ kind: 'redirect', status: 302, location: 'https://evil.example/x', durationMs: 1 }), /redirect \(HTTP 302\) to https:\/\/evil.example\/x.*not followed.*token stayed/],
  ['too large', other({ kind: 'tooLarge', status: 200, limitBytes: 5 * 1024 * 1024, durationMs: 1 }), /larger than 5 MB.*unknown/],
  ['timeout', other({ kind: 'timeout', timeoutMs: 30_000, durationMs: 30_000 }), /did not answer within 30 s.*requestTimeoutSeconds/],
  ['cancelled', other({ kind: 'cancelled', durationMs: 1 }), /Cancelled.*unknown/],
  ['refused', other({ kind: 'network', code: 'ECONNREFUSED', detail: '', phase: 'connecting', durationMs: 1 }), /connection was refused.*Check the host of environment Prod/],
  ['unknown host', other({ kind: 'network', code: 'ENOTFOUND', detail: '', phase: 'connecting', durationMs: 1 }), /Could not find the host/],
  ['TLS', other({ kind: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', detail: '', phase: 'securing', durationMs: 1 }), /trusted connection.*self-signed.*DEPTH_ZERO_SELF_SIGNED_CERT/],
  ['reset', other({ kind: 'network', code: 'ECONNRESET', detail: '', phase: 'written', durationMs: 1 }), /broke before the answer was complete/],
  ['a lost route after the request was written', other({ kind: 'network', code: 'EHOSTUNREACH', detail: '', phase: 'written', durationMs: 1 }), /broke before the answer was complete.*unknown/],
  ['a lost route while connecting', other({ kind: 'network', code: 'EHOSTUNREACH', detail: '', phase: 'connecting', durationMs: 1 }), /Could not connect to .* \(EHOSTUNREACH\), so nothing was sent/],
  ['a failure nobody saw the phase of', other({ kind: 'network', code: 'EHOSTUNREACH', detail: '', phase: 'unobserved', durationMs: 1 }), /failed \(EHOSTUNREACH\).*unknown/],
  ['other status', response(418, {}), /failed with HTTP 418/],
];

describe('describeDeleteResult', () => {
  for (const [what, result, expected] of cases) {
    it(`words ${what}`, () => assert.match(describeDeleteResult(result, context), expected));
  }
});

describe('describeDialectSearch (Test Connection found no other dialect)', () => {
  const attempt = (dialect: ApiDialect, result: KoreCallResult) => ({ dialect, verdict: routeVerdict(result), result });
  const unserved = () => response(404, '<!DOCTYPE html><html><body>Cannot GET</body></html>');

  it('keeps the short sentence when every other form is not served there', () => {
    const { sentence, networkSettings } = describeDialectSearch([attempt('v1', unserved()), attempt('v1-legacy', unserved())], 30);
    assert.equal(sentence, 'The other forms of the API (v1, v1 legacy) did not answer either.');
    assert.equal(networkSettings, false);
  });

  it('names why each failed probe failed (credential, timeout, proxy, certificate), never "did not answer"', () => {
    const { sentence, networkSettings } = describeDialectSearch(
      [
        attempt('v1', response(401, { errors: [{ msg: 'Invalid token' }] })),
        attempt('v1-legacy', other({ kind: 'timeout', timeoutMs: 30_000, durationMs: 30_000 })),
        attempt('v2', unserved()),
      ],
      30,
    );
    assert.equal(
      sentence,
      'The other forms of the API were tried, and none could be confirmed: v1: HTTP 401: Invalid token; v1 legacy: no answer within 30 s; v2 (AI for Service): not served (HTTP 404 for the address itself). Fix what a failed one names, then run Test Connection again.',
    );
    assert.equal(networkSettings, false);
    const proxied = describeDialectSearch([attempt('v1', other({ kind: 'proxy', status: 407, detail: '407 Proxy Authentication Required', durationMs: 1 })), attempt('v2', unserved())], 30);
    assert.match(proxied.sentence, /v1: the proxy refused the connection with HTTP 407; v2 \(AI for Service\): not served/);
    assert.equal(proxied.networkSettings, true, 'a proxy refusal is fixed in the network settings');
    const untrusted = describeDialectSearch([attempt('v1-legacy', other({ kind: 'network', code: 'SELF_SIGNED_CERT_IN_CHAIN', detail: '', phase: 'securing', durationMs: 1 })), attempt('v2', unserved())], 30);
    assert.match(untrusted.sentence, /v1 legacy: the certificate .*\(SELF_SIGNED_CERT_IN_CHAIN\)/);
    assert.equal(untrusted.networkSettings, true, 'so is a certificate problem');
  });
});

describe('describeDeleteResult: server text stays on one line', () => {
  it('words a success naming the list on one line, and never names another list\'s record', () => {
    const named = responseResult(200, JSON.stringify({ status: 'success', message: 'ok\r\nFAKE', data: { _id: 'cl-1', name: 'A\nB' } }), { statusText: 'OK', durationMs: 3 });
    assert.equal(describeDeleteResult(named, context), 'Contact list "A B" (cl-1) was deleted from Prod. The server said: "ok FAKE".');
    const other = responseResult(200, JSON.stringify({ status: 'success', data: { _id: 'cl-2', name: 'Someone else' } }), { statusText: 'OK', durationMs: 3 });
    assert.equal(describeDeleteResult(other, context), 'Contact list cl-1 was deleted from Prod.');
  });
  it('keeps a redirect\'s location on one line', () => {
    const result = resultOf({ kind: 'redirect', status: 302, location: 'https://e.example/\nRecords: 0', durationMs: 1 });
    assert.ok(!describeDeleteResult(result, context).includes('\n'));
  });
});
