// A second VS Code window for the pacing tests: run as its own process, it sends GETs to one account through the
// real limiter store (AccountLimiters over SendLedgers in a folder another process uses too), as two windows on
// one account would.
//   node out/test/support/pacedWindow.js '<json: PacedWindowJob>'
// Prints one JSON line: the status of each answer, in order.
import * as path from 'node:path';
import { AccountLimiters } from '../../src/core/pacing/accountLimiters';
import { getContactList } from '../../src/core/api/contactListClient';
import { SendLedgers } from '../../src/core/pacing/sendLedger';

export interface PacedWindowJob {
  readonly url: string;
  readonly iid: string;
  readonly accountId: string;
  readonly token: string;
  /** The global storage folder both windows share. */
  readonly storage: string;
  readonly perMinute: number;
  readonly windowMs: number;
  readonly marginMs: number;
  readonly count: number;
  /** Epoch milliseconds: both windows start together. */
  readonly startAt: number;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as PacedWindowJob;
  const ledgers = new SendLedgers(path.join(job.storage, 'rate-ledger'));
  const limiters = new AccountLimiters({ shared: (key) => ledgers.for(key), windowMs: job.windowMs, marginMs: job.marginMs });
  const target = { host: job.url, iid: job.iid, accountId: job.accountId };
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
  const statuses = await Promise.all(
    Array.from({ length: job.count }, async (_, index) => {
      const limiter = limiters.for(target, job.perMinute);
      const result = await getContactList(target, job.token, `cl-window-${process.pid}-${index}`, { timeoutMs: 10_000, beforeSend: () => limiter.acquire() });
      return result.exchange.kind === 'response' ? result.exchange.status : -1;
    }),
  );
  process.stdout.write(`${JSON.stringify(statuses)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
