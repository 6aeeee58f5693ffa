// A bulk run's journal: the run as an append-only text file, one JSON line per event, so that saving progress
// costs one short line per id (not the whole state per id) and a crash loses at most a line that was never
// acknowledged. The first line is the header (what the run is); then `started` (written and flushed before the
// DELETE it announces is sent), `outcome` (where the id ended) and `heartbeat` (which window drives the run, and
// that it is still alive). Replaying the lines in order gives the same BulkRunState the run had in memory.
// A torn last line (a crash in the middle of a write) is ignored: what it announced never happened, because
// the DELETE waits for the line to be on disk. Anything else that does not read is damage: refused, never guessed.
import { BulkRunState, RunStateEntry, isRecord, isShortText, isValidId, parseEntry, parseApiTarget } from './runState';
import { IdOutcome } from './report';

const JOURNAL_VERSION = 1;

export type JournalEvent =
  | { readonly e: 'started'; readonly id: string }
  | { readonly e: 'outcome'; readonly id: string; readonly outcome: IdOutcome }
  /** `process`: the owner's extension host, so that a window on the same machine can tell it has died (crashed). */
  | { readonly e: 'heartbeat'; readonly owner: string; readonly at: number; readonly process?: OwnerProcess };

export interface OwnerProcess {
  readonly pid: number;
  readonly host: string;
}

/** The header line, newline included. */
export function journalHeader(state: Pick<BulkRunState, 'runId' | 'environmentId' | 'target' | 'createdAt' | 'ids'>): string {
  const { runId, environmentId, target, createdAt, ids } = state;
  return `${JSON.stringify({ journal: JOURNAL_VERSION, runId, environmentId, ...(target ? { target } : {}), createdAt, ids })}\n`;
}

/** One event line, newline included. */
export function journalLine(event: JournalEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export interface ReplayedJournal {
  readonly state: BulkRunState;
  /** The session of the window that last wrote a heartbeat; undefined when none was written. */
  readonly owner: string | undefined;
  /** The owner's process, as its last heartbeat named it. */
  readonly ownerProcess: OwnerProcess | undefined;
  /** Epoch milliseconds of the last heartbeat; the run's createdAt when there is none. */
  readonly lastHeartbeat: number;
  /** The text ended in a torn (or unreadable) last line, which was ignored. */
  readonly damagedTail: boolean;
  /** Length, in UTF-8 bytes, of the lines that were read: a writer resuming the run cuts the torn tail off there. */
  readonly intactBytes: number;
}

/** Why a journal cannot be replayed: it is kept aside for the user, never deleted. */
export interface DamagedJournal {
  readonly damaged: string;
}

/** Replays a journal's text. A torn or unreadable last line is tolerated; a damaged header or middle line is not. */
export function replayJournal(text: string): ReplayedJournal | DamagedJournal {
  const lines = text.split('\n');
  // The segment after the last newline is either empty (the file ends cleanly) or a line whose write was torn.
  const torn = lines.pop() ?? '';
  const header = lines.length > 0 ? parseHeader(lines[0]) : undefined;
  if (!header) return { damaged: lines.length === 0 ? 'the header line is incomplete' : 'the header line cannot be read' };
  const known = new Set(header.ids);
  const outcomes = new Map<string, RunStateEntry>();
  let owner: string | undefined;
  let ownerProcess: OwnerProcess | undefined;
  let lastHeartbeat = header.createdAt;
  let intactBytes = Buffer.byteLength(lines[0]) + 1;
  let badLast = false;
  for (let index = 1; index < lines.length; index++) {
    const event = parseEvent(lines[index], known);
    if (!event) {
      // Only the last line may be damaged: a bad line with lines after it is not a torn write.
      if (index !== lines.length - 1) return { damaged: `line ${index + 1} cannot be read` };
      badLast = true;
      break;
    }
    intactBytes += Buffer.byteLength(lines[index]) + 1;
    if (event.e === 'heartbeat') {
      owner = event.owner;
      ownerProcess = event.process;
      lastHeartbeat = event.at;
    } else {
      outcomes.set(event.id, event.e === 'started' ? { kind: 'started' } : event.outcome);
    }
  }
  const state: BulkRunState = { ...header, outcomes };
  return { state, owner, ownerProcess, lastHeartbeat, damagedTail: badLast || torn.length > 0, intactBytes };
}

export function isDamagedJournal(replayed: ReplayedJournal | DamagedJournal): replayed is DamagedJournal {
  return 'damaged' in replayed;
}

type Header = Omit<BulkRunState, 'outcomes'>;

function parseHeader(line: string): Header | undefined {
  const value = parseJson(line);
  if (!isRecord(value) || value.journal !== JOURNAL_VERSION) return undefined;
  const { runId, environmentId, target, createdAt, ids } = value;
  if (!isShortText(runId) || !isShortText(environmentId)) return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  // The same check as every id a run is given, so nothing the runner accepts can make the journal unreadable.
  if (!Array.isArray(ids) || !ids.every(isValidId) || new Set(ids).size !== ids.length) return undefined;
  const parsedTarget = parseApiTarget(target);
  if (parsedTarget === false) return undefined;
  return { runId, environmentId, ...(parsedTarget ? { target: parsedTarget } : {}), createdAt, ids };
}


function parseEvent(line: string, known: ReadonlySet<string>): JournalEvent | undefined {
  const value = parseJson(line);
  if (!isRecord(value)) return undefined;
  if (value.e === 'heartbeat') {
    const { owner, at } = value;
    if (!isShortText(owner) || typeof at !== 'number' || !Number.isFinite(at)) return undefined;
    const process = parseProcess(value.process);
    if (process === false) return undefined;
    return { e: 'heartbeat', owner, at, ...(process ? { process } : {}) };
  }
  // An event for an id the run was not given is not ours: the journal is damaged, not merely torn.
  if (typeof value.id !== 'string' || !known.has(value.id)) return undefined;
  if (value.e === 'started') return { e: 'started', id: value.id };
  if (value.e !== 'outcome') return undefined;
  const outcome = parseEntry(value.outcome);
  return outcome && outcome.kind !== 'started' ? { e: 'outcome', id: value.id, outcome } : undefined;
}

/** undefined: absent; false: present but malformed. */
function parseProcess(value: unknown): OwnerProcess | undefined | false {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Number.isSafeInteger(value.pid) || (value.pid as number) <= 0 || !isShortText(value.host)) return false;
  return { pid: value.pid as number, host: value.host };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
