// The audit trail's file store: one JSON line per delete attempt (auditEntry.ts), appended to a file that outlives
// the deleted list. It writes and clears; History and the export read the trail page by page (auditReader.ts).
// Several windows (processes) append to the same files at once, with no lock to go stale:
// - each entry is one write(2) on an O_APPEND descriptor, so entries from two processes never mix, whatever their size
//   (fs.appendFile would split anything over 512 KiB into several writes);
// - past a size cap the live file is renamed to a fresh, unique generation name, so a rotation never replaces a
//   rotated file (POSIX rename would), and a write racing a rotation lands in the renamed file, which is still read
//   (Node opens files with FILE_SHARE_DELETE on Windows, so renaming a file another window has open works there too).
// A crashed window leaves nothing behind that could block the others.
// Nothing here may lose an entry: the trail is the only record of what a delete removed.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AuditEntry, auditLine } from './auditEntry';
import { AUDIT_FILE, Generation, nextGenerationName, rotatedGenerations } from './auditFileNames';

// The file names (live file, rotated generations) are one grammar shared with the readers: auditFileNames.
export { AUDIT_FILE } from './auditFileNames';
export type { Generation } from './auditFileNames';
const DEFAULT_MAX_AUDIT_BYTES = 10 * 1024 * 1024;
/**
 * The bound on kept history: rotated generations together hold at most this many times `maxBytes` (40 MB by
 * default, 50 MB with the live file), the oldest whole generation dropped first and the newest never. Bytes, not a
 * count of files, because racing rotations can produce small generations. Why this size: History reads only its newest
 * page from the end, but a filter with few matches and an export read every generation, so the total must stay a
 * quick read, while tens of thousands of attempts (a few KB each with their answers) remain.
 */
export const KEPT_ROTATED_MULTIPLE = 4;

/** The file operations the trail makes, one system call each: node's `fs.promises` by default. */
export interface AuditFiles {
  mkdir(directory: string, options: { recursive: true }): Promise<unknown>;
  stat(file: string): Promise<{ size: number }>;
  readdir(directory: string): Promise<string[]>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
  open(file: string, flags: 'a'): Promise<AuditFileHandle>;
}

export interface AuditFileHandle {
  write(data: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  close(): Promise<void>;
}

export interface AuditLogOptions {
  /** Rotated generations kept, in bytes (see KEPT_ROTATED_MULTIPLE); Infinity keeps all. */
  readonly maxRotatedBytes?: number;
  /** Tests interleave two writers' file operations through this. */
  readonly files?: AuditFiles;
}

export class AuditLog {
  private readonly maxRotatedBytes: number;
  private readonly files: AuditFiles;

  constructor(
    readonly directory: string,
    private readonly maxBytes: number = DEFAULT_MAX_AUDIT_BYTES,
    options: AuditLogOptions = {},
  ) {
    this.maxRotatedBytes = options.maxRotatedBytes ?? KEPT_ROTATED_MULTIPLE * maxBytes;
    this.files = options.files ?? fs;
  }

  get file(): string {
    return path.join(this.directory, AUDIT_FILE);
  }

  /** This instance's operations, one after another (other processes are handled by the file operations). */
  private tail: Promise<void> = Promise.resolve();

  append(entry: AuditEntry): Promise<void> {
    // Serialised now, so the line is what the caller passed, and no content can make the append fail.
    const text = auditLine(entry);
    const line = Buffer.from(`${text}\n`, 'utf8');
    // Remembered before the write, so a watcher that sees the line land already knows it is this window's.
    this.ownLines.add(text);
    return this.enqueue(async () => {
      await this.rotateIfFull();
      await this.appendWhole(line);
    });
  }

  /**
   * Whether this instance appended this line (as read back, without its newline) recently: the views refresh
   * for their own deletes anyway, and must not reload the contact lists (Kore.ai calls) for each entry of a
   * bulk run. Another window's line, or one this window wrote long ago, is not.
   */
  wrote(line: string): boolean {
    return this.ownLines.has(line);
  }

