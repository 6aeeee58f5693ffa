// Interrupted bulk runs as journal files in one folder (the extension's global storage, `bulk-runs/`), shared by
// every window: `<runId>.jsonl`, one per run, written by runJournal's format through JournalFile. Which runs
// a window may resume, drop or set aside is decided by runOwnership (journalDisposition); this store only reads
// the folder and moves files. A journal that cannot be read is moved to `damaged/`, never deleted: it may be
// the only record of DELETEs already sent.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournalChangedError, JournalFile } from './journalFile';
import { RunLease, RunLeases, RunTakenError } from './runLease';
import { OwnerProcess, isDamagedJournal, journalHeader, journalLine, replayJournal } from './runJournal';
import { IdOutcome } from './report';
import { BulkRunState } from './runState';
import { journalDisposition, newestFirst } from './runOwnership';

const JOURNAL_EXTENSION = '.jsonl';
export const DAMAGED_FOLDER = 'damaged';
/** Run ids name files: only what randomUUID makes (and any other plain name) is accepted. */
const SAFE_RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export interface ResumableRuns {
  readonly runs: BulkRunState[];
  /** What this call moved aside because it could not be read (files; globalState keys too, see bulkRunStore.ts). */
  readonly setAside: string[];
}

export { RunTakenError } from './runLease';

/** The journal of one run being driven by this window, and its lease on the run. */
export class RunJournalWriter {
  constructor(
    private readonly journal: JournalFile,
    private readonly lease: RunLease,
    private readonly session: string,
    private readonly now: () => number,
  ) {}

  get file(): string {
    return this.journal.file;
  }

  /** Resolves once the line is on disk: await it before sending the DELETE. */
  started(id: string): Promise<void> {
    return this.journal.append(journalLine({ e: 'started', id }), { flush: true });
  }

  /** Not flushed by itself: the next `started` flushes it, and a lost outcome line leaves the id `started` (looked up). */
  outcome(id: string, outcome: IdOutcome): Promise<void> {
    return this.journal.append(journalLine({ e: 'outcome', id, outcome }), { flush: false });
  }

  heartbeat(): Promise<void> {
    return this.journal.append(heartbeatLine(this.session, this.now()), { flush: false });
  }

  /** This window stops driving the run: the journal is closed and the lease released. */
  async close(): Promise<void> {
    try {
      await this.journal.close();
    } finally {
      await this.lease.release();
    }
  }
}

/** Test-only pauses, injected: the timing of two windows that resume one run together. */
export interface JournalStoreHooks {
  /** Awaited after a resumed run's journal was read (under this window's claim) and before it is written to. */
  readonly afterRead?: () => Promise<void>;
}

export class RunJournalStore {
  private readonly leases: RunLeases;

  constructor(
    readonly directory: string,
    private readonly session: string,
    private readonly now: () => number = Date.now,
    private readonly hooks: JournalStoreHooks = {},
  ) {
    this.leases = new RunLeases(directory, { session, now, processGone });
  }

  /**
   * Opens a run's journal for this window to drive: a new run's is created (header and a heartbeat, flushed);
   * a resumed run's is claimed first (runLease: of two windows, one gets it), then read under the claim, checked
   * again, its torn tail (if any) cut off, and this window's heartbeat appended.
   */
  async open(state: BulkRunState): Promise<RunJournalWriter> {
    const file = this.fileOf(state.runId);
    await fs.mkdir(this.directory, { recursive: true });
    const heartbeat = heartbeatLine(this.session, this.now());
    let journal: JournalFile;
    try {
      journal = await JournalFile.create(file, journalHeader(state) + heartbeat);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lease = await this.leases.claim(state.runId);
      try {
        journal = await JournalFile.reopen(file, (text) => this.checkUnderClaim(file, text, state));
        await journal.append(heartbeat, { flush: true });
      } catch (failure) {
        await lease.release();
        throw failure instanceof JournalChangedError ? new RunTakenError() : failure;
      }
      return new RunJournalWriter(journal, lease, this.session, this.now);
    }
    try {
      return new RunJournalWriter(journal, await this.leases.claim(state.runId), this.session, this.now);
    } catch (error) {
      await journal.close();
      throw error;
    }
  }

