// Interrupted bulk runs, kept in globalState one key per run. Which runs this window may resume, drop or set
// aside is decided in the core (core/bulk/runOwnership.ts); this adapter only knows the keys and the Memento.
import * as vscode from 'vscode';
import { BulkRunState } from '../../core/bulk/runState';
import { newestFirst, ownedRunRecord, runDisposition } from '../../core/bulk/runOwnership';

const PREFIX = 'koreContactLists.bulkRun.';
/** Where unreadable runs are kept: outside PREFIX, so they are reported once and never offered. */
export const DAMAGED_PREFIX = 'koreContactLists.damagedBulkRun.';

export class BulkRunStore {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly session: string = vscode.env.sessionId,
    private readonly now: () => number = Date.now,
  ) {}

  save(state: BulkRunState): Thenable<void> {
    return this.memento.update(PREFIX + state.runId, ownedRunRecord(state, { session: this.session, now: this.now() }));
  }

  remove(runId: string): Thenable<void> {
    return this.memento.update(PREFIX + runId, undefined);
  }

  /**
   * Runs that may be resumed here: not being driven by another window, not too old (older ones are removed).
   * Unreadable entries are moved aside under DAMAGED_PREFIX; `setAside` names the keys moved by this call.
   */
  async resumable(): Promise<ResumableRuns> {
    const runs: BulkRunState[] = [];
    const setAside: string[] = [];
    for (const key of this.memento.keys().filter((candidate) => candidate.startsWith(PREFIX))) {
      const stored = this.memento.get<unknown>(key);
      const disposition = runDisposition(stored, { session: this.session, now: this.now() });
      if (disposition.kind === 'damaged') {
        const aside = DAMAGED_PREFIX + key.slice(PREFIX.length);
        // Kept first, removed second: a failure in between leaves a copy, never none.
        await this.memento.update(aside, stored);
        await this.memento.update(key, undefined);
        setAside.push(aside);
      } else if (disposition.kind === 'expired') {
        await this.memento.update(key, undefined);
      } else if (disposition.kind === 'resumable') {
        runs.push(disposition.state);
      }
    }
    return { runs: newestFirst(runs), setAside };
  }
}

export interface ResumableRuns {
  readonly runs: BulkRunState[];
  /** Keys under which this call kept unreadable runs aside. */
  readonly setAside: string[];
}
