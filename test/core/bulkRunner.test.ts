// The bulk runner in virtual time against a scripted, server-like delete, then with the real client against
// the fake Kore server over real HTTP. What matters most: every id ends in exactly one bucket, nothing whose
// outcome is unknown is sent again, and nothing is sent after a cancel.
import * as assert from 'node:assert/strict';
import { withMarkedTranslation } from '../support/markedTranslation';
import { BulkDeletionOptions } from '../../src/core/bulk/options';
import { BulkDeletionReport, IdOutcome, formatBulkReport, summariseBulkReport } from '../../src/core/bulk/report';
import { DeleteOne, LookUpOne, bulkDeleteOne, bulkLookUp, notSent } from '../../src/core/bulk/requests';
import { exponentialBackoff } from '../../src/core/bulk/retryPolicy';
import { createBulkRunState, parseBulkRunState, planResume, recordOutcome, recordStarted, resumeTargetChanged, serialiseBulkRunState } from '../../src/core/bulk/runState';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { deleteContactList, KoreTarget } from '../../src/core/contactListClient';
import { HttpExchange } from '../../src/core/koreHttp';
import { interpretExchange, KoreCallResult } from '../../src/core/koreResult';
import { Clock, systemClock } from '../../src/core/clock';
import { RateLimiter, estimateRunMs } from '../../src/core/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { QuietNetworkClock } from '../support/quietNetworkClock';
import { seededRandom } from '../support/seededRandom';
import { SendPhase } from '../../src/core/networkFailure';

// ---------------------------------------------------------------------------------------------------
// A scripted delete that behaves like the server: a list exists until a DELETE is applied, after which it
// answers 404. Each id follows its script, one step per call, then 'apply' for ever.

type Step =
  /** Deletes the list if it exists (200), else answers 404. */
  | 'apply'
  /** An answer (429, 5xx, 401…) that changes nothing, or deletes the list when `applied`. */
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string>; readonly applied?: boolean }
  /** No answer in time; `applied` says whether the server had deleted the list anyway. */
  | { readonly timeout: true; readonly applied?: boolean }
  /** A network failure with Node's code; `applied` as above. */
  /** A failed connection: `phase` is how far the request had got (before the request was written, nothing was). */
  | { readonly network: string; readonly phase: SendPhase; readonly applied?: boolean }
  /** The deleteOne function itself throws (a bug in a caller's wrapper). */
  | 'throw';

const HOST = 'https://platform.kore.ai';

function requestFor(id: string) {
  return { method: 'DELETE', url: `${HOST}/agentassist/api/v1/public/st-1/campaign/contactList/${id}`, headers: { auth: '<redacted>' } };
}

function answer(id: string, exchange: HttpExchange): KoreCallResult {
  return interpretExchange(requestFor(id), exchange);
}

function http(id: string, status: number, body: unknown, headers: Record<string, string> = {}): KoreCallResult {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return answer(id, { kind: 'response', status, statusText: '', headers, bodyText, durationMs: 1 });
}

const rateLimited = (retryAfter?: number): Step => ({
  status: 429,
  body: { errors: [{ msg: 'Rate limit exceeded', code: 429 }] },
  ...(retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } }),
});
const gatewayPage = (status = 502): Step => ({ status, body: `<html><body><h1>${status} Bad Gateway</h1></body></html>` });

class ScriptedKore {
  readonly calls: Array<{ id: string; at: number }> = [];
  /** GETs, in order; answered from the same state (404 once deleted) unless `lookUpAnswers` says otherwise. */
  readonly lookUps: Array<{ id: string; at: number }> = [];
  readonly lookUpAnswers: Record<string, Array<{ status: number; body?: unknown }>> = {};
  readonly answers: Array<{ id: string; at: number; status?: number; failure?: string }> = [];
  /** How many times each list was really deleted: never more than once. */
  readonly applied = new Map<string, number>();
  readonly inFlight = new Set<string>();
  maxInFlight = 0;
  private readonly existing: Set<string>;

  constructor(
    private readonly clock: Clock,
    ids: readonly string[],
    private readonly scripts: Record<string, Step[]> = {},
    private readonly latencyMs: (id: string) => number = () => 200,
  ) {
    this.existing = new Set(ids);
  }

  callsFor(id: string): number {
    return this.calls.filter((call) => call.id === id).length;
  }

  readonly deleteOne: DeleteOne = async (id, signal) => {
    this.calls.push({ id, at: this.clock.now() });
    this.inFlight.add(id);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size);
    try {
      try {
        await this.clock.sleep(this.latencyMs(id), signal);
      } catch {
        return this.record(id, answer(id, { kind: 'cancelled', durationMs: 0 }));
      }
      const step = this.scripts[id]?.shift() ?? 'apply';
      if (step === 'throw') throw new Error('wrapper bug');
      if (step === 'apply') {
        if (!this.existing.delete(id)) return this.record(id, http(id, 404, { status: 'failure', message: `Contact list ${id} not found` }));
        this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
        return this.record(id, http(id, 200, { status: 'success', message: `Contact list ${id} deleted successfully`, data: { _id: id } }));
      }
      if (step.applied && this.existing.delete(id)) this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
      if ('status' in step) return this.record(id, http(id, step.status, step.body ?? '', step.headers));
      if ('timeout' in step) return this.record(id, answer(id, { kind: 'timeout', timeoutMs: 30_000, durationMs: 30_000 }));
      return this.record(id, answer(id, { kind: 'network', code: step.network, detail: step.network, phase: step.phase, durationMs: 1 }));
    } finally {
      this.inFlight.delete(id);
    }
  };

  readonly lookUp: LookUpOne = async (id, signal) => {
    this.lookUps.push({ id, at: this.clock.now() });
    try {
      await this.clock.sleep(this.latencyMs(id), signal);
    } catch {
      return answer(id, { kind: 'cancelled', durationMs: 0 });
    }
    const scripted = this.lookUpAnswers[id]?.shift();
    if (scripted) return http(id, scripted.status, scripted.body ?? '');
    return this.existing.has(id)
      ? http(id, 200, { status: 'success', message: '', data: { _id: id } })
      : http(id, 404, { status: 'failure', message: `Contact list ${id} not found` });
  };

  private record(id: string, result: KoreCallResult): KoreCallResult {
    const exchange = result.exchange;
    this.answers.push({ id, at: this.clock.now(), ...(exchange.kind === 'response' ? { status: exchange.status } : {}), ...(result.failure ? { failure: result.failure } : {}) });
    return result;
  }
}

function makeIds(count: number, prefix = 'cl-bulk-'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
}

/** Runs in virtual time with a fixed backoff, so waits are exact. */
function run(clock: ManualClock, options: Partial<BulkDeletionOptions> & Pick<BulkDeletionOptions, 'ids' | 'deleteOne'>): Promise<BulkDeletionReport> {
  return clock.runUntilSettled(runBulkDeletion({ limiter: new RateLimiter({ clock }), backoffMs: () => 1_000, ...options }));
}

/** Every input id in exactly one bucket, and nothing else. */
function assertPartition(report: BulkDeletionReport, ids: readonly string[]): void {
  const all = [
    ...report.succeeded.map((entry) => entry.id),
    ...report.failed.map((entry) => entry.id),
    ...report.unknown.map((entry) => entry.id),
    ...report.notAttempted,
  ];
  assert.equal(new Set(all).size, all.length, 'no id in two buckets');
  assert.deepEqual([...all].sort(), [...new Set(ids)].sort(), 'every id in a bucket');
  assert.equal(report.total, new Set(ids).size);
}

function idsOf(entries: ReadonlyArray<{ id: string }>): string[] {
  return entries.map((entry) => entry.id);
}

