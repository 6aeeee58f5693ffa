// A clock that runs `factor` times faster than real time, shared by the fake server (its sliding minute)
// and the rate limiter (its pacing, backoff and Retry-After pauses): minutes of rate-limit behaviour pass
// in seconds, while sockets, latency and the event loop stay real. The same trick as the real-server tests
// in test/core/bulkRunner.fakeKore.test.ts.
import { Clock, systemClock } from '../../src/core/pacing/clock';

export function acceleratedClock(factor: number): Clock {
  const origin = performance.now();
  return {
    now: () => (performance.now() - origin) * factor,
    sleep: (ms, signal) => systemClock.sleep(ms / factor, signal),
  };
}
