// One line of the audit trail: what an entry holds, how it is built from an attempt, written as one JSON line
// whatever the answer held, and read back. Every line read is hostile until checked: a damaged or foreign
// line is counted, never half-used. The file store that appends and rotates these lines is auditLog.ts.
import { DeleteOutcome, isDeleteOutcome } from '../failures/deleteOutcome';
import { Environment } from '../environments/environment';
import { KoreCallResult, missingRecordNote, recordOfList } from '../api/koreResult';

export interface AuditEntry {
  /** ISO time the attempt ended. */
  readonly time: string;
  readonly environment: { readonly name: string; readonly host: string; readonly iid: string; readonly accountId: string };
  readonly contactListId: string;
  /** The list's name, when the preview or the answer told it. */
  readonly contactListName?: string;
  readonly outcome: DeleteOutcome;
  /** Why it failed (see FailureReason), when it did. */
  readonly failure?: string;
  readonly httpStatus?: number;
  readonly durationMs: number;
  /** The sentence the user was shown. */
  readonly message: string;
  /** What the answer lacked, in words: a success without the deleted list's record (the older v1 form). */
  readonly note?: string;
  /** The full answer: parsed JSON when it was JSON, otherwise the text. Never a token (redacted before). */
  readonly response?: unknown;
}

/** What the caller knows of one attempt beyond the environment and the answer. */
export interface AuditAttempt {
  readonly contactListId: string;
  readonly outcome: DeleteOutcome;
  /** The sentence the user was shown. */
  readonly message: string;
  /** The list's name, when the preview told it; by default the name the answer gave in this list's own record. */
  readonly contactListName?: string;
}

/** One attempt as the trail keeps it: the whole answer, so a deleted list's record survives its deletion. */
export function auditEntryFor(environment: Environment, result: KoreCallResult, attempt: AuditAttempt): AuditEntry {
  const { contactListId, outcome, message } = attempt;
  const contactListName = attempt.contactListName ?? recordOfList(result, contactListId)?.name;
  const exchange = result.exchange;
  const bodyText = exchange.kind === 'response' && exchange.bodyText ? exchange.bodyText : undefined;
  // The parsed answer reads best, but only if it can be written out again here and by every later reader (History
  // export re-formats it with indentation): a hostile answer nested thousands deep overflows JSON.stringify's stack,
  // and then its raw text is the faithful record.
  const response = result.json !== undefined && isRecordable(result.json) ? result.json : bodyText;
  const note = missingRecordNote(result);
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
    ...(note !== undefined ? { note } : {}),
    ...(response !== undefined ? { response } : {}),
  };
}

/**
 * Deeper than any answer Kore.ai sends (a handful of levels), far shallower than what overflows JSON.stringify
 * (a few thousand levels, less on a busy stack).
 */
const MAX_RECORDED_DEPTH = 64;

/** A tree of JSON values no deeper than MAX_RECORDED_DEPTH that JSON.stringify accepts. Never throws. */
function isRecordable(value: unknown): boolean {
  try {
    // Iterative, so measuring the depth cannot overflow either; an object met twice (a cycle, or sharing that
    // would multiply on writing) is not a parsed answer.
    const seen = new Set<object>();
    const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
    for (let item = pending.pop(); item; item = pending.pop()) {
      if (typeof item.value !== 'object' || item.value === null) continue;
      if (item.depth > MAX_RECORDED_DEPTH || seen.has(item.value)) return false;
      seen.add(item.value);
      for (const child of Object.values(item.value)) pending.push({ value: child, depth: item.depth + 1 });
    }
    return JSON.stringify(value) !== undefined;
  } catch {
    return false; // a BigInt, a throwing getter or toJSON: not writable as JSON
  }
}

/**
 * The line `append` writes for an entry. When something in it cannot be serialised (a response nested too deep,
 * a BigInt, a cycle...), the entry is still written whole with its known fields, and the response replaced by a
 * sentence saying why: losing the record of an attempt is worse than losing the answer's shape.
 */
export function auditLine(entry: AuditEntry): string {
  try {
    return JSON.stringify(entry);
  } catch (error) {
    const text = (value: unknown): string => (typeof value === 'string' ? value : safeString(value));
    const environment: Partial<AuditEntry['environment']> = typeof entry.environment === 'object' && entry.environment !== null ? entry.environment : {};
    const fallback: AuditEntry = {
      time: text(entry.time),
      environment: { name: text(environment.name), host: text(environment.host), iid: text(environment.iid), accountId: text(environment.accountId) },
      contactListId: text(entry.contactListId),
      ...(entry.contactListName !== undefined ? { contactListName: text(entry.contactListName) } : {}),
      outcome: isDeleteOutcome(entry.outcome) ? entry.outcome : 'unknown',
      ...(entry.failure !== undefined ? { failure: text(entry.failure) } : {}),
      ...(Number.isFinite(entry.httpStatus) ? { httpStatus: entry.httpStatus } : {}),
      durationMs: Number.isFinite(entry.durationMs) ? entry.durationMs : 0,
      message: text(entry.message),
      ...(entry.note !== undefined ? { note: text(entry.note) } : {}),
      response: `The answer could not be recorded as JSON (${error instanceof Error ? `${error.name}: ${error.message}` : safeString(error)}).`,
    };
    return JSON.stringify(fallback);
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

/** One line (without its newline): the entry, undefined for a blank line, or 'damaged'. Never throws. */
export function parseAuditLine(rawLine: string): AuditEntry | undefined | 'damaged' {
  // A byte-order mark (an editor saved the file) is not part of the entry; JSON.parse ignores a CR from CRLF.
  const line = rawLine.startsWith('\uFEFF') ? rawLine.slice(1) : rawLine;
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return isAuditEntry(value) ? value : 'damaged';
  } catch {
    return 'damaged';
  }
}

function isAuditEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Partial<Record<keyof AuditEntry, unknown>>;
  const environment = entry.environment as Partial<Record<keyof AuditEntry['environment'], unknown>> | null | undefined;
  const optional = (field: unknown, type: 'string' | 'number') => field === undefined || typeof field === type;
  return (
    typeof entry.time === 'string' &&
    typeof entry.contactListId === 'string' &&
    isDeleteOutcome(entry.outcome) &&
    typeof environment === 'object' &&
    environment !== null &&
    typeof environment.name === 'string' &&
    optional(environment.host, 'string') &&
    optional(environment.iid, 'string') &&
    optional(environment.accountId, 'string') &&
    typeof entry.durationMs === 'number' &&
    typeof entry.message === 'string' &&
    optional(entry.contactListName, 'string') &&
    optional(entry.note, 'string') &&
    optional(entry.failure, 'string') &&
    optional(entry.httpStatus, 'number')
  );
}