describe('runBulkDeletion', () => {
  it('deletes every id once, keeping the server messages, in input order', async () => {
    const clock = new ManualClock();
    const ids = makeIds(10);
    const kore = new ScriptedKore(clock, ids);
    const report = await run(clock, { ids, deleteOne: kore.deleteOne });
    assert.deepEqual(idsOf(report.succeeded), ids);
    assert.deepEqual(report.succeeded[3], { id: ids[3], serverMessage: `Contact list ${ids[3]} deleted successfully`, attempts: 1 });
    assert.deepEqual([report.failed, report.unknown, report.notAttempted], [[], [], []]);
    assert.equal(report.cancelled, false);
    assert.equal(report.stoppedEarly, undefined);
    assert.equal(kore.calls.length, 10);
    assert.deepEqual([...kore.applied.values()], Array<number>(10).fill(1));
    assert.equal(summariseBulkReport(report), '10 succeeded, 0 failed, 0 unknown, 0 not attempted');
    // Ten ids fit in the budget of a minute: only the workers pace them, four at a time, 200 ms each.
    assert.deepEqual(kore.calls.map((call) => call.at), [0, 0, 0, 0, 200, 200, 200, 200, 400, 400]);
    assert.equal(report.durationMs, clock.now());
  });

  it('reports a 404 as failed, with the server\'s words, without retrying', async () => {
    const clock = new ManualClock();
    const ids = ['cl-a', 'cl-gone', 'cl-b'];
    const kore = new ScriptedKore(clock, ['cl-a', 'cl-b']);
    const report = await run(clock, { ids, deleteOne: kore.deleteOne });
    assert.deepEqual(report.failed, [{ id: 'cl-gone', reason: 'Not found (HTTP 404): "Contact list cl-gone not found".', status: 404, attempts: 1 }]);
    assert.equal(kore.callsFor('cl-gone'), 1);
    assert.deepEqual(idsOf(report.succeeded), ['cl-a', 'cl-b']);
  });

  it('retries a 429 after its Retry-After, holding every worker meanwhile, and succeeds', async () => {
    const clock = new ManualClock();
    const ids = makeIds(8);
    const limited = ids[2];
    const kore = new ScriptedKore(clock, ids, { [limited]: [rateLimited(7)] });
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, limiter: new RateLimiter({ clock, perMinute: 600 }) });
    assert.equal(report.succeeded.length, 8);
    assert.deepEqual(report.succeeded.find((entry) => entry.id === limited), { id: limited, serverMessage: `Contact list ${limited} deleted successfully`, attempts: 2 });
    const refusedAt = kore.answers.find((entry) => entry.status === 429)?.at ?? Number.NaN;
    const retryAt = kore.calls.filter((call) => call.id === limited)[1].at;
    assert.ok(retryAt >= refusedAt + 7_000, `retried at ${retryAt}, refused at ${refusedAt}`);
    const duringPause = kore.calls.filter((call) => call.at > refusedAt && call.at < refusedAt + 7_000);
    assert.deepEqual(duringPause, [], 'no request starts while the account is limited');
    // The retry went ahead of the ids still waiting.
    assert.equal(kore.calls.find((call) => call.at >= refusedAt + 7_000)?.id, limited);
  });

  it('backs off, through the shared limiter, when a 429 has no Retry-After', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, ['cl-a'], { 'cl-a': [rateLimited()] });
    const report = await run(clock, { ids: ['cl-a'], deleteOne: kore.deleteOne, backoffMs: () => 12_345 });
    assert.equal(report.succeeded.length, 1);
    assert.ok(kore.calls[1].at >= 200 + 12_345);
  });

  it('fails an id still rate-limited after the last retry, and says so', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, ['cl-a', 'cl-b'], { 'cl-a': Array.from({ length: 10 }, () => rateLimited(2)) });
    const report = await run(clock, { ids: ['cl-a', 'cl-b'], deleteOne: kore.deleteOne });
    assert.deepEqual(report.failed, [{ id: 'cl-a', reason: 'Still rate-limited (HTTP 429) after 4 attempts, so it was not deleted.', status: 429, attempts: 4 }]);
    assert.equal(kore.callsFor('cl-a'), 4, 'one attempt and three retries');
    assert.deepEqual(idsOf(report.succeeded), ['cl-b']);
    const custom = new ManualClock();
    const again = new ScriptedKore(custom, ['cl-a'], { 'cl-a': Array.from({ length: 10 }, () => rateLimited(2)) });
    const zero = await run(custom, { ids: ['cl-a'], deleteOne: again.deleteOne, maxRetries: 0 });
    assert.deepEqual(zero.failed, [{ id: 'cl-a', reason: 'Rate-limited (HTTP 429) and retries are off, so it was not deleted.', status: 429, attempts: 1 }]);
  });

  it('reports a timeout as unknown and never sends that DELETE again', async () => {
    const clock = new ManualClock();
    const ids = ['cl-slow', 'cl-applied', 'cl-b'];
    const kore = new ScriptedKore(clock, ids, { 'cl-slow': [{ timeout: true }], 'cl-applied': [{ timeout: true, applied: true }] });
    const report = await run(clock, { ids, deleteOne: kore.deleteOne });
    assert.deepEqual(idsOf(report.unknown), ['cl-slow', 'cl-applied']);
    assert.equal(report.unknown[0].reason, 'No answer within 30 s, so whether it was deleted is unknown.');
    assert.equal(report.unknown[0].status, undefined);
    assert.equal(kore.callsFor('cl-slow'), 1);
    assert.equal(kore.callsFor('cl-applied'), 1);
  });

  it('sorts every other kind of answer into the right bucket, retrying only what is safe', async () => {
    const clock = new ManualClock();
    const scripts: Record<string, Step[]> = {
      'cl-500-json': [{ status: 500, body: { errors: [{ msg: 'Internal error' }] } }],
      'cl-502-then-ok': [gatewayPage(502)],
      'cl-503-always': Array.from({ length: 9 }, () => gatewayPage(503)),
      'cl-reset-then-ok': [{ network: 'ECONNRESET', phase: 'written' }],
      'cl-reset-applied': [{ network: 'ECONNRESET', phase: 'written', applied: true }],
      'cl-other-network': [{ network: 'EWEIRD', phase: 'unobserved' }],
      'cl-not-json': [{ status: 200, body: '<html>' }],
      'cl-empty': [{ status: 200, body: '' }],
      'cl-locked': [{ status: 200, body: { status: 'failure', message: 'List is locked' } }],
      'cl-in-use': [{ status: 409, body: { message: 'In use by a campaign' } }],
      'cl-throws': ['throw'],
    };
    const ids = Object.keys(scripts);
    const kore = new ScriptedKore(clock, ids, scripts);
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, concurrency: 2 });
    assertPartition(report, ids);
    const where = (id: string) => {
      for (const bucket of ['succeeded', 'failed', 'unknown'] as const) {
        const entry = report[bucket].find((candidate) => candidate.id === id);
        if (entry) return { bucket, attempts: entry.attempts, reason: 'reason' in entry ? entry.reason : '' };
      }
      return { bucket: 'notAttempted', attempts: 0, reason: '' };
    };
    assert.deepEqual(where('cl-500-json'), { bucket: 'unknown', attempts: 1, reason: 'Server error (HTTP 500: "Internal error"), so whether it was deleted is unknown.' });
    assert.deepEqual(where('cl-502-then-ok'), { bucket: 'succeeded', attempts: 2, reason: '' });
    assert.deepEqual(where('cl-503-always'), { bucket: 'unknown', attempts: 4, reason: 'Gave up after 4 attempts (HTTP 503), so whether it was deleted is unknown.' });
    assert.deepEqual(where('cl-reset-then-ok'), { bucket: 'succeeded', attempts: 2, reason: '' });
    // The broken connection had deleted it: the retry's 404 must not read as "failed, not found".
    assert.equal(where('cl-reset-applied').bucket, 'unknown');
    assert.match(where('cl-reset-applied').reason, /^Not found \(HTTP 404\).*An earlier attempt \(the connection broke \(ECONNRESET\)\) may have deleted it/);
    assert.equal(kore.applied.get('cl-reset-applied'), 1);
    assert.deepEqual(where('cl-other-network'), { bucket: 'unknown', attempts: 1, reason: 'The request failed (EWEIRD), so whether it was deleted is unknown.' });
    assert.deepEqual(where('cl-not-json'), { bucket: 'unknown', attempts: 1, reason: 'HTTP 200 with a body that is not JSON, so whether it was deleted is unknown.' });
    assert.deepEqual(where('cl-empty'), { bucket: 'unknown', attempts: 1, reason: 'HTTP 200 with an empty body, so whether it was deleted is unknown.' });
    assert.deepEqual(where('cl-locked'), { bucket: 'failed', attempts: 1, reason: 'The server could not delete it: "List is locked".' });
    assert.deepEqual(where('cl-in-use'), { bucket: 'failed', attempts: 1, reason: 'Refused with HTTP 409: "In use by a campaign".' });
    assert.deepEqual(where('cl-throws'), { bucket: 'unknown', attempts: 1, reason: 'Unexpected error (wrapper bug), so whether it was deleted is unknown.' });
    assert.equal(report.unknown.find((entry) => entry.id === 'cl-503-always')?.status, 503);
    // The 5xx-without-body and reset retries waited for the backoff.
    const calls502 = kore.calls.filter((call) => call.id === 'cl-502-then-ok');
    assert.ok(calls502[1].at >= calls502[0].at + 200 + 1_000);
    assert.equal(report.stoppedEarly, undefined);
  });

  it('stops starting new ids once the token is refused, and reports the rest as not attempted', async () => {
    const clock = new ManualClock();
    const ids = makeIds(12);
    const kore = new ScriptedKore(clock, ids, { [ids[5]]: [{ status: 401, body: { errors: [{ msg: 'Invalid token' }] } }] });
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, concurrency: 2 });
    assertPartition(report, ids);
    assert.deepEqual(report.failed, [{ id: ids[5], reason: 'Refused with HTTP 401: "Invalid token".', status: 401, attempts: 1 }]);
    assert.match(report.stoppedEarly ?? '', /^Stopped early, because every other list would meet the same answer: Refused with HTTP 401/);
    assert.ok(report.notAttempted.length >= 5);
    assert.equal(kore.calls.length, report.succeeded.length + 1);
    assert.equal(report.cancelled, false);
  });

  it('stops when the host cannot be reached: nothing was sent', async () => {
    const clock = new ManualClock();
    const ids = makeIds(6);
    const kore = new ScriptedKore(clock, ids, Object.fromEntries(ids.map((id) => [id, [{ network: 'ECONNREFUSED', phase: 'connecting' }]])));
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, concurrency: 1 });
    assert.deepEqual(report.failed, [{ id: ids[0], reason: 'Could not reach the server (ECONNREFUSED); nothing was sent.', attempts: 1 }]);
    assert.deepEqual(report.notAttempted, ids.slice(1));
    assert.equal(kore.calls.length, 1);
  });

  it('on cancel: starts nothing more, aborts what is in flight as unknown, leaves the rest not attempted', async () => {
    const clock = new ManualClock();
    const ids = makeIds(20);
    const kore = new ScriptedKore(clock, ids, {}, () => 1_500);
    const controller = new AbortController();
    const cancelAt = 5_050;
    let inFlightAtCancel: string[] = [];
    let callsAtCancel = -1;
    void clock.sleep(cancelAt).then(() => {
      inFlightAtCancel = [...kore.inFlight];
      callsAtCancel = kore.calls.length;
      controller.abort();
    });
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, signal: controller.signal, limiter: new RateLimiter({ clock, perMinute: 120 }) });
    assertPartition(report, ids);
    assert.equal(report.cancelled, true);
    assert.equal(report.stoppedEarly, undefined);
    assert.ok(inFlightAtCancel.length > 0, 'some requests were in flight');
    assert.deepEqual(idsOf(report.unknown).sort(), [...inFlightAtCancel].sort());
    for (const entry of report.unknown) assert.match(entry.reason, /^Cancelled while the request was on its way/);
    assert.equal(kore.calls.length, callsAtCancel, 'no request started after the cancel');
    assert.ok(kore.calls.every((call) => call.at <= cancelAt));
    assert.deepEqual(idsOf(report.succeeded), ids.slice(0, report.succeeded.length), 'the first ones finished');
    assert.ok(report.notAttempted.length > 0);
    assert.ok(report.notAttempted.every((id) => kore.callsFor(id) === 0));
    assert.equal(clock.now(), cancelAt, 'the run ends at once');
  });

  it('on cancel during a retry wait: a refused 429 is failed, an ambiguous 502 is unknown', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, ['cl-429', 'cl-502'], { 'cl-429': [rateLimited(30)], 'cl-502': [gatewayPage(502)] });
    const controller = new AbortController();
    void clock.sleep(1_000).then(() => controller.abort());
    const report = await run(clock, { ids: ['cl-429', 'cl-502'], deleteOne: kore.deleteOne, signal: controller.signal, backoffMs: () => 20_000 });
    assert.deepEqual(report.failed, [{ id: 'cl-429', reason: 'Not retried because the run stopped; the last attempt was refused with HTTP 429, so it was not deleted.', status: 429, attempts: 1 }]);
    assert.deepEqual(report.unknown, [{ id: 'cl-502', reason: 'Not retried because the run stopped; an earlier attempt (HTTP 502) may have deleted it, so whether it was deleted is unknown.', status: 502, attempts: 1 }]);
    assert.equal(kore.calls.length, 2);
  });

  it('does not use a token granted in the same instant as the cancel', async () => {
    const clock = new ManualClock();
    const ids = makeIds(3);
    const kore = new ScriptedKore(clock, ids);
    const controller = new AbortController();
    // The grant and the cancel land together: the runner must look again before sending.
    class CancelOnSecondGrant extends RateLimiter {
      private grants = 0;
      override async acquire(signal?: AbortSignal, options?: { jumpQueue?: boolean }): Promise<void> {
        await super.acquire(signal, options);
        if (++this.grants === 2) controller.abort();
      }
    }
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, signal: controller.signal, concurrency: 1, limiter: new CancelOnSecondGrant({ clock }) });
    assert.deepEqual(kore.calls.map((call) => call.id), [ids[0]]);
    assert.deepEqual(report.notAttempted, [ids[1], ids[2]]);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const clock = new ManualClock();
    const ids = makeIds(5);
    const kore = new ScriptedKore(clock, ids);
    const controller = new AbortController();
    controller.abort();
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, signal: controller.signal });
    assert.deepEqual(report.notAttempted, ids);
    assert.equal(report.cancelled, true);
    assert.equal(kore.calls.length, 0);
  });

  it('returns an empty report for no ids', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, []);
    const seen: number[][] = [];
    const report = await run(clock, { ids: [], deleteOne: kore.deleteOne, onProgress: (...args) => seen.push(args) });
    assert.equal(summariseBulkReport(report), '0 succeeded, 0 failed, 0 unknown, 0 not attempted');
    assert.deepEqual(seen, [[0, 0, 0]]);
  });

  it('resumes: ids completed earlier are not sent again and keep their earlier outcome', async () => {
    const clock = new ManualClock();
    const ids = makeIds(6);
    const kore = new ScriptedKore(clock, ids);
    const completed = new Map<string, IdOutcome>([
      [ids[0], { kind: 'succeeded', serverMessage: 'deleted before', attempts: 1 }],
      [ids[2], { kind: 'unknown', reason: 'timed out before', attempts: 1 }],
      [ids[3], { kind: 'notAttempted' }],
    ]);
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, completed });
    assertPartition(report, ids);
    assert.deepEqual(kore.calls.map((call) => call.id).sort(), [ids[1], ids[3], ids[4], ids[5]]);
    assert.deepEqual(report.succeeded[0], { id: ids[0], serverMessage: 'deleted before', attempts: 1, fromEarlierRun: true });
    assert.deepEqual(report.unknown, [{ id: ids[2], reason: 'timed out before', attempts: 1, fromEarlierRun: true }]);
    // A plain set of ids means "these succeeded".
    const setClock = new ManualClock();
    const setKore = new ScriptedKore(setClock, ids);
    const fromSet = await run(setClock, { ids, deleteOne: setKore.deleteOne, completed: new Set([ids[1], ids[4]]) });
    assert.equal(fromSet.succeeded.length, 6);
    assert.equal(setKore.callsFor(ids[1]) + setKore.callsFor(ids[4]), 0);
  });

  it('never has more requests in flight than the concurrency, and uses all of it', async () => {
    for (const concurrency of [1, 2, 4, 7]) {
      const clock = new ManualClock();
      const ids = makeIds(30);
      const kore = new ScriptedKore(clock, ids, {}, (id) => 300 + ((Number(id.slice(-3)) * 7919) % 1_700));
      const report = await run(clock, { ids, deleteOne: kore.deleteOne, concurrency, limiter: new RateLimiter({ clock, perMinute: 6_000 }) });
      assert.equal(report.succeeded.length, 30);
      assert.equal(kore.maxInFlight, concurrency, `concurrency ${concurrency}`);
    }
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, makeIds(20));
    await run(clock, { ids: makeIds(20), deleteOne: kore.deleteOne });
    assert.equal(kore.maxInFlight, 4, 'four by default');
  });

  it('sends a repeated id once, and an invalid id never', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, ['cl-a', 'cl-b']);
    const report = await run(clock, { ids: ['cl-a', 'cl-b', 'cl-a', 'a/b'], deleteOne: kore.deleteOne });
    assert.equal(report.total, 3);
    assert.deepEqual(idsOf(report.succeeded), ['cl-a', 'cl-b']);
    assert.equal(report.failed[0].id, 'a/b');
    assert.match(report.failed[0].reason, /must not contain "\/"/);
    assert.equal(report.failed[0].attempts, 0);
    assert.deepEqual(kore.calls.map((call) => call.id), ['cl-a', 'cl-b']);
  });

  it('reports progress with an ETA that ends at zero', async () => {
    const clock = new ManualClock();
    const ids = makeIds(10);
    const kore = new ScriptedKore(clock, ids);
    const seen: Array<[number, number, number]> = [];
    const limiter = new RateLimiter({ clock, perMinute: 4 });
    await run(clock, { ids, deleteOne: kore.deleteOne, limiter, onProgress: (done, total, etaMs) => seen.push([done, total, etaMs]) });
    assert.deepEqual(seen[0].slice(0, 2), [0, 10]);
    // At 4 a minute, ten ids take two more windows after the first four: the limiter's own model.
    assert.equal(seen[0][2], estimateRunMs(10, 4));
    assert.deepEqual(seen[seen.length - 1], [10, 10, 0]);
    assert.equal(seen.length, 11);
    for (let i = 1; i < seen.length; i++) assert.equal(seen[i][0], seen[i - 1][0] + 1);
    assert.ok(seen.every(([, , eta]) => Number.isFinite(eta) && eta >= 0));
  });

  it('awaits onStarting before each first DELETE, and stops if it cannot record', async () => {
    const clock = new ManualClock();
    const ids = makeIds(4);
    const kore = new ScriptedKore(clock, ids);
    const events: string[] = [];
    const report = await run(clock, {
      ids,
      deleteOne: (id, signal) => {
        events.push(`send ${id}`);
        return kore.deleteOne(id, signal);
      },
      concurrency: 1,
      onStarting: async (id) => {
        await clock.sleep(50);
        events.push(`recorded ${id}`);
        if (id === ids[2]) throw new Error('disk full');
      },
      onSettled: (id, outcome) => events.push(`${outcome.kind} ${id}`),
    });
    assert.deepEqual(events, [`recorded ${ids[0]}`, `send ${ids[0]}`, `succeeded ${ids[0]}`, `recorded ${ids[1]}`, `send ${ids[1]}`, `succeeded ${ids[1]}`, `recorded ${ids[2]}`, `notAttempted ${ids[2]}`]);
    assert.deepEqual(report.notAttempted, [ids[2], ids[3]]);
    assert.equal(report.stoppedEarly, 'Progress could not be saved (disk full), so no further DELETE was sent.');
  });

  it('does not send a DELETE cancelled while its start was being recorded, and says so to onSettled', async () => {
    const clock = new ManualClock();
    const ids = makeIds(3);
    const kore = new ScriptedKore(clock, ids);
    const controller = new AbortController();
    const settled: string[] = [];
    const report = await run(clock, {
      ids,
      deleteOne: kore.deleteOne,
      signal: controller.signal,
      concurrency: 1,
      onStarting: async (id) => {
        if (id === ids[1]) controller.abort();
        await clock.sleep(10);
      },
      onSettled: (id, outcome) => settled.push(`${outcome.kind} ${id}`),
    });
    assert.deepEqual(kore.calls.map((call) => call.id), [ids[0]]);
    assert.deepEqual(settled, [`succeeded ${ids[0]}`, `notAttempted ${ids[1]}`]);
    assert.deepEqual(report.notAttempted, [ids[1], ids[2]]);
  });

  it('survives callbacks that throw', async () => {
    const clock = new ManualClock();
    const ids = makeIds(3);
    const kore = new ScriptedKore(clock, ids);
    const report = await run(clock, {
      ids,
      deleteOne: kore.deleteOne,
      onProgress: () => {
        throw new Error('progress bar gone');
      },
      onSettled: () => {
        throw new Error('state gone');
      },
    });
    assert.equal(report.succeeded.length, 3);
  });

  it('puts every id in exactly one bucket, sends nothing after a cancel, and never re-sends an unknown outcome', async () => {
    const menu: Array<() => Step> = [
      () => 'apply',
      () => rateLimited(3),
      () => rateLimited(),
      () => gatewayPage(),
      () => ({ network: 'ECONNRESET', phase: 'written' as const }),
      () => ({ network: 'ECONNRESET', phase: 'written', applied: true }),
      () => ({ timeout: true }),
      () => ({ timeout: true, applied: true }),
      () => ({ status: 404, body: { message: 'not found' } }),
      () => ({ status: 500, body: { message: 'boom' } }),
    ];
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const clock = new ManualClock();
      const ids = makeIds(5 + Math.floor(random() * 25), `cl-s${seed}-`);
      const scripts: Record<string, Step[]> = {};
      for (const id of ids) scripts[id] = Array.from({ length: Math.floor(random() * 4) }, () => menu[Math.floor(random() * menu.length)]());
      const firstSteps = new Map(ids.map((id) => [id, scripts[id][0]]));
      const kore = new ScriptedKore(clock, ids, scripts, () => 50 + Math.floor(random() * 3_000));
      const concurrency = 1 + Math.floor(random() * 6);
      const maxRetries = Math.floor(random() * 4);
      const controller = new AbortController();
      let callsAtCancel: number | undefined;
      if (random() < 0.5) {
        void clock.sleep(random() * 40_000).then(() => {
          callsAtCancel = kore.calls.length;
          controller.abort();
        });
      }
      const report = await run(clock, {
        ids,
        deleteOne: kore.deleteOne,
        concurrency,
        maxRetries,
        signal: controller.signal,
        backoffMs: exponentialBackoff({ random }),
        limiter: new RateLimiter({ clock, perMinute: 60 + Math.floor(random() * 600) }),
      });
      const label = `seed ${seed}`;
      assertPartition(report, ids);
      assert.ok(kore.maxInFlight <= concurrency, label);
      if (callsAtCancel !== undefined) assert.equal(kore.calls.length, callsAtCancel, `${label}: nothing sent after the cancel`);
      for (const id of ids) {
        assert.ok(kore.callsFor(id) <= maxRetries + 1, `${label}: ${id} sent at most 1 + maxRetries times`);
        assert.ok((kore.applied.get(id) ?? 0) <= 1, `${label}: ${id} deleted at most once`);
        const first = firstSteps.get(id);
        if (first !== undefined && typeof first === 'object' && 'timeout' in first) assert.ok(kore.callsFor(id) <= 1, `${label}: a timeout is not retried`);
      }
      for (const entry of report.succeeded) assert.equal(kore.applied.get(entry.id), 1, `${label}: ${entry.id} really deleted`);
      for (const entry of report.failed) {
        if (entry.status === 404) continue;
        assert.equal(kore.applied.get(entry.id) ?? 0, 0, `${label}: ${entry.id} failed, so not deleted`);
      }
      for (const id of report.notAttempted) assert.equal(kore.callsFor(id), 0, `${label}: ${id} not attempted, so never sent`);
    }
  });
});

