// A single call that waits for its account's limiter before it is sent (the client's `beforeSend`): cancelled
// while waiting, it sends nothing, makes no token, and says nothing was deleted, instead of "outcome unknown".
import * as assert from 'node:assert/strict';
import { deleteContactList } from '../../src/core/api/contactListClient';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { useFakeKore } from '../support/fakeKoreFixture';

describe('a call cancelled while it waits for the account\'s limiter', function () {
  this.timeout(10_000);
  const kore = useFakeKore();

  it('sends nothing, makes no token, and is "failed" (not deleted), worded so', async () => {
    const controller = new AbortController();
    let tokensMade = 0;
    const result = await deleteContactList(
      kore.target,
      () => {
        tokensMade += 1;
        return kore.token;
      },
      'cl-c2ce382-2516-457e-8eb4-9847deec0001',
      {
        timeoutMs: 5_000,
        signal: controller.signal,
        // The wait ends with the user's cancel, as EnvironmentConnection's wait on the limiter does.
        beforeSend: () => Promise.resolve(controller.abort()),
      },
    );
    assert.deepEqual(result.exchange, { kind: 'cancelled', beforeSending: true, durationMs: 0 });
    assert.equal(kore.server.requests.length, 0);
    assert.equal(tokensMade, 0);
    assert.equal(deleteOutcomeOf(result), 'failed');
    assert.match(describeDeleteResult(result, { contactListId: 'cl-1', environmentName: 'Prod', host: kore.target.host, timeoutSeconds: 30 }), /^Cancelled before the request for contact list cl-1 was sent: nothing was deleted\.$/);
  });

  it('is sent once the wait ends without a cancel, with a token made after the wait', async () => {
    const order: string[] = [];
    const result = await deleteContactList(
      kore.target,
      () => {
        order.push('token');
        return kore.token;
      },
      'cl-c2ce382-2516-457e-8eb4-9847deec0001',
      { timeoutMs: 5_000, beforeSend: () => Promise.resolve(void order.push('waited')) },
    );
    assert.equal(result.ok, true);
    assert.deepEqual(order, ['waited', 'token']);
    assert.equal(kore.server.requests.length, 1);
  });
});
