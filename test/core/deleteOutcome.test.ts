import * as assert from 'node:assert/strict';
import { asContactListRecord } from '../../src/core/api/contactList';
import { deleteOutcomeOf, lookUpOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { HttpExchange } from '../../src/core/api/koreHttp';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { responseExchange, resultOf } from '../support/koreResults';

const request = { method: 'DELETE', url: 'https://h/x', headers: {} };
const outcome = (exchange: HttpExchange) => deleteOutcomeOf(resultOf(exchange, { request }));
const response = (status: number, body: unknown): HttpExchange => responseExchange(status, JSON.stringify(body));

describe('deleteOutcomeOf', () => {
  const table: Array<[string, HttpExchange, string]> = [
    ['a success', response(200, { status: 'success' }), 'deleted'],
    ['a 404', response(404, {}), 'failed'],
    ['a 401', response(401, {}), 'failed'],
    ['a 409', response(409, {}), 'failed'],
    ['a 200 failure', response(200, { status: 'failure' }), 'failed'],
    ['a 502', response(502, {}), 'unknown'],
    ['a 500', response(500, {}), 'unknown'],
    ['a body that is not JSON', { kind: 'response', status: 200, statusText: '', headers: {}, bodyText: '<x', durationMs: 1 }, 'unknown'],
    ['a timeout', { kind: 'timeout', timeoutMs: 1, durationMs: 1 }, 'unknown'],
    ['a cancel', { kind: 'cancelled', durationMs: 1 }, 'unknown'],
    ['a reset after the request was written', { kind: 'network', code: 'ECONNRESET', detail: '', phase: 'written', durationMs: 1 }, 'unknown'],
    ['a reset during the TLS handshake: never sent', { kind: 'network', code: 'ECONNRESET', detail: '', phase: 'securing', durationMs: 1 }, 'failed'],
    ['a garbled TLS record after the request was written', { kind: 'network', code: 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', detail: '', phase: 'written', durationMs: 1 }, 'unknown'],
    ['a lost route after the request was written', { kind: 'network', code: 'EHOSTUNREACH', detail: '', phase: 'written', durationMs: 1 }, 'unknown'],
    ['a failure nobody saw the phase of', { kind: 'network', code: 'ECONNREFUSED', detail: '', phase: 'unobserved', durationMs: 1 }, 'unknown'],
    ['connection refused: never sent', { kind: 'network', code: 'ECONNREFUSED', detail: '', phase: 'connecting', durationMs: 1 }, 'failed'],
    ['unknown host: never sent', { kind: 'network', code: 'ENOTFOUND', detail: '', phase: 'connecting', durationMs: 1 }, 'failed'],
    ['a TLS failure: never sent', { kind: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', detail: '', phase: 'securing', durationMs: 1 }, 'failed'],
    // RFC 9110: a 303 after a DELETE says it was performed; no redirect says it was not, and none is followed.
    ...[300, 301, 302, 303, 304, 305, 307, 308].map((status): [string, HttpExchange, string] => [`a ${status} redirect`, { kind: 'redirect', status, location: 'https://h/elsewhere', durationMs: 1 }, 'unknown']),
    // A 2xx is failed only when its body clearly says so; a body that says nothing more is the 2xx's success.
    ['a 2xx with only a message', response(200, { message: 'Contact list deleted' }), 'deleted'],
    ['a 2xx with "Success"', response(200, { status: 'Success' }), 'deleted'],
    ['a 2xx with " SUCCESS "', response(200, { status: ' SUCCESS ', data: {} }), 'deleted'],
    ['a 2xx with an empty object', response(204, {}), 'deleted'],
    ['a 2xx with success: true', response(200, { success: true }), 'deleted'],
    ['a 2xx with "FAILURE"', response(200, { status: 'FAILURE', message: 'Locked' }), 'failed'],
    ['a 2xx with "error"', response(200, { status: 'error' }), 'failed'],
    ['a 2xx with success: false', response(200, { success: false, message: 'Locked' }), 'failed'],
    ['a 2xx with gateway errors', response(200, { errors: [{ msg: 'Denied' }] }), 'failed'],
    ['a 2xx with an error', response(200, { error: 'Denied' }), 'failed'],
    ['a 2xx with an undocumented status', response(200, { status: 'pending' }), 'unknown'],
    ['a 2xx with a numeric status', response(200, { status: 1 }), 'unknown'],
    ['a 2xx saying success and failure', response(200, { status: 'success', errors: [{ msg: 'partial' }] }), 'unknown'],
    ['a 2xx with an array', response(200, []), 'unknown'],
    ['a 2xx with null', response(200, null), 'unknown'],
    ['a 2xx with a bare string', response(200, 'deleted'), 'unknown'],
  ];
  for (const [what, exchange, expected] of table) it(`${what} is ${expected}`, () => assert.equal(outcome(exchange), expected));

  it('words each outcome as what it is: deleted, could not delete, or unknown', () => {
    const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://h', timeoutSeconds: 30 };
    const say = (exchange: HttpExchange) => describeDeleteResult(resultOf(exchange, { request }), context);
    assert.equal(say(response(200, { message: 'Contact list deleted' })), 'Contact list cl-1 was deleted from Prod. The server said: "Contact list deleted". The server did not return the deleted list\'s record.');
    assert.equal(say(response(200, { status: 'Success' })), 'Contact list cl-1 was deleted from Prod. The server did not return the deleted list\'s record.');
    assert.match(say(response(200, { status: 'FAILURE', message: 'Locked' })), /^Kore\.ai could not delete contact list cl-1 .*"Locked"/);
    assert.equal(
      say(response(200, { status: 'pending', message: 'Queued' })),
      'https://h answered HTTP 200, but the answer does not say that contact list cl-1 was deleted, so whether it was deleted is unknown. Open the response, and look the list up again before retrying. The server said: "Queued".',
    );
  });
});

describe('lookUpOutcomeOf', () => {
  const look = (exchange: HttpExchange) => lookUpOutcomeOf(resultOf(exchange, { request: { ...request, method: 'GET' } }));
  it('reads the API\'s own 404 as gone, a success as exists, anything else as unknown', () => {
    assert.equal(look(response(404, { status: 'failure', message: 'not found' })), 'gone');
    assert.equal(look(response(200, { status: 'success', data: { _id: 'cl-1' } })), 'exists');
    assert.equal(look(response(200, { status: 'pending' })), 'unknown');
    assert.equal(look(response(500, {})), 'unknown');
    assert.equal(look(response(429, {})), 'unknown');
    assert.equal(look(response(401, {})), 'unknown');
    assert.equal(look({ kind: 'timeout', timeoutMs: 1, durationMs: 1 }), 'unknown');
  });
});

describe('a 404 for the address itself (the dialect\'s route is not served)', () => {
  const html = (method: string): HttpExchange => ({ kind: 'response', status: 404, statusText: 'Not Found', headers: {}, bodyText: `<!DOCTYPE html><html><body><pre>Cannot ${method} /agentassist/api/v1/public/st-1/campaign/contactList/cl-1</pre></body></html>`, durationMs: 1 });
  const empty: HttpExchange = { kind: 'response', status: 404, statusText: '', headers: {}, bodyText: '', durationMs: 1 };
  const gateway = response(404, { errors: [{ msg: 'no Route matched with those values' }] });
  const get = (exchange: HttpExchange) => resultOf(exchange, { request: { ...request, method: 'GET' } });
  const del = (exchange: HttpExchange) => resultOf(exchange, { request });
  const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://h', timeoutSeconds: 30, dialect: 'v2' as const };

  it('is never "gone" on a look-up: it says nothing about the list', () => {
    for (const exchange of [html('GET'), empty, gateway, response(404, '<html>')]) assert.equal(lookUpOutcomeOf(get(exchange)), 'unknown', JSON.stringify(exchange));
  });
  it('is never "deleted" on a DELETE: nothing reached a list, so it failed', () => {
    for (const exchange of [html('DELETE'), gateway]) assert.equal(deleteOutcomeOf(del(exchange)), 'failed', JSON.stringify(exchange));
  });
  it('is worded as the dialect not served at the host, with Test Connection as the way out, not as a missing list', () => {
    for (const result of [get(html('GET')), del(html('DELETE')), del(gateway)]) {
      const sentence = describeDeleteResult(result, context);
      assert.equal(
        sentence,
        'The v2 (AI for Service) API is not served at https://h (HTTP 404 for the address itself, not for contact list cl-1), so nothing was done to the list. Run Test Connection on "Prod" to find the one it serves.',
      );
    }
    // The API's own 404 keeps its wording.
    assert.match(describeDeleteResult(del(response(404, { status: 'failure', message: 'Contact list cl-1 not found' })), context), /^Contact list cl-1 was not found on Prod/);
  });
});

describe('asContactListRecord', () => {
  it('keeps a record with a field of an unexpected type, dropping only that field', () => {
    const record = asContactListRecord({ _id: 'cl-1', name: 'A', description: null, totalRecordCount: '12', campaignInUse: 'x' });
    assert.ok(record);
    assert.equal(record.name, 'A');
    assert.equal('description' in record, false);
    assert.equal('totalRecordCount' in record, false);
    assert.equal('campaignInUse' in record, false);
  });
  it('refuses what has no id', () => {
    assert.equal(asContactListRecord({ name: 'A' }), undefined);
    assert.equal(asContactListRecord(null), undefined);
  });
});