describe('runBulkDeletion: what a 2xx means, what is never sent twice, what was never sent', () => {
  function bucketOf(report: BulkDeletionReport, id: string): string {
    for (const bucket of ['succeeded', 'failed', 'unknown'] as const) if (report[bucket].some((entry) => entry.id === id)) return bucket;
    return report.notAttempted.includes(id) ? 'notAttempted' : 'none';
  }

  it('reads a 2xx by what its body says: only a clear failure is failed, an unclear answer is unknown and not re-sent', async () => {
    const clock = new ManualClock();
    const scripts: Record<string, Step[]> = {
      'cl-message-only': [{ status: 200, body: { message: 'Contact list deleted' }, applied: true }],
      'cl-capital-success': [{ status: 200, body: { status: 'Success' }, applied: true }],
      'cl-204-like': [{ status: 202, body: {}, applied: true }],
      'cl-pending': [{ status: 200, body: { status: 'pending', message: 'Queued' }, applied: true }],
      'cl-array': [{ status: 200, body: [], applied: true }],
      'cl-upper-failure': [{ status: 200, body: { status: 'FAILURE', message: 'Locked' } }],
      'cl-success-false': [{ status: 200, body: { success: false } }],
      'cl-gateway-errors': [{ status: 200, body: { errors: [{ msg: 'Denied' }] } }],
    };
    const ids = Object.keys(scripts);
    const kore = new ScriptedKore(clock, ids, scripts);
    const report = await run(clock, { ids, deleteOne: kore.deleteOne });
    assertPartition(report, ids);
    assert.deepEqual(report.succeeded.find((entry) => entry.id === 'cl-message-only'), { id: 'cl-message-only', serverMessage: 'Contact list deleted', attempts: 1 });
    assert.equal(bucketOf(report, 'cl-capital-success'), 'succeeded');
    assert.equal(bucketOf(report, 'cl-204-like'), 'succeeded');
    assert.equal(bucketOf(report, 'cl-pending'), 'unknown');
    assert.equal(report.unknown.find((entry) => entry.id === 'cl-pending')?.reason, 'HTTP 200, but the answer does not confirm the deletion ("Queued"), so whether it was deleted is unknown.');
    assert.equal(bucketOf(report, 'cl-array'), 'unknown');
    assert.equal(bucketOf(report, 'cl-upper-failure'), 'failed');
    assert.equal(bucketOf(report, 'cl-success-false'), 'failed');
    assert.equal(bucketOf(report, 'cl-gateway-errors'), 'failed');
    for (const id of ids) assert.equal(kore.callsFor(id), 1, `${id} sent once`);
    // Nothing the server applied is reported failed.
    for (const entry of report.failed) assert.equal(kore.applied.get(entry.id) ?? 0, 0, entry.id);
  });

  it('on resume, looks up every id left unknown or in flight before any DELETE: gone is deleted, existing is sent, anything else stays unknown', async () => {
    const clock = new ManualClock();
    const ids = ['cl-applied-earlier', 'cl-in-flight', 'cl-lookup-500', 'cl-lookup-429', 'cl-never-started'];
    const kore = new ScriptedKore(clock, ids);
    // The earlier run: cl-applied-earlier timed out after the server applied it; cl-in-flight was recorded as
    // started when the window closed (never applied); cl-lookup-* timed out, both applied.
    let state = createBulkRunState({ runId: 'run-r', environmentId: 'env-1', ids, createdAt: 0 });
    for (const id of ['cl-applied-earlier', 'cl-lookup-500', 'cl-lookup-429']) {
      state = recordStarted(state, id);
      state = recordOutcome(state, id, { kind: 'unknown', reason: 'No answer within 30 s, so whether it was deleted is unknown.', attempts: 1 });
    }
    state = recordStarted(state, 'cl-in-flight');
    await run(clock, { ids: ['cl-applied-earlier', 'cl-lookup-500', 'cl-lookup-429'], deleteOne: kore.deleteOne });
    kore.calls.length = 0;
    kore.lookUpAnswers['cl-lookup-500'] = [{ status: 500, body: { message: 'Internal error' } }];
    kore.lookUpAnswers['cl-lookup-429'] = [{ status: 429, body: { errors: [{ msg: 'Rate limit' }] } }];

    const plan = planResume(parseBulkRunState(serialiseBulkRunState(state)) ?? assert.fail('state lost'), { retryUnknown: true });
    assert.deepEqual([...plan.lookUpFirst.keys()].sort(), ['cl-applied-earlier', 'cl-in-flight', 'cl-lookup-429', 'cl-lookup-500']);
    const report = await run(clock, { ids: plan.ids, completed: plan.completed, lookUpFirst: plan.lookUpFirst, lookUp: kore.lookUp, deleteOne: kore.deleteOne });
    assertPartition(report, ids);
    assert.deepEqual(kore.calls.map((call) => call.id).sort(), ['cl-in-flight', 'cl-never-started'], 'only lists that still existed were sent a DELETE');
    assert.deepEqual(report.succeeded.find((entry) => entry.id === 'cl-applied-earlier'), { id: 'cl-applied-earlier', attempts: 0, foundGone: true });
    assert.equal(bucketOf(report, 'cl-in-flight'), 'succeeded');
    // A 429 on the look-up is waited out and the look-up repeated: then it is found gone.
    assert.equal(kore.lookUps.filter((entry) => entry.id === 'cl-lookup-429').length, 2);
    assert.equal(report.succeeded.find((entry) => entry.id === 'cl-lookup-429')?.foundGone, true);
    const unsure = report.unknown.find((entry) => entry.id === 'cl-lookup-500');
    assert.match(unsure?.reason ?? '', /^No answer within 30 s, so whether it was deleted is unknown\. A look-up before sending it again could not tell whether it still exists \(HTTP 500: Internal error\), so it was not sent again\.$/);
    assert.equal(report.notAttempted.length, 0);
  });

  it('on resume, a look-up answered by a 404 for the address itself (an unserved route) leaves the id unknown, never deleted, and sends nothing', async () => {
    const clock = new ManualClock();
    const ids = ['cl-still-there', 'cl-empty-404', 'cl-gateway-404'];
    const kore = new ScriptedKore(clock, ids);
    let state = createBulkRunState({ runId: 'run-m', environmentId: 'env-1', ids, createdAt: 0 });
    for (const id of ids) state = recordOutcome(recordStarted(state, id), id, { kind: 'unknown', reason: 'No answer within 30 s, so whether it was deleted is unknown.', attempts: 1 });
    // The dialect's path is not served: the web framework's page, an empty body, a gateway's own JSON.
    kore.lookUpAnswers['cl-still-there'] = [{ status: 404, body: '<!DOCTYPE html><html><body><pre>Cannot GET /agentassist/api/v1/public/st-1/campaign/contactList/cl-still-there</pre></body></html>' }];
    kore.lookUpAnswers['cl-empty-404'] = [{ status: 404, body: '' }];
    kore.lookUpAnswers['cl-gateway-404'] = [{ status: 404, body: { errors: [{ msg: 'no Route matched with those values' }] } }];
    const plan = planResume(parseBulkRunState(serialiseBulkRunState(state)) ?? assert.fail('state lost'), { retryUnknown: true });
    const report = await run(clock, { ids: plan.ids, completed: plan.completed, lookUpFirst: plan.lookUpFirst, lookUp: kore.lookUp, deleteOne: kore.deleteOne });
    assertPartition(report, ids);
    assert.deepEqual(report.succeeded, [], 'nothing passes for deleted');
    assert.deepEqual(report.unknown.map((entry) => entry.id).sort(), [...ids].sort());
    assert.equal(kore.calls.length, 0, 'no DELETE was sent');
  });

  it('a DELETE answered by a 404 for the address itself is failed (nothing reached a list), worded as an unserved API, and stops the run', async () => {
    const clock = new ManualClock();
    const ids = ['cl-route-1', 'cl-route-2', 'cl-route-3'];
    const kore = new ScriptedKore(clock, ids, Object.fromEntries(ids.map((id) => [id, [{ status: 404, body: '<html><body>Cannot DELETE</body></html>' }]])));
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, concurrency: 1 });
    assertPartition(report, ids);
    assert.equal(report.succeeded.length, 0);
    assert.match(report.failed[0]?.reason ?? '', /API is not served at its host \(HTTP 404 for the address itself\), so nothing was deleted\. Run Test Connection/);
    assert.doesNotMatch(report.failed[0]?.reason ?? '', /Not found/);
    assert.equal(kore.calls.length, 1, 'the other ids would meet the same unserved route: the run stopped');
  });

  it('on resume without a look-up, sends no id whose outcome is unknown', async () => {
    const clock = new ManualClock();
    const ids = ['cl-unknown', 'cl-started', 'cl-new'];
    const kore = new ScriptedKore(clock, ids);
    let state = createBulkRunState({ runId: 'run-s', environmentId: 'env-1', ids, createdAt: 0 });
    state = recordOutcome(state, 'cl-unknown', { kind: 'unknown', reason: 'Cancelled.', attempts: 1 });
    state = recordStarted(state, 'cl-started');
    const plan = planResume(state, { retryUnknown: true });
    for (const options of [{ completed: plan.completed }, { completed: plan.completed, lookUpFirst: plan.lookUpFirst }]) {
      kore.calls.length = 0;
      const report = await run(clock, { ids: plan.ids, ...options, deleteOne: kore.deleteOne });
      assert.deepEqual(kore.calls.map((call) => call.id), ['cl-new']);
      assert.deepEqual(idsOf(report.unknown), ['cl-unknown', 'cl-started']);
      assert.ok(report.unknown.every((entry) => entry.fromEarlierRun));
    }
  });

  it('looks a list up before retrying a DELETE that may have been applied, and does not send it again if it is gone', async () => {
    const clock = new ManualClock();
    const scripts: Record<string, Step[]> = {
      'cl-reset-applied': [{ network: 'ECONNRESET', phase: 'written', applied: true }],
      'cl-502-applied': [{ ...(gatewayPage(502) as { status: number; body: string }), applied: true }],
      'cl-502-not-applied': [gatewayPage(502)],
    };
    const ids = Object.keys(scripts);
    const kore = new ScriptedKore(clock, ids, scripts);
    const report = await run(clock, { ids, deleteOne: kore.deleteOne, lookUp: kore.lookUp });
    assert.deepEqual(report.succeeded.find((entry) => entry.id === 'cl-reset-applied'), { id: 'cl-reset-applied', attempts: 1, foundGone: true });
    assert.deepEqual(report.succeeded.find((entry) => entry.id === 'cl-502-applied'), { id: 'cl-502-applied', attempts: 1, foundGone: true });
    assert.equal(report.succeeded.find((entry) => entry.id === 'cl-502-not-applied')?.attempts, 2);
    assert.equal(kore.callsFor('cl-reset-applied'), 1);
    assert.equal(kore.callsFor('cl-502-applied'), 1);
    assert.deepEqual(kore.lookUps.map((entry) => entry.id).sort(), [...ids].sort());
    for (const id of ids) assert.equal(kore.applied.get(id), 1);
  });

  it('marks an id whose request function sent nothing as not attempted, and stops the run saying why', async () => {
    const clock = new ManualClock();
    const ids = makeIds(5);
    const kore = new ScriptedKore(clock, ids);
    const settled: string[] = [];
    let sent = 0;
    const report = await run(clock, {
      ids,
      concurrency: 1,
      deleteOne: (id, signal) => (++sent > 2 ? Promise.resolve(notSent('No token could be made (the client secret is empty).')) : kore.deleteOne(id, signal)),
      onStarting: () => undefined,
      onSettled: (id, outcome) => settled.push(`${outcome.kind} ${id}`),
    });
    assert.deepEqual(idsOf(report.succeeded), ids.slice(0, 2));
    assert.deepEqual(report.unknown, []);
    assert.deepEqual(report.notAttempted, ids.slice(2));
    assert.equal(report.stoppedEarly, 'No token could be made (the client secret is empty).');
    assert.deepEqual(settled, [`succeeded ${ids[0]}`, `succeeded ${ids[1]}`, `notAttempted ${ids[2]}`], 'the id recorded as started hears it was not sent');
  });
});

