// Interrupted bulk runs: journal files in the extension's global storage (`bulk-runs/`, core/bulk/journalStore.ts),
// shared by every window. Runs an earlier version saved in globalState (one key per run) are moved into journals
// once, the first time this window lists the runs; a saved run that cannot be read stays in globalState, aside,
// as before, and is reported once.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ResumableRuns, RunJournalStore, RunJournalWriter } from '../../core/bulk/journalStore';
import { runDisposition } from '../../core/bulk/legacyRuns';
import { BulkRunState } from '../../core/bulk/runState';

/** Where earlier versions kept each run, and where unreadable ones were kept aside. */
const LEGACY_PREFIX = 'koreContactLists.bulkRun.';
export const DAMAGED_PREFIX = 'koreContactLists.damagedBulkRun.';
export const RUNS_FOLDER = 'bulk-runs';

export class BulkRunStore {
  private readonly journals: RunJournalStore;

  constructor(
    private readonly memento: vscode.Memento,
    globalStorage: string,
    private readonly session: string = vscode.env.sessionId,
    private readonly now: () => number = Date.now,
  ) {
    this.journals = new RunJournalStore(path.join(globalStorage, RUNS_FOLDER), session, now);
  }

  /** The journal this window writes while it drives the run (new or resumed). */
  open(state: BulkRunState): Promise<RunJournalWriter> {
    return this.journals.open(state);
  }

  remove(runId: string): Promise<void> {
    return this.journals.remove(runId);
  }

  /** `setAside` names journal files moved to `damaged/` and globalState keys kept aside. */
  async resumable(): Promise<ResumableRuns> {
    const legacyAside = await this.migrate();
    const { runs, setAside } = await this.journals.resumable();
    return { runs, setAside: [...legacyAside, ...setAside] };
  }

  /**
   * Moves runs from globalState into journals: each is written (header and outcomes, flushed) before its key is
   * removed, so a failure in between leaves it in both places, never in neither (and a journal already there,
   * written by such an earlier attempt and perhaps resumed since, is kept). Returns the keys set aside.
   */
  private async migrate(): Promise<string[]> {
    const setAside: string[] = [];
    for (const key of this.memento.keys().filter((candidate) => candidate.startsWith(LEGACY_PREFIX))) {
      const stored = this.memento.get<unknown>(key);
      const disposition = runDisposition(stored, { session: this.session, now: this.now() });
      if (disposition.kind === 'damaged') {
        const aside = DAMAGED_PREFIX + key.slice(LEGACY_PREFIX.length);
        await this.memento.update(aside, stored);
        await this.memento.update(key, undefined);
        setAside.push(aside);
      } else if (disposition.kind === 'expired') {
        await this.memento.update(key, undefined);
      } else if (disposition.kind === 'resumable') {
        await this.journals.adopt(disposition.state);
        await this.memento.update(key, undefined);
      }
      // A run an older window is still driving stays where that window writes it.
    }
    return setAside;
  }
}
