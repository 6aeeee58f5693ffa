// The audit trail's file names: one grammar, used by the writer when it rotates (auditLog), by both readers (History,
// export, the change tracker), by pruning and by Clear History. A file any of them would miss is an entry History
// hides, pruning keeps forever and Clear History leaves on disk while saying it is gone; so the writer only ever
// makes names that this grammar accepts, whatever names (planted or left by a race) the directory already holds.
import { randomBytes } from 'node:crypto';

/** The live file, appended to; newer than every rotated generation. */
export const AUDIT_FILE = 'audit.jsonl';

/**
 * The widest sequence number a generation's name holds. Sequences are compared as BigInt, so none is rounded
 * (a planted `audit.999999999999999.jsonl` once made the next name unreadable). A real trail rotates a few times a
 * day at most: only a planted name gets near this width. There the sequence saturates instead of rolling over
 * (a rolled-over 1 would sort as the oldest, and be pruned first): every later generation takes the top
 * sequence, and those are ordered by the time-stamped part of their names. 30 digits keep a name far below any
 * file system's 255-byte limit.
 */
const MAX_SEQUENCE_DIGITS = 30;
const TOP_SEQUENCE = 10n ** BigInt(MAX_SEQUENCE_DIGITS) - 1n;

/**
 * Rotated generations: `audit.<sequence>.<suffix>.jsonl`, and `audit.1.jsonl` from earlier versions (sequence 1).
 * The suffix (lower-case hex) makes every name new, so two windows rotating at once never replace each other's file;
 * two that pick the same sequence in such a race are both kept.
 */
const GENERATION_NAME = new RegExp(`^audit\\.(\\d{1,${MAX_SEQUENCE_DIGITS}})(?:\\.[0-9a-f]{1,32})?\\.jsonl$`);

export interface Generation {
  readonly name: string;
  readonly sequence: bigint;
}

/** The generation a file name is, or undefined for any other name (the live file, or a file that is not ours). */
function parseGenerationName(name: string): Generation | undefined {
  const match = GENERATION_NAME.exec(name);
  return match ? { name, sequence: BigInt(match[1]) } : undefined;
}

/** The rotated generations among a directory's file names, oldest first (the live file is newer than all). */
export function rotatedGenerations(names: readonly string[]): Generation[] {
  const generations = names.map(parseGenerationName).filter((generation): generation is Generation => generation !== undefined);
  return generations.sort(compareGenerations);
}

/** By sequence; generations that share one (a race, or the top) by the time in their suffix, then by name. */
function compareGenerations(a: Generation, b: Generation): number {
  if (a.sequence !== b.sequence) return a.sequence < b.sequence ? -1 : 1;
  return suffixTime(a.name) - suffixTime(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The largest time the 12 hex digits of a suffix hold. */
const MAX_SUFFIX_TIME = 0xffffffffffff;

/**
 * The name of the generation rotated after `generations` (oldest first): the next sequence, saturating at
 * TOP_SEQUENCE. The suffix starts with the time in milliseconds (12 hex digits, enough until the year 10889), so
 * generations that share a sequence (at the top, or in a race) still sort by the time they were made; at the top,
 * the time is also past the newest generation's, so two rotations within a millisecond keep their order. Random
 * bytes follow, so two windows never pick the same name.
 */
export function nextGenerationName(generations: readonly Generation[], now: number = Date.now(), random: string = randomBytes(6).toString('hex')): Generation {
  const newest = generations.at(-1);
  const sequence = newest === undefined ? 1n : newest.sequence >= TOP_SEQUENCE ? TOP_SEQUENCE : newest.sequence + 1n;
  // Sorted by sequence and time, the newest of the same sequence holds the latest time.
  const after = newest !== undefined && newest.sequence === sequence ? suffixTime(newest.name) + 1 : 0;
  const time = Math.min(MAX_SUFFIX_TIME, Math.max(after, Math.floor(now), 0)).toString(16).padStart(12, '0');
  const name = `audit.${sequence}.${time}${random}.jsonl`;
  const generation = parseGenerationName(name);
  // The one place names are made: one the grammar rejects would be a file every reader misses.
  if (!generation) throw new Error(`Could not rotate the audit trail: the generation name ${name} is not one the trail reads.`);
  return generation;
}

/**
 * The time a generation's name was made, from its suffix; 0 for a name without one (an earlier version's, the oldest
 * of its sequence). An earlier version's random suffix reads as some time: its order among equal sequences was random.
 */
function suffixTime(name: string): number {
  const time = /^audit\.\d+\.([0-9a-f]{12})/.exec(name)?.[1];
  return time === undefined ? 0 : parseInt(time, 16);
}