describe('bulk requests with a token that cannot be made, against the fake Kore server', function () {
  this.timeout(10_000);

  it('send nothing: every id is not attempted, none unknown, and the run says why', async () => {
    const server = await FakeKoreServer.start();
    try {
      const ids = [server.addList({ name: 'Token A' })._id, server.addList({ name: 'Token B' })._id, server.addList({ name: 'Token C' })._id];
      const target: KoreTarget = { host: server.url, iid: server.app.iid, accountId: server.app.accountId };
      let made = 0;
      // A client secret that signs once, then no longer does (rotated, or cleared in another window).
      const token = () => {
        if (++made > 1) throw new Error('The client secret is empty.');
        return server.app.staticTokens[0];
      };
      const started: string[] = [];
      const report = await runBulkDeletion({
        ids,
        concurrency: 1,
        deleteOne: bulkDeleteOne(target, token, { timeoutMs: 5_000 }),
        lookUp: bulkLookUp(target, token, { timeoutMs: 5_000 }),
        limiter: new RateLimiter({ perMinute: 6_000 }),
        onStarting: (id) => {
          started.push(id);
        },
      });
      assert.deepEqual(idsOf(report.succeeded), [ids[0]]);
      assert.deepEqual(report.unknown, [], 'nothing was sent, so nothing is unknown');
      assert.deepEqual(report.notAttempted, ids.slice(1));
      assert.match(report.stoppedEarly ?? '', /^No token could be made \(The client secret is empty\.\), so nothing was sent\./);
      assert.equal(server.requests.length, 1, 'only the first DELETE reached the server');
      assert.ok(server.lists.has(ids[1]) && server.lists.has(ids[2]));
    } finally {
      await server.close();
    }
  });
});

