// Every failure the issue names, end to end through the real client and the real fake server, each with
// the sentence a user reads and the body left to view. Nothing here touches an address but loopback.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiTarget } from '../../src/core/api/koreApiPaths';
import { deleteContactList } from '../../src/core/api/contactListClient';
import { FailureReason, KoreCallResult } from '../../src/core/api/koreResult';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { responseDocument } from '../../src/core/failures/responseDocument';
import { Fault, FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { resultOf } from '../support/koreResults';

const ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';

interface Case {
  readonly name: string;
  readonly fault?: Fault;
  readonly timeoutMs?: number;
  readonly rateLimit?: { perMinute: number; retryAfterHeader: boolean };
  readonly failure: FailureReason | 'ok';
  readonly status?: number;
  readonly message: RegExp;
  /** Whether a body came back that the user can open. */
  readonly body: boolean;
}

const json = (status: number, body: unknown): Fault => ({ kind: 'status', status, body: JSON.stringify(body) });

const CASES: Case[] = [
  { name: '400', fault: json(400, { errors: [{ msg: 'Invalid accountId' }] }), failure: 'http', status: 400, message: /invalid \(HTTP 400\).*"Invalid accountId"/, body: true },
  { name: '401', fault: json(401, { errors: [{ msg: 'Invalid token' }] }), failure: 'http', status: 401, message: /rejected the token.*Set a new token/, body: true },
  { name: '403', fault: json(403, { errors: [{ msg: 'Scope not allowed' }] }), failure: 'http', status: 403, message: /denied access \(HTTP 403\).*Campaign Management/, body: true },
  { name: '404', fault: json(404, { status: 'failure', message: 'Contact list not found' }), failure: 'http', status: 404, message: /was not found .*HTTP 404/, body: true },
  { name: '409', fault: json(409, { status: 'failure', message: 'List in use' }), failure: 'http', status: 409, message: /HTTP 409.*in use by a campaign/, body: true },
  { name: '429 with Retry-After', rateLimit: { perMinute: 0, retryAfterHeader: true }, failure: 'http', status: 429, message: /rate limit.*Try again in \d+ s/, body: true },
  { name: '429 without Retry-After', rateLimit: { perMinute: 0, retryAfterHeader: false }, failure: 'http', status: 429, message: /rate limit.*Wait a minute/, body: true },
  { name: '500 with JSON', fault: json(500, { errors: [{ msg: 'Internal error' }] }), failure: 'http', status: 500, message: /server error \(HTTP 500\).*unknown.*"Internal error"/, body: true },
  { name: '502 with an HTML page', fault: { kind: 'html', status: 502 }, failure: 'http', status: 502, message: /server error \(HTTP 502\)/, body: true },
  { name: '503 with an HTML page', fault: { kind: 'html', status: 503 }, failure: 'http', status: 503, message: /server error \(HTTP 503\)/, body: true },
  { name: '200 with status "failure"', fault: { kind: 'failureStatus', message: 'Deletion failed' }, failure: 'apiFailure', status: 200, message: /could not delete.*"Deletion failed"/, body: true },
  { name: '200 with a body that is not JSON', fault: { kind: 'badJson' }, failure: 'notJson', status: 200, message: /not JSON.*unknown/, body: true },
  { name: '200 with an empty body', fault: { kind: 'emptyBody' }, failure: 'emptyBody', status: 200, message: /empty body.*unknown/, body: false },
  { name: 'a connection reset mid-body', fault: { kind: 'reset' }, failure: 'network', message: /broke before the answer was complete/, body: false },
  { name: 'a server that never answers', fault: { kind: 'hang' }, timeoutMs: 300, failure: 'timeout', message: /did not answer within .*unknown/, body: false },
  { name: 'a redirect to another host', fault: { kind: 'redirect', location: 'https://elsewhere.example/x' }, failure: 'redirect', status: 302, message: /redirect \(HTTP 302\) to https:\/\/elsewhere\.example\/x.*token stayed/, body: false },
  { name: 'a body over 5 MB', fault: { kind: 'oversize', bytes: 6 * 1024 * 1024 }, failure: 'tooLarge', message: /larger than 5 MB/, body: false },
];

describe('the fault table: every failure ends in a clear message', function () {
  this.timeout(20_000);
  let server: FakeKoreServer;
  let target: ApiTarget;
  let token: string;

  before(async () => {
    server = await FakeKoreServer.start();
    target = { host: server.url, iid: server.app.iid, accountId: server.app.accountId };
    token = server.app.staticTokens[0];
  });
  after(() => server.close());

  function check(result: KoreCallResult, expected: Case, host: string): void {
    assert.equal(result.ok ? 'ok' : result.failure, expected.failure);
    if (expected.status !== undefined) {
      const status = result.exchange.kind === 'response' || result.exchange.kind === 'redirect' ? result.exchange.status : undefined;
      assert.equal(status, expected.status);
    }
    const message = describeDeleteResult(result, { contactListId: ID, environmentName: 'Prod', host, timeoutSeconds: 1 });
    assert.match(message, expected.message);
    const document = responseDocument(result);
    assert.equal(document.fromServer, expected.body, 'whether the server\'s body is what the user can open');
    assert.ok(document.text.length > 0, 'there is always something to open');
    assert.equal(document.text.includes(token), false);
  }

  for (const expected of CASES) {
    it(expected.name, async () => {
      const other = await FakeKoreServer.start({
        ...(expected.rateLimit ? { rateLimitPerMinute: expected.rateLimit.perMinute, retryAfterHeader: expected.rateLimit.retryAfterHeader } : {}),
      });
      try {
        if (expected.fault) other.setFault(expected.fault);
        const result = await deleteContactList({ ...target, host: other.url }, token, ID, { timeoutMs: expected.timeoutMs ?? 5_000 });
        check(result, expected, other.url);
        if (expected.fault?.kind === 'redirect') assert.equal(other.requests.length, 1, 'only the first host was asked');
      } finally {
        await other.close();
      }
    });
  }

  it('connection refused', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await deleteContactList({ ...target, host }, token, ID, { timeoutMs: 5_000 });
    check(result, { name: 'refused', failure: 'network', message: /connection was refused/, body: false }, host);
  });

  it('a TLS failure: a loopback https server with a self-signed certificate', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-tls-'));
    try {
      // openssl ships with the base system; the certificate is made fresh so no private key lives in the repo.
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      const tls = await FakeKoreServer.start({ tls: { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') } });
      try {
        assert.ok(tls.url.startsWith('https://127.0.0.1:'));
        const result = await deleteContactList({ ...target, host: tls.url }, token, ID, { timeoutMs: 5_000 });
        check(result, { name: 'tls', failure: 'network', message: /trusted connection.*certificate.*(SELF_SIGNED|CERT)/, body: false }, tls.url);
        assert.equal(tls.requests.length, 0, 'no request (and no token) crossed the untrusted connection');
      } finally {
        await tls.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown host is worded without a lookup (tests never resolve names off this machine)', () => {
    const result = resultOf(
      { kind: 'network', code: 'ENOTFOUND', detail: 'getaddrinfo ENOTFOUND no-such-host.invalid', phase: 'connecting', durationMs: 3 },
      { request: { method: 'DELETE', url: 'https://no-such-host.invalid/x', headers: {} } },
    );
    check(result, { name: 'unknown host', failure: 'network', message: /Could not find the host https:\/\/no-such-host\.invalid/, body: false }, 'https://no-such-host.invalid');
  });
});
