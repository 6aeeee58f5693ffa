// One rate limiter per Kore.ai account. The platform counts campaign calls per account (host + account id),
// whatever asks: a bulk run, the tree's listing, a single delete's look-up and DELETE, Test Connection. So
// every request to an account waits on that account's one limiter, and a 429 pauses all of them.
import { Clock, systemClock } from './clock';
import { RateLimiter } from './rateLimiter';

/** Where the platform counts: the account on a host. Two environments (apps) of one account share a budget. */
export interface AccountKey {
  readonly host: string;
  readonly accountId: string;
}

export class AccountLimiters {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly clock: Clock = systemClock) {}

  /**
   * The account's limiter at `perMinute`. A changed setting takes effect once the account is quiet (nobody
   * waiting, no call in the last window): a new limiter beside a busy one would split the account's budget, and
   * the two together could send twice the limit.
   */
  for(account: AccountKey, perMinute: number): RateLimiter {
    const key = `${account.host}\n${account.accountId}`;
    const existing = this.limiters.get(key);
    if (existing && (existing.perMinute === perMinute || isBusy(existing))) return existing;
    const limiter = new RateLimiter({ perMinute, clock: this.clock });
    this.limiters.set(key, limiter);
    return limiter;
  }
}

/** Someone waits, or a call went within the last window (the next `perMinute` calls could not all go now). */
function isBusy(limiter: RateLimiter): boolean {
  return limiter.waiting > 0 || limiter.estimateWaitMs(limiter.perMinute) > 0;
}
