// Watches the audit files, so History (and, when another window or process deleted, the Environments tree) follow
// appends made elsewhere without a Refresh. The files live in the global storage folder, outside any workspace:
// VS Code watches a RelativePattern on such a folder (non-recursively) in the desktop and in code-server alike.
// Events come in bursts (a bulk run appends many lines, a rotation renames and creates): they are gathered and
// handled once per quiet moment, one handling at a time.
// Both refreshes are throttled, since another window's bulk run appends about once a second for minutes: reloading
// the tree sends Kore.ai list calls for every expanded environment, which count against the account's rate limit
// shared by every window (so this window would make that run meet 429s); at most once per 30 s, the last change
// still shown at the end. History reads only local files, but a narrow filter scans the whole trail: at most every 2 s.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { AuditChangeTracker } from '../../core/audit/auditChanges';
import { AuditLog } from '../../core/audit/auditLog';
import { AuditReader } from '../../core/audit/auditReader';
import { Clock, systemClock } from '../../core/pacing/clock';
import { Throttle } from '../../core/pacing/throttle';

/** Long enough to gather a burst of appends into one refresh, short enough to feel live. */
const AUDIT_WATCH_DELAY_MS = 300;
/** Between two History refreshes caused by the audit files. */
export const HISTORY_REFRESH_INTERVAL_MS = 2_000;
/** Between two reloads of the contact lists caused by another window's appends (Kore.ai calls: 60 a minute per account). */
export const ELSEWHERE_REFRESH_INTERVAL_MS = 30_000;

export interface AuditWatcherHandlers {
  /** Any change to the audit files: History reloads its page. */
  readonly onDidChange: () => void;
  /** A line another window or process appended: what it deleted is gone from the contact lists shown. */
  readonly onDidAppendElsewhere: () => void;
}

export interface AuditWatcherTiming {
  /** The quiet moment that gathers a burst of file events. */
  readonly delayMs?: number;
  readonly historyIntervalMs?: number;
  readonly elsewhereIntervalMs?: number;
  /** The time of the throttles (tests move it by hand); the debounce of file events is always real time. */
  readonly clock?: Clock;
}

export class AuditWatcher implements vscode.Disposable {
  private readonly tracker: AuditChangeTracker;
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private handling: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly delayMs: number;
  private readonly throttles: (clock: Clock) => { history: Throttle; elsewhere: Throttle };
  private historyRefresh: Throttle;
  private elsewhereRefresh: Throttle;
  private started: Promise<void> | undefined;
  private markReady: () => void = () => undefined;
  /** Settles once the watcher is in place, after start() (tests wait for it before appending from another process). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));

  constructor(
    private readonly audit: AuditLog,
    handlers: AuditWatcherHandlers,
    private readonly log: vscode.LogOutputChannel,
    timing: AuditWatcherTiming = {},
  ) {
    this.delayMs = timing.delayMs ?? AUDIT_WATCH_DELAY_MS;
    const failed = (error: unknown) => this.log.warn(`Could not refresh after the audit trail changed: ${String(error)}`);
    this.throttles = (clock) => ({
      history: new Throttle(handlers.onDidChange, timing.historyIntervalMs ?? HISTORY_REFRESH_INTERVAL_MS, clock, failed),
      elsewhere: new Throttle(handlers.onDidAppendElsewhere, timing.elsewhereIntervalMs ?? ELSEWHERE_REFRESH_INTERVAL_MS, clock, failed),
    });
    ({ history: this.historyRefresh, elsewhere: this.elsewhereRefresh } = this.throttles(timing.clock ?? systemClock));
    this.tracker = new AuditChangeTracker(new AuditReader(audit.directory), audit);
  }

  /**
   * Starts watching; later calls return the same promise. Not in the constructor: activation creates the watcher,
   * and the first time History or the Environments view shows starts it, so activation reads no file.
   */
  start(): Promise<void> {
    this.started ??= this.watch()
      .catch((error: unknown) => {
        // History still works with Refresh: say why it will not follow other windows.
        this.log.warn(`History will not update by itself when another window deletes: the audit folder ${this.audit.directory} cannot be watched (${String(error)}).`);
      })
      .finally(() => this.markReady());
    return this.started;
  }

  private async watch(): Promise<void> {
    // The folder appears with the first append; watching it from the start needs it to exist.
    await fs.mkdir(this.audit.directory, { recursive: true });
    await this.tracker.start();
    if (this.disposed) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.audit.directory), 'audit*.jsonl'));
    const schedule = () => this.schedule();
    watcher.onDidCreate(schedule);
    watcher.onDidChange(schedule);
    watcher.onDidDelete(schedule);
    this.watcher = watcher;
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One handling at a time: a slow read must not overlap the next one and misjudge what is new.
      this.handling = this.handling
        .then(() => this.handle())
        .catch((error: unknown) => this.log.warn(`Could not refresh History after the audit trail changed: ${String(error)}`));
    }, this.delayMs);
  }

  private async handle(): Promise<void> {
    if (this.disposed) return;
    this.historyRefresh.request();
    try {
      if (await this.tracker.appendedElsewhere()) {
        if (!this.disposed) this.elsewhereRefresh.request();
      }
    } catch (error) {
      this.log.warn(`Could not read the audit trail ${this.audit.file} after it changed: ${String(error)}`);
    }
  }

  /** Whether a reload of the contact lists waits for the end of its interval (for tests). */
  get elsewhereRefreshPending(): boolean {
    return this.elsewhereRefresh.pending;
  }

  /**
   * For tests: the throttles start over on `clock` (what an earlier test left pending or recent is forgotten);
   * returns a function that starts them over on real time.
   */
  useClock(clock: Clock): () => void {
    const startOver = (next: Clock) => {
      this.historyRefresh.dispose();
      this.elsewhereRefresh.dispose();
      ({ history: this.historyRefresh, elsewhere: this.elsewhereRefresh } = this.throttles(next));
    };
    startOver(clock);
    return () => startOver(systemClock);
  }

  dispose(): void {
    this.disposed = true;
    this.historyRefresh.dispose();
    this.elsewhereRefresh.dispose();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.dispose();
    this.watcher = undefined;
  }
}
