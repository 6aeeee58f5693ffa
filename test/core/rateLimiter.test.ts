// The limiter in virtual time: minutes of pacing checked exactly, with no real timer involved. The limit is
// reached exactly (the least time the server allows) and never exceeded, in any window a server may count.
import * as assert from 'node:assert/strict';
import { AbortedError, isAbortError } from '../../src/core/pacing/clock';
import { ARRIVAL_MARGIN_MS, RateLimiter, estimateRunMs } from '../../src/core/pacing/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { maxInAnyWindow } from '../support/slidingWindows';

const MINUTE = 60_000;
const SPAN = MINUTE + ARRIVAL_MARGIN_MS;

/** Acquires `count` grants one after another, returning the virtual time of each grant. */
async function acquireInSequence(limiter: RateLimiter, clock: ManualClock, count: number): Promise<number[]> {
  const times: number[] = [];
  await clock.runUntilSettled(
    (async () => {
      for (let i = 0; i < count; i++) {
        await limiter.acquire();
        times.push(clock.now());
      }
    })(),
  );
  return times;
}

/** `count` callers ask at once; the time of each grant, in grant order. */
async function acquireTogether(limiter: RateLimiter, clock: ManualClock, count: number): Promise<number[]> {
  const times: number[] = [];
  await clock.runUntilSettled(Promise.all(Array.from({ length: count }, () => limiter.acquire().then(() => times.push(clock.now())))));
  return times;
}

/** Every window a server may count: what the limiter grants, shifted by up to `jitter`, never exceeds the budget. */
function assertWithinBudget(times: readonly number[], perMinute: number, what: string): void {
  assert.ok(maxInAnyWindow(times, true) <= perMinute, `${what}: ${maxInAnyWindow(times, true)} in a closed minute`);
  assert.ok(maxInAnyWindow(times, false) <= perMinute, `${what}: ${maxInAnyWindow(times, false)} in a half-open minute`);
}

