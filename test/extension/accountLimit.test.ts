// One rate limiter per account for every request the extension makes: while a bulk run uses the account's
// whole budget, expanding the environment's lists and deleting one list by hand wait their turn instead of
// making the server answer 429. Slow by nature: the limit is counted over a minute.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useExtensionHarness, waitFor } from './harness';

const LIMIT = 20;

describe('One limiter per account', function () {
  this.timeout(180_000);
  const harness = useExtensionHarness();

  it('keeps a bulk run, the tree\'s listing and a single delete on one account inside its limit: no 429', async () => {
    const { server, ui } = harness;
    server.setRateLimit(LIMIT);
    await vscode.workspace.getConfiguration('koreContactLists').update('rateLimitPerMinute', LIMIT, vscode.ConfigurationTarget.Global);
    try {
      const environment = await harness.environmentWithToken('Busy account');
      const ids = Array.from({ length: LIMIT + 4 }, (_, index) => server.addList({ name: `Bulk ${index}` })._id);
      const byHand = server.addList({ name: 'By hand' })._id;
      ui.warningAnswers.push(`Delete ${ids.length} Lists`);
      const bulk = vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id, undefined, ids.join('\n'));
      // The bulk run is under way, and with more lists than one minute's budget: now a person browses and deletes by hand.
      await waitFor('the bulk run to start', () => server.requests.filter((request) => request.method === 'DELETE').length >= 3, 30_000);
      const [node] = await harness.environmentNodes();
      const listing = harness.children(node);
      const single = harness.deleteList(environment.name, byHand);
      const [report, children, deleted] = await Promise.all([bulk, listing, single]);
      assert.deepEqual(report?.counts, { succeeded: ids.length, failed: 0, unknown: 0, notAttempted: 0 });
      assert.ok(children.length > 0, 'the lists were shown');
      assert.equal(deleted.status, 'deleted');
      const limited = server.requests.filter((request) => request.status === 429);
      assert.deepEqual(limited.map((request) => `${request.method} ${request.path}`), [], 'no request met a 429');
      for (const id of [...ids, byHand]) {
        assert.equal(server.requests.filter((request) => request.method === 'DELETE' && request.path.endsWith(`/${id}`) && request.status === 200).length, 1, id);
      }
    } finally {
      await vscode.workspace.getConfiguration('koreContactLists').update('rateLimitPerMinute', undefined, vscode.ConfigurationTarget.Global);
      server.setRateLimit(60);
    }
  });
});
