// The response a user can open: the server's own body (pretty-printed when it is JSON) or a summary of an
// exchange that brought none, and the one log line an exchange is written as.
import * as assert from 'node:assert/strict';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { describeExchange, prettyJson, responseDocument } from '../../src/core/failures/responseDocument';
import { requestFor, responseResult, resultOf } from '../support/koreResults';

const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://platform.kore.ai', timeoutSeconds: 30 };

/** A JSON text nested `depth` arrays deep around a success envelope's data. */
function deeplyNested(depth: number): string {
  return `{"status":"success","message":"deleted","data":{"_id":"cl-1","name":"Deep","extra":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
}

describe('responseDocument', () => {
  it('pretty-prints a JSON body', () => {
    const document = responseDocument(responseResult(200, { status: 'success', data: { _id: 'cl-1' } }));
    assert.equal(document.extension, 'json');
    assert.equal(document.fromServer, true);
    assert.equal(document.text, `${JSON.stringify({ status: 'success', data: { _id: 'cl-1' } }, null, 2)}\n`);
  });
  it('keeps an HTML page as HTML and other text as text', () => {
    assert.equal(responseDocument(responseResult(502, '<!DOCTYPE html><p>x</p>', { headers: { 'content-type': 'text/html' } })).extension, 'html');
    assert.equal(responseDocument(responseResult(200, 'plain words')).extension, 'txt');
  });
  it('summarises an exchange that brought no body, without the token', () => {
    const document = responseDocument(resultOf({ kind: 'timeout', timeoutMs: 100, durationMs: 100 }));
    assert.equal(document.fromServer, false);
    const summary = JSON.parse(document.text) as Record<string, unknown>;
    assert.equal(summary.outcome, 'timeout');
    assert.deepEqual(summary.request, requestFor());
  });
  it('describes an exchange in one log line', () => {
    assert.equal(describeExchange(responseResult(404, {}, { durationMs: 12 })), `DELETE ${requestFor().url} → 404 in 12 ms`);
    assert.match(describeExchange(resultOf({ kind: 'redirect', status: 301, location: 'https://x', durationMs: 3 })), /301 redirect to https:\/\/x \(not followed\)/);
  });
  it('shows the server\'s own text when re-indenting it would overflow the stack', () => {
    const body = deeplyNested(20_000);
    const result = responseResult(200, body, { statusText: 'OK', durationMs: 3 });
    assert.equal(result.ok, true);
    assert.equal(prettyJson(result.json), undefined, 'JSON.stringify overflows on this answer');
    const document = responseDocument(result);
    assert.equal(document.text, body);
    assert.equal(document.fromServer, true);
    assert.match(describeDeleteResult(result, context), /"Deep" \(cl-1\) was deleted/);
  });
});
