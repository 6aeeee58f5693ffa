// How a server that counts calls per sliding window sees a sequence of arrivals: the most calls any one
// window holds. Both ways a server may count: closed windows [t, t + 60 s] (the stricter: calls exactly a
// minute apart fall in one window) and half-open ones (t − 60 s, t] (the fake Kore server's `at > now − 60_000`).
const WINDOW_MS = 60_000;

/** The most arrivals in any window of `windowMs`, closed at both ends or half-open, over every start time. */
export function maxInAnyWindow(arrivals: readonly number[], closed: boolean, windowMs = WINDOW_MS): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  // Some window holding the most calls starts (closed) or ends (half-open) at a call; sweep each call as
  // the window's last one and drop those before its start.
  for (let end = 0; end < sorted.length; end++) {
    while (closed ? sorted[start] < sorted[end] - windowMs : sorted[start] <= sorted[end] - windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

/**
 * A server's rate limit, counted at arrival: refuses (false) a call when the window ending at it, closed or
 * half-open, already holds `perMinute` accepted calls. Refused calls are not counted, as on the fake server.
 */
export class WindowedServerModel {
  readonly accepted: number[] = [];
  rejected = 0;

  constructor(
    private readonly perMinute: number,
    private readonly closed: boolean,
  ) {}

  arrive(at: number): boolean {
    const inWindow = this.accepted.filter((earlier) => (this.closed ? earlier >= at - WINDOW_MS : earlier > at - WINDOW_MS)).length;
    if (inWindow >= this.perMinute) {
      this.rejected++;
      return false;
    }
    this.accepted.push(at);
    return true;
  }
}
