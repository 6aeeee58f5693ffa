// The bulk runner reading answers: what a 2xx means, the look-ups before anything whose outcome is unknown
// is sent again, and what was never sent.
import * as assert from 'node:assert/strict';
import { BulkDeletionReport } from '../../src/core/bulk/report';
import { notSent } from '../../src/core/bulk/requests';
import { createBulkRunState, planResume } from '../../src/core/bulk/runState';
import { parseBulkRunState } from '../../src/core/bulk/legacyRuns';
import { recordOutcome, recordStarted, serialiseBulkRunState } from '../support/bulkRunRecords';
import { ManualClock } from '../support/manualClock';
import { assertPartition, gatewayPage, idsOf, makeIds, runInVirtualTime, ScriptedKore, Step } from '../support/scriptedKore';

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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne });
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
    await runInVirtualTime(clock, { ids: ['cl-applied-earlier', 'cl-lookup-500', 'cl-lookup-429'], deleteOne: kore.deleteOne });
    kore.calls.length = 0;
    kore.lookUpAnswers['cl-lookup-500'] = [{ status: 500, body: { message: 'Internal error' } }];
    kore.lookUpAnswers['cl-lookup-429'] = [{ status: 429, body: { errors: [{ msg: 'Rate limit' }] } }];

    const plan = planResume(parseBulkRunState(serialiseBulkRunState(state)) ?? assert.fail('state lost'), { retryUnknown: true });
    assert.deepEqual([...plan.lookUpFirst.keys()].sort(), ['cl-applied-earlier', 'cl-in-flight', 'cl-lookup-429', 'cl-lookup-500']);
    const report = await runInVirtualTime(clock, { ids: plan.ids, completed: plan.completed, lookUpFirst: plan.lookUpFirst, lookUp: kore.lookUp, deleteOne: kore.deleteOne });
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
    const report = await runInVirtualTime(clock, { ids: plan.ids, completed: plan.completed, lookUpFirst: plan.lookUpFirst, lookUp: kore.lookUp, deleteOne: kore.deleteOne });
    assertPartition(report, ids);
    assert.deepEqual(report.succeeded, [], 'nothing passes for deleted');
    assert.deepEqual(report.unknown.map((entry) => entry.id).sort(), [...ids].sort());
    assert.equal(kore.calls.length, 0, 'no DELETE was sent');
  });

  it('a DELETE answered by a 404 for the address itself is failed (nothing reached a list), worded as an unserved API, and stops the run', async () => {
    const clock = new ManualClock();
    const ids = ['cl-route-1', 'cl-route-2', 'cl-route-3'];
    const kore = new ScriptedKore(clock, ids, Object.fromEntries(ids.map((id) => [id, [{ status: 404, body: '<html><body>Cannot DELETE</body></html>' }]])));
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, concurrency: 1 });
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
      const report = await runInVirtualTime(clock, { ids: plan.ids, ...options, deleteOne: kore.deleteOne });
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
    const report = await runInVirtualTime(clock, { ids, deleteOne: kore.deleteOne, lookUp: kore.lookUp });
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
    const report = await runInVirtualTime(clock, {
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
