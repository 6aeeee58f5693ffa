// Properties that keep whole classes of defects out: whatever a server answers, whatever id is given, the
// extension says one clean line, leaks no token in any form, and sends nothing but to the list's own address.
// `npm test` runs each with a fixed seed; `npm run fuzz` runs them with a random seed and many more cases.
import * as assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { formatBulkReport } from '../../src/core/bulk/report';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { asContactListRecord } from '../../src/core/api/contactList';
import { getContactList } from '../../src/core/api/contactListClient';
import { parseContactListIds } from '../../src/core/input/contactListIds';
import { DeleteOutcome, deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { confirmationText } from '../../src/core/deletionPreview';
import { API_DIALECTS, expectedContactListRequest } from '../../src/core/api/koreApiPaths';
import { HttpExchange } from '../../src/core/api/koreHttp';
import { SEND_PHASES } from '../../src/core/failures/networkFailure';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { describeExchange, responseDocument } from '../../src/core/failures/responseDocument';
import { briefFailureReason, describeDeleteResult } from '../../src/core/failures/resultMessages';
import { hasUnsafeCharacter } from '../../src/core/text/textSafety';
import { validateContactListId } from '../../src/core/input/validation';
import { decodeEscapes } from '../support/escapes';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { resultOf } from '../support/koreResults';

const request = { method: 'DELETE', url: 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-1', headers: { auth: '<redacted>' } };
const context = { contactListId: 'cl-1', environmentName: 'Prod US', host: 'https://platform.kore.ai', timeoutSeconds: 30 };
const target = { contactListId: 'cl-1', environmentName: 'Prod US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1', production: false };
const OUTCOMES: readonly DeleteOutcome[] = ['deleted', 'failed', 'unknown'];

// ----------------------------------------------------------------------------------------------------------
// Generators

/** Characters that have broken text handling somewhere: line breaks, bidi, invisibles, a lone surrogate, NUL. */
const NASTY = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u202e', '\u2066', '\u2069', '\u200b', '\u200f', '\u00ad', '\u061c', '\u3164', '\ufeff', '\ud800', '\udfff', '\u0000', '\u001b[31m', '\t', '|', '*', '`', '<b>', '"', '\\', '{0}', 'Records: 0', '😀'];
const hostileText = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...NASTY)), { maxLength: 8 }).map((parts) => parts.join(''));
const base64url = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: min, maxLength: max });
/** A JWT's shape: the HS256 header, a payload and a 43-character signature. */
const token = fc.tuple(base64url(20, 80), base64url(43, 43)).map(([payload, signature]) => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${payload}.${signature}`);

const hex = (code: number, width: number, upper: boolean) => {
  const digits = code.toString(16).padStart(width, '0');
  return upper ? digits.toUpperCase() : digits;
};
/** The token as a server might echo it: plainly, or with some characters escaped for JSON, URLs or HTML. */
function echoed(secret: string): fc.Arbitrary<string> {
  const escapeSome = (escape: (character: string, upper: boolean) => string) =>
    fc.tuple(fc.array(fc.nat({ max: secret.length - 1 }), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([positions, upper]) =>
      Array.from(secret, (character, index) => (positions.includes(index) ? escape(character, upper) : character)).join(''),
    );
  return fc.oneof(
    fc.constant(secret),
    fc.constant(secret.split('.')[2]),
    escapeSome((character, upper) => `\\u${hex(character.charCodeAt(0), 4, upper)}`),
    escapeSome((character, upper) => `%${hex(character.charCodeAt(0), 2, upper)}`),
    escapeSome((character) => `&#${character.charCodeAt(0)};`),
    escapeSome((character, upper) => `&#x${hex(character.charCodeAt(0), 1, upper)};`),
  );
}

/** Text to put inside a JSON string literal: hostile text JSON-escaped, plus raw escapes (the echo). */
const jsonLiteral = (text: string) => JSON.stringify(text).slice(1, -1);

const jsonScalar = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const campaign = fc.oneof(hostileText, fc.record({ name: hostileText }), fc.record({ _id: hostileText }), jsonScalar, fc.array(jsonScalar, { maxLength: 3 }));
const listRecord = fc.record(
  {
    _id: fc.oneof(fc.constant('cl-1'), fc.constant('cl-2'), hostileText),
    name: fc.oneof(hostileText, jsonScalar),
    description: fc.oneof(hostileText, jsonScalar),
    totalRecordCount: fc.oneof(fc.integer(), fc.double(), hostileText),
    status: fc.oneof(hostileText, jsonScalar),
    listType: fc.oneof(hostileText, jsonScalar),
    isListInUse: fc.oneof(fc.boolean(), jsonScalar),
    campaignInUse: fc.oneof(fc.array(campaign, { maxLength: 8 }), jsonScalar),
  },
  { requiredKeys: [] },
);
const envelopeStatus = fc.oneof(fc.constantFrom('success', 'Success', 'SUCCESS', 'failure', 'Failure', 'error', 'ok', ''), hostileText, jsonScalar);

/** A body as text, with `echo` (the token in some form) somewhere in it where `withEcho` is set. */
function body(echo: string): fc.Arbitrary<string> {
  const envelope = fc
    .record({ status: envelopeStatus, message: fc.oneof(hostileText, jsonScalar), data: fc.oneof(listRecord, fc.array(listRecord, { maxLength: 3 }), jsonScalar) }, { requiredKeys: [] })
    .map((value) => JSON.stringify(value));
  const echoing = fc.tuple(hostileText, fc.constantFrom('message', 'msg', 'error', 'name')).map(([prefix, key]) =>
    key === 'msg'
      ? `{"errors":[{"msg":"${jsonLiteral(prefix)}${echo}"}]}`
      : key === 'name'
        ? `{"status":"success","data":{"_id":"cl-1","name":"${jsonLiteral(prefix)}${echo}"}}`
        : `{"status":"failure","${key}":"${jsonLiteral(prefix)}${echo}"}`,
  );
  const deep = fc.integer({ min: 500, max: 6000 }).map((depth) => `{"status":"success","data":{"_id":"cl-1","x":${'['.repeat(depth)}"${echo}"${']'.repeat(depth)}}}`);
  const huge = fc.constantFrom('{"status":"success","data":{"_id":"cl-1","totalRecordCount":1e999}}', '{"status":"success","data":{"_id":"cl-1","totalRecordCount":123456789012345678901234567890}}', '-1e309', '[1e400]');
  return fc.oneof(
    envelope,
    echoing,
    deep,
    huge,
    fc.json(),
    envelope.map((text) => `\ufeff${text}`),
    fc.constantFrom('', ' ', '\n', 'null', '[]', '"success"', '{"status":"success"'),
    hostileText.map((text) => `<!DOCTYPE html><html><body>${text} ${echo}</body></html>`),
    hostileText.map((text) => `${text}${echo}`),
  );
}

const status = fc.oneof(fc.constantFrom(200, 201, 202, 204, 400, 401, 403, 404, 405, 409, 429, 500, 502, 503, 504), fc.integer({ min: 100, max: 599 }));
const retryAfter = fc.oneof(fc.constantFrom('-1', '1.5', '+5', 'abc 1', '99999999999999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT', '0', '17', 'Thu, 01 Jan 1970 00:00:00 GMT'), hostileText, fc.nat().map(String));

function exchange(echo: string): fc.Arbitrary<HttpExchange> {
  const durationMs = fc.nat({ max: 100_000 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('response' as const), status, statusText: fc.oneof(hostileText, fc.constant(echo)), headers: fc.record({ 'retry-after': retryAfter, 'content-type': fc.oneof(fc.constant('application/json'), fc.constant('text/html'), hostileText), 'x-echo': fc.constant(echo) }, { requiredKeys: [] }), bodyText: body(echo), durationMs }) },
    fc.record({ kind: fc.constant('redirect' as const), status: fc.integer({ min: 300, max: 399 }), location: fc.option(fc.oneof(hostileText, hostileText.map((text) => `https://e.example/?t=${echo}${text}`)), { nil: undefined }), durationMs }),
    fc.record({ kind: fc.constant('network' as const), code: fc.oneof(fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'EPIPE'), hostileText), detail: fc.oneof(hostileText, fc.constant(echo)), phase: fc.constantFrom(...SEND_PHASES), durationMs }),
    fc.record({ kind: fc.constant('timeout' as const), timeoutMs: fc.nat(), durationMs }),
    fc.record({ kind: fc.constant('cancelled' as const), durationMs }),
    fc.record({ kind: fc.constant('tooLarge' as const), status, limitBytes: fc.integer({ min: 1, max: 1e9 }), durationMs }),
    fc.record({ kind: fc.constant('refused' as const), detail: hostileText, durationMs }),
  );
}

