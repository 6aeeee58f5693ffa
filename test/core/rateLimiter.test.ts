// The limiter in virtual time: minutes of pacing checked exactly, with no real timer involved.
import * as assert from 'node:assert/strict';
import { AbortedError, isAbortError } from '../../src/core/clock';
import { RateLimiter } from '../../src/core/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { seededRandom } from '../support/seededRandom';

const MINUTE = 60_000;

/** Acquires `count` tokens one after another, returning the virtual time of each grant. */
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

/**
 * The most grants in any sliding minute, counted the way the fake Kore server (and, as documented, Kore.ai)
 * counts: at each grant, the grants within the 60 s before it, that one included, an exact minute ago excluded.
 */
function maxPerSlidingMinute(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start] <= sorted[end] - MINUTE) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe('RateLimiter', () => {
  it('grants the burst at once, then one token every 60 s / (perMinute - burst)', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    assert.equal(limiter.perMinute, 60);
    assert.equal(limiter.burst, 4);
    const times = await acquireInSequence(limiter, clock, 8);
    assert.deepEqual(times.slice(0, 4), [0, 0, 0, 0]);
    const interval = MINUTE / 56;
    for (let k = 1; k <= 4; k++) {
      // Whole-millisecond waits: at most a millisecond late, never early.
      assert.ok(times[3 + k] >= k * interval && times[3 + k] < k * interval + 1, `grant ${3 + k} at ${times[3 + k]}`);
    }
  });

  it('never grants more than perMinute in any sliding minute, whatever the settings and the pattern', async () => {
    for (const [perMinute, burst] of [[60, 4], [60, 1], [60, 60], [60, 20], [10, 3], [7, 7], [1, 1], [600, 50]]) {
      // One after another, as fast as allowed.
      const clock = new ManualClock();
      const times = await acquireInSequence(new RateLimiter({ perMinute, burst, clock }), clock, 3 * perMinute + 5);
      assert.ok(maxPerSlidingMinute(times) <= perMinute, `${perMinute}/min burst ${burst} in sequence: ${maxPerSlidingMinute(times)}`);
      // Everybody at once, concurrently.
      const crowdClock = new ManualClock();
      const crowd = new RateLimiter({ perMinute, burst, clock: crowdClock });
      const crowdTimes: number[] = [];
      await crowdClock.runUntilSettled(Promise.all(Array.from({ length: 2 * perMinute + 3 }, () => crowd.acquire().then(() => crowdTimes.push(crowdClock.now())))));
      assert.ok(maxPerSlidingMinute(crowdTimes) <= perMinute, `${perMinute}/min burst ${burst} concurrently: ${maxPerSlidingMinute(crowdTimes)}`);
      // Bursts separated by quiet spells of random length, and a 429 pause now and then.
      const random = seededRandom(perMinute * 1000 + burst);
      const gapClock = new ManualClock();
      const gappy = new RateLimiter({ perMinute, burst, clock: gapClock });
      const gapTimes: number[] = [];
      await gapClock.runUntilSettled(
        (async () => {
          for (let round = 0; round < 12; round++) {
            await gapClock.sleep(random() * 2 * MINUTE);
            if (random() < 0.3) gappy.pauseUntil(gapClock.now() + random() * 10_000);
            const count = 1 + Math.floor(random() * perMinute);
            await Promise.all(Array.from({ length: count }, () => gappy.acquire().then(() => gapTimes.push(gapClock.now()))));
          }
        })(),
      );
      assert.ok(maxPerSlidingMinute(gapTimes) <= perMinute, `${perMinute}/min burst ${burst} with gaps: ${maxPerSlidingMinute(gapTimes)}`);
    }
  });

  it('keeps close to the budget over a long run', async () => {
    const clock = new ManualClock();
    const times = await acquireInSequence(new RateLimiter({ clock }), clock, 4 + 560);
    // 560 grants after the burst at 56 a minute: ten minutes, give or take the rounding to whole milliseconds.
    assert.ok(times[times.length - 1] >= 10 * MINUTE && times[times.length - 1] < 10 * MINUTE + 560);
  });

  it('refills only up to the burst during a quiet spell', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    await acquireInSequence(limiter, clock, 5);
    await clock.advance(10 * MINUTE);
    const start = clock.now();
    const times = await acquireInSequence(limiter, clock, 5);
    assert.deepEqual(times.slice(0, 4), [start, start, start, start]);
    assert.ok(times[4] >= start + MINUTE / 56 && times[4] < start + MINUTE / 56 + 1);
  });

  it('serves concurrent waiters first come, first served', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 10, burst: 2 });
    const order: number[] = [];
    await clock.runUntilSettled(Promise.all(Array.from({ length: 6 }, (_, i) => limiter.acquire().then(() => order.push(i)))));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    // Two at once, then one every 60 s / 8 = 7.5 s.
    assert.equal(clock.now(), 30_000);
  });

  it('serves queue-jumpers (retries) before the others, among themselves in order', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 10, burst: 1 });
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
  });

  it('rejects a waiter whose signal aborts, at once, without using a token', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, perMinute: 60, burst: 1 });
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
    // The next waiter gets the token the aborted one would have had: 60 s / 59 after the first grant.
    assert.ok(nextAt !== undefined && nextAt >= MINUTE / 59 && nextAt < MINUTE / 59 + 1);
  });

  it('rejects at once when the signal has already aborted, and stops its timer when nobody waits', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, burst: 1 });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(limiter.acquire(controller.signal), isAbortError);
    assert.equal(limiter.waiting, 0);
    await limiter.acquire();
    const late = new AbortController();
    const waiting = limiter.acquire(late.signal);
    await clock.advance(10);
    assert.equal(clock.pendingSleeps, 1, 'the limiter sleeps until the next token');
    late.abort();
    await assert.rejects(waiting, isAbortError);
    await clock.advance(0);
    assert.equal(clock.pendingSleeps, 0, 'and stops sleeping once nobody waits');
  });

  it('pauses every acquisition until the given time, and empties the bucket', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    limiter.pauseUntil(5_000);
    assert.equal(limiter.pausedUntil, 5_000);
    const times: number[] = [];
    await clock.runUntilSettled(Promise.all([limiter.acquire(), limiter.acquire()].map((p) => p.then(() => times.push(clock.now())))));
    // The four saved tokens are gone: the first grant waits for one refill after the pause, the next for another.
    const interval = MINUTE / 56;
    assert.ok(times[0] >= 5_000 + interval && times[0] < 5_000 + interval + 1, String(times[0]));
    assert.ok(times[1] >= 5_000 + 2 * interval && times[1] < 5_000 + 2 * interval + 1, String(times[1]));
  });

  it('extends the wait of a waiter already sleeping, and never shortens a pause', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock, burst: 1 });
    await limiter.acquire();
    let grantedAt: number | undefined;
    const waiting = limiter.acquire().then(() => (grantedAt = clock.now()));
    await clock.advance(500);
    limiter.pauseUntil(30_000);
    limiter.pauseUntil(10_000);
    assert.equal(limiter.pausedUntil, 30_000);
    await clock.runUntilSettled(waiting);
    assert.ok(grantedAt !== undefined && grantedAt >= 30_000 + MINUTE / 59 && grantedAt < 30_000 + MINUTE / 59 + 1, String(grantedAt));
  });

  it('estimates the wait for a number of acquisitions, pauses included', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ clock });
    assert.equal(limiter.estimateWaitMs(0), 0);
    assert.equal(limiter.estimateWaitMs(4), 0);
    assert.ok(Math.abs(limiter.estimateWaitMs(5) - MINUTE / 56) < 1e-6);
    assert.ok(Math.abs(limiter.estimateWaitMs(60) - (56 * MINUTE) / 56) < 1e-6);
    limiter.pauseUntil(5_000);
    assert.ok(Math.abs(limiter.estimateWaitMs(1) - (5_000 + MINUTE / 56)) < 1e-6);
    await clock.advance(5_000);
    assert.ok(Math.abs(limiter.estimateWaitMs(1) - MINUTE / 56) < 1e-6);
  });

  it('refuses a budget or burst below one, and caps the burst at the budget', () => {
    assert.throws(() => new RateLimiter({ perMinute: 0 }), RangeError);
    assert.throws(() => new RateLimiter({ perMinute: Number.NaN }), RangeError);
    assert.throws(() => new RateLimiter({ burst: 0 }), RangeError);
    assert.equal(new RateLimiter({ perMinute: 5, burst: 50 }).burst, 5);
  });
});
