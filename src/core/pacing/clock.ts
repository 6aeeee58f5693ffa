// The time source of the rate limiter and the bulk runner, and the abort error its waits reject with. Time is
// injected so tests run pacing, backoff and Retry-After waits of minutes in virtual time (test/support/manualClock.ts).

/** `now()` is in milliseconds and only needs to be monotonic. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with an AbortedError as soon as `signal` aborts (at once if it already has). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What a wait rejects with when its AbortSignal fires. */
export class AbortedError extends Error {
  constructor(message = 'The operation was aborted.') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Real time. performance.now() rather than Date.now(): a wall-clock change must not stretch or skip a pause. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError());
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortedError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
