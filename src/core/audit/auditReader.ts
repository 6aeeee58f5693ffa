// Reading the audit trail from its newest end, so History can show the newest attempts of a trail of hundreds of
// thousands without reading (or holding) the rest: each file is read backwards in chunks, the live file first,
// then the rotated generations from the newest. Only the entries asked for are kept in memory.
// Every byte is hostile: a damaged line is counted, a line is split only at a newline byte (which never occurs
// inside a UTF-8 sequence, so a chunk boundary cannot cut a character in two).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AuditEntry, parseAuditLine } from './auditEntry';
import { AUDIT_FILE, rotatedGenerations } from './auditFileNames';
import { isMissing } from './auditLog';
import { DEFAULT_MAX_BODY_BYTES } from '../api/koreHttp';

/** Large enough that a typical entry (a few KB) takes one read, small enough to stay cheap per refresh. */
const DEFAULT_CHUNK_BYTES = 64 * 1024;

/**
 * The longest line the trail can hold, in bytes. The largest part of an entry is the answer, whose body is read
 * only up to DEFAULT_MAX_BODY_BYTES; written into the JSON line, each of its bytes takes at most 6 (a control byte
 * becomes `\u00XX`), and the rest of the entry (message, names, environment) is far below the 2 MiB added.
 * A longer line is no entry of ours: a damaged file, or one without newlines. It is counted as damaged without
 * ever being held whole.
 */
export const MAX_AUDIT_LINE_BYTES = 6 * DEFAULT_MAX_BODY_BYTES + 2 * 1024 * 1024;

/**
 * What the reader yields for a line longer than its bound: not JSON, so every reader counts it as damaged, and
 * naming where it ends, so two such lines (one the newest a tracker saw) do not read as the same line.
 */
function overlongLine(file: string, bytes: number, endsAt: number): string {
  return `\u0000damaged: a line of ${bytes} bytes, longer than any entry, ending at byte ${endsAt} of ${path.basename(file)}`;
}

/** The read operations the reader makes: node's `fs.promises` by default. */
export interface AuditReadFiles {
  readdir(directory: string): Promise<string[]>;
  open(file: string, flags: 'r'): Promise<AuditReadHandle>;
}

export interface AuditReadHandle {
  stat(): Promise<{ size: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

export interface AuditReaderOptions {
  readonly chunkBytes?: number;
  /** Lines longer than this many bytes are yielded as overlongLine: MAX_AUDIT_LINE_BYTES by default. */
  readonly maxLineBytes?: number;
  readonly files?: AuditReadFiles;
}

export interface AuditPageRequest {
  /** The most entries returned; Infinity reads the whole trail. */
  readonly limit: number;
  /** Only entries it accepts are counted and returned (the History filter). */
  readonly matches?: (entry: AuditEntry) => boolean;
}

export interface AuditPage {
  /** Newest first, at most `limit`. */
  readonly entries: AuditEntry[];
  /** Damaged lines among those read (a page reads only as far back as it needs). */
  readonly damagedLines: number;
  /** Whether at least one more matching entry is older than the last one returned. */
  readonly more: boolean;
}

export class AuditReader {
  private readonly chunkBytes: number;
  private readonly maxLineBytes: number;
  private readonly files: AuditReadFiles;

  constructor(
    private readonly directory: string,
    options: AuditReaderOptions = {},
  ) {
    this.chunkBytes = Math.max(1, Math.floor(options.chunkBytes ?? DEFAULT_CHUNK_BYTES));
    this.maxLineBytes = Math.max(1, Math.floor(options.maxLineBytes ?? MAX_AUDIT_LINE_BYTES));
    this.files = options.files ?? fs;
  }

  /** The newest `limit` entries that match, reading no further back than it takes to know whether there are more. */
  async newest(request: AuditPageRequest): Promise<AuditPage> {
    const entries: AuditEntry[] = [];
    let damagedLines = 0;
    for await (const line of this.lines()) {
      const parsed = parseAuditLine(line);
      if (parsed === 'damaged') damagedLines += 1;
      else if (parsed && (!request.matches || request.matches(parsed))) {
        if (entries.length >= request.limit) return { entries, damagedLines, more: true };
        entries.push(parsed);
      }
    }
    return { entries, damagedLines, more: false };
  }

  /**
   * Every line of the trail, newest first, without its newline (blank ones included). Stopping early closes the
   * file being read. A rotation by another window while this reads can hide the entries it moves from this one
   * read (they are in the next); none is lost.
   */
  async *lines(): AsyncGenerator<string, void, undefined> {
    let names: string[];
    try {
      names = await this.files.readdir(this.directory);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    const newestFirst = [AUDIT_FILE, ...rotatedGenerations(names).map((generation) => generation.name).reverse()];
    for (const name of newestFirst) yield* this.linesOf(path.join(this.directory, name));
  }

  private async *linesOf(file: string): AsyncGenerator<string, void, undefined> {
    let handle: AuditReadHandle;
    try {
      handle = await this.files.open(file, 'r');
    } catch (error) {
      if (isMissing(error)) return; // rotated or pruned since the listing
      throw error;
    }
    try {
      // The size when opened: what another window appends meanwhile is for the next read.
      let position = (await handle.stat()).size;
      // The bytes of the line being assembled, which began before the chunk in hand: oldest piece first. Once the
      // line is longer than maxLineBytes, its bytes are dropped and only counted: it is damaged whatever it holds.
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      // The end of the line being assembled (the offset of its newline, or the file's size).
      let lineEnd = position;
      const lineOf = (head: Uint8Array): string => {
        const bytes = head.length + pendingBytes;
        // Concatenated once, when the line's start is found: a long line costs its length, not its length squared.
        return bytes > this.maxLineBytes ? overlongLine(file, bytes, lineEnd) : Buffer.concat([head, ...pending]).toString('utf8');
      };
      while (position > 0) {
        const length = Math.min(this.chunkBytes, position);
        position -= length;
        const chunk = Buffer.alloc(length);
        await readFully(handle, chunk, position, file);
        let end = chunk.length;
        for (let newline = chunk.lastIndexOf(0x0a, end - 1); end > 0 && newline >= 0; newline = end > 0 ? chunk.lastIndexOf(0x0a, end - 1) : -1) {
          yield lineOf(chunk.subarray(newline + 1, end));
          pending = [];
          pendingBytes = 0;
          lineEnd = position + newline;
          end = newline;
        }
        if (end > 0) {
          pendingBytes += end;
          if (pendingBytes > this.maxLineBytes) pending = [];
          else pending.unshift(chunk.subarray(0, end));
        }
      }
      if (pendingBytes > 0) yield lineOf(Buffer.alloc(0));
    } finally {
      await handle.close();
    }
  }
}

async function readFully(handle: AuditReadHandle, buffer: Uint8Array, position: number, file: string): Promise<void> {
  for (let offset = 0; offset < buffer.length; ) {
    const { bytesRead } = await handle.read(buffer, offset, buffer.length - offset, position + offset);
    // Shorter than its size when opened: an append-only file never shrinks, so something else truncated it.
    if (bytesRead <= 0) throw new Error(`Could not read ${file}: it became shorter while it was read. Refresh History to read it again.`);
    offset += bytesRead;
  }
}
