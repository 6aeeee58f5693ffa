// A virtual clock for tests and figures that pair the real client and a real (loopback) fake server with minutes of
// rate limiting: time stands still while any tracked request is in flight, and jumps to the next sleeper's
// wake-up once the network is quiet. So a request arrives at the virtual instant it was sent (no jitter), and
// four minutes of pacing take a second. What this isolates: whether the limiter, the runner and the server's
// own window arithmetic agree at a window's edge; jitter is the real-time figure's subject.
import { AbortedError, Clock } from '../../src/core/pacing/clock';

interface Sleeper {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export class QuietNetworkClock implements Clock {
  private current = 0;
  private sequence = 0;
  private inFlight = 0;
  private scheduled = false;
  private readonly sleepers: Sleeper[] = [];

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.sleepers.indexOf(sleeper);
        if (index >= 0) this.sleepers.splice(index, 1);
        reject(new AbortedError());
      };
      const sleeper: Sleeper = {
        at: this.current + ms,
        seq: this.sequence++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.schedule();
    });
  }

  /** Holds time still until `request` settles. */
  track<T>(request: Promise<T>): Promise<T> {
    this.inFlight++;
    return request.finally(() => {
      this.inFlight--;
      this.schedule();
    });
  }

  /**
   * Two macrotask turns before moving time: whatever an answer sets off (the worker's next acquire, the
   * next request) is queued by then, so "quiet" means quiet and not between two steps of one worker.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() =>
      setImmediate(() => {
        this.scheduled = false;
        this.wakeNext();
      }),
    );
  }

  private wakeNext(): void {
    if (this.inFlight > 0 || this.sleepers.length === 0) return;
    const next = this.sleepers.reduce((best, sleeper) => (sleeper.at < best.at || (sleeper.at === best.at && sleeper.seq < best.seq) ? sleeper : best));
    this.sleepers.splice(this.sleepers.indexOf(next), 1);
    this.current = Math.max(this.current, next.at);
    next.resolve();
    this.schedule();
  }
}