const answerWithToken = token.chain((secret) => echoed(secret).chain((echo) => exchange(echo).map((received) => ({ secret, received }))));

// ----------------------------------------------------------------------------------------------------------

function answerOf(status: number): HttpExchange {
  return { kind: 'response', status, statusText: '', headers: {}, bodyText: status === 404 ? '{"status":"failure","message":"not found"}' : '{"status":"success","data":{"_id":"cl-1"}}', durationMs: 1 };
}

function assertOneCleanLine(text: string, what: string): void {
  assert.equal(typeof text, 'string', what);
  assert.ok(text.trim() !== '', `${what} is empty`);
  assert.ok(!/[\r\n]/.test(text), `${what} has a line break: ${JSON.stringify(text)}`);
  assert.ok(!hasUnsafeCharacter(text), `${what} has an unsafe character: ${JSON.stringify(text)}`);
}

function assertNoToken(text: string, secret: string, what: string): void {
  const signature = secret.split('.')[2];
  assert.ok(!text.includes(signature) && !decodeEscapes(text).includes(signature), `${what} holds the token: ${text.slice(0, 500)}`);
}

describe('properties: any answer from a server', function () {
  this.timeout(propertyTimeoutMs());

  it('is interpreted without throwing, as a typed result told in one clean line that holds no token in any form', () => {
    fc.assert(
      fc.property(answerWithToken, ({ secret, received }) => {
        const result = resultOf(received, { request, secrets: [secret] });
        assert.ok(OUTCOMES.includes(deleteOutcomeOf(result)));
        assert.equal(typeof result.ok, 'boolean');
        assert.equal(result.ok, result.failure === undefined);
        const message = describeDeleteResult(result, context);
        assertOneCleanLine(message, 'the message');
        assertNoToken(message, secret, 'the message');
        const brief = briefFailureReason(result, 30);
        assertOneCleanLine(brief, 'the brief reason');
        assertNoToken(brief, secret, 'the brief reason');
        if (result.serverMessage !== undefined) assertOneCleanLine(result.serverMessage, 'the server message');
        const document = responseDocument(result);
        assert.ok(document.text.length > 0 || (received.kind === 'response' && received.bodyText.trim() === ''));
        assertNoToken(document.text, secret, 'the response document');
        assertNoToken(describeExchange(result), secret, 'the log line');
      }),
      propertyParameters(),
    );
  });

  it('ends a bulk run in a report whose every reason is one clean line without the token', async () => {
    await fc.assert(
      fc.asyncProperty(answerWithToken, fc.array(fc.nat({ max: 6 }), { maxLength: 3 }), async ({ secret, received }, lookUps) => {
        const clock = new ManualClock();
        // The same answer to every DELETE; look-ups answer from a short script (404, 200, or the answer again).
        const lookUpAnswers = lookUps.map((pick) => (pick === 0 ? { ...received } : answerOf(pick === 1 ? 404 : 200)));
        const report = await clock.runUntilSettled(
          runBulkDeletion({
            ids: ['cl-1', 'cl-2'],
            limiter: new RateLimiter({ clock }),
            backoffMs: () => 1_000,
            maxRetries: 1,
            deleteOne: () => Promise.resolve(resultOf(received, { request, secrets: [secret] })),
            lookUp: () => Promise.resolve(resultOf(lookUpAnswers.shift() ?? answerOf(200), { request, secrets: [secret] })),
          }),
        );
        const { json, summary } = formatBulkReport(report);
        assertOneCleanLine(summary, 'the summary');
        for (const entry of [...json.failed, ...json.unknown]) {
          assertOneCleanLine(entry.reason, 'a reason');
          assertNoToken(entry.reason, secret, 'a reason');
        }
        for (const entry of json.succeeded) if (entry.serverMessage !== undefined) assertNoToken(entry.serverMessage, secret, 'a server message');
        if (json.stoppedEarly !== undefined) assertOneCleanLine(json.stoppedEarly, 'the reason the run stopped');
        assert.equal(json.counts.succeeded + json.counts.failed + json.counts.unknown + json.counts.notAttempted, 2);
      }),
      propertyParameters(),
    );
  });

  it('never lets a record\'s text forge or hide a line of the confirmation', () => {
    fc.assert(
      fc.property(listRecord, fc.boolean(), (raw, production) => {
        const list = asContactListRecord(raw);
        const text = confirmationText({ ...target, production }, list);
        assertOneCleanLine(text.message, 'the title');
        const lines = text.detail.split('\n');
        // The structure is fixed: 11 lines with details (5 about the list), 8 without.
        assert.equal(lines.length, list ? 11 : 8, text.detail);
        for (const line of lines) assert.ok(!hasUnsafeCharacter(line), JSON.stringify(line));
        if (list) {
          assert.match(lines[0], /^Records: /);
          assert.match(lines[1], /^(IN USE by|Not in use by any campaign\.$)/);
          assert.equal(lines.filter((line) => /^Records: /.test(line)).length, 1);
        }
      }),
      propertyParameters(),
    );
  });
});

