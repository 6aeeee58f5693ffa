// One limiter per account, shared by every kind of request: a bulk run, listings and single deletes on one
// account at once meet no 429 from a server that counts arrivals per sliding minute.
import * as assert from 'node:assert/strict';
import { AccountLimiters } from '../../src/core/pacing/accountLimiters';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { HttpExchange } from '../../src/core/api/koreHttp';
import { KoreCallResult } from '../../src/core/api/koreResult';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { resultOf } from '../support/koreResults';

const MINUTE_MS = 60_000;

/** Counts arrivals as the fake Kore server does: more than `limit` in the minute before an arrival is a 429. */
class CountingServer {
  readonly arrivals: number[] = [];
  rejected = 0;

  constructor(
    private readonly clock: ManualClock,
    private readonly limit: number,
  ) {}

  answer(): KoreCallResult {
    const now = this.clock.now();
    const inWindow = this.arrivals.filter((at) => at > now - MINUTE_MS).length;
    this.arrivals.push(now);
    const exchange: HttpExchange =
      inWindow >= this.limit
        ? { kind: 'response', status: 429, statusText: 'Too Many Requests', headers: {}, bodyText: '{"errors":[{"msg":"Rate limit"}]}', durationMs: 1 }
        : { kind: 'response', status: 200, statusText: 'OK', headers: {}, bodyText: '{"status":"success","data":{"_id":"cl-x"}}', durationMs: 1 };
    if (inWindow >= this.limit) this.rejected += 1;
    return resultOf(exchange, { request: { method: 'DELETE', url: 'https://h/x', headers: {} } });
  }
}

/** Asks each limiter for `each` grants at once and counts those granted within the first minute. */
async function grantsInFirstMinute(clock: ManualClock, handles: readonly RateLimiter[], each: number): Promise<number> {
  const times: number[] = [];
  const all = handles.flatMap((limiter) => Array.from({ length: each }, () => limiter.acquire().then(() => times.push(clock.now()))));
  await clock.runUntilSettled(Promise.all(all));
  return times.filter((at) => at < MINUTE_MS).length;
}

describe('AccountLimiters', () => {
  it('gives the environments of one account one limiter, and other accounts their own', () => {
    const limiters = new AccountLimiters({ clock: new ManualClock() });
    const a = limiters.for({ host: 'https://platform.kore.ai', accountId: 'acc-1' }, 60);
    assert.equal(limiters.for({ host: 'https://platform.kore.ai', accountId: 'acc-1' }, 60), a);
    assert.notEqual(limiters.for({ host: 'https://platform.kore.ai', accountId: 'acc-2' }, 60), a);
    assert.notEqual(limiters.for({ host: 'https://de-platform.kore.ai', accountId: 'acc-1' }, 60), a);
    assert.equal(limiters.for({ host: 'HTTPS://Platform.Kore.ai:443/', accountId: 'acc-1' }, 60), a, 'the same host, spelt otherwise');
  });

  it('changes a busy or quiet account\'s budget in place: the same limiter, the new budget, at once', async () => {
    const clock = new ManualClock();
    const limiters = new AccountLimiters({ clock });
    const account = { host: 'https://platform.kore.ai', accountId: 'acc-1' };
    const first = limiters.for(account, 60);
    assert.equal(limiters.for(account, 30), first, 'quiet: the same limiter');
    assert.equal(first.perMinute, 30);
    await first.acquire();
    assert.equal(limiters.for(account, 45), first, 'busy: the same limiter');
    assert.equal(first.perMinute, 45);
  });

  it('gives a setting of 60.5 one limiter of 60 for every connection: 60 grants in the first minute, not 120', async () => {
    const clock = new ManualClock();
    const limiters = new AccountLimiters({ clock });
    const account = { host: 'https://platform.kore.ai', accountId: 'acc-1' };
    // The bulk command connects before its confirmation; browsing connects while that confirmation is open.
    const bulk = limiters.for(account, 60.5);
    const browsing = limiters.for(account, 60.5);
    assert.equal(bulk.perMinute, 60);
    assert.equal(await grantsInFirstMinute(clock, [bulk, browsing], 60), 60);
  });

  it('keeps the account at its setting when the setting changes while a bulk confirmation is open', async () => {
    for (const [before, after] of [
      [30, 60],
      [60, 30],
    ]) {
      const clock = new ManualClock();
      const limiters = new AccountLimiters({ clock });
      const account = { host: 'https://platform.kore.ai', accountId: 'acc-1' };
      const bulk = limiters.for(account, before);
      const browsing = limiters.for(account, after);
      const granted = await grantsInFirstMinute(clock, [bulk, browsing], 60);
      assert.ok(granted <= after, `${granted} grants in the first minute after the setting went from ${before} to ${after}`);
    }
  });

  it('keeps a bulk run, listings and single deletes on one account inside its limit: no 429', async () => {
    const clock = new ManualClock();
    const server = new CountingServer(clock, 60);
    const limiter = new AccountLimiters({ clock }).for({ host: 'https://platform.kore.ai', accountId: 'acc-1' }, 60);
    // What the connection does for a single request: wait for the account, then send.
    const single = async (): Promise<KoreCallResult> => {
      await limiter.acquire();
      await clock.sleep(30);
      return server.answer();
    };
    const ids = Array.from({ length: 150 }, (_, index) => `cl-${index}`);
    const bulk = runBulkDeletion({
      ids,
      limiter,
      backoffMs: () => 1_000,
      deleteOne: async (_id, signal) => {
        await clock.sleep(30, signal);
        return server.answer();
      },
    });
    // A person browsing and deleting by hand while the run goes on: a listing, then a look-up and a DELETE, twice.
    const byHand = (async () => {
      const results: KoreCallResult[] = [];
      for (const at of [5_000, 70_000]) {
        await clock.sleep(at - clock.now());
        for (let request = 0; request < 3; request++) results.push(await single());
      }
      return results;
    })();
    const [report, manual] = await clock.runUntilSettled(Promise.all([bulk, byHand]));
    assert.equal(server.rejected, 0, 'no request met a 429');
    assert.equal(report.succeeded.length, ids.length);
    assert.ok(manual.every((result) => result.ok));
    for (const at of server.arrivals) {
      assert.ok(server.arrivals.filter((other) => other > at - MINUTE_MS && other <= at).length <= 60, `more than 60 arrivals in the minute before ${at}`);
    }
  });
});
