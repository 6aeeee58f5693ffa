// The sends to each Kore.ai account from every VS Code window on this machine, in one small file per account in
// the extension's global storage (`rate-ledger/`). The platform counts an account's calls whatever window sends
// them, so each window's limiter asks here before every call (RateLimiter's `shared`): two windows on one account
// then send at most the account's budget together, not twice it. Read and written only under a lock file taken
// with O_EXCL; a lock left by a crashed window is broken once it is older than any holder could keep it.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SharedSends } from './rateLimiter';

/** A holder keeps the lock for a read and a write of a few hundred bytes: one this old was left by a crash. */
const STALE_LOCK_MS = 5_000;
/** Between tries for a lock someone holds. */
const LOCK_RETRY_MS = 3;

export interface SendLedgerOptions {
  /**
   * Epoch milliseconds: every window must read the same clock, so not the limiter's monotonic one (whose origin
   * is each process's start). Injected by tests.
   */
  readonly now?: () => number;
  readonly staleLockMs?: number;
}

/** The ledgers of every account, in one folder. */
export class SendLedgers {
  constructor(
    readonly directory: string,
    private readonly options: SendLedgerOptions = {},
  ) {}

  /** The ledger of one account (its key: host and account id); the file is named by a hash of the key. */
  for(accountKey: string): SharedSends {
    const name = createHash('sha256').update(accountKey).digest('hex').slice(0, 32);
    return new FileSendLedger(path.join(this.directory, `${name}.json`), this.options);
  }
}

class FileSendLedger implements SharedSends {
  private readonly now: () => number;
  private readonly staleLockMs: number;

  constructor(
    private readonly file: string,
    options: SendLedgerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.staleLockMs = options.staleLockMs ?? STALE_LOCK_MS;
  }

  async reserve(budget: number, spanMs: number): Promise<number> {
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const lock = await this.lock();
      try {
        return await this.reserveLocked(budget, spanMs);
      } finally {
        await fs.rm(lock, { force: true });
      }
    } catch {
      // The folder cannot be written (a full disk, a read-only profile): this window's own limiter still keeps
      // its own calls within the budget; stopping every call to the account would be worse than that.
      return 0;
    }
  }

  private async reserveLocked(budget: number, spanMs: number): Promise<number> {
    const now = this.now();
    // Times further ahead than a span come from a clock set back: they would hold the account for hours.
    const times = (await this.read()).filter((at) => at > now - spanMs && at <= now + spanMs).sort((a, b) => a - b);
    if (times.length >= budget) return Math.max(1, times[times.length - budget] + spanMs - now);
    times.push(now);
    // Written whole and renamed over the old file: a crash mid-write leaves the old count, never a torn one.
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(times));
    await fs.rename(temporary, this.file);
    return 0;
  }

  private async read(): Promise<number[]> {
    try {
      const value: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'));
      return Array.isArray(value) ? value.filter((at): at is number => typeof at === 'number' && Number.isFinite(at)) : [];
    } catch {
      // No ledger yet, or one that is not ours to trust: start counting afresh.
      return [];
    }
  }

  /** Takes the lock (a file created with O_EXCL) and answers its path, to be removed when done. */
  private async lock(): Promise<string> {
    const lock = `${this.file}.lock`;
    for (;;) {
      try {
        await (await fs.open(lock, 'wx')).close();
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      await this.breakIfStale(lock);
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS + Math.random() * LOCK_RETRY_MS));
    }
  }

  private async breakIfStale(lock: string): Promise<void> {
    try {
      const { mtimeMs } = await fs.stat(lock);
      // The file system's clock, not the injected one: the lock's age is real time.
      if (Date.now() - mtimeMs > this.staleLockMs) await fs.rm(lock, { force: true });
    } catch {
      // Released meanwhile: the next try takes it.
    }
  }
}
