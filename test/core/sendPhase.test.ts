// "Never sent" is decided by how far the request got, never by an error code: a connection that broke after the
// request was written leaves the DELETE's outcome unknown (look it up before sending it again), whatever code
// Node gives; one that failed before (no connection, no TLS handshake, an untrusted certificate) sent nothing.
// Real sockets on loopback: a TLS server that garbles a record after reading the request, a TCP server that
// resets, a server that breaks the handshake, a closed port.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BulkDeletionReport } from '../../src/core/bulk/report';
import { bulkDeleteOne, bulkLookUp } from '../../src/core/bulk/requests';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { createBulkRunState, planResume } from '../../src/core/bulk/runState';
import { judge } from '../../src/core/bulk/verdict';
import { systemClock } from '../../src/core/pacing/clock';
import { deleteContactList } from '../../src/core/api/contactListClient';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { KoreCallResult } from '../../src/core/api/koreResult';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { describeDeleteResult, pointsAtNetworkSettings } from '../../src/core/failures/resultMessages';
import { Answer, BrokenServer, SeenRequest, closedPort, serverThatBreaksTheHandshake, tcpServerThatResets, tlsServerThatBreaks, trustOnly } from '../support/brokenServers';
import { CertificateAuthority, makeCertificateAuthority, issueServerCertificate } from '../support/privateCa';
import { recordOutcome } from '../support/bulkRunRecords';

const ID = 'cl-5e0d7a31-8c2b-4f7e-9d61-3a2f1c0b9e01';
const TOKEN = 'static-token-for-tests';
const target = (host: string) => ({ host, iid: 'st-1', accountId: 'acc-1' });
const context = (host: string) => ({ contactListId: ID, environmentName: 'Production US', host, timeoutSeconds: 5 });
/** What a sentence must not say about a request that may have been applied. */
const NOTHING_SENT = /nothing was sent|not deleted|was not sent|certificate|NODE_EXTRA_CA_CERTS/i;
const GONE: Answer = { status: 404, body: JSON.stringify({ status: 'failure', message: `Contact list ${ID} not found` }) };

function deleteAt(host: string): Promise<KoreCallResult> {
  return deleteContactList(target(host), TOKEN, ID, { timeoutMs: 5_000 });
}

/** The DELETE may have been applied: unknown, worded so, retried only after a look-up, no certificate advice. */
function assertMaybeApplied(result: KoreCallResult, host: string): void {
  // Seen written on the socket: "unobserved" would be unknown too, and hide a watch that saw nothing.
  assert.equal(result.exchange.kind === 'network' && result.exchange.phase, 'written', JSON.stringify(result.exchange));
  assert.equal(deleteOutcomeOf(result), 'unknown', JSON.stringify(result.exchange));
  const sentence = describeDeleteResult(result, context(host));
  assert.match(sentence, /whether contact list .* was deleted is unknown/);
  assert.doesNotMatch(sentence, NOTHING_SENT);
  assert.equal(pointsAtNetworkSettings(result), false, 'the network settings cannot explain a broken answer');
  const verdict = judge(result);
  assert.ok(verdict.kind === 'retry' && verdict.ambiguous, `retried only as "may have been applied", not ${JSON.stringify(verdict)}`);
}

/** Nothing left: failed, and worded as not sent. */
function assertNeverSent(result: KoreCallResult, seen: readonly SeenRequest[], phase: 'connecting' | 'securing'): void {
  assert.equal(seen.length, 0, 'the server read no request');
  assert.equal(result.exchange.kind === 'network' && result.exchange.phase, phase, JSON.stringify(result.exchange));
  assert.equal(deleteOutcomeOf(result), 'failed', JSON.stringify(result.exchange));
  const verdict = judge(result);
  assert.ok(verdict.kind === 'failed' && /nothing was sent/.test(verdict.reason), JSON.stringify(verdict));
}