describe('formatBulkReport', () => {
  const report: BulkDeletionReport = {
    total: 16,
    succeeded: Array.from({ length: 12 }, (_, i) => ({ id: `cl-${i}`, serverMessage: `Contact list ${i} deleted successfully`, attempts: 1 })),
    failed: [{ id: 'cl-x', reason: 'Not found (HTTP 404).', status: 404, attempts: 1 }],
    unknown: [],
    notAttempted: ['cl-p', 'cl-q', 'cl-r'],
    cancelled: true,
    durationMs: 12_345,
  };

  it('gives the short summary line', () => {
    assert.equal(summariseBulkReport(report), '12 succeeded, 1 failed, 0 unknown, 3 not attempted');
    assert.equal(formatBulkReport(report).summary, '12 succeeded, 1 failed, 0 unknown, 3 not attempted');
  });

  it('gives a plain object that survives JSON unchanged', () => {
    const { json } = formatBulkReport(report);
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
    assert.deepEqual(json.counts, { succeeded: 12, failed: 1, unknown: 0, notAttempted: 3 });
    assert.equal(json.summary, '12 succeeded, 1 failed, 0 unknown, 3 not attempted');
    assert.equal(json.cancelled, true);
    assert.equal(json.failed[0].status, 404);
    assert.equal('stoppedEarly' in json, false);
    assert.notEqual(json.succeeded, report.succeeded, 'a copy, not the report itself');
  });

  it('words the summary through l10n.t, in the display language', () => {
    assert.equal(withMarkedTranslation('[de]', () => summariseBulkReport(report)), '[de] 12 succeeded, 1 failed, 0 unknown, 3 not attempted');
  });
});

