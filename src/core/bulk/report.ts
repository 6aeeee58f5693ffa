// Where each id of a bulk run ended, and the report built from that: every id in exactly one bucket (succeeded,
// failed, unknown or not attempted), for a document (formatBulkReport) and for a notification (summariseBulkReport).
import * as l10n from '@vscode/l10n';
import { DeleteOutcome } from '../failures/deleteOutcome';

/** Where one id ended. `attempts` counts the DELETEs sent for it in the run that decided it. */
export type IdOutcome =
  /** `foundGone`: not confirmed by a DELETE's answer, but a look-up after one that may have applied found it gone. */
  | { readonly kind: 'succeeded'; readonly serverMessage?: string; readonly attempts: number; readonly foundGone?: true }
  /** Not deleted, as far as can be known: the server refused, or the request never left. */
  | { readonly kind: 'failed'; readonly reason: string; readonly status?: number; readonly attempts: number }
  /** May or may not have been deleted: look it up before doing anything else with it. */
  | { readonly kind: 'unknown'; readonly reason: string; readonly status?: number; readonly attempts: number }
  /** No DELETE was sent for it: safe to run again. */
  | { readonly kind: 'notAttempted' };

/**
 * What an id's outcome means for the list, in the one vocabulary of deleteOutcome.ts (the audit trail's, the
 * single delete's): undefined for an id never attempted, which has nothing to record.
 */
export function deleteOutcomeOfId(outcome: IdOutcome): DeleteOutcome | undefined {
  return outcome.kind === 'succeeded' ? 'deleted' : outcome.kind === 'notAttempted' ? undefined : outcome.kind;
}

interface SucceededEntry {
  readonly id: string;
  readonly serverMessage?: string;
  readonly attempts: number;
  /** A look-up found it gone after a DELETE that may have been applied. */
  readonly foundGone?: true;
  /** Decided by an earlier run that this one resumed. */
  readonly fromEarlierRun?: true;
}

interface FailedEntry {
  readonly id: string;
  /** One line, for a user. */
  readonly reason: string;
  readonly status?: number;
  readonly attempts: number;
  readonly fromEarlierRun?: true;
}

export interface BulkDeletionReport {
  /** Unique ids given. */
  readonly total: number;
  readonly succeeded: readonly SucceededEntry[];
  readonly failed: readonly FailedEntry[];
  readonly unknown: readonly FailedEntry[];
  readonly notAttempted: readonly string[];
  /** The caller's signal aborted the run. */
  readonly cancelled: boolean;
  /** Why the run stopped by itself before trying every id (a refused token, an unreachable host…). */
  readonly stoppedEarly?: string;
  readonly durationMs: number;
}

/** What a finished run knows, for buildReport. */
export interface RunRecord {
  /** Every unique id, in the order given. */
  readonly order: readonly string[];
  readonly outcomes: ReadonlyMap<string, IdOutcome>;
  /** Ids whose outcome an earlier run decided and this one kept. */
  readonly fromEarlierRun: ReadonlySet<string>;
  /** Ids an earlier run left unknown, which this run was to look up: the same object back means it could not. */
  readonly lookUpFirst: ReadonlyMap<string, IdOutcome>;
  readonly cancelled: boolean;
  readonly stoppedEarly?: string;
  readonly durationMs: number;
}

/** Sorts every id into its bucket, in the order given; an id without an outcome was not attempted. */
export function buildReport(run: RunRecord): BulkDeletionReport {
  const report = {
    total: run.order.length,
    succeeded: [] as SucceededEntry[],
    failed: [] as FailedEntry[],
    unknown: [] as FailedEntry[],
    notAttempted: [] as string[],
    cancelled: run.cancelled,
    ...(run.stoppedEarly === undefined ? {} : { stoppedEarly: run.stoppedEarly }),
    durationMs: run.durationMs,
  };
  for (const id of run.order) {
    const outcome = run.outcomes.get(id) ?? { kind: 'notAttempted' };
    // An earlier run's unknown outcome that this run could not settle is still the earlier run's.
    const keptEarlier = run.fromEarlierRun.has(id) || (run.lookUpFirst.has(id) && run.lookUpFirst.get(id) === outcome);
    const earlier = keptEarlier ? { fromEarlierRun: true as const } : {};
    if (outcome.kind === 'notAttempted') report.notAttempted.push(id);
    else if (outcome.kind === 'succeeded') report.succeeded.push({ id, ...withoutKind(outcome), ...earlier });
    else report[outcome.kind].push({ id, ...withoutKind(outcome), ...earlier });
  }
  return report;
}

function withoutKind<T extends { kind: string }>(outcome: T): Omit<T, 'kind'> {
  const rest: Partial<T> = { ...outcome };
  delete rest.kind;
  return rest as Omit<T, 'kind'>;
}

export interface BulkReportJson {
  readonly summary: string;
  readonly total: number;
  readonly counts: { readonly succeeded: number; readonly failed: number; readonly unknown: number; readonly notAttempted: number };
  readonly cancelled: boolean;
  readonly stoppedEarly?: string;
  readonly durationMs: number;
  readonly succeeded: readonly SucceededEntry[];
  readonly failed: readonly FailedEntry[];
  readonly unknown: readonly FailedEntry[];
  readonly notAttempted: readonly string[];
}

/** "12 succeeded, 1 failed, 0 unknown, 3 not attempted". */
export function summariseBulkReport(report: BulkDeletionReport): string {
  return l10n.t('{0} succeeded, {1} failed, {2} unknown, {3} not attempted', report.succeeded.length, report.failed.length, report.unknown.length, report.notAttempted.length);
}

/** Pure: a plain object (safe for JSON.stringify, fresh arrays) and the summary line. */
export function formatBulkReport(report: BulkDeletionReport): { readonly json: BulkReportJson; readonly summary: string } {
  const summary = summariseBulkReport(report);
  const json: BulkReportJson = {
    summary,
    total: report.total,
    counts: {
      succeeded: report.succeeded.length,
      failed: report.failed.length,
      unknown: report.unknown.length,
      notAttempted: report.notAttempted.length,
    },
    cancelled: report.cancelled,
    ...(report.stoppedEarly === undefined ? {} : { stoppedEarly: report.stoppedEarly }),
    durationMs: report.durationMs,
    succeeded: report.succeeded.map((entry) => ({ ...entry })),
    failed: report.failed.map((entry) => ({ ...entry })),
    unknown: report.unknown.map((entry) => ({ ...entry })),
    notAttempted: [...report.notAttempted],
  };
  return { json, summary };
}
