// One bulk run, once confirmed: paced by the rate limiter, each step appended to the run's journal, the line that
// announces a DELETE flushed to disk before the DELETE goes out (so a closed window or a killed process never
// loses what was sent), each attempt written to the audit trail, and a read-only report at
// the end where every id is succeeded, failed, unknown or not attempted.
import * as vscode from 'vscode';
import { auditEntryFor } from '../../core/audit/auditEntry';
import { BulkDeletionReport, IdOutcome, deleteOutcomeOfId, formatBulkReport } from '../../core/bulk/report';
import { isNotSent, notSent } from '../../core/bulk/requests';
import { runBulkDeletion } from '../../core/bulk/runner';
import { RunJournalWriter, RunTakenError } from '../../core/bulk/journalStore';
import { BulkRunState } from '../../core/bulk/runState';
import { KoreCallResult } from '../../core/api/koreResult';
import type { EnvironmentConnection } from '../shared/connection';
import { InFlightDeletes } from '../../core/inFlightDeletes';
import { withCancellableProgress } from '../shared/progress';
import type { KoreServices } from '../shared/services';
import { BulkRunStore } from './bulkRunStore';

/** While a run waits (a long Retry-After, say), it still tells other windows that it is alive. */
const HEARTBEAT_MS = 30_000;

export interface BulkOutcome {
  readonly counts: { succeeded: number; failed: number; unknown: number; notAttempted: number };
  readonly cancelled: boolean;
  readonly report?: vscode.Uri;
}

/** A run to execute: new (nothing completed) or resumed (see planResume). */
export interface BulkRunRequest {
  readonly connection: EnvironmentConnection;
  readonly state: BulkRunState;
  readonly completed: ReadonlyMap<string, IdOutcome>;
  readonly lookUpFirst: ReadonlyMap<string, IdOutcome>;
}

export class BulkRun {
  constructor(
    private readonly services: KoreServices,
    private readonly runs: BulkRunStore,
    private readonly inFlight: InFlightDeletes,
  ) {}

  /** Undefined when the run could not start (its journal could not be written): nothing was sent. */
  async execute(request: BulkRunRequest): Promise<BulkOutcome | undefined> {
    const { connection } = request;
    const saver = await this.openJournal(request.state);
    if (!saver) return undefined;
    const lastResult = new Map<string, KoreCallResult>();
    const records: Array<Promise<void>> = [];
    const requests = connection.bulkRequests();
    let report: BulkDeletionReport | undefined;
    try {
      report = await withCancellableProgress(vscode.l10n.t('Deleting contact lists from "{0}"', connection.environment.name), (signal, progress) => {
        let reported = 0;
        return runBulkDeletion({
          ids: request.state.ids,
          completed: request.completed,
          lookUpFirst: request.lookUpFirst,
          lookUp: requests.lookUp,
          limiter: connection.limiter,
          signal,
          deleteOne: async (id, signal) => {
            const result = await this.deleteOne(connection, requests.deleteOne, { id, signal });
            if (!isNotSent(result)) lastResult.set(id, result);
            return result;
          },
          onStarting: (id) => saver.journal.started(id),
          onSettled: (id, outcome) => {
            saver.journal.outcome(id, outcome).catch((error: unknown) => saver.failed(error));
            const result = lastResult.get(id);
            if (outcome.kind !== 'notAttempted' && result) records.push(this.record(connection, id, { outcome, result }));
          },
          onProgress: (done, total, etaMs) => {
            const percent = total === 0 ? 100 : (done / total) * 100;
            progress.report({ increment: percent - reported, message: vscode.l10n.t('{0}/{1} · about {2} left', done, total, formatDuration(etaMs)) });
            reported = percent;
          },
        }).finally(() => saver.stopHeartbeat());
      });
    } finally {
      // Whatever happened, the journal is closed and every attempt is in the audit trail before the views refresh.
      await saver.settled();
      await Promise.allSettled(records);
      if (!report) this.services.notifyDeleted();
    }
    return this.finish(connection, request.state, report);
  }

  private async openJournal(state: BulkRunState): Promise<JournalSaver | undefined> {
    try {
      return new JournalSaver(await this.runs.open(state), this.services.log);
    } catch (error) {
      this.services.log.error(`Could not open the bulk run's journal: ${String(error)}`);
      if (error instanceof RunTakenError) {
        void this.services.ui.current.showWarningMessage(vscode.l10n.t('Another VS Code window is resuming this bulk deletion, so nothing was sent from here. Let it finish there.'), {});
        return undefined;
      }
      void this.services.ui.current.showErrorMessage(
        vscode.l10n.t('The bulk deletion did not start: its progress could not be saved ({0}). Nothing was sent. Check the disk space and permissions of VS Code\'s global storage, then try again.', String(error)),
      );
      return undefined;
    }
  }

