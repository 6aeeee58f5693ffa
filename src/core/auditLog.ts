// The audit trail: one JSON line per delete attempt, appended to a file that outlives the deleted list.
// Lines are written with one append call each, so two windows appending at once interleave whole lines;
// past a size cap the file is rotated (the previous generation kept), so the newest entries are never lost.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Environment } from './environment';
import { KoreCallResult } from './koreResult';

export type AuditOutcome = 'deleted' | 'failed' | 'unknown';

export interface AuditEntry {
  /** ISO time the attempt ended. */
  readonly time: string;
  readonly environment: { readonly name: string; readonly host: string; readonly iid: string; readonly accountId: string };
  readonly contactListId: string;
  /** The list's name, when the preview or the answer told it. */
  readonly contactListName?: string;
  readonly outcome: AuditOutcome;
  /** Why it failed (see FailureReason), when it did. */
  readonly failure?: string;
  readonly httpStatus?: number;
  readonly durationMs: number;
  /** The sentence the user was shown. */
  readonly message: string;
  /** The full answer: parsed JSON when it was JSON, otherwise the text. Never a token (redacted before). */
  readonly response?: unknown;
}

/** One attempt as the trail keeps it: the whole answer, so a deleted list's record survives its deletion. */
export function auditEntryFor(
  environment: Environment,
  contactListId: string,
  result: KoreCallResult,
  outcome: AuditOutcome,
  message: string,
  contactListName: string | undefined = result.contactList?.name,
): AuditEntry {
  const exchange = result.exchange;
  const response = result.json !== undefined ? result.json : exchange.kind === 'response' && exchange.bodyText ? exchange.bodyText : undefined;
  return {
    time: new Date().toISOString(),
    environment: { name: environment.name, host: environment.host, iid: environment.iid, accountId: environment.accountId },
    contactListId,
    ...(contactListName ? { contactListName } : {}),
    outcome,
    ...(result.failure ? { failure: result.failure } : {}),
    ...(exchange.kind === 'response' ? { httpStatus: exchange.status } : {}),
    durationMs: exchange.durationMs,
    message,
    ...(response !== undefined ? { response } : {}),
  };
}

export const AUDIT_FILE = 'audit.jsonl';
export const ROTATED_AUDIT_FILE = 'audit.1.jsonl';
export const DEFAULT_MAX_AUDIT_BYTES = 10 * 1024 * 1024;

export interface AuditReadResult {
  /** Newest first. */
  readonly entries: AuditEntry[];
  /** How many lines could not be read (damaged, truncated, or not ours). */
  readonly damagedLines: number;
}

export function parseAuditLines(text: string): { entries: AuditEntry[]; damagedLines: number } {
  const entries: AuditEntry[] = [];
  let damagedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Partial<AuditEntry>;
      if (isAuditEntry(value)) entries.push(value);
      else damagedLines += 1;
    } catch {
      damagedLines += 1;
    }
  }
  return { entries, damagedLines };
}

function isAuditEntry(value: Partial<AuditEntry>): value is AuditEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.time === 'string' &&
    typeof value.contactListId === 'string' &&
    (value.outcome === 'deleted' || value.outcome === 'failed' || value.outcome === 'unknown') &&
    typeof value.environment === 'object' &&
    value.environment !== null &&
    typeof value.environment.name === 'string' &&
    typeof value.durationMs === 'number' &&
    typeof value.message === 'string'
  );
}

export class AuditLog {
  constructor(
    private readonly directory: string,
    private readonly maxBytes: number = DEFAULT_MAX_AUDIT_BYTES,
  ) {}

  get file(): string {
    return path.join(this.directory, AUDIT_FILE);
  }

  /** Appends of this process, one after another: two rotations at once would replace the rotated file. */
  private tail: Promise<void> = Promise.resolve();

  append(entry: AuditEntry): Promise<void> {
    const next = this.tail.catch(() => undefined).then(async () => {
      await fs.mkdir(this.directory, { recursive: true });
      await this.rotateIfFull();
      // One write of one whole line: appends from several windows interleave by line, never inside one.
      await fs.appendFile(this.file, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', flag: 'a' });
    });
    this.tail = next;
    return next;
  }

  /** Both generations, newest first. A missing file is an empty history. */
  async read(): Promise<AuditReadResult> {
    const older = parseAuditLines(await readIfExists(path.join(this.directory, ROTATED_AUDIT_FILE)));
    const newer = parseAuditLines(await readIfExists(this.file));
    return { entries: [...older.entries, ...newer.entries].reverse(), damagedLines: older.damagedLines + newer.damagedLines };
  }

  clear(): Promise<void> {
    const next = this.tail.catch(() => undefined).then(async () => {
      await fs.rm(this.file, { force: true });
      await fs.rm(path.join(this.directory, ROTATED_AUDIT_FILE), { force: true });
    });
    this.tail = next;
    return next;
  }

  private async rotateIfFull(): Promise<void> {
    let size: number;
    try {
      size = (await fs.stat(this.file)).size;
    } catch {
      return;
    }
    if (size < this.maxBytes) return;
    try {
      await fs.rename(this.file, path.join(this.directory, ROTATED_AUDIT_FILE));
    } catch (error) {
      // Another window rotated first: its rename won, and appending to the new file is right.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

async function readIfExists(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
