// The bulk runner with the real client over real HTTP against the fake Kore server: a token that cannot be
// made, and a server stricter than the limiter.
import * as assert from 'node:assert/strict';
import { summariseBulkReport } from '../../src/core/bulk/report';
import { DeleteOne, bulkDeleteOne, bulkLookUp } from '../../src/core/bulk/requests';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { deleteContactList } from '../../src/core/api/contactListClient';
import { ApiTarget } from '../../src/core/api/koreApiPaths';
import { Clock, systemClock } from '../../src/core/pacing/clock';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { QuietNetworkClock } from '../support/quietNetworkClock';
import { idsOf } from '../support/scriptedKore';

describe('bulk requests with a token that cannot be made, against the fake Kore server', function () {
  this.timeout(10_000);

  it('send nothing: every id is not attempted, none unknown, and the run says why', async () => {
    const server = await FakeKoreServer.start();
    try {
      const ids = [server.addList({ name: 'Token A' })._id, server.addList({ name: 'Token B' })._id, server.addList({ name: 'Token C' })._id];
      const target: ApiTarget = { host: server.url, iid: server.app.iid, accountId: server.app.accountId };
      let made = 0;
      // A client secret that signs once, then no longer does (rotated, or cleared in another window).
      const token = () => {
        if (++made > 1) throw new Error('The client secret is empty.');
        return server.app.staticTokens[0];
      };
      const started: string[] = [];
      const report = await runBulkDeletion({
        ids,
        concurrency: 1,
        deleteOne: bulkDeleteOne(target, token, { timeoutMs: 5_000 }),
        lookUp: bulkLookUp(target, token, { timeoutMs: 5_000 }),
        limiter: new RateLimiter({ perMinute: 6_000 }),
        onStarting: (id) => {
          started.push(id);
        },
      });
      assert.deepEqual(idsOf(report.succeeded), [ids[0]]);
      assert.deepEqual(report.unknown, [], 'nothing was sent, so nothing is unknown');
      assert.deepEqual(report.notAttempted, ids.slice(1));
      assert.match(report.stoppedEarly ?? '', /^No token could be made \(The client secret is empty\.\), so nothing was sent\./);
      assert.equal(server.requests.length, 1, 'only the first DELETE reached the server');
      assert.ok(server.lists.has(ids[1]) && server.lists.has(ids[2]));
    } finally {
      await server.close();
    }
  });
});
// ---------------------------------------------------------------------------------------------------
// The real client over real HTTP. The fake server counts a sliding minute like Kore.ai; to see minutes
// pass in a second or two, the server and the limiter share a clock that runs `factor` times faster
// than real time. Everything else (sockets, latency, aborts, timeouts) is real.

function fastClock(factor: number): Clock {
  const origin = performance.now();
  return {
    now: () => (performance.now() - origin) * factor,
    sleep: (ms, signal) => systemClock.sleep(ms / factor, signal),
  };
}

describe('runBulkDeletion with the real client against the fake Kore server', function () {
  this.timeout(15_000);

  async function withServer(rateLimitPerMinute: number, clock: Clock, count: number, body: (server: FakeKoreServer, ids: string[], deleteOne: DeleteOne) => Promise<void>) {
    const server = await FakeKoreServer.start({ rateLimitPerMinute, latencyMs: 2, now: () => clock.now() });
    try {
      const ids = Array.from({ length: count }, (_, i) => server.addList({ name: `Bulk list ${i + 1}` })._id);
      const target: ApiTarget = { host: server.url, iid: server.app.iid, accountId: server.app.accountId };
      const token = server.app.staticTokens[0];
      await body(server, ids, (id, signal) => deleteContactList(target, token, id, { timeoutMs: 5_000, signal }));
    } finally {
      await server.close();
    }
  }

  function assertDeletedOnce(server: FakeKoreServer, ids: readonly string[]): void {
    for (const id of ids) {
      const deletes = server.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith(`/${id}`) && request.status === 200);
      assert.equal(deletes.length, 1, `${id} deleted exactly once`);
      assert.equal(server.lists.has(id), false);
    }
  }

  it('gets every list deleted, exactly once, through 429s from a server stricter than the limiter', async () => {
    const clock = fastClock(60);
    await withServer(12, clock, 20, async (server, ids, deleteOne) => {
      const report = await runBulkDeletion({ ids, deleteOne, limiter: new RateLimiter({ perMinute: 24, clock }), backoffMs: () => 500 });
      assert.equal(summariseBulkReport(report), '20 succeeded, 0 failed, 0 unknown, 0 not attempted', JSON.stringify(report.failed));
      assert.deepEqual(idsOf(report.succeeded), ids);
      for (const entry of report.succeeded) assert.match(entry.serverMessage ?? '', /^Contact list Bulk list \d+ deleted successfully$/);
      assert.ok(server.requests.some((request) => request.status === 429), 'the server did refuse some calls');
      assert.ok(report.succeeded.some((entry) => entry.attempts > 1), 'and they were retried');
      assertDeletedOnce(server, ids);
    });
  });

  it('meets no 429 at all when the limiter matches the server\'s limit', async () => {
    // Time stands still while a request is in flight: on a busy machine an accelerated clock would turn a few
    // milliseconds of real stall into seconds of server time, past the limiter's arrival margin.
    const clock = new QuietNetworkClock();
    await withServer(12, clock, 15, async (server, ids, deleteOne) => {
      const tracked: DeleteOne = (id, signal) => clock.track(deleteOne(id, signal));
      const report = await runBulkDeletion({ ids, deleteOne: tracked, limiter: new RateLimiter({ perMinute: 12, clock }) });
      assert.equal(report.succeeded.length, 15);
      assert.equal(server.requests.filter((request) => request.status === 429).length, 0);
      assert.ok(report.durationMs > 60_000, 'the run did span more than a minute of server time');
      assertDeletedOnce(server, ids);
    });
  });
});