describe('BulkRunState', () => {
  const ids = ['cl-a', 'cl-b', 'cl-c', 'cl-d', 'cl-e', '__proto__'];

  it('records progress and round-trips through its serialised form', () => {
    let state = createBulkRunState({ runId: 'run-1', environmentId: 'env-1', ids: [...ids, 'cl-a'], createdAt: 1_700_000_000_000 });
    assert.deepEqual(state.ids, ids, 'duplicates dropped');
    state = recordStarted(state, 'cl-a');
    state = recordOutcome(state, 'cl-a', { kind: 'succeeded', serverMessage: 'gone', attempts: 1 });
    state = recordOutcome(state, 'cl-b', { kind: 'failed', reason: 'Not found (HTTP 404).', status: 404, attempts: 1 });
    state = recordOutcome(state, 'cl-c', { kind: 'unknown', reason: 'No answer within 30 s.', attempts: 1 });
    state = recordStarted(state, '__proto__');
    const before = state;
    assert.equal(recordStarted(state, 'cl-not-in-run'), state, 'an id outside the run is ignored');
    state = recordStarted(state, 'cl-d');
    assert.equal(before.outcomes.has('cl-d'), false, 'states are not mutated');
    const parsed = parseBulkRunState(serialiseBulkRunState(state));
    assert.deepEqual(parsed, state);
    assert.deepEqual(parsed?.outcomes.get('__proto__'), { kind: 'started' });
  });

  it('refuses anything malformed as a whole', () => {
    const good = JSON.parse(serialiseBulkRunState(recordOutcome(createBulkRunState({ runId: 'run-1', environmentId: 'env-1', ids, createdAt: 1 }), 'cl-a', { kind: 'succeeded', attempts: 1 }))) as Record<string, unknown>;
    assert.ok(parseBulkRunState(JSON.stringify(good)));
    const broken: unknown[] = [
      { ...good, version: 2 },
      { ...good, runId: '' },
      { ...good, environmentId: 7 },
      { ...good, createdAt: 'yesterday' },
      { ...good, ids: 'cl-a' },
      { ...good, ids: ['cl-a', 'cl-a'] },
      { ...good, ids: ['cl-a', 3] },
      { ...good, outcomes: [] },
      { ...good, outcomes: { 'cl-zzz': { kind: 'succeeded', attempts: 1 } } },
      { ...good, outcomes: { 'cl-a': { kind: 'deleted', attempts: 1 } } },
      { ...good, outcomes: { 'cl-a': { kind: 'succeeded', attempts: -1 } } },
      { ...good, outcomes: { 'cl-a': { kind: 'succeeded', attempts: 1.5 } } },
      { ...good, outcomes: { 'cl-a': { kind: 'succeeded', attempts: 1, serverMessage: 5 } } },
      { ...good, outcomes: { 'cl-a': { kind: 'failed', attempts: 1 } } },
      { ...good, outcomes: { 'cl-a': { kind: 'failed', attempts: 1, reason: 'x', status: 99 } } },
      { ...good, outcomes: { 'cl-a': 'succeeded' } },
      [good],
      null,
    ];
    for (const value of broken) assert.equal(parseBulkRunState(JSON.stringify(value)), undefined, JSON.stringify(value));
    assert.equal(parseBulkRunState('{not json'), undefined);
    assert.equal(parseBulkRunState(undefined), undefined);
    assert.equal(parseBulkRunState(''), undefined);
  });

  it('reads back a run whatever its ids: exactly the ids validateContactListId accepts are kept and accepted', () => {
    const overLong = `cl-${'x'.repeat(300)}`;
    const justOver = `cl-${'y'.repeat(126)}`;
    const state = createBulkRunState({ runId: 'run-long', environmentId: 'env-1', ids: ['cl-a', overLong, justOver, 'a/b', 'cl-b'], createdAt: 5 });
    const parsed = parseBulkRunState(serialiseBulkRunState(recordStarted(state, 'cl-a')));
    assert.ok(parsed, 'one over-long id does not make the saved state unreadable');
    assert.deepEqual(parsed.ids, ['cl-a', 'cl-b']);
    // A state written by hand (or by an older version) is held to the same check, no looser.
    const text = (ids: string[]) => JSON.stringify({ version: 1, runId: 'r', environmentId: 'e', createdAt: 1, ids, outcomes: {} });
    assert.equal(parseBulkRunState(text(['cl-a', justOver])), undefined);
    assert.equal(parseBulkRunState(text(['cl-a', 'a/b'])), undefined);
    assert.ok(parseBulkRunState(text(['cl-a', `cl-${'z'.repeat(125)}`])), 'a 128-character id is accepted');
  });

  it('plans a resume: succeeded never again, unknown and in-flight only on request, failed by default', () => {
    let state = createBulkRunState({ runId: 'run-1', environmentId: 'env-1', ids, createdAt: 1 });
    state = recordOutcome(state, 'cl-a', { kind: 'succeeded', attempts: 1 });
    state = recordOutcome(state, 'cl-b', { kind: 'failed', reason: 'Refused with HTTP 401.', status: 401, attempts: 1 });
    state = recordOutcome(state, 'cl-c', { kind: 'unknown', reason: 'No answer within 30 s.', attempts: 1 });
    state = recordStarted(state, 'cl-d');
    state = recordOutcome(state, 'cl-e', { kind: 'notAttempted' });
    const plan = planResume(state);
    assert.deepEqual(plan.toSend, ['cl-b', 'cl-e', '__proto__']);
    assert.deepEqual([...plan.completed.keys()].sort(), ['cl-a', 'cl-c', 'cl-d']);
    assert.match((plan.completed.get('cl-d') as { reason: string }).reason, /may have been on its way/);
    assert.deepEqual(planResume(state, { retryFailed: false }).toSend, ['cl-e', '__proto__']);
    assert.deepEqual(planResume(state, { retryUnknown: true }).toSend, ['cl-b', 'cl-c', 'cl-d', 'cl-e', '__proto__']);
  });

  it('lets a cancelled run be resumed without sending any DELETE twice', async () => {
    const clock = new ManualClock();
    const runIds = makeIds(15);
    const kore = new ScriptedKore(clock, runIds, {}, () => 800);
    let stored = serialiseBulkRunState(createBulkRunState({ runId: 'run-9', environmentId: 'env-1', ids: runIds, createdAt: 0 }));
    // What a VS Code layer does: record before sending, record each outcome, persist the text each time.
    const hooks = {
      onStarting: async (id: string) => {
        await clock.sleep(1);
        stored = serialiseBulkRunState(recordStarted(parseBulkRunState(stored) ?? assert.fail('state lost'), id));
      },
      onSettled: (id: string, outcome: IdOutcome) => {
        stored = serialiseBulkRunState(recordOutcome(parseBulkRunState(stored) ?? assert.fail('state lost'), id, outcome));
      },
    };
    const controller = new AbortController();
    // Rounds of four take 801 ms: at 2 s, eight are done, four in flight (unknown), three not attempted.
    void clock.sleep(2_000).then(() => controller.abort());
    const first = await run(clock, { ids: runIds, deleteOne: kore.deleteOne, signal: controller.signal, ...hooks });
    assert.ok(first.succeeded.length > 0 && first.unknown.length > 0 && first.notAttempted.length > 0);

    const state = parseBulkRunState(stored) ?? assert.fail('state lost');
    const plan = planResume(state);
    const sentBefore = kore.calls.length;
    const second = await run(clock, { ids: plan.ids, completed: plan.completed, deleteOne: kore.deleteOne, ...hooks });
    assertPartition(second, runIds);
    const resent = kore.calls.slice(sentBefore).map((call) => call.id);
    assert.deepEqual([...resent].sort(), [...first.notAttempted].sort(), 'only the ids never attempted are sent');
    assert.deepEqual(idsOf(second.unknown).sort(), idsOf(first.unknown).sort(), 'unknown stays unknown until the user decides');
    assert.ok(second.succeeded.filter((entry) => entry.fromEarlierRun).length === first.succeeded.length);
    for (const id of runIds) assert.ok((kore.applied.get(id) ?? 0) <= 1);
    assert.deepEqual(planResume(parseBulkRunState(stored) ?? assert.fail('state lost')).toSend, [], 'nothing left to do');

    // Asked to try the unknown ones again, without a look-up the run still sends none of them.
    const third = planResume(parseBulkRunState(stored) ?? assert.fail('state lost'), { retryUnknown: true });
    assert.deepEqual([...third.toSend].sort(), idsOf(first.unknown).sort());
    const sentBeforeThird = kore.calls.length;
    const blind = await run(clock, { ids: third.ids, completed: third.completed, lookUpFirst: third.lookUpFirst, deleteOne: kore.deleteOne });
    assert.equal(kore.calls.length, sentBeforeThird, 'no look-up, no DELETE');
    assert.deepEqual(idsOf(blind.unknown).sort(), idsOf(first.unknown).sort());
    // With a look-up, each is looked up first; they still existed (the cancel aborted them in flight), so they are sent.
    const last = await run(clock, { ids: third.ids, completed: third.completed, lookUpFirst: third.lookUpFirst, lookUp: kore.lookUp, deleteOne: kore.deleteOne });
    assert.equal(last.succeeded.length, runIds.length);
    assert.deepEqual(kore.lookUps.map((entry) => entry.id).sort(), idsOf(first.unknown).sort());
    for (const id of runIds) assert.equal(kore.applied.get(id), 1, `${id} deleted exactly once`);
  });
});

