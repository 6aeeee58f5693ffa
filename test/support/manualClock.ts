// A clock that moves only when told, for tests: pacing, backoff and timeouts of minutes run in microseconds,
// deterministically. A test double, so it lives with the tests and not in the shipped bundle.
import { AbortedError, Clock } from '../../src/core/pacing/clock';

const MINUTE_MS = 60_000;

/**
 * A clock that moves only when told: tests drive pacing, backoff and timeouts of minutes in microseconds,
 * deterministically. Sleepers wake in time order (ties in the order they slept), and each woken task runs
 * until it waits again before the next one wakes.
 */
export class ManualClock implements Clock {
  private current: number;
  private sequence = 0;
  private readonly timers: Array<{ at: number; seq: number; resolve: () => void }> = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** How many sleeps are pending. */
  get pendingSleeps(): number {
    return this.timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = {
        at: this.current + ms,
        seq: this.sequence++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      await settleMicrotasks();
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.wake(next);
    }
    this.current = target;
    await settleMicrotasks();
  }

  /**
   * Runs virtual time until `promise` settles, jumping from one wake-up to the next. Throws when nothing
   * is left to wake and the promise is still pending (a deadlock), or past `limitMs` of virtual time.
   */
  async runUntilSettled<T>(promise: Promise<T>, limitMs = 24 * 60 * MINUTE_MS): Promise<T> {
    let settled = false;
    const observed = promise.then(
      (value) => {
        settled = true;
        return value;
      },
      (error: unknown) => {
        settled = true;
        throw error;
      },
    );
    const deadline = this.current + limitMs;
    for (;;) {
      await settleMicrotasks();
      if (settled) return observed;
      const next = this.earliest();
      if (!next) throw new Error(`ManualClock: nothing is scheduled at ${this.current} ms and the promise is still pending`);
      if (next.at > deadline) throw new Error(`ManualClock: still pending after ${limitMs} ms of virtual time`);
      this.wake(next);
    }
  }

  private earliest(): { at: number; seq: number; resolve: () => void } | undefined {
    let best: { at: number; seq: number; resolve: () => void } | undefined;
    for (const timer of this.timers) {
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }

  private wake(timer: { at: number; seq: number; resolve: () => void }): void {
    this.timers.splice(this.timers.indexOf(timer), 1);
    this.current = Math.max(this.current, timer.at);
    timer.resolve();
  }
}

/** Lets every queued promise reaction run (twice over, for reactions that queue a macrotask's worth more). */
async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
