// Interrupted bulk runs, kept in globalState one key per run, with the window (session) that owns each and
// when it last saved. Several windows share globalState: a run another window is still driving is never
// offered for resuming (that would send its DELETEs twice), and starting a run never discards another's.
import * as vscode from 'vscode';
import { BulkRunState, parseBulkRunState, serialiseBulkRunState } from '../core/bulkDeletion';

const PREFIX = 'koreContactLists.bulkRun.';
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

  /** Runs that may be resumed here: not being driven by another window, not too old. Damaged entries are dropped. */
  async resumable(): Promise<BulkRunState[]> {
    const runs: BulkRunState[] = [];
    for (const key of this.memento.keys().filter((candidate) => candidate.startsWith(PREFIX))) {
      const envelope = parseEnvelope(this.memento.get<string>(key));
      const state = envelope && parseBulkRunState(envelope.state);
      if (!envelope || !state || this.now() - state.createdAt > RESUME_WINDOW_MS) {
        await this.memento.update(key, undefined);
        continue;
      }
      const drivenElsewhere = envelope.owner !== this.session && this.now() - envelope.updatedAt < ALIVE_MS;
      if (!drivenElsewhere) runs.push(state);
    }
    return runs.sort((a, b) => b.createdAt - a.createdAt);
  }
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
