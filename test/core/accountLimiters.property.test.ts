// One limiter per account per machine, by generators: any sequence of settings (whole or not, changed at any
// moment) and of sends, through any number of handles from any number of windows (AccountLimiters sharing one
// send ledger), never puts more than the largest budget in force into any 60 s window, closed or half-open.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AccountLimiters } from '../../src/core/pacing/accountLimiters';
import { SharedSends } from '../../src/core/pacing/rateLimiter';
import { ManualClock } from '../support/manualClock';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { maxInAnyWindow } from '../support/slidingWindows';

/** The file ledger's rule (sendLedger.ts) on the test's clock: what every window of the machine has sent. */
class SharedSendsInMemory implements SharedSends {
  private readonly times: number[] = [];

  constructor(private readonly clock: ManualClock) {}

  reserve(budget: number, spanMs: number): Promise<number> {
    const now = this.clock.now();
    const recent = this.times.filter((at) => at > now - spanMs).sort((a, b) => a - b);
    if (recent.length >= budget) return Promise.resolve(Math.max(1, recent[recent.length - budget] + spanMs - now));
    this.times.push(now);
    return Promise.resolve(0);
  }
}

const step = fc.record({
  /** Which window connects (AccountLimiters.for) and sends. */
  window: fc.nat({ max: 2 }),
  /** The setting in force when it connects, clamped as Settings does; often a fraction. */
  setting: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.double({ min: 1, max: 8, noNaN: true })),
  sends: fc.integer({ min: 0, max: 12 }),
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90_000 })),
});

describe('AccountLimiters properties', function () {
  this.timeout(propertyTimeoutMs());

  it('no 60 s window holds more than the largest budget set, whatever the handles, windows and settings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const clock = new ManualClock();
        const ledger = new SharedSendsInMemory(clock);
        const windows = [0, 1, 2].map(() => new AccountLimiters({ clock, shared: () => ledger }));
        const account = { host: 'https://platform.kore.ai', accountId: 'acc-1' };
        const granted: number[] = [];
        const pending: Array<Promise<void>> = [];
        for (const { window, setting, sends, gapMs } of steps) {
          await clock.advance(gapMs);
          const limiter = windows[window].for(account, setting);
          for (let index = 0; index < sends; index++) pending.push(limiter.acquire().then(() => void granted.push(clock.now())));
        }
        await clock.runUntilSettled(Promise.all(pending));
        const largest = Math.max(...steps.map((one) => Math.floor(one.setting)));
        assert.ok(maxInAnyWindow(granted, true) <= largest, `more than ${largest} grants in one window: ${JSON.stringify(granted)}`);
      }),
      propertyParameters(),
    );
  });
});
