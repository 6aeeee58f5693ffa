// One rate limiter per Kore.ai account. The platform counts campaign calls per account (host + account id),
// whatever asks: a bulk run, the tree's listing, a single delete's look-up and DELETE, Test Connection, and
// whichever VS Code window sends them. So every request to an account waits on that account's one limiter, a
// 429 pauses all of them, and the limiters of other windows are reached through a shared ledger (sendLedger.ts).
import { Clock, systemClock } from './clock';
import { RateLimiter, SharedSends, budgetOf } from './rateLimiter';

/** Where the platform counts: the account on a host. Two environments (apps) of one account share a budget. */
export interface AccountKey {
  readonly host: string;
  readonly accountId: string;
}

export interface AccountLimitersOptions {
  readonly clock?: Clock;
  /** The sends of other windows, per account key (SendLedgers.for); none: this process alone is counted. */
  readonly shared?: (accountKey: string) => SharedSends;
  /** The server's window and the arrival margin: tests shorten them. Defaults as RateLimiter's. */
  readonly windowMs?: number;
  readonly marginMs?: number;
}

export class AccountLimiters {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly options: AccountLimitersOptions = {}) {}

  /**
   * The account's one limiter, at `perMinute` (whole calls: 60.5 is 60). A changed setting changes the budget of
   * that same limiter, at once, for a bulk run already under way as for everything else: a second limiter beside
   * it would split the account's budget, and the two together could send twice the limit.
   */
  for(account: AccountKey, perMinute: number): RateLimiter {
    const key = `${originOf(account.host)}\n${account.accountId}`;
    const budget = budgetOf(perMinute);
    const existing = this.limiters.get(key);
    if (existing) {
      existing.setPerMinute(budget);
      return existing;
    }
    const { clock = systemClock, shared, windowMs, marginMs } = this.options;
    const limiter = new RateLimiter({
      perMinute: budget,
      clock,
      ...(shared ? { shared: shared(key) } : {}),
      ...(windowMs === undefined ? {} : { windowMs }),
      ...(marginMs === undefined ? {} : { marginMs }),
    });
    this.limiters.set(key, limiter);
    return limiter;
  }
}

/** One account whatever the spelling of its host: `HTTPS://Platform.kore.ai:443/` is `https://platform.kore.ai`. */
function originOf(host: string): string {
  try {
    return new URL(host).origin;
  } catch {
    return host.toLowerCase();
  }
}