// ---------------------------------------------------------------------------------------------------
// The real client over real HTTP. The fake server counts a sliding minute like Kore.ai; to see minutes
// pass in a second or two, the server and the limiter share a clock that runs `factor` times faster
// than real time. Everything else (sockets, latency, aborts, timeouts) is real.

function fastClock(factor: number): Clock {
  const origin = performance.now();
  return {
    now: () => (performance.now() - origin) * factor,
    sleep: (ms, signal) => systemClock.sleep(ms / factor, signal),
  };
}

describe('runBulkDeletion with the real client against the fake Kore server', function () {
  this.timeout(15_000);

  async function withServer(rateLimitPerMinute: number, clock: Clock, count: number, body: (server: FakeKoreServer, ids: string[], deleteOne: DeleteOne) => Promise<void>) {
    const server = await FakeKoreServer.start({ rateLimitPerMinute, latencyMs: 2, now: () => clock.now() });
    try {
      const ids = Array.from({ length: count }, (_, i) => server.addList({ name: `Bulk list ${i + 1}` })._id);
      const target: KoreTarget = { host: server.url, iid: server.app.iid, accountId: server.app.accountId };
      const token = server.app.staticTokens[0];
      await body(server, ids, (id, signal) => deleteContactList(target, token, id, { timeoutMs: 5_000, signal }));
    } finally {
      await server.close();
    }
  }

  function assertDeletedOnce(server: FakeKoreServer, ids: readonly string[]): void {
    for (const id of ids) {
      const deletes = server.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith(`/${id}`) && request.status === 200);
      assert.equal(deletes.length, 1, `${id} deleted exactly once`);
      assert.equal(server.lists.has(id), false);
    }
  }

  it('gets every list deleted, exactly once, through 429s from a server stricter than the limiter', async () => {
    const clock = fastClock(60);
    await withServer(12, clock, 20, async (server, ids, deleteOne) => {
      const report = await runBulkDeletion({ ids, deleteOne, limiter: new RateLimiter({ perMinute: 24, clock }), backoffMs: () => 500 });
      assert.equal(summariseBulkReport(report), '20 succeeded, 0 failed, 0 unknown, 0 not attempted', JSON.stringify(report.failed));
      assert.deepEqual(idsOf(report.succeeded), ids);
      for (const entry of report.succeeded) assert.match(entry.serverMessage ?? '', /^Contact list Bulk list \d+ deleted successfully$/);
      assert.ok(server.requests.some((request) => request.status === 429), 'the server did refuse some calls');
      assert.ok(report.succeeded.some((entry) => entry.attempts > 1), 'and they were retried');
      assertDeletedOnce(server, ids);
    });
  });

  it('meets no 429 at all when the limiter matches the server\'s limit', async () => {
    // Time stands still while a request is in flight: on a busy machine an accelerated clock would turn a few
    // milliseconds of real stall into seconds of server time, past the limiter's arrival margin.
    const clock = new QuietNetworkClock();
    await withServer(12, clock, 15, async (server, ids, deleteOne) => {
      const tracked: DeleteOne = (id, signal) => clock.track(deleteOne(id, signal));
      const report = await runBulkDeletion({ ids, deleteOne: tracked, limiter: new RateLimiter({ perMinute: 12, clock }) });
      assert.equal(report.succeeded.length, 15);
      assert.equal(server.requests.filter((request) => request.status === 429).length, 0);
      assert.ok(report.durationMs > 60_000, 'the run did span more than a minute of server time');
      assertDeletedOnce(server, ids);
    });
  });
});

