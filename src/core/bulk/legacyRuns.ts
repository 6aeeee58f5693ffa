// What versions before the run journals saved per bulk run in globalState: one key per run, holding an envelope
// (owner window, last save) around the whole state as JSON. Nothing writes this format any more: it is only read,
// once per window, to move such runs into journals (src/vscode/bulk/bulkRunStore.ts). The journal format is
// runJournal.ts; the decisions (resumable, driven elsewhere, expired, damaged) are runOwnership.ts's.
import { Observer, RunDisposition, ownedDisposition } from './runOwnership';
import { BulkRunState, RunStateEntry, isRecord, isShortText, isValidId, parseApiTarget, parseEntry } from './runState';

/** The `version` of every state earlier versions saved. */
const STATE_VERSION = 1;

/** What was stored per run: the state, with the window (session) that owned it and when that window last saved. */
interface Envelope {
  readonly owner: string;
  readonly updatedAt: number;
  readonly state: string;
}

/** Decides one stored value (whatever was found under a run's key). */
export function runDisposition(stored: unknown, observer: Observer): RunDisposition {
  const envelope = typeof stored === 'string' ? parseEnvelope(stored) : undefined;
  const state = envelope && parseBulkRunState(envelope.state);
  if (!envelope || !state) return { kind: 'damaged' };
  return ownedDisposition(state, { owner: envelope.owner, at: envelope.updatedAt }, observer);
}

/**
 * Reads a stored state back. Anything malformed gives undefined rather than a half-trusted state: a
 * resume built on a wrong record could re-send a DELETE that already succeeded.
 */
export function parseBulkRunState(text: string | undefined): BulkRunState | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.version !== STATE_VERSION) return undefined;
  const { runId, environmentId, createdAt, ids, outcomes, target } = value;
  if (!isShortText(runId) || !isShortText(environmentId)) return undefined;
  const parsedTarget = parseApiTarget(target);
  if (parsedTarget === false) return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  // The same check as every id a run is given, so nothing the runner accepts can make the state unreadable.
  if (!Array.isArray(ids) || !ids.every(isValidId) || new Set(ids).size !== ids.length) return undefined;
  if (!isRecord(outcomes)) return undefined;
  const known = new Set<string>(ids);
  const parsed = new Map<string, RunStateEntry>();
  for (const [id, entry] of Object.entries(outcomes)) {
    const checked = parseEntry(entry);
    if (!known.has(id) || checked === undefined) return undefined;
    parsed.set(id, checked);
  }
  return { runId, environmentId, ...(parsedTarget ? { target: parsedTarget } : {}), createdAt, ids: [...known], outcomes: parsed };
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