describe('properties: any contact list id', function () {
  this.timeout(propertyTimeoutMs());
  let server: Server;
  let host: string;
  const received: string[] = [];

  before(async () => {
    server = createServer((incoming, response) => {
      received.push(incoming.url ?? '');
      response.writeHead(404, { 'Content-Type': 'application/json' }).end('{"status":"failure","message":"not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const idLike = fc.oneof(
    fc.array(fc.oneof(fc.constantFrom('.', '..', '/', '\\', '%', '%2e', '%2F', '?', '#', ';', '@', ':', '~', '+', '&', '=', 'cl-', '-', '_', ' ', '\t', '\u3002', '\uff0e', '\u2024'), base64url(1, 8), fc.string({ unit: 'binary', maxLength: 3 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
    fc.constantFrom('.', '..', '...', '.cl', 'cl.', 'a.b', '-', '_', '~'),
  );

  it('is sent, when validation accepts it, to exactly the environment\'s origin and the list\'s path (and query) in every dialect; otherwise not at all', async () => {
    await fc.assert(
      fc.asyncProperty(idLike, fc.constantFrom(...API_DIALECTS), async (id, dialect) => {
        received.length = 0;
        const valid = validateContactListId(id) === undefined;
        const sent = valid ? id.trim() : id;
        const apiTarget = { host, iid: 'st-1', accountId: 'a1', dialect };
        const result = await getContactList(apiTarget, 'fake-token-for-properties', sent, { timeoutMs: 5_000 });
        const expectedRequest = expectedContactListRequest(apiTarget, sent);
        const expected = `${expectedRequest.path}${expectedRequest.search}`;
        if (valid) {
          assert.notEqual(result.exchange.kind, 'refused', `a valid id was refused: ${JSON.stringify(id)}`);
          assert.deepEqual(received, [expected]);
          assert.equal(new URL(result.request.url).origin, host);
          // One segment: the encoded id holds no "/" and nothing was normalised away; every character but
          // A-Za-z0-9-_. percent-encoded (a shell or a log reader gives `' ! ( ) * ~` meanings).
          const segment = expectedRequest.path.split('/').at(-1) ?? '';
          assert.match(segment, /^[A-Za-z0-9._%-]+$/);
          assert.equal(decodeURIComponent(segment), sent);
          // The account id travels where the dialect's table says, and nowhere else.
          assert.equal(expectedRequest.search, dialect === 'v1' ? '' : '?accountId=a1');
        } else {
          // The user is stopped by validation first; if anything sends it anyway, it goes where it should or nowhere.
          assert.ok(received.length === 0 || (received.length === 1 && received[0] === expected), `${JSON.stringify(id)} reached ${received[0]}`);
        }
        // The bulk parser accepts exactly what validation accepts.
        const parsed = parseContactListIds(id);
        for (const parsedId of parsed.ids) assert.equal(validateContactListId(parsedId), undefined);
      }),
      propertyParameters(),
    );
  });
});
