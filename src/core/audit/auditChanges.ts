// Tells, when the audit files change, whether another window (or process) appended: its deletes make this
// window's contact lists stale, while this window's own appends are already followed by a refresh. Reloading the
// lists costs Kore.ai calls, counted against the account's rate limit, so it must not happen for every entry of
// this window's own bulk run. Reads only the lines added since the last look, newest first.
import { AuditLog } from './auditLog';
import { AuditReader } from './auditReader';

/** Lines looked at per check at most: past this many new lines without a foreign one, it is taken as none. */
const MAX_LINES_PER_CHECK = 5000;

export class AuditChangeTracker {
  /** The newest non-blank line at the last look; undefined while the trail was empty (or not yet looked at). */
  private newestSeen: string | undefined;

  constructor(
    private readonly reader: AuditReader,
    private readonly log: Pick<AuditLog, 'wrote'>,
  ) {}

  /** Remembers where the trail ends now, so that only what is appended afterwards counts. */
  async start(): Promise<void> {
    for await (const line of this.reader.lines()) {
      if (!line.trim()) continue;
      this.newestSeen = line;
      return;
    }
  }

  /** Whether a line appended since the last look (or start) was not written by this window. */
  async appendedElsewhere(): Promise<boolean> {
    let newest: string | undefined;
    let foreign = false;
    let looked = 0;
    for await (const line of this.reader.lines()) {
      if (!line.trim()) continue;
      newest ??= line;
      if (line === this.newestSeen || ++looked > MAX_LINES_PER_CHECK) break;
      if (!this.log.wrote(line)) {
        foreign = true;
        break;
      }
    }
    // A cleared trail (newest undefined) starts over: whatever comes next is new.
    this.newestSeen = newest;
    return foreign;
  }
}