  /** The journal as read under this window's claim: the intact bytes to keep, or why the run is not resumed. */
  private async checkUnderClaim(file: string, text: string, state: BulkRunState): Promise<number> {
    await this.hooks.afterRead?.();
    const replayed = replayJournal(text);
    if (isDamagedJournal(replayed) || replayed.state.runId !== state.runId) throw new Error(`The journal ${file} cannot be read back, so the run is not resumed.`);
    // Checked again now, not only when the runs were listed: a confirmation can take minutes, and another window
    // may have driven the run meanwhile (its fresh heartbeat says so) and let its lease go.
    if (journalDisposition(replayed, { session: this.session, now: this.now() }, processGone).kind !== 'resumable') throw new RunTakenError();
    return replayed.intactBytes;
  }

  /**
   * Writes a run saved elsewhere (globalState, by an earlier version) as a journal, with no owner, flushed.
   * A journal already there for it is newer and is kept.
   */
  async adopt(state: BulkRunState): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
    const events = [...state.outcomes].map(([id, entry]) => journalLine(entry.kind === 'started' ? { e: 'started', id } : { e: 'outcome', id, outcome: entry }));
    try {
      const journal = await JournalFile.create(this.fileOf(state.runId), journalHeader(state) + events.join(''));
      await journal.close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  /** A finished run: nothing is left to resume. */
  async remove(runId: string): Promise<void> {
    await fs.rm(this.fileOf(runId), { force: true });
    await this.leases.removeAll(runId);
  }

  /** Runs this window may resume (newest first); expired ones are removed, unreadable ones moved aside. */
  async resumable(): Promise<ResumableRuns> {
    const runs: BulkRunState[] = [];
    const setAside: string[] = [];
    for (const name of await this.journalNames()) {
      const file = path.join(this.directory, name);
      const text = await readIfPresent(file);
      // Removed by another window (finished, or set aside) since the folder was listed.
      if (text === undefined) continue;
      const replayed = replayJournal(text);
      const disposition = journalDisposition(replayed, { session: this.session, now: this.now() }, processGone);
      // A file whose name is not its run's id is not one this store wrote: kept aside, not trusted.
      const misnamed = !isDamagedJournal(replayed) && name !== replayed.state.runId + JOURNAL_EXTENSION;
      if (disposition.kind === 'damaged' || misnamed) {
        const aside = await this.setAside(file, name);
        if (aside) setAside.push(aside);
      } else if (disposition.kind === 'expired') {
        await this.remove(name.slice(0, -JOURNAL_EXTENSION.length));
      } else if (disposition.kind === 'resumable') {
        runs.push(disposition.state);
      }
    }
    return { runs: newestFirst(runs), setAside };
  }

  private fileOf(runId: string): string {
    if (!SAFE_RUN_ID.test(runId)) throw new Error('A bulk run id must be a plain name to name its journal file.');
    return path.join(this.directory, runId + JOURNAL_EXTENSION);
  }

  private async journalNames(): Promise<string[]> {
    try {
      const names = await fs.readdir(this.directory);
      return names.filter((name) => name.endsWith(JOURNAL_EXTENSION) && SAFE_RUN_ID.test(name.slice(0, -JOURNAL_EXTENSION.length)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Moves an unreadable journal aside, unchanged; undefined when another window moved it first. */
  private async setAside(file: string, name: string): Promise<string | undefined> {
    const folder = path.join(this.directory, DAMAGED_FOLDER);
    await fs.mkdir(folder, { recursive: true });
    const aside = path.join(folder, `${name.slice(0, -JOURNAL_EXTENSION.length)}.${this.now()}${JOURNAL_EXTENSION}`);
    try {
      await fs.rename(file, aside);
      return aside;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

/** This window's heartbeat: its session, and its extension host's process, by which a crash can be told apart. */
function heartbeatLine(session: string, at: number): string {
  return journalLine({ e: 'heartbeat', owner: session, at, process: { pid: process.pid, host: os.hostname() } });
}

/**
 * Whether a run's owner is known to be dead: its process, on this machine, no longer exists. Anywhere else, or
 * if the check cannot tell (EPERM: it exists, under another user), it is taken to be alive.
 */
export function processGone(owner: OwnerProcess): boolean {
  if (owner.host !== os.hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