describe('resuming against the same place only', () => {
  const target = { host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' };
  it('keeps where a run went through saving and reading back', () => {
    const state = createBulkRunState({ runId: 'run-t', environmentId: 'env-1', ids: ['cl-a'], createdAt: 1, target });
    const read = parseBulkRunState(serialiseBulkRunState(state));
    assert.deepEqual(read?.target, { ...target, dialect: 'v1' }, 'the dialect is kept explicitly, the default too');
    assert.equal(read && resumeTargetChanged(read, target), false);
  });
  it('refuses a resume once the host, App ID, Account ID or API dialect changed, so a 404 from another app or an unserved path cannot pass for deleted', () => {
    const state = createBulkRunState({ runId: 'run-t', environmentId: 'env-1', ids: ['cl-a'], createdAt: 1, target });
    const read = parseBulkRunState(serialiseBulkRunState(state)) ?? assert.fail('state lost');
    for (const changed of [{ ...target, host: 'https://de-platform.kore.ai' }, { ...target, iid: 'st-2' }, { ...target, accountId: 'a2' }, { ...target, dialect: 'v2' as const }, { ...target, dialect: 'v1-legacy' as const }]) {
      assert.equal(resumeTargetChanged(read, changed), true, JSON.stringify(changed));
      assert.equal(resumeTargetChanged(state, changed), true, JSON.stringify(changed));
    }
  });
  it('keeps a v2 run\'s dialect through saving and reading back, and a target saved without one means the default (v1)', () => {
    const v2 = createBulkRunState({ runId: 'run-v2', environmentId: 'env-1', ids: ['cl-a'], createdAt: 1, target: { ...target, dialect: 'v2' } });
    const read = parseBulkRunState(serialiseBulkRunState(v2)) ?? assert.fail('state lost');
    assert.equal(read.target?.dialect, 'v2');
    assert.equal(resumeTargetChanged(read, { ...target, dialect: 'v2' }), false);
    assert.equal(resumeTargetChanged(read, target), true);
    const older = JSON.parse(serialiseBulkRunState(v2)) as { target: Record<string, unknown> };
    delete older.target.dialect;
    const readOlder = parseBulkRunState(JSON.stringify(older)) ?? assert.fail('an older state stays readable');
    assert.equal(resumeTargetChanged(readOlder, target), false);
    assert.equal(resumeTargetChanged(readOlder, { ...target, dialect: 'v2' }), true);
    older.target.dialect = 'v3';
    assert.equal(parseBulkRunState(JSON.stringify(older)), undefined, 'a dialect nobody knows makes the state unreadable');
  });
  it('reads a run saved before targets were kept, and a damaged target makes the state unreadable', () => {
    const old = createBulkRunState({ runId: 'run-o', environmentId: 'env-1', ids: ['cl-a'], createdAt: 1 });
    const read = parseBulkRunState(serialiseBulkRunState(old));
    assert.ok(read);
    assert.equal(resumeTargetChanged(read, target), false);
    const damaged = JSON.parse(serialiseBulkRunState(createBulkRunState({ runId: 'run-d', environmentId: 'env-1', ids: ['cl-a'], createdAt: 1, target }))) as Record<string, unknown>;
    damaged.target = { host: 42 };
    assert.equal(parseBulkRunState(JSON.stringify(damaged)), undefined);
  });
});
