// Deletes many contact lists: paced by the rate limiter, a few at a time, retrying only what is safe to
// retry, cancellable, and resumable. A DELETE whose outcome cannot be known (a timeout, a cancel, a broken
// connection) is never re-sent on its own: it may have been applied, and the user must look before acting.
// Every id ends in exactly one bucket of the report: succeeded, failed, unknown or not attempted. Given a
// look-up (GET), an id whose earlier DELETE may have been applied is looked up before it is sent again.
import * as l10n from '@vscode/l10n';
import { Clock } from '../pacing/clock';
import { lookUpOutcomeOf } from '../failures/deleteOutcome';
import { KoreCallResult } from '../api/koreResult';
import { RateLimiter } from '../pacing/rateLimiter';
import { briefFailureReason } from '../failures/resultMessages';
import { oneLine } from '../text/textSafety';
import { validateContactListId } from '../input/validation';
import { BulkDeletionOptions, DEFAULT_CONCURRENCY } from './options';
import { BulkDeletionReport, IdOutcome } from './report';
import { NotSent, isNotSent } from './requests';
import { AttemptsSoFar, DEFAULT_MAX_RETRIES, exhausted, exponentialBackoff, interrupted, unsettledByLookUp } from './retryPolicy';
import { MAX_REASON, RunLedger } from './runLedger';
import { StartingPoint, startingPoint } from './startingPoint';
import { RetryVerdict, Verdict, judge } from './verdict';

export async function runBulkDeletion(options: BulkDeletionOptions): Promise<BulkDeletionReport> {
  return new DeletionRun(options).run();
}

/** One id in progress: its attempts so far, and whether it must be looked up before the next DELETE. */
interface IdProgress extends AttemptsSoFar {
  readonly id: string;
  attempts: number;
  last?: RetryVerdict;
  ambiguous?: string;
  /** Its DELETE may already have been applied: look it up before sending it again. */
  needsLookUp: boolean;
  lookUpTries: number;
}

/** After a step, an id is either decided (settled) or goes round again (waits for the limiter first). */
type Step = 'again' | 'done';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One run: the state its workers share, and the steps each id goes through. */
class DeletionRun {
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;
  private readonly maxRetries: number;
  private readonly backoff: (retry: number) => number;
  private readonly start: StartingPoint;
  private readonly ledger: RunLedger;
  // Two levels of stopping: `starting` stops new requests (cancel, or a refused token), `inFlight` aborts
  // requests already sent (cancel only: a stop for a refused token lets the others finish and be known).
  private readonly starting = new AbortController();
  private readonly inFlight = new AbortController();
  private stoppedEarly: string | undefined;

