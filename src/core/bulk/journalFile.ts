// Appends a run's journal lines to its file. Each line is one write(2) on an O_APPEND descriptor, so lines never
// mix even if another process appends too; a line that announces a DELETE is flushed (fdatasync) before its
// promise resolves, so that once the DELETE is sent the line survives a killed process or a lost machine.
// Lines are written one after another in the order given. After a write fails, every later one is refused: a
// line half written and then followed by others would turn a tolerated torn tail into a damaged journal.
import { promises as fs } from 'node:fs';

export class JournalFile {
  private chain: Promise<void> = Promise.resolve();
  private broken: Error | undefined;
  private closed = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly file: string,
  ) {}

  /** A new journal: fails if the file exists (a run id is never reused). The first lines are flushed. */
  static async create(file: string, firstLines: string): Promise<JournalFile> {
    const handle = await fs.open(file, 'wx');
    const journal = new JournalFile(handle, file);
    await journal.append(firstLines, { flush: true });
    return journal;
  }

  /**
   * An existing journal, to go on appending: whatever follows the first `intactBytes` bytes (a torn line) is cut
   * off first, so the next line starts on a line of its own.
   */
  static async reopen(file: string, intactBytes: number): Promise<JournalFile> {
    const handle = await fs.open(file, 'a');
    try {
      const { size } = await handle.stat();
      if (size > intactBytes) {
        await handle.truncate(intactBytes);
        await handle.datasync();
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalFile(handle, file);
  }

  /** Appends `text` (whole lines); with `flush`, resolves once it is on disk. */
  append(text: string, options: { flush: boolean }): Promise<void> {
    const write = async () => {
      if (this.broken) throw this.broken;
      if (this.closed) throw new Error(`The journal ${this.file} is closed.`);
      try {
        await this.writeAll(Buffer.from(text, 'utf8'));
        if (options.flush) await this.handle.datasync();
      } catch (error) {
        this.broken = error instanceof Error ? error : new Error(String(error));
        throw this.broken;
      }
    };
    const written = this.chain.then(write);
    this.chain = written.catch(() => undefined);
    return written;
  }

  /** Waits for the lines already given, then closes the file. */
  async close(): Promise<void> {
    await this.chain;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }

  private async writeAll(bytes: Buffer): Promise<void> {
    // One write for a line, in practice always whole for a regular file; a short write is finished, not left torn.
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) throw new Error(`Could not write to ${this.file}.`);
      offset += bytesWritten;
    }
  }
}
