// Paces calls to Kore.ai so that a bulk run stays inside the account's rate limit (60 campaign calls per
// minute per account, documented) instead of discovering it through 429s. A token bucket whose capacity
// plus one minute of refill equals the per-minute budget: whatever the history, no 60-second window ever
// holds more than `perMinute` acquisitions. Time comes from an injectable clock so tests run in virtual time.
import { AbortedError, Clock, systemClock } from './clock';

/** The vendor's documented limit for campaign management APIs, per account. */
export const KORE_RATE_LIMIT_PER_MINUTE = 60;
/** Enough for the bulk runner's default four workers to start together; the rest of the minute is spread evenly. */
export const DEFAULT_BURST = 4;
const MINUTE_MS = 60_000;

export interface RateLimiterOptions {
  /** The budget per 60-second window. Default 60, Kore.ai's documented limit per account. */
  readonly perMinute?: number;
  /** How many acquisitions may go at once after a quiet spell; 1…perMinute. Default 4. */
  readonly burst?: number;
  readonly clock?: Clock;
}

export interface AcquireOptions {
  /**
   * Be served before every waiter that did not ask for this. A retry uses it: its id has waited longest,
   * and served last it could meet the limit again and again while fresh ids take the freed slots.
   */
  readonly jumpQueue?: boolean;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly signal?: AbortSignal;
  readonly onAbort: () => void;
  readonly jumpQueue: boolean;
}

/**
 * A token bucket of capacity `burst` refilled at `perMinute - burst` tokens a minute (at least one).
 * Why not capacity = refill = perMinute, the textbook setting: a full bucket plus a minute of refill would
 * allow twice the budget in the first minute, and the server counts a sliding minute. Waiters are served
 * first come, first served, so the order of ids is kept and none starves.
 */
export class RateLimiter {
  readonly perMinute: number;
  readonly burst: number;
  readonly clock: Clock;
  /** Tokens per millisecond. */
  private readonly rate: number;
  private tokens: number;
  private refilledAt: number;
  private pausedUntilTime = Number.NEGATIVE_INFINITY;
  private readonly waiters: Waiter[] = [];
  private pumping = false;
  private wakePump: AbortController | undefined;

  constructor(options: RateLimiterOptions = {}) {
    const perMinute = options.perMinute ?? KORE_RATE_LIMIT_PER_MINUTE;
    if (!Number.isFinite(perMinute) || perMinute < 1) throw new RangeError(`perMinute must be at least 1 (got ${perMinute})`);
    const burst = options.burst ?? DEFAULT_BURST;
    if (!Number.isFinite(burst) || burst < 1) throw new RangeError(`burst must be at least 1 (got ${burst})`);
    this.perMinute = perMinute;
    this.burst = Math.min(Math.floor(burst), Math.floor(perMinute));
    this.rate = Math.max(1, perMinute - this.burst) / MINUTE_MS;
    this.clock = options.clock ?? systemClock;
    this.tokens = this.burst;
    this.refilledAt = this.clock.now();
  }

  /** When acquisitions may resume after the latest pause (clock time); in the past when not paused. */
  get pausedUntil(): number {
    return this.pausedUntilTime;
  }

  /** How many callers are waiting for a token. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves when the caller may send one request. Rejects with an AbortedError when `signal` aborts first;
   * an aborted waiter consumes no token.
   */
  acquire(signal?: AbortSignal, options: AcquireOptions = {}): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        ...(signal ? { signal } : {}),
        jumpQueue: options.jumpQueue === true,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          // Nobody left to serve: let the pump stop instead of sleeping for nobody.
          if (this.waiters.length === 0) this.wakePump?.abort();
          reject(new AbortedError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      if (waiter.jumpQueue) {
        // Behind earlier queue-jumpers, so retries keep their own order.
        const firstOrdinary = this.waiters.findIndex((other) => !other.jumpQueue);
        this.waiters.splice(firstOrdinary < 0 ? this.waiters.length : firstOrdinary, 0, waiter);
      } else {
        this.waiters.push(waiter);
      }
      void this.pump();
    });
  }

  /**
   * No acquisition is granted before `time` (clock time). Used when the server answers 429: its Retry-After
   * says when the account has room again. The bucket is also emptied and refills from `time`: a 429 means
   * the server counted more calls than we did (another client shares the account), so tokens saved up
   * here are not real budget. Pauses only ever extend; a shorter one does not cut a longer one short.
   */
  pauseUntil(time: number): void {
    const now = this.clock.now();
    this.refill(now);
    this.pausedUntilTime = Math.max(this.pausedUntilTime, time);
    this.tokens = 0;
    this.refilledAt = Math.max(this.refilledAt, time, now);
  }

  /** The time until `count` more acquisitions could be granted, for an ETA; 0 when they could go now. */
  estimateWaitMs(count: number): number {
    if (count <= 0) return 0;
    const now = this.clock.now();
    const start = Math.max(now, this.pausedUntilTime, this.refilledAt);
    const tokensAtStart = Math.min(this.burst, this.tokens + (start - this.refilledAt) * this.rate);
    return Math.max(0, start - now) + Math.max(0, (count - tokensAtStart) / this.rate);
  }

  private refill(now: number): void {
    // refilledAt may lie in the future after a pause: nothing accrues before then.
    if (now <= this.refilledAt) return;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.rate);
    this.refilledAt = now;
  }

  /** Milliseconds until one token can be granted; whole milliseconds, so a wait always moves time on. */
  private waitMs(now: number): number {
    const paused = this.pausedUntilTime - now;
    if (paused > 0) return Math.ceil(paused);
    if (this.tokens >= 1) return 0;
    const start = Math.max(now, this.refilledAt);
    return Math.ceil(start - now + (1 - this.tokens) / this.rate);
  }

  /** One loop serves every waiter in turn, so grants are strictly ordered and sleeps never overlap. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        const now = this.clock.now();
        this.refill(now);
        const wait = this.waitMs(now);
        if (wait <= 0) {
          this.tokens -= 1;
          const waiter = this.waiters.shift();
          waiter?.signal?.removeEventListener('abort', waiter.onAbort);
          waiter?.resolve();
          continue;
        }
        const wake = new AbortController();
        this.wakePump = wake;
        try {
          await this.clock.sleep(wait, wake.signal);
        } catch (error) {
          if (!wake.signal.aborted) throw error;
        } finally {
          this.wakePump = undefined;
        }
      }
    } catch (error) {
      // A clock that fails is not recoverable here: fail every waiter rather than leave them hanging.
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of this.waiters.splice(0)) {
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.reject(failure);
      }
    } finally {
      this.pumping = false;
    }
  }
}
