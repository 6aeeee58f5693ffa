// Figure 6: the memory a 10,000-id bulk run needs. Each run is a fresh process (memory/bulkMemoryRun), so
// no run inherits another's heap; the figure is the median of the runs' peak RSS growth.
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { MemoryRun } from '../lib/memoryProtocol';
import { memoryRuns } from '../lib/memoryRuns';
import { judgeSize } from '../lib/sizeLimit';
import { formatBytes, formatSeconds, median } from '../lib/stats';

const RUNS = 3;
const LIMIT_MB = 60;

function growth(run: MemoryRun): number {
  return run.peakRss - run.baselineRss;
}

function describe(run: MemoryRun): string {
  return (
    `+${formatBytes(growth(run))} RSS (${formatBytes(run.baselineRss)} → ${formatBytes(run.peakRss)}; heap used peak +${formatBytes(run.peakHeapUsed - run.baselineHeapUsed)}); ` +
    `${run.succeeded}/${run.ids} succeeded in ${formatSeconds(run.durationMs)}, ${run.samples} samples`
  );
}

async function measure(): Promise<FigureResult> {
  const runs = await memoryRuns(RUNS, describe);
  const peak = median(runs.map(growth));
  const judgement = judgeSize(peak, LIMIT_MB, 'MB');
  return {
    title: 'Memory of a 10,000-id bulk run: peak RSS growth',
    median: `+${formatBytes(peak)}`,
    target: `at most ${LIMIT_MB} MB`,
    verdict: verdictOf(judgement.met),
    runs: `${RUNS} runs, each in a fresh process`,
    samples: runs.map(describe),
    method:
      '`runBulkDeletion` (default concurrency 4) with the real client and a `RateLimiter` of 10⁹/min (never the bottleneck), against a fake server ' +
      'with no latency and no effective limit running in a child process. Started with `node --expose-gc`; the baseline is `process.memoryUsage().rss` ' +
      'after two full collections, once the 10,000 ids are in memory; RSS is sampled every 50 ms during the run and once after it. MB = 1,048,576 bytes.',
    notes: [
      'Progress is saved as the extension saves it: a `started` line appended to the run\'s journal and flushed (fdatasync) before each DELETE, an outcome line after (figure 7 gives the bytes). Showing progress (onProgress) is the caller\'s and is not part of this figure.',
      ...(judgement.caveat ? [judgement.caveat] : []),
    ],
  };
}

runAsScript(measure);