describe('RateLimiter (sliding log)', () => {
  for (const perMinute of [1, 2, 4, 5, 60, 600]) {
    it(`at ${perMinute}/min: never more than ${perMinute} in any minute, closed or half-open, and no slower than the limit`, async () => {
      const count = 3 * perMinute + 1;
      for (const [how, acquire] of [['in sequence', acquireInSequence], ['all at once', acquireTogether]] as const) {
        const clock = new ManualClock();
        const times = await acquire(new RateLimiter({ perMinute, clock }), clock, count);
        assertWithinBudget(times, perMinute, `${perMinute}/min ${how}`);
        // The least time the server allows: the first `perMinute` at once, each later group one window on.
        assert.equal(times[times.length - 1], estimateRunMs(count, perMinute), `${perMinute}/min ${how}`);
        assert.equal(times[times.length - 1], 3 * SPAN);
        // And every single grant as early as allowed: grant i goes when grant i − perMinute leaves the window.
        times.forEach((at, i) => assert.equal(at, Math.floor(i / perMinute) * SPAN, `grant ${i} at ${perMinute}/min ${how}`));
      }
    });
  }

  it('lets a call go the moment the oldest of the last perMinute calls leaves the window, not before', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 3 });
    const times: number[] = [];
    for (const gap of [0, 10_000, 25_000]) {
      await clock.advance(gap);
      await limiter.acquire();
      times.push(clock.now());
    }
    assert.deepEqual(times, [0, 10_000, 35_000]);
    assert.deepEqual(await acquireTogether(limiter, clock, 4), [SPAN, 10_000 + SPAN, 35_000 + SPAN, 2 * SPAN]);
  });

  it('grants a whole budget again after a quiet window, and never more', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 5 });
    await acquireTogether(limiter, clock, 5);
    await clock.advance(10 * MINUTE);
    const start = clock.now();
    assert.deepEqual(await acquireTogether(limiter, clock, 6), [start, start, start, start, start, start + SPAN]);
  });

  it('serves concurrent waiters first come, first served', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 2 });
    const order: number[] = [];
    await clock.runUntilSettled(Promise.all(Array.from({ length: 6 }, (_, i) => limiter.acquire().then(() => order.push(i)))));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.equal(clock.now(), 2 * SPAN);
  });

  it('serves queue-jumpers (retries) before the others, among themselves in order', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 1 });
    await limiter.acquire();
    const order: string[] = [];
    const all = [
      limiter.acquire().then(() => order.push('first')),
      limiter.acquire().then(() => order.push('second')),
      limiter.acquire(undefined, { jumpQueue: true }).then(() => order.push('retry 1')),
      limiter.acquire(undefined, { jumpQueue: true }).then(() => order.push('retry 2')),
      limiter.acquire().then(() => order.push('third')),
    ];
    assert.equal(limiter.waiting, 5);
    await clock.runUntilSettled(Promise.all(all));
    assert.deepEqual(order, ['retry 1', 'retry 2', 'first', 'second', 'third']);
    assert.equal(clock.now(), 5 * SPAN);
  });

  it('rejects a waiter whose signal aborts, at once, without taking its slot', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    let nextAt: number | undefined;
    void next.then(() => (nextAt = clock.now()));
    await clock.advance(300);
    controller.abort();
    await assert.rejects(aborted, (error: unknown) => isAbortError(error) && error instanceof AbortedError);
    assert.equal(clock.now(), 300, 'no virtual time passed');
    assert.equal(limiter.waiting, 1);
    await clock.runUntilSettled(next);
    // The next waiter gets the slot the aborted one would have had, not one a window later.
    assert.equal(nextAt, SPAN);
  });

  it('rejects at once when the signal has already aborted, and stops its timer when nobody waits', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 1 });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(limiter.acquire(controller.signal), isAbortError);
    assert.equal(limiter.waiting, 0);
    await limiter.acquire();
    const late = new AbortController();
    const waiting = limiter.acquire(late.signal);
    await clock.advance(10);
    assert.equal(clock.pendingSleeps, 1, 'the limiter sleeps until the next slot');
    late.abort();
    await assert.rejects(waiting, isAbortError);
    await clock.advance(0);
    assert.equal(clock.pendingSleeps, 0, 'and stops sleeping once nobody waits');
  });

  it('after a 429, pauses everyone until Retry-After, then spreads one window of calls evenly', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 4 });
    limiter.pauseUntil(5_000);
    assert.equal(limiter.pausedUntil, 5_000);
    const times = await acquireTogether(limiter, clock, 9);
    // Retry-After says when the first slot frees, not how many: one every SPAN / 4 from then on, and the
    // grants after the ramp follow the window of the ramp's own grants.
    const step = SPAN / 4;
    const ramp = [0, 1, 2, 3].map((i) => Math.ceil(5_000 + i * step));
    assert.deepEqual(times, [...ramp, ...ramp.map((at) => at + SPAN), ramp[0] + 2 * SPAN]);
    assertWithinBudget(times, 4, 'after a pause');
  });

  it('extends the wait of a waiter already sleeping, and never shortens a pause', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 60 });
    limiter.pauseUntil(1_000);
    let grantedAt: number | undefined;
    const waiting = limiter.acquire().then(() => (grantedAt = clock.now()));
    await clock.advance(500);
    limiter.pauseUntil(30_000);
    limiter.pauseUntil(10_000);
    assert.equal(limiter.pausedUntil, 30_000);
    await clock.runUntilSettled(waiting);
    assert.equal(grantedAt, 30_000);
  });

  it('estimates exactly the wait the limiter then imposes: fresh, part used, and paused', async () => {
    for (const perMinute of [1, 3, 60]) {
      for (const [used, pause] of [[0, 0], [1, 0], [perMinute + 1, 0], [2, 7_000], [0, 90_000]]) {
        for (const count of [1, perMinute, perMinute + 1, 2 * perMinute + 3]) {
          const clock = new ManualClock();
          const limiter = new RateLimiter({ clock, perMinute });
          await acquireInSequence(limiter, clock, used);
          await clock.advance(1_234);
          if (pause > 0) limiter.pauseUntil(clock.now() + pause);
          const start = clock.now();
          const estimate = limiter.estimateWaitMs(count);
          const times = await acquireTogether(limiter, clock, count);
          // Within the rounding of each wait to a whole millisecond.
          const actual = times[times.length - 1] - start;
          assert.ok(actual >= estimate && actual - estimate < 1, `${perMinute}/min, ${used} used, pause ${pause}, ${count}: ${estimate} vs ${actual}`);
        }
      }
    }
  });

  it('models a run as (⌈N/L⌉ − 1) windows plus the margin, plus one latency', () => {
    assert.equal(estimateRunMs(0, 60), 0);
    assert.equal(estimateRunMs(60, 60), 0);
    assert.equal(estimateRunMs(61, 60), SPAN);
    assert.equal(estimateRunMs(300, 60), 4 * SPAN);
    assert.equal(estimateRunMs(300, 60, { marginMs: 0, latencyMs: 30 }), 240_030);
    // The example: 16 ids at 5/min take three windows, not the 720 s the token bucket took.
    assert.equal(estimateRunMs(16, 5), 3 * SPAN);
    assert.equal(estimateRunMs(16, 5.9), 3 * SPAN, 'a fractional budget sends whole calls');
  });

  it('refuses a budget below one or a negative margin', () => {
    assert.throws(() => new RateLimiter({ perMinute: 0 }), RangeError);
    assert.throws(() => new RateLimiter({ perMinute: Number.NaN }), RangeError);
    assert.throws(() => new RateLimiter({ marginMs: -1 }), RangeError);
    assert.throws(() => estimateRunMs(5, 0), RangeError);
    assert.equal(new RateLimiter({ perMinute: 5.5 }).perMinute, 5);
  });
});
