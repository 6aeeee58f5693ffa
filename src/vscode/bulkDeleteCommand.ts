// Delete Contact Lists…: many lists at once, at the platform's rate limit. Ids come from a multi-selection
// in the tree, from the environment's lists, from pasted text or from a file; one confirmation; a paced,
// cancellable run whose state survives a closed window; a read-only report where every id ends in exactly
// one of succeeded, failed, unknown or not attempted. Each DELETE is written to the audit trail.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { auditEntryFor } from '../core/auditEntry';
import { AuditLog } from '../core/auditLog';
import { getAllContactLists } from '../core/contactListClient';
import { ParsedContactListIds, checkContactListIds, parseContactListIds } from '../core/contactListIds';
import { IdOutcome, formatBulkReport } from '../core/bulk/report';
import { bulkDeleteOne, bulkLookUp, isNotSent, notSent } from '../core/bulk/requests';
import { BulkRunState, createBulkRunState, planResume, recordOutcome, recordStarted, resumeTargetChanged } from '../core/bulk/runState';
import { runBulkDeletion } from '../core/bulk/runner';
import { isInUse } from '../core/deletionPreview';
import { Environment } from '../core/environment';
import { KoreCallResult } from '../core/koreResult';
import { RateLimiter } from '../core/rateLimiter';
import { describeExchange } from '../core/responseDocument';
import { briefFailureReason } from '../core/resultMessages';
import { ActiveEnvironment } from './activeEnvironment';
import { Authentication, TokenSource } from './authentication';
import { EnvironmentPicker } from './environmentPicker';
import { EnvironmentStore } from './environmentStore';
import { isContactListNode, isEnvironmentNode } from './environmentTree';
import { BulkRunStore } from './bulkRunStore';
import { InFlightDeletes } from '../core/inFlightDeletes';
import { confirmByTyping, withCancellableProgress } from './progress';
import { ResponseDocumentProvider } from './responseDocuments';
import { UserInterfaceHolder } from './userInterface';

/** While a run waits (a long Retry-After, say), it still tells other windows that it is alive. */
const HEARTBEAT_MS = 30_000;
const SHOWN_IDS = 10;

export interface BulkOutcome {
  readonly counts: { succeeded: number; failed: number; unknown: number; notAttempted: number };
  readonly cancelled: boolean;
  readonly report?: vscode.Uri;
}

export class BulkDeleteCommand {
  private running = false;
  private readonly attempted = new vscode.EventEmitter<void>();
  /** Fires after a run, so the views refresh. */
  readonly onDidRun = this.attempted.event;

