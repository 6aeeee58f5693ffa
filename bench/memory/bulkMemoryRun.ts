// One memory run of figures 6 and 7, in a fresh process started with --expose-gc: 10,000 ids through the bulk
// runner and the real client against a fake server in a child process (so the requests it records are not
// in this heap), progress saved as the extension saves it: each id's `started` line appended and flushed to the
// run's journal before its DELETE, its outcome line after. RSS is sampled every 50 ms; the growth is the peak
// minus the RSS just before the run. The journal's size is the bytes written for the progress.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RunJournalStore } from '../../src/core/bulk/journalStore';
import { createBulkRunState } from '../../src/core/bulk/runState';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
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

/** Bytes the kernel counted as written to storage by this process so far; undefined without /proc. */
function storageWriteBytes(): number | undefined {
  try {
    const match = /^write_bytes:\s*(\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<MemoryRun> {
  const server = await startFakeServerProcess({ lists: IDS, rateLimitPerMinute: UNLIMITED_PER_MINUTE, latencyMs: 0 });
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'kcl-bench-journal-'));
  try {
    const ids = [...server.descriptor.ids];
    const deleteOne = clientDeleteOne(server.descriptor);
    const limiter = new RateLimiter({ perMinute: UNLIMITED_PER_MINUTE });
    const state = createBulkRunState({ runId: 'bench', environmentId: 'bench', ids });
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const baseline = process.memoryUsage();
    const writtenBefore = storageWriteBytes();
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
    const journal = await new RunJournalStore(storage, 'bench', Date.now).open(state);
    let flushes = 0;
    let failure: Error | undefined;
    let report: Awaited<ReturnType<typeof runBulkDeletion>>;
    try {
      report = await runBulkDeletion({
        ids,
        deleteOne,
        limiter,
        onStarting: (id) => {
          flushes++;
          return journal.started(id);
        },
        onSettled: (id, outcome) => {
          journal.outcome(id, outcome).catch((error: unknown) => (failure ??= error instanceof Error ? error : new Error(String(error))));
        },
      });
      await journal.close();
      if (failure !== undefined) throw failure;
    } finally {
      clearInterval(sampler);
    }
    const durationMs = performance.now() - started;
    const writtenAfter = storageWriteBytes();
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
      journalBytes: fs.statSync(journal.file).size,
      flushes,
      ...(writtenBefore !== undefined && writtenAfter !== undefined ? { storageWriteBytes: writtenAfter - writtenBefore } : {}),
    };
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
    await server.stop();
  }
}

runAsScript(main);
