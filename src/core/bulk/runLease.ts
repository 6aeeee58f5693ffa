// Who drives a saved bulk run: the window holding its newest lease. A window claims a run before it reads the
// run's journal to resume it, by creating the next lease file, `<runId>.lease.<generation>`, with link(2), which
// fails if that generation exists: of two windows that resume one run at once, exactly one gets it. The other
// sees a live lease and lets the run be. A lease whose window is gone (its process died, or it last claimed
// longer than ALIVE_MS ago) may be superseded by the next generation; what its journal then says (a recent
// heartbeat) decides the rest, read under the new claim.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OwnerProcess } from './runJournal';
import { ALIVE_MS } from './runOwnership';

/** Another window drives the run now: it is not opened here, so no DELETE of it can be sent twice. */
export class RunTakenError extends Error {
  constructor() {
    super('Another window is resuming this run.');
    this.name = 'RunTakenError';
  }
}

interface LeaseRecord {
  readonly owner: string;
  /** Epoch milliseconds of the claim. */
  readonly at: number;
  readonly process: OwnerProcess;
}

export interface LeaseOptions {
  readonly session: string;
  readonly now: () => number;
  /** Whether a lease's process is known to be gone (journalStore's processGone). */
  readonly processGone: (owner: OwnerProcess) => boolean;
}

/** A lease this window holds: released when it stops driving the run. */
export class RunLease {
  constructor(readonly file: string) {}

  async release(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

export class RunLeases {
  constructor(
    private readonly directory: string,
    private readonly options: LeaseOptions,
  ) {}

  /** Claims the run for this window, or throws RunTakenError when another window holds a live lease or claims it first. */
  async claim(runId: string): Promise<RunLease> {
    const generations = await this.generations(runId);
    const newest = generations.at(-1) ?? 0;
    if (newest > 0 && this.isLive(await readLease(this.fileOf(runId, newest)))) throw new RunTakenError();
    const file = this.fileOf(runId, newest + 1);
    const record: LeaseRecord = { owner: this.options.session, at: this.options.now(), process: { pid: process.pid, host: os.hostname() } };
    // Written whole first, then linked in: a reader never sees a lease half written, and link fails if it exists.
    const draft = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.draft`;
    await fs.writeFile(draft, JSON.stringify(record), { flag: 'wx' });
    try {
      await fs.link(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new RunTakenError();
      throw error;
    } finally {
      await fs.rm(draft, { force: true });
    }
    // Older generations are kept until the run is removed: a claimer that read them still meets this one's EEXIST.
    return new RunLease(file);
  }

  /** Every lease of a finished run. */
  async removeAll(runId: string): Promise<void> {
    for (const generation of await this.generations(runId)) await fs.rm(this.fileOf(runId, generation), { force: true });
  }

  private isLive(lease: LeaseRecord | undefined): boolean {
    // An unreadable lease names nobody to wait for: the next generation is still claimed exclusively.
    if (!lease || lease.owner === this.options.session) return false;
    return !this.options.processGone(lease.process) && this.options.now() - lease.at < ALIVE_MS;
  }

  private fileOf(runId: string, generation: number): string {
    return path.join(this.directory, `${runId}.lease.${generation}`);
  }

  private async generations(runId: string): Promise<number[]> {
    const prefix = `${runId}.lease.`;
    const names = await fs.readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return names
      .filter((name) => name.startsWith(prefix) && /^[1-9][0-9]{0,9}$/.test(name.slice(prefix.length)))
      .map((name) => Number(name.slice(prefix.length)))
      .sort((a, b) => a - b);
  }
}

async function readLease(file: string): Promise<LeaseRecord | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LeaseRecord>;
    const owned = typeof value.owner === 'string' && typeof value.at === 'number';
    const known = typeof value.process?.pid === 'number' && typeof value.process.host === 'string';
    return owned && known ? (value as LeaseRecord) : undefined;
  } catch {
    // Released (removed) since the folder was listed, or not a lease: nobody holds it.
    return undefined;
  }
}