describe('where a request had got to decides "never sent"', function () {
  this.timeout(30_000);
  let dir = '';
  let ca: CertificateAuthority;
  let untrust: () => void = () => undefined;
  const servers: BrokenServer[] = [];
  const started = async (server: Promise<BrokenServer>) => {
    const ready = await server;
    servers.push(ready);
    return ready;
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-phase-'));
    ca = makeCertificateAuthority(path.join(dir, 'ca'), 'Kore Phase Test CA');
    untrust = trustOnly(ca.cert);
  });
  after(() => {
    untrust();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  describe('after the request was written', () => {
    it('a TLS record garbled after the DELETE was read is unknown, not "never sent" with certificate advice', async () => {
      const server = await started(tlsServerThatBreaks(issueServerCertificate(ca, { names: ['127.0.0.1'] }), () => 'break'));
      const result = await deleteAt(server.url);
      assert.deepEqual(server.seen.map((request) => request.method), ['DELETE'], 'the server read the DELETE');
      assert.match(result.exchange.kind === 'network' ? result.exchange.code : '', /SSL|DECRYPT|BAD_RECORD/);
      assertMaybeApplied(result, server.url);
    });

    it('a TCP reset after the DELETE was read is unknown', async () => {
      const server = await started(tcpServerThatResets());
      const result = await deleteAt(server.url);
      assert.deepEqual(server.seen.map((request) => request.method), ['DELETE']);
      assert.equal(result.exchange.kind === 'network' && result.exchange.code, 'ECONNRESET');
      assertMaybeApplied(result, server.url);
    });
  });

  describe('before the request was written', () => {
    it('a refused connection was never sent', async () => {
      assertNeverSent(await deleteAt(await closedPort()), [], 'connecting');
    });

    for (const how of ['garbage', 'reset'] as const) {
      it(`a TLS handshake answered with ${how} was never sent, whatever its code`, async () => {
        const server = await started(serverThatBreaksTheHandshake(how));
        assertNeverSent(await deleteAt(server.url), server.seen, 'securing');
      });
    }

    it('a certificate from a CA nobody trusts was never sent, and keeps its certificate advice', async () => {
      const stranger = makeCertificateAuthority(path.join(dir, 'stranger'), 'Stranger CA');
      const server = await started(tlsServerThatBreaks(issueServerCertificate(stranger, { names: ['127.0.0.1'] }), () => 'break'));
      const result = await deleteAt(server.url);
      assertNeverSent(result, server.seen, 'securing');
      assert.ok(pointsAtNetworkSettings(result));
      assert.match(describeDeleteResult(result, context(server.url)), /certificate .*NODE_EXTRA_CA_CERTS/);
    });
  });

  describe('a bulk run', () => {
    const limiter = () => new RateLimiter({ clock: systemClock, perMinute: 600 });
    const requests = (host: string) => ({
      deleteOne: bulkDeleteOne(target(host), () => TOKEN, { timeoutMs: 5_000 }),
      lookUp: bulkLookUp(target(host), () => TOKEN, { timeoutMs: 5_000 }),
    });
    const sent = (server: BrokenServer) => server.seen.map((request) => request.method);

    it('looks a DELETE whose connection broke after it was written up before anything else, and sends it no second time', async () => {
      // The DELETE's answer is lost; the look-up finds the list gone (the server had applied it).
      const server = await started(tlsServerThatBreaks(issueServerCertificate(ca, { names: ['127.0.0.1'] }), (request) => (request.method === 'DELETE' ? 'break' : GONE)));
      const report = await runBulkDeletion({ ids: [ID], ...requests(server.url), limiter: limiter(), backoffMs: () => 10 });
      assert.deepEqual(sent(server), ['DELETE', 'GET'], 'one DELETE, then a look-up, and no second DELETE');
      assert.deepEqual(report.succeeded.map((entry) => [entry.id, entry.foundGone]), [[ID, true]], JSON.stringify(report));
      assert.equal(report.stoppedEarly, undefined);
    });

    it('leaves it unknown when it cannot retry, and a resume looks it up before sending it again', async () => {
      const server = await started(tlsServerThatBreaks(issueServerCertificate(ca, { names: ['127.0.0.1'] }), (request) => (request.method === 'DELETE' ? 'break' : GONE)));
      const first: BulkDeletionReport = await runBulkDeletion({ ids: [ID], deleteOne: requests(server.url).deleteOne, limiter: limiter(), maxRetries: 0 });
      assert.deepEqual(first.unknown.map((entry) => entry.id), [ID], JSON.stringify(first));
      assert.equal(first.stoppedEarly, undefined, 'one broken answer does not stop the run as if every id would meet it');
      let state = createBulkRunState({ runId: 'r1', environmentId: 'e1', ids: [ID], target: target(server.url) });
      state = recordOutcome(state, ID, { kind: 'unknown', reason: first.unknown[0].reason, attempts: first.unknown[0].attempts });
      const plan = planResume(state, { retryUnknown: true });
      const second = await runBulkDeletion({ ids: plan.ids, completed: plan.completed, lookUpFirst: plan.lookUpFirst, ...requests(server.url), limiter: limiter() });
      assert.deepEqual(sent(server), ['DELETE', 'GET'], 'the resume looked it up and sent no DELETE');
      assert.deepEqual(second.succeeded.map((entry) => [entry.id, entry.foundGone]), [[ID, true]], JSON.stringify(second));
    });
  });
});
