// Figure 5: the bulk runner when the server is stricter than the limiter was told (another client shares
// the account, or the limit was configured wrong). Server 120/min, limiter 240/min, 300 ids, on a shared
// clock running 30× real time so the several minutes this takes on the server's sliding window pass in
// seconds. Passes when every id ends succeeded and the server answered exactly one 200 DELETE per id.
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { acceleratedClock } from '../lib/acceleratedClock';
import { FigureResult, runAsScript } from '../lib/figure';
import { countStatus, successfulDeletesById, withInProcessKore } from '../lib/inProcessKore';
import { clientDeleteOne } from '../lib/koreClient';
import { formatSeconds } from '../lib/stats';

const RUNS = 3;
const IDS = 300;
const SERVER_PER_MINUTE = 120;
const LIMITER_PER_MINUTE = 240;
/**
 * 30×: the limiter's 240/min becomes 120 requests per real second, a pace the client, the server and the
 * timers keep up with on this machine (at 60×, a 1 ms timer tick is already 60 ms of server time).
 */
const SPEED = 30;
/** Real milliseconds; 60 ms of server time. */
const LATENCY_MS = 2;

interface StrictRun {
  readonly succeeded: number;
  readonly failed: number;
  readonly unknown: number;
  readonly notAttempted: number;
  readonly rejected429: number;
  /** DELETEs sent beyond the first, summed over ids. */
  readonly retries: number;
  readonly deletedTwice: number;
  readonly neverDeleted: number;
  readonly listsLeft: number;
  readonly virtualMs: number;
  readonly realMs: number;
}

function passed(run: StrictRun): boolean {
  return run.succeeded === IDS && run.deletedTwice === 0 && run.neverDeleted === 0 && run.listsLeft === 0;
}

function runOnce(): Promise<StrictRun> {
  const clock = acceleratedClock(SPEED);
  return withInProcessKore({ rateLimitPerMinute: SERVER_PER_MINUTE, latencyMs: LATENCY_MS, now: () => clock.now() }, IDS, async ({ server, endpoint, ids }) => {
    const limiter = new RateLimiter({ perMinute: LIMITER_PER_MINUTE, clock });
    const started = performance.now();
    const report = await runBulkDeletion({ ids, deleteOne: clientDeleteOne(endpoint), limiter });
    const realMs = performance.now() - started;
    const deletes = successfulDeletesById(server);
    const decided = [...report.succeeded, ...report.failed, ...report.unknown];
    return {
      succeeded: report.succeeded.length,
      failed: report.failed.length,
      unknown: report.unknown.length,
      notAttempted: report.notAttempted.length,
      rejected429: countStatus(server, 429),
      retries: decided.reduce((sum, entry) => sum + Math.max(0, entry.attempts - 1), 0),
      deletedTwice: ids.filter((id) => (deletes.get(id) ?? 0) > 1).length,
      neverDeleted: ids.filter((id) => (deletes.get(id) ?? 0) === 0).length,
      listsLeft: ids.filter((id) => server.lists.has(id)).length,
      virtualMs: report.durationMs,
      realMs,
    };
  });
}

function describe(run: StrictRun): string {
  const outcome = passed(run) ? 'pass' : 'FAIL';
  return (
    `${outcome}: ${run.succeeded}/${IDS} succeeded (${run.failed} failed, ${run.unknown} unknown, ${run.notAttempted} not attempted), ` +
    `${run.deletedTwice} deleted twice, ${run.neverDeleted} never deleted; ${run.rejected429} × 429 seen, ${run.retries} retries; ` +
    `${(run.virtualMs / 60_000).toFixed(1)} server-minutes in ${formatSeconds(run.realMs)}`
  );
}

async function measure(): Promise<FigureResult> {
  const runs: StrictRun[] = [];
  for (let index = 1; index <= RUNS; index++) {
    const run = await runOnce();
    runs.push(run);
    console.log(`run ${index}/${RUNS}: ${describe(run)}`);
  }
  const passes = runs.filter(passed).length;
  const exercised = runs.every((run) => run.rejected429 > 0);
  return {
    title: `Bulk deletion against a stricter server: server ${SERVER_PER_MINUTE}/min, limiter ${LIMITER_PER_MINUTE}/min, ${IDS} ids`,
    median: `${passes === RUNS ? 'pass' : 'fail'} (${passes}/${RUNS} runs)`,
    target: 'every id succeeded, none deleted twice',
    verdict: passes === RUNS ? 'met' : 'not met',
    runs: `${RUNS} runs`,
    samples: runs.map(describe),
    method:
      `\`runBulkDeletion\` (defaults: concurrency 4, 3 retries, exponential backoff, Retry-After honoured) with the real client and ` +
      `\`new RateLimiter({ perMinute: ${LIMITER_PER_MINUTE} })\`, against an in-process fake server allowing ${SERVER_PER_MINUTE}/min (sliding minute, ` +
      `Retry-After on its 429s) with ${LATENCY_MS} ms latency. The server and the limiter share a clock running ${SPEED}× real time, as in the ` +
      'real-server tests of test/core/bulkRunner.fakeKore.test.ts; sockets, latency and the event loop are real. "Deleted twice" and "never deleted" ' +
      'count, per id, the DELETEs the server answered 200.',
    notes: [
      `${IDS} ids rather than 60: a run that sends fewer ids than the server allows per minute never meets a 429 and would prove nothing. ` +
        `At ${SERVER_PER_MINUTE}/min the server needs at least ${(IDS / SERVER_PER_MINUTE - 1).toFixed(1)} minutes of its own time for ${IDS} ids.`,
      exercised ? 'Every run met 429s, so the retry path was exercised.' : 'Some run met no 429 at all, so it did not exercise the retry path.',
      'A retry counts every DELETE sent for an id after its first; with Retry-After honoured they are nearly all retries of a 429.',
    ],
  };
}

runAsScript(measure);
