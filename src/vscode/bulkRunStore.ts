// Interrupted bulk runs, kept in globalState one key per run, with the window (session) that owns each and
// when it last saved. Several windows share globalState: a run another window is still driving is never
// offered for resuming (that would send its DELETEs twice), and starting a run never discards another's.
// A saved run that cannot be read is never dropped: it may be the only record of DELETEs already sent, so
// it is kept aside under another key, for the user to be told about once.
import * as vscode from 'vscode';
import { BulkRunState, parseBulkRunState, serialiseBulkRunState } from '../core/bulk/runState';

const PREFIX = 'koreContactLists.bulkRun.';
/** Where unreadable runs are kept: outside PREFIX, so they are reported once and never offered. */
export const DAMAGED_PREFIX = 'koreContactLists.damagedBulkRun.';
/** A run saved more recently than this by another window is taken to be running there. */
export const ALIVE_MS = 2 * 60_000;
/** Older runs are not offered: the lists have likely changed since. */
const RESUME_WINDOW_MS = 7 * 24 * 3600 * 1000;

interface Envelope {
  readonly owner: string;
  readonly updatedAt: number;
  readonly state: string;
}

export class BulkRunStore {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly session: string = vscode.env.sessionId,
    private readonly now: () => number = Date.now,
  ) {}

  save(state: BulkRunState): Thenable<void> {
    const envelope: Envelope = { owner: this.session, updatedAt: this.now(), state: serialiseBulkRunState(state) };
    return this.memento.update(PREFIX + state.runId, JSON.stringify(envelope));
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
      const envelope = typeof stored === 'string' ? parseEnvelope(stored) : undefined;
      const state = envelope && parseBulkRunState(envelope.state);
      if (!envelope || !state) {
        const aside = DAMAGED_PREFIX + key.slice(PREFIX.length);
        // Kept first, removed second: a failure in between leaves a copy, never none.
        await this.memento.update(aside, stored);
        await this.memento.update(key, undefined);
        setAside.push(aside);
        continue;
      }
      if (this.now() - state.createdAt > RESUME_WINDOW_MS) {
        await this.memento.update(key, undefined);
        continue;
      }
      const drivenElsewhere = envelope.owner !== this.session && this.now() - envelope.updatedAt < ALIVE_MS;
      if (!drivenElsewhere) runs.push(state);
    }
    return { runs: runs.sort((a, b) => b.createdAt - a.createdAt), setAside };
  }
}

export interface ResumableRuns {
  readonly runs: BulkRunState[];
  /** Keys under which this call kept unreadable runs aside. */
  readonly setAside: string[];
}

function parseEnvelope(text: string | undefined): Envelope | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Envelope>;
    return typeof value.owner === 'string' && typeof value.updatedAt === 'number' && typeof value.state === 'string'
      ? { owner: value.owner, updatedAt: value.updatedAt, state: value.state }
      : undefined;
  } catch {
    return undefined;
  }
}
