// The clocks: the real one sleeps and aborts; the test double (test/support/manualClock.ts) wakes sleepers in
// time order and reports a promise nothing will settle, which every virtual-time test relies on.
import * as assert from 'node:assert/strict';
import { isAbortError, systemClock } from '../../src/core/pacing/clock';
import { ManualClock } from '../support/manualClock';

describe('clocks', () => {
  it('systemClock sleeps, and stops sleeping when aborted', async () => {
    const before = systemClock.now();
    await systemClock.sleep(5);
    assert.ok(systemClock.now() - before >= 4);
    const controller = new AbortController();
    const long = systemClock.sleep(60_000, controller.signal);
    setImmediate(() => controller.abort());
    await assert.rejects(long, isAbortError);
    await assert.rejects(systemClock.sleep(1, controller.signal), isAbortError);
  });

  it('ManualClock wakes sleepers in time order, ties in the order they slept', async () => {
    const clock = new ManualClock(1_000);
    const woke: string[] = [];
    const sleeps = [
      clock.sleep(300).then(() => woke.push(`c@${clock.now()}`)),
      clock.sleep(100).then(() => woke.push(`a@${clock.now()}`)),
      clock.sleep(100).then(() => woke.push(`b@${clock.now()}`)),
    ];
    await clock.advance(200);
    assert.deepEqual(woke, ['a@1100', 'b@1100']);
    assert.equal(clock.now(), 1_200);
    await clock.runUntilSettled(Promise.all(sleeps));
    assert.deepEqual(woke, ['a@1100', 'b@1100', 'c@1300']);
  });

  it('ManualClock reports a promise that nothing will ever settle', async () => {
    const clock = new ManualClock();
    await assert.rejects(clock.runUntilSettled(new Promise<void>(() => undefined)), /nothing is scheduled/);
    const controller = new AbortController();
    const sleeping = clock.sleep(100, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, isAbortError);
    assert.equal(clock.pendingSleeps, 0);
  });
});
