// One memory run of figure 6, in a fresh process started with --expose-gc: 10,000 ids through the bulk
// runner and the real client against a fake server in a child process (so the requests it records are not
// in this heap). RSS is sampled every 50 ms; the growth is the peak minus the RSS just before the run.
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { RateLimiter } from '../../src/core/rateLimiter';
import { startFakeServerProcess } from '../lib/fakeServerProcess';
import { runAsScript } from '../lib/figure';
import { clientDeleteOne } from '../lib/koreClient';
import { MemoryRun } from '../lib/memoryProtocol';

const IDS = 10_000;
const SAMPLE_EVERY_MS = 50;
/** Far beyond what 10,000 requests can reach: the limiter must not be what paces this run. */
const UNLIMITED_PER_MINUTE = 1e9;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc: the baseline must be taken after a full collection');
  gc();
  gc();
}

async function main(): Promise<MemoryRun> {
  const server = await startFakeServerProcess({ lists: IDS, rateLimitPerMinute: UNLIMITED_PER_MINUTE, latencyMs: 0 });
  try {
    const ids = [...server.descriptor.ids];
    const deleteOne = clientDeleteOne(server.descriptor);
    const limiter = new RateLimiter({ perMinute: UNLIMITED_PER_MINUTE });
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeapUsed = baseline.heapUsed;
    let samples = 0;
    const sample = () => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
      samples++;
    };
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const started = performance.now();
    let report: Awaited<ReturnType<typeof runBulkDeletion>>;
    try {
      report = await runBulkDeletion({ ids, deleteOne, limiter });
    } finally {
      clearInterval(sampler);
    }
    const durationMs = performance.now() - started;
    // The report itself is part of what a run holds at its end.
    sample();
    return {
      baselineRss: baseline.rss,
      peakRss,
      baselineHeapUsed: baseline.heapUsed,
      peakHeapUsed,
      samples,
      durationMs,
      ids: ids.length,
      succeeded: report.succeeded.length,
    };
  } finally {
    await server.stop();
  }
}

runAsScript(main);
