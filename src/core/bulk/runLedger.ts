// What a bulk run has decided so far, and how the caller hears of it: every outcome is recorded once, made one
// safe line, passed to onSettled and counted for the progress and ETA; at the end it becomes the report. Apart
// from the runner so that the steps an id goes through and the bookkeeping of the whole run read separately.
import { Clock } from '../pacing/clock';
import { oneLine } from '../text/textSafety';
import { BulkDeletionOptions, DEFAULT_CONCURRENCY } from './options';
import { BulkDeletionReport, IdOutcome, buildReport } from './report';
import { StartingPoint } from './startingPoint';

/** A reason in the report: long enough for a server's sentence and ours around it. */
export const MAX_REASON = 1000;

export class RunLedger {
  private readonly outcomes: Map<string, IdOutcome>;
  private readonly decidedEarlier: number;
  private decidedThisRun = 0;
  private readonly startedAt: number;
  /** Ids whose onStarting ran: if their DELETE is then not sent, the caller hears so and can correct its record. */
  private readonly announced = new Set<string>();
  /** Answers received and their summed latency (send to answer), for the time left. */
  private answers = 0;
  private latencyTotalMs = 0;

  constructor(
    private readonly options: Pick<BulkDeletionOptions, 'onProgress' | 'onSettled' | 'limiter' | 'concurrency'>,
    private readonly start: StartingPoint,
  ) {
    this.outcomes = new Map(start.earlier);
    this.decidedEarlier = this.outcomes.size;
    this.startedAt = this.clock.now();
  }

  private get clock(): Clock {
    return this.options.limiter.clock;
  }

  /** onStarting ran for this id. */
  announce(id: string): void {
    this.announced.add(id);
  }

  /** A request sent at `sentAt` (clock time) was answered now. */
  answered(sentAt: number): void {
    this.answers++;
    this.latencyTotalMs += Math.max(0, this.clock.now() - sentAt);
  }

  /**
   * The time left, from the limiter's own model: the calls not yet granted wait for the limiter (or, when it is
   * not the bottleneck, for the workers, one request each at a time), and the last answer takes one latency.
   * Not the pace observed so far: the first window's calls all go at once, so that pace misleads by a third.
   */
  private estimateMs(): number {
    const latency = this.answers > 0 ? this.latencyTotalMs / this.answers : 0;
    const { limiter } = this.options;
    const toSend = this.start.queue.length + limiter.waiting;
    const workers = Math.max(1, Math.floor(this.options.concurrency ?? DEFAULT_CONCURRENCY));
    return Math.max(limiter.estimateWaitMs(toSend), (toSend * latency) / workers) + latency;
  }

  /** Called at the start and after each id is decided. */
  progress(): void {
    const { onProgress } = this.options;
    if (!onProgress) return;
    const total = this.start.order.length;
    const done = this.decidedEarlier + this.decidedThisRun;
    const remaining = total - done;
    const etaMs = remaining > 0 ? Math.round(this.estimateMs()) : 0;
    try {
      onProgress(done, total, etaMs);
    } catch {
      // A failing progress display must not lose the report of DELETEs already sent.
    }
  }

  settle(id: string, decided: IdOutcome): void {
    // Reasons carry server words and error details into the report, the audit trail and messages: one safe line.
    // The same object when nothing changes: an earlier run's outcome is recognised by identity in the report.
    const reason = 'reason' in decided ? oneLine(decided.reason, MAX_REASON) : undefined;
    const outcome: IdOutcome = 'reason' in decided && reason !== decided.reason ? { ...decided, reason: reason ?? '' } : decided;
    this.outcomes.set(id, outcome);
    if (outcome.kind !== 'notAttempted') this.decidedThisRun++;
    if (outcome.kind !== 'notAttempted' || this.announced.has(id)) {
      try {
        this.options.onSettled?.(id, outcome);
      } catch {
        // As above: the report is what matters.
      }
    }
    if (outcome.kind !== 'notAttempted') this.progress();
  }

  /** An id this run sent nothing for: an earlier run's unknown outcome stands, anything else was not attempted. */
  untouched(id: string): IdOutcome {
    const earlier = this.start.lookUpFirst.get(id);
    return earlier !== undefined && earlier.kind !== 'notAttempted' ? earlier : { kind: 'notAttempted' };
  }

  /** The report, once the workers are done: ids never taken from the queue were not touched. */
  report(cancelled: boolean, stoppedEarly: string | undefined): BulkDeletionReport {
    for (const id of this.start.queue) this.outcomes.set(id, this.untouched(id));
    return buildReport({
      order: this.start.order,
      outcomes: this.outcomes,
      fromEarlierRun: new Set(this.start.earlier.keys()),
      lookUpFirst: this.start.lookUpFirst,
      cancelled,
      ...(stoppedEarly === undefined ? {} : { stoppedEarly }),
      durationMs: Math.max(0, Math.round(this.clock.now() - this.startedAt)),
    });
  }
}
