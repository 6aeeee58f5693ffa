import * as assert from 'node:assert/strict';
import { asContactListRecord } from '../../src/core/contactList';
import { deleteOutcomeOf } from '../../src/core/deleteOutcome';
import { HttpExchange } from '../../src/core/koreHttp';
import { interpretExchange } from '../../src/core/koreResult';

const request = { method: 'DELETE', url: 'https://h/x', headers: {} };
const outcome = (exchange: HttpExchange) => deleteOutcomeOf(interpretExchange(request, exchange));
const response = (status: number, body: unknown): HttpExchange => ({ kind: 'response', status, statusText: '', headers: {}, bodyText: JSON.stringify(body), durationMs: 1 });

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
    ['a reset', { kind: 'network', code: 'ECONNRESET', detail: '', durationMs: 1 }, 'unknown'],
    ['connection refused: never sent', { kind: 'network', code: 'ECONNREFUSED', detail: '', durationMs: 1 }, 'failed'],
    ['unknown host: never sent', { kind: 'network', code: 'ENOTFOUND', detail: '', durationMs: 1 }, 'failed'],
    ['a TLS failure: never sent', { kind: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', detail: '', durationMs: 1 }, 'failed'],
    ['a redirect', { kind: 'redirect', status: 302, location: undefined, durationMs: 1 }, 'failed'],
  ];
  for (const [what, exchange, expected] of table) it(`${what} is ${expected}`, () => assert.equal(outcome(exchange), expected));
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
