// Figure 4: how close the bulk runner gets to the rate it is allowed. 300 ids, the real client, a
// RateLimiter of 600/min on real time, against a fake server that allows 600/min and answers after 30 ms.
// Achieved rate = DELETEs the server received ÷ the run's duration; every 429 the server sent is counted.
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { RateLimiter } from '../../src/core/rateLimiter';
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { countStatus, withInProcessKore } from '../lib/inProcessKore';
import { clientDeleteOne } from '../lib/koreClient';
import { formatSeconds, median } from '../lib/stats';

/** Each run takes about 30 s of real time: three is the most the bench can afford. */
const RUNS = 3;
const IDS = 300;
const PER_MINUTE = 600;
const LATENCY_MS = 30;
const TARGET_SHARE = 0.95;

interface RateRun {
  readonly perMinute: number;
  /** Between the first and the last DELETE the server received: the pace once the initial burst is spent. */
  readonly steadyPerMinute: number;
  readonly durationMs: number;
  readonly requests: number;
  readonly rejected429: number;
  readonly succeeded: number;
}

function runOnce(): Promise<RateRun> {
  return withInProcessKore({ rateLimitPerMinute: PER_MINUTE, latencyMs: LATENCY_MS }, IDS, async ({ server, endpoint, ids }) => {
    const limiter = new RateLimiter({ perMinute: PER_MINUTE });
    const report = await runBulkDeletion({ ids, deleteOne: clientDeleteOne(endpoint), limiter });
    const deletes = server.requests.filter((request) => request.method === 'DELETE');
    const span = deletes.length > 1 ? deletes[deletes.length - 1].at - deletes[0].at : Number.NaN;
    return {
      perMinute: (deletes.length / report.durationMs) * 60_000,
      steadyPerMinute: ((deletes.length - 1) / span) * 60_000,
      durationMs: report.durationMs,
      requests: deletes.length,
      rejected429: countStatus(server, 429),
      succeeded: report.succeeded.length,
    };
  });
}

function describe(run: RateRun): string {
  return (
    `${run.perMinute.toFixed(1)}/min (${run.requests} DELETEs in ${formatSeconds(run.durationMs)}; ` +
    `first→last ${run.steadyPerMinute.toFixed(1)}/min; ${run.rejected429} × 429; ${run.succeeded}/${IDS} succeeded)`
  );
}

async function measure(): Promise<FigureResult> {
  const runs: RateRun[] = [];
  for (let index = 1; index <= RUNS; index++) {
    console.log(`run ${index}/${RUNS}: ${IDS} ids at ${PER_MINUTE}/min (about ${Math.round((IDS / PER_MINUTE) * 60)} s)…`);
    const run = await runOnce();
    runs.push(run);
    console.log(`run ${index}/${RUNS}: ${describe(run)}`);
  }
  const achieved = median(runs.map((run) => run.perMinute));
  const total429 = runs.reduce((sum, run) => sum + run.rejected429, 0);
  const allSucceeded = runs.every((run) => run.succeeded === IDS);
  const floor = TARGET_SHARE * PER_MINUTE;
  const met = achieved >= floor && total429 === 0;
  const limiter = new RateLimiter({ perMinute: PER_MINUTE });
  const refill = Math.max(1, PER_MINUTE - limiter.burst);
  // What this limiter can do at best on this run: `burst` at once, then the refill rate, plus one answer's latency.
  const bestMs = ((IDS - limiter.burst) / refill) * 60_000 + LATENCY_MS;
  return {
    title: `Bulk deletion pace: ${IDS} ids, limiter and server both ${PER_MINUTE}/min, ${LATENCY_MS} ms latency`,
    median: `${achieved.toFixed(1)}/min (${((achieved / PER_MINUTE) * 100).toFixed(1)}% of ${PER_MINUTE}), ${total429} × 429`,
    target: `at least ${floor}/min (${TARGET_SHARE * 100}%) and no 429`,
    verdict: verdictOf(met),
    runs: `${RUNS} runs`,
    samples: runs.map(describe),
    method:
      `\`runBulkDeletion\` (default concurrency 4 and retries) with the real client and \`new RateLimiter({ perMinute: ${PER_MINUTE} })\` on the system clock, ` +
      `against an in-process \`FakeKoreServer.start({ rateLimitPerMinute: ${PER_MINUTE}, latencyMs: ${LATENCY_MS} })\` holding ${IDS} fresh lists. ` +
      'Rate = DELETE requests the server recorded ÷ the report\'s `durationMs`; 429s counted from the statuses the server recorded.',
    notes: [
      `The limiter is a token bucket of capacity ${limiter.burst} refilled at perMinute − burst = ${refill}/min (${((refill / PER_MINUTE) * 100).toFixed(1)}% of ${PER_MINUTE}), ` +
        'so that no sliding minute can ever hold more than perMinute calls (see src/core/rateLimiter.ts). On this run its best possible ' +
        `duration is ${formatSeconds(bestMs)}, i.e. ${((IDS / bestMs) * 60_000).toFixed(1)}/min: a run shorter than a minute gets the burst on top of the refill rate, ` +
        `and a long run tends to ${refill}/min.`,
      '"first→last" is the pace between the first and the last DELETE the server received (server clock, 1 ms resolution): the steady refill rate without the burst.',
      allSucceeded ? `Every id of every run ended succeeded.` : 'Not every id succeeded in every run: see the samples.',
    ],
  };
}

runAsScript(measure);
