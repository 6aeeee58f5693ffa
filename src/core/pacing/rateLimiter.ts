// Paces calls to Kore.ai so that the account's rate limit (60 campaign calls per minute per account,
// documented) is reached exactly and never tripped. A sliding log of grant times: a call may go once fewer
// than `perMinute` calls went in the last window. The same model gives every estimate the extension shows
// (estimateRunMs), so a promise of "about 4 min" is the limiter's own arithmetic. Time comes from an
// injectable clock so tests run in virtual time.
import { AbortedError, Clock, systemClock } from './clock';

/** The vendor's documented limit for campaign management APIs, per account. */
const KORE_RATE_LIMIT_PER_MINUTE = 60;
/** The window the server counts its calls in. */
const RATE_WINDOW_MS = 60_000;
/**
 * Added to the window between a grant and the grant `perMinute` after it. The server counts arrivals, not
 * sends: a call that reaches it late (a fresh connection, a stalled event loop, a retransmit) shortens its
 * gap to the call `perMinute` after it, and a closed window would then hold one call too many. Measured
 * against the fake server on loopback (bench/figures/bulkRate.ts reports it per run): the send-to-arrival
 * time varies by at most 16 ms on a quiet machine (p99 6 ms, over 1,200 DELETEs on fresh connections) and by
 * 60-70 ms when the machine is loaded. 250 ms covers that several times over, leaving room for a real path
 * to Kore.ai, and costs 0.4% of the pace; more would only slow every run down.
 */
export const ARRIVAL_MARGIN_MS = 250;

export interface RunEstimateOptions {
  /** Default ARRIVAL_MARGIN_MS. */
  readonly marginMs?: number;
  /** Default RATE_WINDOW_MS. */
  readonly windowMs?: number;
  /** The last answer's way back: added once. Default 0. */
  readonly latencyMs?: number;
}

/**
 * The least time `count` calls take at `perMinute`, from the first send to the last answer: `perMinute` go at
 * once, and each later group one window (plus margin) after the group before it: (⌈N/L⌉ − 1) × window.
 */
export function estimateRunMs(count: number, perMinute: number, options: RunEstimateOptions = {}): number {
  if (!(count > 0)) return 0;
  const windows = Math.ceil(count / budgetOf(perMinute)) - 1;
  return windows * ((options.windowMs ?? RATE_WINDOW_MS) + (options.marginMs ?? ARRIVAL_MARGIN_MS)) + (options.latencyMs ?? 0);
}

/** Whole calls per window: a fractional setting cannot send a fraction of a call. */
export function budgetOf(perMinute: number): number {
  if (!Number.isFinite(perMinute) || perMinute < 1) throw new RangeError(`perMinute must be at least 1 (got ${perMinute})`);
  return Math.floor(perMinute);
}

export interface RateLimiterOptions {
  /** The budget per 60-second window. Default 60, Kore.ai's documented limit per account. */
  readonly perMinute?: number;
  /** Default ARRIVAL_MARGIN_MS; 0 or more. */
  readonly marginMs?: number;
  /** Default RATE_WINDOW_MS: the window the server counts in (tests shorten both). */
  readonly windowMs?: number;
  readonly clock?: Clock;
  /**
   * Sends counted outside this limiter: other windows' calls to the same account (sendLedger.ts). Asked before
   * every grant, after this limiter's own rules allow it.
   */
  readonly shared?: SharedSends;
}

/** A count of an account's sends kept where every window sees it. */
export interface SharedSends {
  /**
   * Records a send now if fewer than `budget` were recorded in the last `spanMs`, and answers 0; otherwise
   * records nothing and answers the milliseconds until one of them leaves the span.
   */
  reserve(budget: number, spanMs: number): Promise<number>;
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
 * Why a sliding log and not a token bucket: a bucket either lets a burst plus a minute of refill exceed the
 * budget in some window, or, sized to prevent that, runs below the budget for good (the old one did 56/min
 * out of 60). The log knows exactly when each of the last `perMinute` calls went, so the next call goes the
 * moment the oldest of them leaves the window, and not before. Waiters are served first come, first served
 * (retries first, see AcquireOptions), so the order of ids is kept and none starves.
 */
export class RateLimiter {
  private budget: number;
  readonly clock: Clock;
  readonly windowMs: number;
  private readonly shared: SharedSends | undefined;
  /** The window plus the margin: the least time between a grant and the grant `perMinute` after it. */
  readonly spanMs: number;
  /** Grant times within the last span, oldest first, from `head` on (a queue without shift's O(n)). */
  private log: number[] = [];
  private head = 0;
  private pausedUntilTime = Number.NEGATIVE_INFINITY;
  /** After a 429: grants resume at `rampStart` one every span / perMinute, for one window. See pauseUntil. */
  private rampStart = Number.NEGATIVE_INFINITY;
  private rampGranted = 0;
  private readonly waiters: Waiter[] = [];
  private pumping = false;
  private wakePump: AbortController | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.budget = budgetOf(options.perMinute ?? KORE_RATE_LIMIT_PER_MINUTE);
    const margin = options.marginMs ?? ARRIVAL_MARGIN_MS;
    if (!Number.isFinite(margin) || margin < 0) throw new RangeError(`marginMs must be 0 or more (got ${margin})`);
    this.windowMs = options.windowMs ?? RATE_WINDOW_MS;
    if (!(this.windowMs > 0)) throw new RangeError(`windowMs must be more than 0 (got ${this.windowMs})`);
    this.spanMs = this.windowMs + margin;
    this.clock = options.clock ?? systemClock;
    this.shared = options.shared;
  }