  private readonly ownLines = new RecentLines(OWN_LINES_REMEMBERED);

  /** Removes the live file and every generation. */
  clear(): Promise<void> {
    return this.enqueue(async () => {
      // The live file first: a rotation racing this clear then renames it before it is listed, or finds it gone.
      await this.files.rm(this.file, { force: true });
      for (const generation of await this.generations()) await this.files.rm(path.join(this.directory, generation.name), { force: true });
    });
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.tail.catch(() => undefined).then(operation);
    this.tail = next;
    return next;
  }

  /** One write on an O_APPEND descriptor: the kernel appends it whole, at the end, whatever other processes write. */
  private async appendWhole(line: Uint8Array): Promise<void> {
    let handle: AuditFileHandle;
    try {
      handle = await this.files.open(this.file, 'a');
    } catch (error) {
      if (!isMissing(error)) throw error;
      await this.files.mkdir(this.directory, { recursive: true });
      handle = await this.files.open(this.file, 'a');
    }
    try {
      // A regular file takes the whole write at once; only a full disk or a signal writes less, and then the rest
      // follows (a torn line is counted as damaged when read, never silently dropped).
      for (let offset = 0; offset < line.length; ) {
        const { bytesWritten } = await handle.write(line, offset, line.length - offset);
        if (bytesWritten <= 0) throw new Error(`Could not write to ${this.file}: no byte was written.`);
        offset += bytesWritten;
      }
    } finally {
      await handle.close();
    }
  }

  private async rotateIfFull(): Promise<void> {
    let size: number;
    try {
      size = (await this.files.stat(this.file)).size;
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    if (size < this.maxBytes) return;
    const generations = await this.generations();
    const next = nextGenerationName(generations);
    const { name } = next;
    try {
      // Another window may rotate at the same moment: the loser renames the file that replaced the first one (a
      // small generation, nothing lost) or finds none. A write in flight follows the renamed file.
      await this.files.rename(this.file, path.join(this.directory, name));
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    await this.prune([...generations, next]);
  }

  /** Drops the oldest generations while the rotated ones together exceed the bound; never the newest. */
  private async prune(generations: readonly Generation[]): Promise<void> {
    if (!Number.isFinite(this.maxRotatedBytes)) return;
    const sizes: number[] = [];
    for (const generation of generations) {
      try {
        sizes.push((await this.files.stat(path.join(this.directory, generation.name))).size);
      } catch (error) {
        if (!isMissing(error)) throw error;
        sizes.push(0);
      }
    }
    let total = sizes.reduce((sum, size) => sum + size, 0);
    for (let i = 0; i < generations.length - 1 && total > this.maxRotatedBytes; i++) {
      await this.files.rm(path.join(this.directory, generations[i].name), { force: true });
      total -= sizes[i];
    }
  }

  /** Rotated generations, oldest first. */
  private async generations(): Promise<Generation[]> {
    let names: string[];
    try {
      names = await this.files.readdir(this.directory);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    return rotatedGenerations(names);
  }
}

/** More than a watcher sees between two looks, even during a fast bulk run. */
const OWN_LINES_REMEMBERED = 2000;

/** The last `capacity` lines added, as digests: a line can be kilobytes of answer. */
class RecentLines {
  private readonly digests = new Set<string>();

  constructor(private readonly capacity: number) {}

  add(line: string): void {
    const digest = digestOf(line);
    this.digests.delete(digest);
    this.digests.add(digest);
    // A Set iterates in insertion order: the first is the oldest.
    for (const oldest of this.digests) {
      if (this.digests.size <= this.capacity) break;
      this.digests.delete(oldest);
    }
  }

  has(line: string): boolean {
    return this.digests.has(digestOf(line));
  }
}

function digestOf(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('base64');
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
