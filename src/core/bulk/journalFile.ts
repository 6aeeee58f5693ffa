// Appends a run's journal lines to its file. Each line is one write(2) on an O_APPEND descriptor, so lines never
// mix even if another process appends too; a line that announces a DELETE is flushed (fdatasync) before its
// promise resolves, so that once the DELETE is sent the line survives a killed process or a lost machine.
// Lines are written one after another in the order given. After a write fails, every later one is refused: a
// line half written and then followed by others would turn a tolerated torn tail into a damaged journal.
import { promises as fs } from 'node:fs';

/** The journal was written to by someone else between its reading and its reopening. */
export class JournalChangedError extends Error {
  constructor(file: string) {
    super(`The journal ${file} changed while it was being read.`);
    this.name = 'JournalChangedError';
  }
}

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
   * An existing journal, to go on appending, read through the descriptor that appends: `decide` is given its
   * text and answers how many bytes of it are intact (or throws). Whatever follows them (a torn line) is cut off
   * then, so the next line starts on a line of its own; but only bytes that were read: a file that grew since
   * (another process wrote to it) is left as it is, and JournalChangedError is thrown.
   */
  static async reopen(file: string, decide: (text: string) => Promise<number>): Promise<JournalFile> {
    const handle = await fs.open(file, 'a+');
    try {
      const read = await handle.readFile();
      const intactBytes = await decide(read.toString('utf8'));
      const { size } = await handle.stat();
      if (size !== read.length) throw new JournalChangedError(file);
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
