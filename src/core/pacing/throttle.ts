// At most one run per interval, leading and trailing: the first request runs at once (a change shows promptly),
// requests within the interval after a run are gathered into one run at its end (the last change still shows).
// Made for refreshes caused by other windows: reloading the Environments tree costs Kore.ai list calls, counted
// against the account's rate limit that every window shares, so another window's bulk run (an audit append a
// second) must not make this window list every expanded environment every second. Time is injected (Clock) so
// tests move it by hand.
import { Clock, isAbortError } from './clock';

export class Throttle {
  /** When the action last ran; -Infinity until it has. */
  private lastRun = Number.NEGATIVE_INFINITY;
  private waiting: AbortController | undefined;
  private disposed = false;

  constructor(
    private readonly action: () => void,
    readonly intervalMs: number,
    private readonly clock: Clock,
    /** Told when the action throws, which it would otherwise do with nobody to catch it. */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Whether a run is waiting for the interval to end. */
  get pending(): boolean {
    return this.waiting !== undefined;
  }

  /** Runs the action now if the interval since the last run is over, else once at its end. */
  request(): void {
    if (this.disposed || this.waiting) return;
    const wait = this.lastRun + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    const waiting = new AbortController();
    this.waiting = waiting;
    this.clock.sleep(wait, waiting.signal).then(
      () => {
        this.waiting = undefined;
        if (!this.disposed) this.run();
      },
      (error: unknown) => {
        if (!isAbortError(error)) this.onError(error);
      },
    );
  }

  dispose(): void {
    this.disposed = true;
    this.waiting?.abort();
    this.waiting = undefined;
  }

  private run(): void {
    this.lastRun = this.clock.now();
    try {
      this.action();
    } catch (error) {
      this.onError(error);
    }
  }
}