  /** The budget per window, whole calls. */
  get perMinute(): number {
    return this.budget;
  }

  /**
   * A changed setting, in place: everyone waiting on this limiter and every call it granted count against the new
   * budget at once. A second limiter beside this one would split the account's budget and send up to twice it.
   */
  setPerMinute(perMinute: number): void {
    this.budget = budgetOf(perMinute);
  }

  /** When acquisitions may resume after the latest pause (clock time); in the past when not paused. */
  get pausedUntil(): number {
    return this.pausedUntilTime;
  }

  /** How many callers are waiting for their turn. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves when the caller may send one request. Rejects with an AbortedError when `signal` aborts first;
   * an aborted waiter takes no slot.
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
   * says when the account has room again. A 429 means the server counted calls we did not send (another
   * client shares the account), and Retry-After tells when the first slot frees, not how many: sending
   * `perMinute` at once then would meet a 429 for nearly all of them. So for one window after `time` grants
   * are spread evenly, the pace of a server window full of evenly spaced calls. Pauses only ever extend.
   */
  pauseUntil(time: number): void {
    if (time <= this.pausedUntilTime) return;
    this.pausedUntilTime = time;
    this.rampStart = time;
    this.rampGranted = 0;
  }

  /** The time until `count` more acquisitions could all be granted, for an ETA; 0 when they could go now. */
  estimateWaitMs(count: number): number {
    if (!(count > 0)) return 0;
    const now = this.clock.now();
    this.prune(now);
    // The calls fall in groups of perMinute: the first of each group waits for the same slot a window later.
    const offset = (Math.ceil(count) - 1) % this.perMinute;
    const first = this.earliestGrant(offset, now);
    return first - now + estimateRunMs(Math.ceil(count) - offset, this.perMinute, { marginMs: this.spanMs - this.windowMs, windowMs: this.windowMs });
  }

  /**
   * The earliest time the grant `index` places from now (0-based, index < perMinute) could go: after any
   * pause, after the ramp that follows a 429, and one span after the grant `perMinute` before it.
   */
  private earliestGrant(index: number, now: number): number {
    let at = Math.max(now, this.pausedUntilTime);
    const rampIndex = this.rampGranted + index;
    if (rampIndex < this.perMinute) at = Math.max(at, this.rampStart + (rampIndex * this.spanMs) / this.perMinute);
    const logged = this.log.length - this.head;
    const previous = logged - this.perMinute + index;
    if (previous >= 0) at = Math.max(at, this.log[this.head + previous] + this.spanMs);
    return at;
  }

  /** Forgets grants that left the span: they no longer hold back anything. */
  private prune(now: number): void {
    while (this.head < this.log.length && this.log[this.head] <= now - this.spanMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.log.length) {
      this.log = this.log.slice(this.head);
      this.head = 0;
    }
  }

  private grant(now: number): void {
    this.log.push(now);
    if (this.rampGranted < this.perMinute) this.rampGranted++;
    const waiter = this.waiters.shift();
    waiter?.signal?.removeEventListener('abort', waiter.onAbort);
    waiter?.resolve();
  }

  /**
   * After the shared count was asked (a wait on a file): a 429's pause may have come meanwhile, or every waiter
   * gone. The slot then goes unused; counted by the other windows, it only makes them more careful.
   */
  private grantIfStillDue(): void {
    const now = this.clock.now();
    this.prune(now);
    if (this.waiters.length > 0 && this.earliestGrant(0, now) <= now) this.grant(now);
  }

  /** One loop serves every waiter in turn, so grants are strictly ordered and sleeps never overlap. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        const now = this.clock.now();
        this.prune(now);
        // Whole milliseconds, so a wait always moves time on.
        let wait = Math.ceil(this.earliestGrant(0, now) - now);
        if (wait <= 0 && !this.shared) {
          this.grant(now);
          continue;
        }
        if (wait <= 0 && this.shared) {
          wait = Math.ceil(await this.shared.reserve(this.perMinute, this.spanMs));
          if (wait <= 0) {
            this.grantIfStillDue();
            continue;
          }
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
