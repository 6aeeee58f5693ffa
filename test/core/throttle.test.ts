// The throttle of refreshes caused by other windows, in virtual time: never two runs closer than the interval
// (another window's bulk run cannot make this one spend the account's rate limit), the first request answered at
// once, and the last request always followed by a run (the final state shows).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Throttle } from '../../src/core/pacing/throttle';
import { ManualClock } from '../support/manualClock';
import { propertyParameters } from '../support/propertyRuns';

const INTERVAL = 30_000;

function throttled(clock: ManualClock, interval = INTERVAL) {
  const runs: number[] = [];
  const errors: unknown[] = [];
  const throttle = new Throttle(() => runs.push(clock.now()), interval, clock, (error) => errors.push(error));
  return { throttle, runs, errors };
}

describe('Throttle', () => {
  it('runs the first request at once, and gathers the next ones into one run at the end of the interval', async () => {
    const clock = new ManualClock(1_000);
    const { throttle, runs } = throttled(clock);
    throttle.request();
    assert.deepEqual(runs, [1_000]);
    for (let second = 1; second <= 20; second++) {
      await clock.advance(1_000);
      throttle.request();
    }
    assert.deepEqual(runs, [1_000], 'an append a second does not reload a second');
    assert.equal(throttle.pending, true);
    await clock.advance(9_999);
    assert.deepEqual(runs, [1_000]);
    await clock.advance(1);
    assert.deepEqual(runs, [1_000, 31_000], 'the last change shows at the end of the interval');
    assert.equal(throttle.pending, false);
    await clock.advance(10 * INTERVAL);
    assert.deepEqual(runs, [1_000, 31_000], 'nothing more without a request');
    throttle.request();
    assert.deepEqual(runs, [1_000, 31_000, 331_000], 'after a quiet interval, at once again');
  });

  it('runs nothing after dispose', async () => {
    const clock = new ManualClock();
    const { throttle, runs } = throttled(clock);
    throttle.request();
    throttle.request();
    throttle.dispose();
    await clock.advance(2 * INTERVAL);
    throttle.request();
    assert.deepEqual(runs, [0]);
    assert.equal(clock.pendingSleeps, 0);
  });

  it('reports an action that throws, and keeps throttling', async () => {
    const clock = new ManualClock();
    const errors: unknown[] = [];
    let calls = 0;
    const throttle = new Throttle(
      () => {
        calls += 1;
        throw new Error('refresh failed');
      },
      INTERVAL,
      clock,
      (error) => errors.push(error),
    );
    throttle.request();
    throttle.request();
    await clock.advance(INTERVAL);
    assert.equal(calls, 2);
    assert.equal(errors.length, 2);
  });

  it('property: runs are never closer than the interval, and every request is followed by a run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60_000 }), fc.array(fc.integer({ min: 0, max: 90_000 }), { minLength: 1, maxLength: 25 }), async (interval, gaps) => {
        const clock = new ManualClock(5_000);
        const { throttle, runs, errors } = throttled(clock, interval);
        const requests: number[] = [];
        for (const gap of gaps) {
          await clock.advance(gap);
          const idle = runs.length === 0 || clock.now() - runs[runs.length - 1] >= interval;
          const before = runs.length;
          throttle.request();
          requests.push(clock.now());
          // Idle for a whole interval (and nothing waiting): answered at once.
          if (idle) assert.equal(runs.length, before + 1);
        }
        await clock.advance(interval);
        for (let i = 1; i < runs.length; i++) assert.ok(runs[i] - runs[i - 1] >= interval, `runs at ${runs.join(', ')} with an interval of ${interval}`);
        assert.ok(runs[runs.length - 1] >= requests[requests.length - 1], 'the last request is followed by a run');
        assert.equal(runs[0], requests[0], 'the first request runs at once');
        assert.equal(throttle.pending, false);
        assert.deepEqual(errors, []);
      }),
      propertyParameters(),
    );
  });
});