  constructor(private readonly options: BulkDeletionOptions) {
    this.limiter = options.limiter;
    this.clock = options.limiter.clock;
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES));
    this.backoff = options.backoffMs ?? exponentialBackoff();
    this.start = startingPoint(options);
    this.ledger = new RunLedger(options, this.start);
  }

  async run(): Promise<BulkDeletionReport> {
    const { signal } = this.options;
    const concurrency = Math.max(1, Math.floor(this.options.concurrency ?? DEFAULT_CONCURRENCY));
    const onCancel = () => {
      this.starting.abort();
      this.inFlight.abort();
    };
    if (signal?.aborted) onCancel();
    else signal?.addEventListener('abort', onCancel, { once: true });
    this.ledger.progress();
    await Promise.all(Array.from({ length: Math.min(concurrency, this.start.queue.length) }, () => this.worker()));
    signal?.removeEventListener('abort', onCancel);
    return this.ledger.report(signal?.aborted === true, this.stoppedEarly);
  }

  private async worker(): Promise<void> {
    while (!this.starting.signal.aborted) {
      const id = this.start.queue.shift();
      if (id === undefined) return;
      await this.processOne(id);
    }
  }

  /** Stops starting new requests; the first reason is the one reported. */
  private stop(reason: string): void {
    if (!this.starting.signal.aborted) this.stoppedEarly = oneLine(reason, MAX_REASON);
    this.starting.abort();
  }

  private stopForAll(reason: string): void {
    this.stop(l10n.t('Stopped early, because every other list would meet the same answer: {0}', reason));
  }

  private interrupted(progress: IdProgress): IdOutcome {
    return interrupted(progress, this.ledger.untouched(progress.id));
  }

  private async processOne(id: string): Promise<void> {
    const invalid = validateContactListId(id);
    if (invalid !== undefined) {
      this.ledger.settle(id, { kind: 'failed', reason: invalid, attempts: 0 });
      return;
    }
    const lookUpFirst = this.start.lookUpFirst.has(id);
    const progress: IdProgress = {
      id,
      attempts: 0,
      ...(lookUpFirst ? { ambiguous: l10n.t('in an earlier run') } : {}),
      needsLookUp: lookUpFirst,
      lookUpTries: 0,
    };
    while ((await this.step(progress)) === 'again');
  }

  private async step(progress: IdProgress): Promise<Step> {
    let acquired = true;
    try {
      // A retry (or a look-up) goes ahead of ids not yet started: it has waited longest.
      await this.limiter.acquire(this.starting.signal, { jumpQueue: progress.attempts > 0 || progress.lookUpTries > 0 });
    } catch {
      acquired = false;
    }
    if (!acquired || this.starting.signal.aborted) {
      this.ledger.settle(progress.id, this.interrupted(progress));
      return 'done';
    }
    return progress.needsLookUp ? this.lookUpStep(progress) : this.deleteStep(progress);
  }

  private async lookUpStep(progress: IdProgress): Promise<Step> {
    const { id } = progress;
    const { lookUp } = this.options;
    if (!lookUp) {
      this.ledger.settle(id, this.ledger.untouched(id));
      return 'done';
    }
    progress.lookUpTries++;
    let found: KoreCallResult | NotSent;
    try {
      const sentAt = this.clock.now();
      found = await lookUp(id, this.inFlight.signal);
      this.ledger.answered(sentAt);
    } catch (error) {
      this.ledger.settle(id, unsettledByLookUp(progress, this.start.lookUpFirst.get(id), messageOf(error)));
      return 'done';
    }
    if (isNotSent(found)) {
      this.stop(found.reason);
      this.ledger.settle(id, this.interrupted(progress));
      return 'done';
    }
    const seen = lookUpOutcomeOf(found);
    if (seen === 'gone') {
      this.ledger.settle(id, { kind: 'succeeded', attempts: progress.attempts, foundGone: true });
      return 'done';
    }
    if (seen === 'exists') {
      progress.needsLookUp = false;
      progress.lookUpTries = 0;
      return 'again';
    }
    return this.lookUpUnclear(progress, found);
  }

  /** A look-up that neither found the list nor found it gone: retried when rate-limited, else the id stays unknown. */
  private lookUpUnclear(progress: IdProgress, found: KoreCallResult): Step {
    if (this.starting.signal.aborted) {
      this.ledger.settle(progress.id, this.interrupted(progress));
      return 'done';
    }
    const verdict = judge(found);
    if (verdict.kind === 'retry' && verdict.rateLimited && progress.lookUpTries <= this.maxRetries) {
      this.limiter.pauseUntil(this.clock.now() + (verdict.retryAfterMs ?? this.backoff(progress.lookUpTries)));
      return 'again';
    }
    const timeoutSeconds = found.exchange.kind === 'timeout' ? found.exchange.timeoutMs / 1000 : 0;
    const why = briefFailureReason(found, timeoutSeconds);
    this.ledger.settle(progress.id, unsettledByLookUp(progress, this.start.lookUpFirst.get(progress.id), why));
    if ((verdict.kind === 'failed' || verdict.kind === 'unknown') && verdict.stopsRun) this.stopForAll(verdict.reason);
    return 'done';
  }

  private async deleteStep(progress: IdProgress): Promise<Step> {
    const { id } = progress;
    if (progress.attempts === 0 && !(await this.announce(id))) return 'done';
    progress.attempts++;
    let result: KoreCallResult | NotSent;
    try {
      const sentAt = this.clock.now();
      result = await this.options.deleteOne(id, this.inFlight.signal);
      this.ledger.answered(sentAt);
    } catch (error) {
      const reason = l10n.t('Unexpected error ({0}), so whether it was deleted is unknown.', messageOf(error));
      this.ledger.settle(id, { kind: 'unknown', reason, attempts: progress.attempts });
      return 'done';
    }
    if (isNotSent(result)) {
      // Nothing left: this attempt does not count, and whatever stopped it stops every other id too.
      progress.attempts--;
      this.stop(result.reason);
      this.ledger.settle(id, this.interrupted(progress));
      return 'done';
    }
    const verdict = judge(result);
    if (verdict.kind === 'retry') return this.retry(progress, verdict);
    this.decide(progress, verdict);
    return 'done';
  }

  /** Runs onStarting before an id's first DELETE: false (and the id settled) when that DELETE must not be sent. */
  private async announce(id: string): Promise<boolean> {
    const { onStarting } = this.options;
    if (!onStarting) return true;
    this.ledger.announce(id);
    try {
      await onStarting(id);
    } catch (error) {
      this.stop(l10n.t('Progress could not be saved ({0}), so no further DELETE was sent.', messageOf(error)));
      this.ledger.settle(id, this.ledger.untouched(id));
      return false;
    }
    if (this.starting.signal.aborted) {
      this.ledger.settle(id, this.ledger.untouched(id));
      return false;
    }
    return true;
  }

  private async retry(progress: IdProgress, verdict: RetryVerdict): Promise<Step> {
    progress.last = verdict;
    if (verdict.ambiguous) progress.ambiguous = verdict.what;
    if (progress.attempts > this.maxRetries) {
      this.ledger.settle(progress.id, exhausted(verdict, progress.attempts, progress.ambiguous));
      return 'done';
    }
    if (verdict.rateLimited) {
      // The account is limited, not this id: every worker waits, through the shared limiter.
      this.limiter.pauseUntil(this.clock.now() + (verdict.retryAfterMs ?? this.backoff(progress.attempts)));
    } else {
      try {
        await this.clock.sleep(this.backoff(progress.attempts), this.starting.signal);
      } catch {
        this.ledger.settle(progress.id, this.interrupted(progress));
        return 'done';
      }
    }
    // This answer may have been applied: look before sending again, when a look-up is possible.
    if (verdict.ambiguous && this.options.lookUp) progress.needsLookUp = true;
    return 'again';
  }

  /** An answer that is not retried decides the id. */
  private decide(progress: IdProgress, verdict: Exclude<Verdict, RetryVerdict>): void {
    const { id, attempts, ambiguous } = progress;
    if (verdict.kind === 'succeeded') {
      this.ledger.settle(id, { kind: 'succeeded', attempts, ...(verdict.serverMessage ? { serverMessage: verdict.serverMessage } : {}) });
      return;
    }
    const status = verdict.status === undefined ? {} : { status: verdict.status };
    if (ambiguous !== undefined) {
      // A 404 (or any refusal) after an attempt that may have been applied proves nothing about that attempt.
      const reason = l10n.t('{0} An earlier attempt ({1}) may have deleted it, so whether it was deleted is unknown.', verdict.reason, ambiguous);
      this.ledger.settle(id, { kind: 'unknown', reason, attempts, ...status });
    } else {
      this.ledger.settle(id, { kind: verdict.kind, reason: verdict.reason, attempts, ...status });
    }
    if (verdict.stopsRun) this.stopForAll(verdict.reason);
  }
}
