// The same list on the same environment is never sent two DELETEs at once, by single and bulk deletes alike.
import * as assert from 'node:assert/strict';
import { InFlightDeletes } from '../../src/core/inFlightDeletes';

describe('InFlightDeletes', () => {
  it('holds a list once per environment until it is released', () => {
    const inFlight = new InFlightDeletes();
    assert.equal(inFlight.tryAcquire('env-1', 'cl-a'), true);
    assert.equal(inFlight.tryAcquire('env-1', 'cl-a'), false, 'held');
    assert.equal(inFlight.tryAcquire('env-2', 'cl-a'), true, 'another environment is another list');
    assert.equal(inFlight.tryAcquire('env-1', 'cl-b'), true);
    inFlight.release('env-1', 'cl-a');
    assert.equal(inFlight.tryAcquire('env-1', 'cl-a'), true, 'free again');
  });

  it('waits for a held list, then holds it', async () => {
    const inFlight = new InFlightDeletes();
    inFlight.tryAcquire('env-1', 'cl-a');
    setTimeout(() => inFlight.release('env-1', 'cl-a'), 10);
    assert.equal(await inFlight.acquire('env-1', 'cl-a', new AbortController().signal), true);
    assert.equal(inFlight.tryAcquire('env-1', 'cl-a'), false, 'now held by the waiter');
  });

  it('stops waiting when cancelled, without taking the list', async () => {
    const inFlight = new InFlightDeletes();
    inFlight.tryAcquire('env-1', 'cl-a');
    const controller = new AbortController();
    controller.abort();
    assert.equal(await inFlight.acquire('env-1', 'cl-a', controller.signal), false);
    inFlight.release('env-1', 'cl-a');
    assert.equal(await inFlight.acquire('env-1', 'cl-a', controller.signal), true, 'a free list is taken even so');
  });
});
