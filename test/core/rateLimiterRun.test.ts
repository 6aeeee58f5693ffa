// The limiter inside a whole bulk run, in virtual time: 300 ids at 60/min against a server model that counts
// every closed 60 s window at arrival and answers 429 beyond the budget. The run meets no 429, takes the least
// time the limit allows (plus latency and the workers' own pace), and the ETA shown at the start holds.
import * as assert from 'node:assert/strict';
import { DeleteOne } from '../../src/core/bulk/requests';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { Clock } from '../../src/core/pacing/clock';
import { KoreCallResult } from '../../src/core/api/koreResult';
import { RateLimiter, estimateRunMs } from '../../src/core/pacing/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { WindowedServerModel, maxInAnyWindow } from '../support/slidingWindows';
import { responseResult } from '../support/koreResults';

const IDS = 300;
const PER_MINUTE = 60;
/** Each way: 200 ms from send to answer. */
const ONE_WAY_MS = 100;

function answer(id: string, status: number): KoreCallResult {
  const request = { method: 'DELETE', url: `https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/${id}`, headers: {} };
  const body = status === 200 ? { status: 'success', message: `Contact list ${id} deleted successfully` } : { errors: [{ msg: 'Rate limit exceeded', code: 429 }] };
  return responseResult(status, body, { headers: { 'retry-after': '60' }, durationMs: 2 * ONE_WAY_MS, request });
}

/** A DELETE that reaches the server model after ONE_WAY_MS and comes back after as long again. */
function deleteAgainst(server: WindowedServerModel, clock: Clock): DeleteOne {
  return async (id, signal) => {
    await clock.sleep(ONE_WAY_MS, signal);
    const accepted = server.arrive(clock.now());
    await clock.sleep(ONE_WAY_MS, signal);
    return answer(id, accepted ? 200 : 429);
  };
}

describe('RateLimiter in a bulk run (virtual time)', () => {
  it(`${IDS} ids at ${PER_MINUTE}/min: no 429, at most 1.03 × the limit's minimum plus latency, ETA at the start within 10%`, async () => {
    const clock = new ManualClock();
    const server = new WindowedServerModel(PER_MINUTE, true);
    const ids = Array.from({ length: IDS }, (_, i) => `cl-${i}`);
    const etas: Array<{ at: number; etaMs: number }> = [];
    const report = await clock.runUntilSettled(
      runBulkDeletion({
        ids,
        deleteOne: deleteAgainst(server, clock),
        limiter: new RateLimiter({ clock, perMinute: PER_MINUTE }),
        onProgress: (_done, _total, etaMs) => etas.push({ at: clock.now(), etaMs }),
      }),
    );
    assert.equal(report.succeeded.length, IDS);
    assert.equal(server.rejected, 0);
    assert.ok(maxInAnyWindow(server.accepted, true) <= PER_MINUTE);
    const minimum = estimateRunMs(IDS, PER_MINUTE, { latencyMs: 2 * ONE_WAY_MS });
    assert.ok(report.durationMs <= 1.03 * minimum, `${report.durationMs} ms against a minimum of ${minimum} ms`);
    const atStart = etas[0].etaMs;
    assert.ok(Math.abs(atStart - report.durationMs) <= 0.1 * report.durationMs, `ETA ${atStart} ms, run ${report.durationMs} ms`);
    // And all along: within 10% of what was left, or a few seconds near the end.
    for (const { at, etaMs } of etas.slice(0, -1)) {
      const left = report.durationMs - at;
      assert.ok(Math.abs(etaMs - left) <= Math.max(0.1 * left, 5_000), `at ${at} ms: ETA ${etaMs} ms, ${left} ms left`);
    }
  });
});
