// One bulk run for the pace figures: the real client and the runner, paced by the real RateLimiter, against
// an in-process fake server that shares the limiter's clock (real or accelerated). Records what the pace
// figures judge: the run's duration against the limit's model, the server's 429s, the most calls any 60 s
// window at the server held (closed and half-open), and how much the send-to-arrival time varied.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONCURRENCY } from '../../src/core/bulk/options';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { Clock } from '../../src/core/pacing/clock';
import { RateLimiter, estimateRunMs } from '../../src/core/pacing/rateLimiter';
import { maxInAnyWindow } from '../../test/support/slidingWindows';
import { countStatus, withInProcessKore } from './inProcessKore';
import { clientDeleteOne } from './koreClient';

export interface PaceSetting {
  readonly ids: number;
  readonly perMinute: number;
  readonly clock: Clock;
  /** The fake server's latency in real milliseconds (it sleeps on a real timer). */
  readonly latencyMs: number;
  /** How much faster than real time `clock` runs: the latency in clock time is latencyMs × speed. */
  readonly speed: number;
  /** Wraps each request, e.g. QuietNetworkClock.track. */
  readonly track?: <T>(request: Promise<T>) => Promise<T>;
}

export interface PaceRun {
  readonly durationMs: number;
  /** The limit's least time for these ids plus one latency: (⌈N/L⌉ − 1) × (60 s + margin) + latency. */
  readonly minimumMs: number;
  /**
   * The least time with the runner's 4 workers: the limit's windows, then the last window's calls four at a
   * time, one latency each. Above minimumMs when a window's calls cannot all be sent within one latency.
   */
  readonly workersMinimumMs: number;
  readonly rejected429: number;
  readonly succeeded: number;
  readonly maxClosedWindow: number;
  readonly maxHalfOpenWindow: number;
  /** Spread (max − min) of send-to-arrival times, in clock milliseconds, over every DELETE of the run. */
  readonly jitterMs: number;
  /** The largest send-to-arrival time minus the median one: how late an arrival can be. */
  readonly lateMs: number;
}

export function paceRun(setting: PaceSetting): Promise<PaceRun> {
  const { clock } = setting;
  const options = { rateLimitPerMinute: setting.perMinute, latencyMs: setting.latencyMs, now: () => clock.now() };
  return withInProcessKore(options, setting.ids, async ({ server, endpoint, ids }) => {
    const deleteOne = clientDeleteOne(endpoint);
    const sentAt = new Map<string, number>();
    const report = await runBulkDeletion({
      ids,
      // The send time of each id's first DELETE, on the clock the server stamps arrivals with.
      deleteOne: (id, signal) => {
        if (!sentAt.has(id)) sentAt.set(id, clock.now());
        return setting.track ? setting.track(deleteOne(id, signal)) : deleteOne(id, signal);
      },
      limiter: new RateLimiter({ perMinute: setting.perMinute, clock }),
    });
    const deletes = server.requests.filter((request) => request.method === 'DELETE');
    const counted = deletes.filter((request) => request.status !== 429).map((request) => request.at);
    const firstArrival = new Map<string, number>();
    for (const request of deletes) {
      const id = decodeURIComponent(request.path.slice(request.path.lastIndexOf('/') + 1));
      if (!firstArrival.has(id)) firstArrival.set(id, request.at);
    }
    const delays = [...firstArrival].map(([id, at]) => at - (sentAt.get(id) ?? Number.NaN)).filter(Number.isFinite).sort((a, b) => a - b);
    const latency = setting.latencyMs * setting.speed;
    const windows = Math.ceil(setting.ids / setting.perMinute) - 1;
    const lastGroup = setting.ids - windows * setting.perMinute;
    return {
      durationMs: report.durationMs,
      minimumMs: estimateRunMs(setting.ids, setting.perMinute, { latencyMs: latency }),
      workersMinimumMs: estimateRunMs(setting.ids, setting.perMinute) + Math.ceil(lastGroup / DEFAULT_CONCURRENCY) * latency,
      rejected429: countStatus(server, 429),
      succeeded: report.succeeded.length,
      maxClosedWindow: maxInAnyWindow(counted, true),
      maxHalfOpenWindow: maxInAnyWindow(counted, false),
      jitterMs: delays[delays.length - 1] - delays[0],
      lateMs: delays[delays.length - 1] - delays[Math.floor(delays.length / 2)],
    };
  });
}

/** What the window figure reads: each pace figure's runs, written when it finishes. */
export interface WindowRecord {
  readonly figure: string;
  readonly perMinute: number;
  readonly writtenAt: string;
  readonly runs: ReadonlyArray<Pick<PaceRun, 'maxClosedWindow' | 'maxHalfOpenWindow' | 'jitterMs' | 'lateMs' | 'rejected429'>>;
}

/** Outside out/, which every build wipes: the records must survive from one figure's process to the next. */
export const WINDOWS_DIR = path.join(os.tmpdir(), 'kcl-bench', 'windows');

export function writeWindowRecord(record: WindowRecord): void {
  fs.mkdirSync(WINDOWS_DIR, { recursive: true });
  fs.writeFileSync(path.join(WINDOWS_DIR, `${record.figure}.json`), JSON.stringify(record));
}