  /** A single delete of the same list may be under way in this window: wait for it rather than send twice. */
  private async deleteOne(
    connection: EnvironmentConnection,
    send: ReturnType<EnvironmentConnection['bulkRequests']>['deleteOne'],
    target: { id: string; signal: AbortSignal },
  ): ReturnType<typeof send> {
    const environmentId = connection.environment.id;
    const held = await this.inFlight.acquire(environmentId, target.id, target.signal);
    // Not held means cancelled while waiting: nothing was sent.
    if (!held) return notSent(vscode.l10n.t('Cancelled before the request was sent.'));
    try {
      return await send(target.id, target.signal);
    } finally {
      this.inFlight.release(environmentId, target.id);
    }
  }

  private async finish(connection: EnvironmentConnection, state: BulkRunState, report: BulkDeletionReport): Promise<BulkOutcome> {
    const { environment } = connection;
    const { responses, ui, log } = this.services;
    const { json, summary } = formatBulkReport(report);
    // A finished run is done; a cancelled one stays resumable (succeeded ids are never sent again).
    if (report.notAttempted.length === 0 && !report.cancelled) await this.runs.remove(state.runId);
    log.info(`Bulk deletion on "${environment.name}": ${summary}${report.cancelled ? ' (cancelled)' : ''}${report.stoppedEarly ? ` (stopped: ${report.stoppedEarly})` : ''}`);
    const uri = responses.add(environment.name, `bulk delete ${new Date().toISOString().replace(/[:.]/g, '-')}`, {
      text: `${JSON.stringify({ environment: { name: environment.name, host: environment.host, iid: environment.iid }, ...json }, null, 2)}\n`,
      extension: 'json',
      fromServer: false,
    });
    await responses.open(uri);
    const message = report.cancelled
      ? vscode.l10n.t('Bulk deletion cancelled: {0}. Run Kore.ai: Delete Contact Lists… from the Command Palette to resume.', summary)
      : report.stoppedEarly
        ? vscode.l10n.t('Bulk deletion stopped: {0}. {1}. Fix the cause, then run Kore.ai: Delete Contact Lists… from the Command Palette to resume.', report.stoppedEarly, summary)
        : vscode.l10n.t('Bulk deletion finished: {0}.', summary);
    if (report.failed.length > 0 || report.unknown.length > 0 || report.cancelled || report.stoppedEarly) void ui.current.showWarningMessage(message, {});
    else void ui.current.showInformationMessage(message);
    this.services.notifyDeleted();
    return { counts: json.counts, cancelled: report.cancelled, report: uri };
  }

  private async record(connection: EnvironmentConnection, id: string, attempt: { outcome: IdOutcome; result: KoreCallResult }): Promise<void> {
    const { outcome, result } = attempt;
    const decided = deleteOutcomeOfId(outcome);
    if (decided === undefined || outcome.kind === 'notAttempted') return;
    const message =
      outcome.kind === 'succeeded'
        ? (outcome.serverMessage ?? (outcome.foundGone ? vscode.l10n.t('Deleted: a look-up after an unclear answer found it gone') : vscode.l10n.t('Deleted')))
        : outcome.reason;
    try {
      await this.services.audit.append(auditEntryFor(connection.environment, result, { contactListId: id, outcome: decided, message }));
    } catch (error) {
      this.services.log.error(`Could not write the audit trail ${this.services.audit.file}: ${String(error)}`);
    }
  }
}

/**
 * The run's journal while it runs: outcome lines as they come (a failure is logged once, and a refused
 * `started` line stops the run in the runner), and a heartbeat that tells other windows the run is driven here.
 */
class JournalSaver {
  private readonly heartbeat: NodeJS.Timeout;
  private reported = false;

  constructor(
    readonly journal: RunJournalWriter,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.heartbeat = setInterval(() => {
      this.journal.heartbeat().catch((error: unknown) => this.failed(error));
    }, HEARTBEAT_MS);
  }

  failed(error: unknown): void {
    if (this.reported) return;
    this.reported = true;
    this.log.error(`Could not save the bulk run's progress to ${this.journal.file}: ${String(error)}`);
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }

  /** Every line given is written (or has failed), and the file is closed. */
  async settled(): Promise<void> {
    this.stopHeartbeat();
    await this.journal.close().catch((error: unknown) => this.failed(error));
  }
}

function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return vscode.l10n.t('a moment');
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return vscode.l10n.t('{0} s', seconds);
  return vscode.l10n.t('{0} min {1} s', Math.floor(seconds / 60), seconds % 60);
}
