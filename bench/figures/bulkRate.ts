// Figure: the limiter at 600/min in real time. 1,200 ids, the real client and runner, against an in-process
// fake server allowing 600/min that answers after 30 ms: two windows' worth, so the run crosses a window's
// edge on the system clock, where the margin for arrival jitter is what stands between the pace and a 429.
import { systemClock } from '../../src/core/pacing/clock';
import { ARRIVAL_MARGIN_MS } from '../../src/core/pacing/rateLimiter';
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { PaceRun, paceRun, writeWindowRecord } from '../lib/paceRun';
import { formatMs, formatSeconds, median } from '../lib/stats';

/** Each run takes about 65 s of real time: three is the most the bench can afford. */
const RUNS = 3;
/**
 * Two windows at 600/min: the first 600 go at once (as fast as four workers can send them), the next 600 at
 * 60.25 s, each when the call 600 before it leaves the window. The 300 ids would fit in one window
 * and never meet the limiter at all.
 */
const IDS = 1_200;
const PER_MINUTE = 600;
const LATENCY_MS = 30;
const TARGET_RATIO = 1.03;

function describe(run: PaceRun): string {
  return (
    `${formatSeconds(run.durationMs)} (${(run.durationMs / run.workersMinimumMs).toFixed(4)} × the minimum ${formatSeconds(run.workersMinimumMs)}); ` +
    `${run.rejected429} × 429; ${run.succeeded}/${IDS} succeeded; at most ${run.maxClosedWindow} DELETEs in a closed 60 s window, ` +
    `${run.maxHalfOpenWindow} in a half-open one; send-to-arrival spread ${formatMs(run.jitterMs)} (latest ${formatMs(run.lateMs)} after the median)`
  );
}

async function measure(): Promise<FigureResult> {
  const runs: PaceRun[] = [];
  for (let index = 1; index <= RUNS; index++) {
    console.log(`run ${index}/${RUNS}: ${IDS} ids at ${PER_MINUTE}/min (about 65 s)…`);
    const run = await paceRun({ ids: IDS, perMinute: PER_MINUTE, clock: systemClock, latencyMs: LATENCY_MS, speed: 1 });
    runs.push(run);
    console.log(`run ${index}/${RUNS}: ${describe(run)}`);
  }
  writeWindowRecord({ figure: 'bulkRate', perMinute: PER_MINUTE, writtenAt: new Date().toISOString(), runs });
  const ratio = median(runs.map((run) => run.durationMs / run.workersMinimumMs));
  const total429 = runs.reduce((sum, run) => sum + run.rejected429, 0);
  const met = ratio <= TARGET_RATIO && total429 === 0 && runs.every((run) => run.succeeded === IDS);
  const spread = Math.max(...runs.map((run) => run.jitterMs));
  return {
    title: `Bulk deletion at the limit in real time: ${IDS} ids at ${PER_MINUTE}/min, ${LATENCY_MS} ms latency`,
    median: `${formatSeconds(median(runs.map((run) => run.durationMs)))} = ${ratio.toFixed(4)} × the minimum, ${total429} × 429`,
    target: `at most ${TARGET_RATIO} × the minimum (${formatSeconds(runs[0].workersMinimumMs)}), no 429`,
    verdict: verdictOf(met),
    runs: `${RUNS} runs`,
    samples: runs.map(describe),
    method:
      `\`runBulkDeletion\` (default concurrency 4 and retries) with the real client and \`new RateLimiter({ perMinute: ${PER_MINUTE} })\` on the system clock, ` +
      `against an in-process \`FakeKoreServer\` allowing ${PER_MINUTE}/min (sliding minute counted at arrival, \`at > now − 60 s\`, on the same clock) ` +
      `with ${LATENCY_MS} ms latency, holding ${IDS} fresh lists. Duration is the report's \`durationMs\`; 429s counted from the statuses the server recorded.`,
    notes: [
      `The minimum: the limit's (⌈N/L⌉ − 1) × (60 s + ${ARRIVAL_MARGIN_MS} ms margin) = ${formatSeconds(runs[0].minimumMs - LATENCY_MS)}, then the last window's ` +
        `${PER_MINUTE} calls four at a time, ${LATENCY_MS} ms each: no runner with four workers can be faster. ` +
        `Against the limit's minimum plus one latency alone (${formatSeconds(runs[0].minimumMs)}) the median is ` +
        `${median(runs.map((run) => run.durationMs / run.minimumMs)).toFixed(4)} ×: the workers, not the limiter, set the pace within a window.`,
      `Margin for arrival jitter: ${ARRIVAL_MARGIN_MS} ms added to each window (src/core/pacing/rateLimiter.ts). The server counts arrivals, so a call that ` +
        `reaches it late shortens its gap to the call ${PER_MINUTE} after it. The send-to-arrival spread measured here, over every DELETE ` +
        `of every run, was at most ${formatMs(spread)} on loopback (up to 16 ms when the machine is quiet; event-loop stalls of a busy shared machine ` +
        'add tens of ms); the margin covers that with room for a real network path, and costs 0.4% of the pace.',
      'Before the sliding log, the token bucket (4, refilled at perMinute − 4) ran at 596/min at best and needed 2 minutes for what the limit allows in 1.',
    ],
  };
}

runAsScript(measure);
