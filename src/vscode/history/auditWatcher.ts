// Watches the audit files, so History (and, when another window or process deleted, the Environments tree) follow
// appends made elsewhere without a Refresh. The files live in the global storage folder, outside any workspace:
// VS Code watches a RelativePattern on such a folder (non-recursively) in the desktop and in code-server alike.
// Events come in bursts (a bulk run appends many lines, a rotation renames and creates): they are gathered and
// handled once per quiet moment, one handling at a time.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { AuditChangeTracker } from '../../core/auditChanges';
import { AuditLog } from '../../core/auditLog';
import { AuditReader } from '../../core/auditReader';

/** Long enough to gather a burst of appends into one refresh, short enough to feel live. */
export const AUDIT_WATCH_DELAY_MS = 300;

export interface AuditWatcherHandlers {
  /** Any change to the audit files: History reloads its page. */
  readonly onDidChange: () => void;
  /** A line another window or process appended: what it deleted is gone from the contact lists shown. */
  readonly onDidAppendElsewhere: () => void;
}

export class AuditWatcher implements vscode.Disposable {
  private readonly tracker: AuditChangeTracker;
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private handling: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Settles once the watcher is in place (tests wait for it before appending from another process). */
  readonly ready: Promise<void>;

  constructor(
    private readonly audit: AuditLog,
    private readonly handlers: AuditWatcherHandlers,
    private readonly log: vscode.LogOutputChannel,
    private readonly delayMs: number = AUDIT_WATCH_DELAY_MS,
  ) {
    this.tracker = new AuditChangeTracker(new AuditReader(audit.directory), audit);
    this.ready = this.start().catch((error: unknown) => {
      // History still works with Refresh: say why it will not follow other windows.
      this.log.warn(`History will not update by itself when another window deletes: the audit folder ${audit.directory} cannot be watched (${String(error)}).`);
    });
  }

  private async start(): Promise<void> {
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
    this.handlers.onDidChange();
    try {
      if (await this.tracker.appendedElsewhere()) {
        if (!this.disposed) this.handlers.onDidAppendElsewhere();
      }
    } catch (error) {
      this.log.warn(`Could not read the audit trail ${this.audit.file} after it changed: ${String(error)}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.dispose();
    this.watcher = undefined;
  }
}
