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
   * The account's limiter at `perMinute`. A changed setting takes effect from the next request: the account
   * gets a new limiter, and calls already waiting on the old one finish there.
   */
  for(account: AccountKey, perMinute: number): RateLimiter {
    const key = `${account.host}\n${account.accountId}`;
    const existing = this.limiters.get(key);
    if (existing && existing.perMinute === perMinute) return existing;
    const limiter = new RateLimiter({ perMinute, clock: this.clock });
    this.limiters.set(key, limiter);
    return limiter;
  }
}
