// A redirect answering a DELETE: RFC 9110 says a 303 See Other means the action was performed, and no 3xx says
// it was not. The redirect is never followed (it would take the token elsewhere), so the outcome is unknown, never
// failed, and a resumed run looks the list up before sending anything again.
import * as assert from 'node:assert/strict';
import { bulkDeleteOne, bulkLookUp } from '../../src/core/bulk/requests';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { createBulkRunState, planResume } from '../../src/core/bulk/runState';
import { judge } from '../../src/core/bulk/verdict';
import { systemClock } from '../../src/core/pacing/clock';
import { deleteContactList } from '../../src/core/api/contactListClient';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { useFakeKore } from '../support/fakeKoreFixture';
import { recordOutcome } from '../support/bulkRunRecords';

const ELSEWHERE = 'https://elsewhere.example/contact-lists';

describe('a redirect after a DELETE', () => {
  const fake = useFakeKore();
  const firstList = () => [...fake.server.lists.keys()][0];
  const context = (id: string) => ({ contactListId: id, environmentName: 'Production US', host: fake.server.url, timeoutSeconds: 5 });

  for (const status of [300, 301, 302, 303, 304, 305, 307, 308]) {
    it(`is unknown after HTTP ${status}, worded so, and not followed`, async () => {
      const id = firstList();
      fake.server.setFault({ kind: 'redirect', status, location: ELSEWHERE, afterDeleting: status === 303 }, 1, 'DELETE');
      const result = await deleteContactList(fake.target, fake.token, id, { timeoutMs: 5_000 });
      assert.equal(result.exchange.kind === 'redirect' && result.exchange.status, status);
      assert.equal(deleteOutcomeOf(result), 'unknown');
      assert.match(describeDeleteResult(result, context(id)), new RegExp(`redirect \\(HTTP ${status}\\).*whether contact list ${id} was deleted is unknown: look it up again`));
      const verdict = judge(result);
      assert.ok(verdict.kind === 'unknown' && /unknown/.test(verdict.reason), JSON.stringify(verdict));
      assert.equal(fake.server.requests.length, 1, 'nothing followed the redirect');
    });
  }

  it('a 303 for a DELETE the server applied: the run records it unknown, and the resume finds it gone without a second DELETE', async () => {
    const id = firstList();
    fake.server.setFault({ kind: 'redirect', status: 303, location: ELSEWHERE, afterDeleting: true }, 1, 'DELETE');
    const requests = { deleteOne: bulkDeleteOne(fake.target, () => fake.token, { timeoutMs: 5_000 }), lookUp: bulkLookUp(fake.target, () => fake.token, { timeoutMs: 5_000 }) };
    const limiter = () => new RateLimiter({ clock: systemClock, perMinute: 600 });
    const first = await runBulkDeletion({ ids: [id], ...requests, limiter: limiter() });
    assert.deepEqual(first.unknown.map((entry) => entry.id), [id], JSON.stringify(first));
    assert.deepEqual(first.failed, []);
    assert.equal(fake.server.lists.has(id), false, 'the server had deleted it');
    let state = createBulkRunState({ runId: 'r1', environmentId: 'e1', ids: [id], target: fake.target });
    state = recordOutcome(state, id, { kind: 'unknown', reason: first.unknown[0].reason, attempts: first.unknown[0].attempts });
    const plan = planResume(state, { retryUnknown: true });
    const second = await runBulkDeletion({ ids: plan.ids, completed: plan.completed, lookUpFirst: plan.lookUpFirst, ...requests, limiter: limiter() });
    assert.deepEqual(fake.server.requests.map((request) => request.method), ['DELETE', 'GET'], 'one DELETE, then only a look-up');
    assert.deepEqual(second.succeeded.map((entry) => [entry.id, entry.foundGone]), [[id, true]], JSON.stringify(second));
  });
});
