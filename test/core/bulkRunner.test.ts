// The bulk runner in virtual time against a scripted, server-like delete. What matters most: every id ends in
// exactly one bucket, nothing whose outcome is unknown is sent again, and nothing is sent after a cancel.
import * as assert from 'node:assert/strict';
import { IdOutcome, summariseBulkReport } from '../../src/core/bulk/report';
import { exponentialBackoff } from '../../src/core/bulk/retryPolicy';
import { RateLimiter, estimateRunMs } from '../../src/core/pacing/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { seededRandom } from '../support/seededRandom';
import { assertPartition, gatewayPage, idsOf, makeIds, rateLimited, runInVirtualTime, ScriptedKore, Step } from '../support/scriptedKore';

describe('runBulkDeletion', () => {
  it('deletes every id once, keeping the server messages, in input order', async () => {
    const clock = new ManualClock();
    const ids = makeIds(10);
    const kore = new ScriptedKore(clock, ids);
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne });
    assert.deepEqual(report.failed, [{ id: 'cl-gone', reason: 'Not found (HTTP 404): "Contact list cl-gone not found".', status: 404, attempts: 1 }]);
    assert.equal(kore.callsFor('cl-gone'), 1);
    assert.deepEqual(idsOf(report.succeeded), ['cl-a', 'cl-b']);
  });

  it('retries a 429 after its Retry-After, holding every worker meanwhile, and succeeds', async () => {
    const clock = new ManualClock();
    const ids = makeIds(8);
    const limited = ids[2];
    const kore = new ScriptedKore(clock, ids, { [limited]: [rateLimited(7)] });
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, limiter: new RateLimiter({ clock, perMinute: 600 }) });
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
    const report = await runInVirtualTime(clock, { ids: ['cl-a'], deleteOne: kore.deleteOne, backoffMs: () => 12_345 });
    assert.equal(report.succeeded.length, 1);
    assert.ok(kore.calls[1].at >= 200 + 12_345);
  });

  it('fails an id still rate-limited after the last retry, and says so', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, ['cl-a', 'cl-b'], { 'cl-a': Array.from({ length: 10 }, () => rateLimited(2)) });
    const report = await runInVirtualTime(clock, { ids: ['cl-a', 'cl-b'], deleteOne: kore.deleteOne });
    assert.deepEqual(report.failed, [{ id: 'cl-a', reason: 'Still rate-limited (HTTP 429) after 4 attempts, so it was not deleted.', status: 429, attempts: 4 }]);
    assert.equal(kore.callsFor('cl-a'), 4, 'one attempt and three retries');
    assert.deepEqual(idsOf(report.succeeded), ['cl-b']);
    const custom = new ManualClock();
    const again = new ScriptedKore(custom, ['cl-a'], { 'cl-a': Array.from({ length: 10 }, () => rateLimited(2)) });
    const zero = await runInVirtualTime(custom, { ids: ['cl-a'], deleteOne: again.deleteOne, maxRetries: 0 });
    assert.deepEqual(zero.failed, [{ id: 'cl-a', reason: 'Rate-limited (HTTP 429) and retries are off, so it was not deleted.', status: 429, attempts: 1 }]);
  });

  it('reports a timeout as unknown and never sends that DELETE again', async () => {
    const clock = new ManualClock();
    const ids = ['cl-slow', 'cl-applied', 'cl-b'];
    const kore = new ScriptedKore(clock, ids, { 'cl-slow': [{ timeout: true }], 'cl-applied': [{ timeout: true, applied: true }] });
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, concurrency: 2 });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, concurrency: 2 });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, concurrency: 1 });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, signal: controller.signal, limiter: new RateLimiter({ clock, perMinute: 120 }) });
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
    const report = await runInVirtualTime(clock, { ids: ['cl-429', 'cl-502'], deleteOne: kore.deleteOne, signal: controller.signal, backoffMs: () => 20_000 });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, signal: controller.signal, concurrency: 1, limiter: new CancelOnSecondGrant({ clock }) });
    assert.deepEqual(kore.calls.map((call) => call.id), [ids[0]]);
    assert.deepEqual(report.notAttempted, [ids[1], ids[2]]);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const clock = new ManualClock();
    const ids = makeIds(5);
    const kore = new ScriptedKore(clock, ids);
    const controller = new AbortController();
    controller.abort();
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, signal: controller.signal });
    assert.deepEqual(report.notAttempted, ids);
    assert.equal(report.cancelled, true);
    assert.equal(kore.calls.length, 0);
  });

  it('returns an empty report for no ids', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, []);
    const seen: number[][] = [];
    const report = await runInVirtualTime(clock, { ids: [], deleteOne: kore.deleteOne, onProgress: (...args) => seen.push(args) });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, completed });
    assertPartition(report, ids);
    assert.deepEqual(kore.calls.map((call) => call.id).sort(), [ids[1], ids[3], ids[4], ids[5]]);
    assert.deepEqual(report.succeeded[0], { id: ids[0], serverMessage: 'deleted before', attempts: 1, fromEarlierRun: true });
    assert.deepEqual(report.unknown, [{ id: ids[2], reason: 'timed out before', attempts: 1, fromEarlierRun: true }]);
    // A plain set of ids means "these succeeded".
    const setClock = new ManualClock();
    const setKore = new ScriptedKore(setClock, ids);
    const fromSet = await runInVirtualTime(setClock, { ids, deleteOne: setKore.deleteOne, completed: new Set([ids[1], ids[4]]) });
    assert.equal(fromSet.succeeded.length, 6);
    assert.equal(setKore.callsFor(ids[1]) + setKore.callsFor(ids[4]), 0);
  });

  it('never has more requests in flight than the concurrency, and uses all of it', async () => {
    for (const concurrency of [1, 2, 4, 7]) {
      const clock = new ManualClock();
      const ids = makeIds(30);
      const kore = new ScriptedKore(clock, ids, {}, (id) => 300 + ((Number(id.slice(-3)) * 7919) % 1_700));
      const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, concurrency, limiter: new RateLimiter({ clock, perMinute: 6_000 }) });
      assert.equal(report.succeeded.length, 30);
      assert.equal(kore.maxInFlight, concurrency, `concurrency ${concurrency}`);
    }
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, makeIds(20));
    await runInVirtualTime(clock, { ids: makeIds(20), deleteOne: kore.deleteOne });
    assert.equal(kore.maxInFlight, 4, 'four by default');
  });

  it('sends a repeated id once, and an invalid id never', async () => {
    const clock = new ManualClock();
    const kore = new ScriptedKore(clock, ['cl-a', 'cl-b']);
    const report = await runInVirtualTime(clock, { ids: ['cl-a', 'cl-b', 'cl-a', 'a/b'], deleteOne: kore.deleteOne });
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
    await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, limiter, onProgress: (done, total, etaMs) => seen.push([done, total, etaMs]) });
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
    const report = await runInVirtualTime(clock, {
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
    const report = await runInVirtualTime(clock, {
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
    const report = await runInVirtualTime(clock, {
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
      const report = await runInVirtualTime(clock, {
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
