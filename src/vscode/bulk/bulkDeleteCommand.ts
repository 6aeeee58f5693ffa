// Delete Contact Lists…: many lists at once, at the platform's rate limit. The ids (bulkIds), one confirmation
// (bulkConfirmation), then a paced, cancellable, resumable run (bulkRun). An interrupted run is offered for
// resuming first: succeeded ids are never sent again, and unknown ones are looked up before any DELETE.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createBulkRunState, planResume, resumeTargetChanged } from '../../core/bulk/runState';
import { InFlightDeletes } from '../../core/inFlightDeletes';
import type { KoreServices } from '../shared/services';
import { confirmBulkDeletion } from './bulkConfirmation';
import { BulkArguments, BulkIds } from './bulkIds';
import { BulkOutcome, BulkRun } from './bulkRun';
import { BulkRunStore } from './bulkRunStore';

export class BulkDeleteCommand {
  private running = false;
  private readonly runs: BulkRunStore;
  private readonly ids: BulkIds;
  private readonly bulkRun: BulkRun;

  constructor(
    private readonly services: KoreServices,
    inFlight: InFlightDeletes,
  ) {
    // The audit trail's folder is the extension's global storage, where the run journals live too.
    this.runs = new BulkRunStore(services.globalState, path.dirname(services.audit.file));
    this.ids = new BulkIds(services);
    this.bulkRun = new BulkRun(services, this.runs, inFlight);
  }

  async run(clicked?: unknown, selection?: unknown, text?: unknown): Promise<BulkOutcome | undefined> {
    if (this.running) {
      void this.services.ui.current.showWarningMessage(vscode.l10n.t('A bulk deletion is already running. Wait for it to finish, or cancel it.'), {});
      return undefined;
    }
    this.running = true;
    try {
      // Arguments name a new run (automation, the tree): they are not a request to resume.
      const fromArguments = clicked !== undefined || selection !== undefined || text !== undefined;
      const resumed = fromArguments ? 'new' : await this.offerResume();
      return resumed === 'new' ? await this.startNew({ clicked, selection, text }) : resumed;
    } finally {
      this.running = false;
    }
  }

  private async startNew(args: BulkArguments): Promise<BulkOutcome | undefined> {
    const { picker, active } = this.services;
    const environment = await picker.resolve(args.clicked, vscode.l10n.t('Choose the environment to delete contact lists from'));
    if (!environment) return undefined;
    const connection = await this.services.connect(environment);
    if (!connection) return undefined;
    const ids = await this.ids.collect(connection, args);
    if (!ids || ids.length === 0) return undefined;
    if (!(await confirmBulkDeletion(this.services, environment, ids))) return undefined;
    await active.set(environment);
    const state = createBulkRunState({ runId: randomUUID(), environmentId: environment.id, ids, target: environment });
    return this.bulkRun.execute({ connection, state, completed: new Map(), lookUpFirst: new Map() });
  }

  /**
   * Runs a closed window or a cancel left unfinished: resume one or start anew. Starting anew keeps them: they
   * stay resumable from the palette.
   */
  private async offerResume(): Promise<BulkOutcome | undefined | 'new'> {
    const candidates = await this.resumableRuns();
    if (candidates.length === 0) return 'new';
    const items = [
      ...candidates.map((run) => ({
        label: vscode.l10n.t('Resume the interrupted run on "{0}"', run.environment.name),
        description: new Date(run.state.createdAt).toLocaleString(),
        detail: vscode.l10n.t('{0} of {1} lists left; lists already deleted are not sent again, and those whose outcome is unknown are looked up first and sent only if they still exist.', run.plan.toSend.length, run.state.ids.length),
        run,
      })),
      { label: vscode.l10n.t('Start a new bulk deletion'), detail: vscode.l10n.t('Interrupted runs stay here, to be resumed later.'), run: undefined },
    ];
    const picked = await this.services.ui.current.showQuickPick(items, { placeHolder: vscode.l10n.t('A bulk deletion was interrupted'), ignoreFocusOut: true });
    if (!picked) return undefined;
    if (!picked.run) return 'new';
    const { environment, state, plan } = picked.run;
    const connection = await this.services.connect(environment);
    if (!connection) return undefined;
    if (!(await confirmBulkDeletion(this.services, environment, plan.toSend))) return undefined;
    return this.bulkRun.execute({ connection, state, completed: plan.completed, lookUpFirst: plan.lookUpFirst });
  }

  /** Saved runs this window may resume: their environment still exists, points where it did, and ids are left. */
  private async resumableRuns() {
    const { environments, log, ui } = this.services;
    const { runs, setAside } = await this.runs.resumable();
    if (setAside.length > 0) {
      log.warn(`Saved bulk runs that could not be read were kept aside under: ${setAside.join(', ')}`);
      void ui.current.showWarningMessage(
        vscode.l10n.t('{0} interrupted bulk deletion(s) could not be read back, so they cannot be resumed. They were kept aside ({1}). Lists they covered may already be deleted: look them up before deleting them again.', setAside.length, setAside.join(', ')),
        {},
      );
    }
    const configured = environments.list();
    const candidates = [];
    for (const state of runs) {
      const environment = configured.find((candidate) => candidate.id === state.environmentId);
      if (!environment) continue;
      // A run whose environment now points at another host, app or API form is not resumed: its look-ups would ask the wrong place.
      if (resumeTargetChanged(state, environment)) {
        log.warn(`The interrupted bulk run ${state.runId} on "${environment.name}" is not offered for resuming: the environment's host, App ID, Account ID or API dialect changed since it started.`);
        continue;
      }
      // Unknown outcomes are looked up first, and sent only if the list still exists (see runBulkDeletion).
      const plan = planResume(state, { retryUnknown: true });
      if (plan.toSend.length > 0) candidates.push({ state, environment, plan });
    }
    return candidates;
  }
}
