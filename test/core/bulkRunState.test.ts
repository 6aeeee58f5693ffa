// A bulk run's saved state: recording progress, reading it back, planning a resume, and resuming only against
// the same place.
import * as assert from 'node:assert/strict';
import { IdOutcome } from '../../src/core/bulk/report';
import { createBulkRunState, planResume, resumeTargetChanged } from '../../src/core/bulk/runState';
import { parseBulkRunState } from '../../src/core/bulk/legacyRuns';
import { recordOutcome, recordStarted, serialiseBulkRunState } from '../support/bulkRunRecords';
import { ManualClock } from '../support/manualClock';
import { assertPartition, idsOf, makeIds, runInVirtualTime, ScriptedKore } from '../support/scriptedKore';

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
    const first = await runInVirtualTime(clock, { ids: runIds, deleteOne: kore.deleteOne, signal: controller.signal, ...hooks });
    assert.ok(first.succeeded.length > 0 && first.unknown.length > 0 && first.notAttempted.length > 0);

    const state = parseBulkRunState(stored) ?? assert.fail('state lost');
    const plan = planResume(state);
    const sentBefore = kore.calls.length;
    const second = await runInVirtualTime(clock, { ids: plan.ids, completed: plan.completed, deleteOne: kore.deleteOne, ...hooks });
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
    const blind = await runInVirtualTime(clock, { ids: third.ids, completed: third.completed, lookUpFirst: third.lookUpFirst, deleteOne: kore.deleteOne });
    assert.equal(kore.calls.length, sentBeforeThird, 'no look-up, no DELETE');
    assert.deepEqual(idsOf(blind.unknown).sort(), idsOf(first.unknown).sort());
    // With a look-up, each is looked up first; they still existed (the cancel aborted them in flight), so they are sent.
    const last = await runInVirtualTime(clock, { ids: third.ids, completed: third.completed, lookUpFirst: third.lookUpFirst, lookUp: kore.lookUp, deleteOne: kore.deleteOne });
    assert.equal(last.succeeded.length, runIds.length);
    assert.deepEqual(kore.lookUps.map((entry) => entry.id).sort(), idsOf(first.unknown).sort());
    for (const id of runIds) assert.equal(kore.applied.get(id), 1, `${id} deleted exactly once`);
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