  constructor(
    private readonly store: EnvironmentStore,
    private readonly authentication: Authentication,
    private readonly picker: EnvironmentPicker,
    private readonly active: ActiveEnvironment,
    private readonly responses: ResponseDocumentProvider,
    private readonly audit: AuditLog,
    private readonly runs: BulkRunStore,
    private readonly inFlight: InFlightDeletes,
    private readonly ui: UserInterfaceHolder,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(clicked?: unknown, selection?: unknown, text?: unknown): Promise<BulkOutcome | undefined> {
    if (this.running) {
      void this.ui.current.showWarningMessage(vscode.l10n.t('A bulk deletion is already running. Wait for it to finish, or cancel it.'), {});
      return undefined;
    }
    this.running = true;
    try {
      const resumed = await this.offerResume(clicked, selection, text);
      if (resumed !== 'new') return resumed;
      const environment = await this.picker.resolve(clicked, vscode.l10n.t('Choose the environment to delete contact lists from'));
      if (!environment) return undefined;
      const token = await this.authentication.tokenSource(environment);
      if (!token) return undefined;
      const ids = await this.collectIds(environment, token, clicked, selection, text);
      if (!ids || ids.length === 0) return undefined;
      if (!(await this.confirm(environment, ids))) return undefined;
      await this.active.set(environment);
      const state = createBulkRunState({ runId: randomUUID(), environmentId: environment.id, ids, createdAt: Date.now(), target: environment });
      return await this.execute(environment, token, state, new Map(), new Map());
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs a closed window or a cancel left unfinished: resume one (never re-sending a succeeded id) or start
   * anew. Starting anew keeps them: they stay resumable from the palette.
   */
  private async offerResume(clicked: unknown, selection: unknown, text: unknown): Promise<BulkOutcome | undefined | 'new'> {
    // Arguments name a new run (automation, the tree): they are not a request to resume.
    if (clicked !== undefined || selection !== undefined || text !== undefined) return 'new';
    const environments = this.store.list();
    const { runs, setAside } = await this.runs.resumable();
    if (setAside.length > 0) {
      this.log.warn(`Saved bulk runs that could not be read were kept aside under: ${setAside.join(', ')}`);
      void this.ui.current.showWarningMessage(
        vscode.l10n.t('{0} interrupted bulk deletion(s) could not be read back, so they cannot be resumed. They were kept aside (global state key {1}). Lists they covered may already be deleted: look them up before deleting them again.', setAside.length, setAside.join(', ')),
        {},
      );
    }
    // Unknown outcomes are looked up first, and sent only if the list still exists (see runBulkDeletion).
    const withEnvironment = runs.map((state) => ({ state, environment: environments.find((candidate) => candidate.id === state.environmentId), plan: planResume(state, { retryUnknown: true }, vscode.l10n.t) }));
    // A run whose environment now points at another host or app is not resumed: its look-ups would ask the wrong app.
    for (const run of withEnvironment.filter((candidate) => candidate.environment && resumeTargetChanged(candidate.state, candidate.environment))) {
      this.log.warn(`The interrupted bulk run ${run.state.runId} on "${run.environment?.name ?? ''}" is not offered for resuming: the environment's host, App ID or Account ID changed since it started.`);
    }
    const candidates = withEnvironment.filter(
      (run) => run.environment !== undefined && !resumeTargetChanged(run.state, run.environment) && run.plan.toSend.length > 0,
    );
    if (candidates.length === 0) return 'new';
    const items = [
      ...candidates.map((run) => ({
        label: vscode.l10n.t('Resume the interrupted run on "{0}"', run.environment?.name ?? ''),
        description: new Date(run.state.createdAt).toLocaleString(),
        detail: vscode.l10n.t('{0} of {1} lists left; lists already deleted are not sent again, and those whose outcome is unknown are looked up first and sent only if they still exist.', run.plan.toSend.length, run.state.ids.length),
        run,
      })),
      { label: vscode.l10n.t('Start a new bulk deletion'), detail: vscode.l10n.t('Interrupted runs stay here, to be resumed later.'), run: undefined },
    ];
    const picked = await this.ui.current.showQuickPick(items, { placeHolder: vscode.l10n.t('A bulk deletion was interrupted'), ignoreFocusOut: true });
    if (!picked) return undefined;
    if (!picked.run?.environment) return 'new';
    const { environment, state, plan } = picked.run;
    const token = await this.authentication.tokenSource(environment);
    if (!token) return undefined;
    if (!(await this.confirm(environment, plan.toSend))) return undefined;
    return this.execute(environment, token, state, plan.completed, plan.lookUpFirst);
  }

  private async collectIds(environment: Environment, token: TokenSource, clicked: unknown, selection: unknown, text: unknown): Promise<string[] | undefined> {
    if (typeof text === 'string') return this.checkIds(parseContactListIds(text, vscode.l10n.t));
    const selected = (Array.isArray(selection) ? selection : [clicked]).filter(isContactListNode);
    if (selected.length > 0) {
      if (selected.some((node) => node.environment.id !== environment.id)) {
        void this.ui.current.showErrorMessage(vscode.l10n.t('The selected lists belong to several environments. Select lists of one environment at a time.'));
        return undefined;
      }
      // Ids from the server are checked like pasted ones, each whole (an id with a comma is not two ids).
      return this.checkIds(checkContactListIds(selected.map((node) => node.list._id), vscode.l10n.t));
    }
    const fromLists = { label: vscode.l10n.t('Pick from the lists of "{0}"', environment.name), source: 'lists' as const };
    const paste = { label: vscode.l10n.t('Paste ids'), detail: vscode.l10n.t('Separated by commas, spaces or new lines'), source: 'paste' as const };
    const file = { label: vscode.l10n.t('From a text or CSV file…'), source: 'file' as const };
    const source = isEnvironmentNode(clicked) ? fromLists : await this.ui.current.showQuickPick([fromLists, paste, file], {
      placeHolder: vscode.l10n.t('Which contact lists?'),
      ignoreFocusOut: true,
    });
    if (!source) return undefined;
    if (source.source === 'paste') {
      const pasted = await this.ui.current.showInputBox({
        title: vscode.l10n.t('Delete Contact Lists from "{0}"', environment.name),
        prompt: vscode.l10n.t('Paste the contact list ids, separated by commas, spaces or new lines.'),
        ignoreFocusOut: true,
      });
      return pasted === undefined ? undefined : this.checkIds(parseContactListIds(pasted, vscode.l10n.t));
    }
    if (source.source === 'file') {
      const [uri] = (await this.ui.current.showOpenDialog({ canSelectMany: false, filters: { 'Text or CSV': ['txt', 'csv'], All: ['*'] } })) ?? [];
      if (!uri) return undefined;
      return this.checkIds(parseContactListIds(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), vscode.l10n.t));
    }
    const timeoutSeconds = this.store.requestTimeoutSeconds();
    const { result, lists } = await withCancellableProgress(vscode.l10n.t('Listing the contact lists of "{0}"…', environment.name), (signal) =>
      getAllContactLists(environment, token(), { timeoutMs: timeoutSeconds * 1000, signal }),
    );
    if (!lists) {
      void this.ui.current.showErrorMessage(vscode.l10n.t('Could not list the contact lists of "{0}" ({1}).', environment.name, briefFailureReason(result, timeoutSeconds, vscode.l10n.t)));
      return undefined;
    }
    const picked = await this.ui.current.showQuickPick(
      lists.map((list) => ({
        label: list.name ?? list._id,
        description: isInUse(list)
          ? vscode.l10n.t('{0} records · in use', list.totalRecordCount ?? '?')
          : vscode.l10n.t('{0} records', list.totalRecordCount ?? '?'),
        detail: list._id,
        id: list._id,
      })),
      { canPickMany: true, placeHolder: vscode.l10n.t('Choose the lists to delete'), ignoreFocusOut: true, matchOnDetail: true },
    );
    const chosen = (Array.isArray(picked) ? picked : picked ? [picked] : []) as Array<{ id: string }>;
    return chosen.length === 0 ? undefined : this.checkIds(checkContactListIds(chosen.map((item) => item.id), vscode.l10n.t));
  }

  /** When some ids were duplicates or invalid, says so before anything runs. */
  private async checkIds(parsed: ParsedContactListIds): Promise<string[] | undefined> {
    if (parsed.ids.length === 0) {
      void this.ui.current.showErrorMessage(
        parsed.invalid.length > 0
          ? vscode.l10n.t('No valid contact list id was found; {0} value(s) were invalid, for example "{1}": {2}', parsed.invalid.length, parsed.invalid[0].value, parsed.invalid[0].reason)
          : vscode.l10n.t('No contact list id was found. Paste ids like cl-c2ce382-2516-457e-8eb4-9847deecxxxx.'),
      );
      return undefined;
    }
    if (parsed.invalid.length === 0 && parsed.duplicates.length === 0) return parsed.ids;
    const lines = [
      ...parsed.invalid.slice(0, SHOWN_IDS).map((entry) => vscode.l10n.t('Invalid: "{0}": {1}', entry.value, entry.reason)),
      ...(parsed.invalid.length > SHOWN_IDS ? [vscode.l10n.t('…and {0} more invalid', parsed.invalid.length - SHOWN_IDS)] : []),
      ...(parsed.duplicates.length > 0 ? [vscode.l10n.t('Duplicates, sent once: {0}', parsed.duplicates.slice(0, SHOWN_IDS).join(', '))] : []),
    ];
    const goOn = vscode.l10n.t('Continue with {0}', parsed.ids.length);
    const choice = await this.ui.current.showWarningMessage(
      vscode.l10n.t('{0} valid id(s). {1} invalid id(s) will not be sent; {2} duplicate(s) were merged.', parsed.ids.length, parsed.invalid.length, parsed.duplicates.length),
      { modal: true, detail: lines.join('\n') },
      goOn,
    );
    return choice === goOn ? parsed.ids : undefined;
  }

  private async confirm(environment: Environment, ids: readonly string[]): Promise<boolean> {
    const perMinute = this.store.rateLimitPerMinute();
    const minutes = Math.max(1, Math.ceil(ids.length / perMinute));
    const shown = ids.slice(0, SHOWN_IDS).join('\n');
    const more = ids.length > SHOWN_IDS ? `\n${vscode.l10n.t('…and {0} more', ids.length - SHOWN_IDS)}` : '';
    const production = environment.production === true;
    const remove = production ? vscode.l10n.t('Delete {0} Lists…', ids.length) : vscode.l10n.t('Delete {0} Lists', ids.length);
    const choice = await this.ui.current.showWarningMessage(
      production
        ? vscode.l10n.t('Delete {0} contact lists from PRODUCTION environment "{1}"?', ids.length, environment.name)
        : vscode.l10n.t('Delete {0} contact lists from "{1}"?', ids.length, environment.name),
      {
        modal: true,
        detail: [
          vscode.l10n.t('Host: {0} · App ID: {1}', environment.host, environment.iid),
          '',
          shown + more,
          '',
          vscode.l10n.t('Paced at {0} requests a minute (about {1} min). The lists and their contacts are deleted on the server. This cannot be undone.', perMinute, minutes),
        ].join('\n'),
      },
      remove,
    );
    if (choice !== remove) return false;
    if (!production) return true;
    const count = String(ids.length);
    return confirmByTyping(this.ui, {
      title: vscode.l10n.t('Confirm deletion from PRODUCTION environment "{0}"', environment.name),
      prompt: vscode.l10n.t('Type the number of lists, {0}, to delete them from {1}.', count, environment.host),
      expected: count,
      mismatch: vscode.l10n.t('Type {0} to confirm, or press Escape to keep the lists.', count),
    });
  }

  private async execute(
    environment: Environment,
    token: TokenSource,
    initial: BulkRunState,
    completed: ReadonlyMap<string, IdOutcome>,
    lookUpFirst: ReadonlyMap<string, IdOutcome>,
  ): Promise<BulkOutcome> {
    let state = initial;
    // Each change is saved before the next DELETE goes out, so a closed window never loses what was sent.
    let saving: Promise<void> = Promise.resolve(this.runs.save(state));
    const save = (next: BulkRunState) => {
      state = next;
      // One failed write must not block the later ones: each write starts after the previous, whatever its fate.
      saving = saving.catch(() => undefined).then(() => this.runs.save(state));
      return saving;
    };
    const heartbeat = setInterval(() => {
      save(state).catch((error: unknown) => this.log.error(`Could not save the bulk run's progress: ${String(error)}`));
    }, HEARTBEAT_MS);
    const lastResult = new Map<string, KoreCallResult>();
    const records: Array<Promise<void>> = [];
    const timeoutMs = this.store.requestTimeoutSeconds() * 1000;
    const limiter = new RateLimiter({ perMinute: this.store.rateLimitPerMinute() });
    // The token is made per request, inside these: one that cannot be made sends nothing and stops the run.
    const send = bulkDeleteOne(environment, token, { timeoutMs, t: vscode.l10n.t });
    const lookUp = bulkLookUp(environment, token, { timeoutMs, t: vscode.l10n.t });
    const report = await withCancellableProgress(vscode.l10n.t('Deleting contact lists from "{0}"', environment.name), (signal, progress) => {
      let reported = 0;
      return runBulkDeletion({
        ids: state.ids,
        completed,
        lookUpFirst,
        lookUp: async (id, signal) => {
          const result = await lookUp(id, signal);
          if (!isNotSent(result)) this.log.info(`${describeExchange(result)} [bulk look-up, environment "${environment.name}"]`);
          return result;
        },
        limiter,
        signal,
        t: vscode.l10n.t,
        deleteOne: async (id, signal) => {
          // A single delete of the same list may be under way in this window: wait for it rather than send twice.
          const held = await this.inFlight.acquire(environment.id, id, signal);
          // Not held means cancelled while waiting: nothing was sent.
          if (!held) return notSent(vscode.l10n.t('Cancelled before the request was sent.'));
          try {
            const result = await send(id, signal);
            if (isNotSent(result)) return result;
            this.log.info(`${describeExchange(result)} [bulk, environment "${environment.name}"]`);
            lastResult.set(id, result);
            return result;
          } finally {
            this.inFlight.release(environment.id, id);
          }
        },
        onStarting: (id) => save(recordStarted(state, id)),
        onSettled: (id, outcome) => {
          save(recordOutcome(state, id, outcome)).catch((error: unknown) => this.log.error(`Could not save the bulk run's progress: ${String(error)}`));
          const result = lastResult.get(id);
          if (outcome.kind !== 'notAttempted' && result) records.push(this.record(environment, id, outcome, result));
        },
        onProgress: (done, total, etaMs) => {
          const percent = total === 0 ? 100 : (done / total) * 100;
          progress.report({
            increment: percent - reported,
            message: vscode.l10n.t('{0}/{1} · about {2} left', done, total, formatDuration(etaMs)),
          });
          reported = percent;
        },
      }).finally(() => {
        clearInterval(heartbeat);
      });
    });
    await saving.catch((error: unknown) => this.log.error(`Could not save the bulk run's progress: ${String(error)}`));
    // The History view is refreshed once every attempt is in the audit trail.
    await Promise.allSettled(records);
    const { json, summary } = formatBulkReport(report, vscode.l10n.t);
    const finished = report.notAttempted.length === 0 && !report.cancelled;
    // A finished run is done; a cancelled one stays resumable (succeeded ids are never sent again).
    if (finished) await this.runs.remove(state.runId);
    this.log.info(`Bulk deletion on "${environment.name}": ${summary}${report.cancelled ? ' (cancelled)' : ''}${report.stoppedEarly ? ` (stopped: ${report.stoppedEarly})` : ''}`);
    const uri = this.responses.add(environment.name, `bulk delete ${new Date().toISOString().replace(/[:.]/g, '-')}`, {
      text: `${JSON.stringify({ environment: { name: environment.name, host: environment.host, iid: environment.iid }, ...json }, null, 2)}\n`,
      extension: 'json',
      fromServer: false,
    });
    await this.responses.open(uri);
    const message = report.cancelled
      ? vscode.l10n.t('Bulk deletion cancelled: {0}. Run Kore.ai: Delete Contact Lists… from the Command Palette to resume.', summary)
      : report.stoppedEarly
        ? vscode.l10n.t('Bulk deletion stopped: {0}. {1}. Fix the cause, then run Kore.ai: Delete Contact Lists… from the Command Palette to resume.', report.stoppedEarly, summary)
        : vscode.l10n.t('Bulk deletion finished: {0}.', summary);
    if (report.failed.length > 0 || report.unknown.length > 0 || report.cancelled || report.stoppedEarly) void this.ui.current.showWarningMessage(message, {});
    else void this.ui.current.showInformationMessage(message);
    this.attempted.fire();
    return { counts: json.counts, cancelled: report.cancelled, report: uri };
  }

  private async record(environment: Environment, id: string, outcome: IdOutcome, result: KoreCallResult): Promise<void> {
    const message =
      outcome.kind === 'succeeded'
        ? (outcome.serverMessage ?? (outcome.foundGone ? vscode.l10n.t('Deleted: a look-up after an unclear answer found it gone') : vscode.l10n.t('Deleted')))
        : outcome.kind === 'notAttempted'
          ? ''
          : outcome.reason;
    try {
      await this.audit.append(auditEntryFor(environment, result, { contactListId: id, outcome: outcome.kind === 'succeeded' ? 'deleted' : outcome.kind === 'failed' ? 'failed' : 'unknown', message }));
    } catch (error) {
      this.log.error(`Could not write the audit trail ${this.audit.file}: ${String(error)}`);
    }
  }

  dispose(): void {
    this.attempted.dispose();
  }
}

function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return vscode.l10n.t('a moment');
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return vscode.l10n.t('{0} s', seconds);
  return vscode.l10n.t('{0} min {1} s', Math.floor(seconds / 60), seconds % 60);
}
