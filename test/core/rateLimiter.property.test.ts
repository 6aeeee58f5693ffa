// Properties of the limiter over random budgets, call patterns, 429 pauses and network jitter: a server
// counting any 60 s window, closed or half-open, never sees more than the budget when arrival times vary by
// less than the margin; and the limiter is never slower than the limit, and its estimate is the wait it imposes.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ARRIVAL_MARGIN_MS, RateLimiter, estimateRunMs } from '../../src/core/pacing/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { maxInAnyWindow } from '../support/slidingWindows';

const call = fc.record({
  /** Virtual time before this call asks, after the previous one asked. */
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40_000 })),
  /**
   * Send-to-arrival time above the fastest: anything short of the margin, in whole milliseconds as a
   * server's clock counts them (a fraction a hair short of the margin would round onto it in floating point).
   */
  jitterMs: fc.integer({ min: 0, max: ARRIVAL_MARGIN_MS - 1 }),
  jumpQueue: fc.boolean(),
  /** A 429 answered just before this call asks: Retry-After of this many ms. */
  retryAfterMs: fc.option(fc.integer({ min: 0, max: 61_000 }), { nil: undefined, freq: 8 }),
});

const scenario = fc.record({
  perMinute: fc.integer({ min: 1, max: 12 }),
  baseLatencyMs: fc.integer({ min: 0, max: 3_000 }),
  calls: fc.array(call, { minLength: 1, maxLength: 40 }),
  more: fc.integer({ min: 1, max: 30 }),
});

describe('RateLimiter properties', function () {
  this.timeout(propertyTimeoutMs());

  it('no 60 s window at the server, closed or half-open, holds more than the budget; estimates are the waits imposed', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ perMinute, baseLatencyMs, calls, more }) => {
        const clock = new ManualClock();
        const limiter = new RateLimiter({ clock, perMinute });
        const arrivals: number[] = [];
        const granted: Array<Promise<void>> = [];
        await clock.runUntilSettled(
          (async () => {
            for (const { gapMs, jitterMs, jumpQueue, retryAfterMs } of calls) {
              await clock.sleep(gapMs);
              if (retryAfterMs !== undefined) limiter.pauseUntil(clock.now() + retryAfterMs);
              granted.push(limiter.acquire(undefined, { jumpQueue }).then(() => void arrivals.push(clock.now() + baseLatencyMs + jitterMs)));
            }
            await Promise.all(granted);
          })(),
        );
        assert.ok(maxInAnyWindow(arrivals, true) <= perMinute, `closed: ${maxInAnyWindow(arrivals, true)} > ${perMinute}`);
        assert.ok(maxInAnyWindow(arrivals, false) <= perMinute, `half-open: ${maxInAnyWindow(arrivals, false)} > ${perMinute}`);

        const start = clock.now();
        const estimate = limiter.estimateWaitMs(more);
        let last = start;
        await clock.runUntilSettled(Promise.all(Array.from({ length: more }, () => limiter.acquire().then(() => (last = clock.now())))));
        assert.ok(last - start >= estimate && last - start - estimate < 1, `estimated ${estimate}, waited ${last - start}`);
      }),
      propertyParameters(),
    );
  });

  it('N calls asked at once take exactly the least time the limit allows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 60 }), async (perMinute, count) => {
        const clock = new ManualClock();
        const limiter = new RateLimiter({ clock, perMinute });
        let last = Number.NaN;
        await clock.runUntilSettled(Promise.all(Array.from({ length: count }, () => limiter.acquire().then(() => (last = clock.now())))));
        assert.equal(last, estimateRunMs(count, perMinute));
      }),
      propertyParameters(),
    );
  });
});
