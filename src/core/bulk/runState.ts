// A bulk run's state in memory: each id's progress, the plan for a resume, and the parsing of saved fields.
import * as l10n from '@vscode/l10n';
import { ApiTarget, dialectOf, isApiDialect } from '../api/koreApiPaths';
import { validateContactListId } from '../input/validation';
import { IdOutcome } from './report';

/** `started`: a DELETE may be on its way (recorded before it is sent); read back after a crash, it means unknown. */
export type RunStateEntry = IdOutcome | { readonly kind: 'started' };

export interface BulkRunState {
  readonly runId: string;
  readonly environmentId: string;
  /**
   * Where its DELETEs went: a resume must go to the same place, or its look-ups prove nothing; another API dialect
   * sends to other paths, whose 404 says nothing about a list. Absent in runs saved by earlier versions.
   */
  readonly target?: ApiTarget;
  /** Epoch milliseconds, to expire old runs. */
  readonly createdAt: number;
  readonly ids: readonly string[];
  /** Per id, as far as it got; an id without an entry was never started. */
  readonly outcomes: ReadonlyMap<string, RunStateEntry>;
}

const MAX_STATE_FIELD = 256;

/** What a new run's state is made from. */
export interface NewRunState {
  readonly runId: string;
  readonly environmentId: string;
  readonly ids: readonly string[];
  /** Epoch milliseconds. Default now. */
  readonly createdAt?: number;
  /** Where its DELETEs go: kept so that a resume can refuse a changed environment (resumeTargetChanged). */
  readonly target?: ApiTarget;
}

/**
 * A new run's state. Only ids validateContactListId accepts are kept (the runner refuses the others without
 * sending anything, so there is nothing to resume for them): what is saved is exactly what parses back.
 */
export function createBulkRunState(run: NewRunState): BulkRunState {
  const { target } = run;
  return {
    runId: run.runId,
    environmentId: run.environmentId,
    ...(target ? { target: { host: target.host, iid: target.iid, accountId: target.accountId, dialect: dialectOf(target) } } : {}),
    createdAt: run.createdAt ?? Date.now(),
    ids: [...new Set(run.ids)].filter(isValidId),
    outcomes: new Map(),
  };
}

/**
 * Whether a saved run may be resumed against the environment as it is configured now. If its host, App ID or
 * Account ID changed since, a look-up would ask another app, whose 404 would pass for "deleted"; if its API
 * dialect changed, the look-ups would go to other paths, which the platform may not serve at all: refused.
 * A target saved without a dialect (before dialects were kept) means the default one, as an environment does.
 */
export function resumeTargetChanged(state: BulkRunState, now: ApiTarget): boolean {
  const then = state.target;
  return then !== undefined && (then.host !== now.host || then.iid !== now.iid || then.accountId !== now.accountId || dialectOf(then) !== dialectOf(now));
}

/** A stored target, checked field by field; undefined when absent, false when present but malformed. */
export function parseApiTarget(target: unknown): ApiTarget | undefined | false {
  if (target === undefined) return undefined;
  if (!isRecord(target) || !isShortText(target.host) || !isShortText(target.iid) || !isShortText(target.accountId)) return false;
  if (target.dialect !== undefined && !isApiDialect(target.dialect)) return false;
  return { host: target.host, iid: target.iid, accountId: target.accountId, ...(target.dialect === undefined ? {} : { dialect: target.dialect }) };
}

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && validateContactListId(value) === undefined;
}

/** One id's entry as stored (a journal's outcome line, or a state earlier versions saved); undefined when malformed. */
export function parseEntry(entry: unknown): RunStateEntry | undefined {
  if (!isRecord(entry)) return undefined;
  if (entry.kind === 'started' || entry.kind === 'notAttempted') return { kind: entry.kind };
  const { attempts, status, reason, serverMessage, foundGone } = entry;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 0) return undefined;
  if (entry.kind === 'succeeded') {
    if (serverMessage !== undefined && typeof serverMessage !== 'string') return undefined;
    if (foundGone !== undefined && foundGone !== true) return undefined;
    return { kind: 'succeeded', attempts, ...(serverMessage === undefined ? {} : { serverMessage }), ...(foundGone ? { foundGone } : {}) };
  }
  if (entry.kind !== 'failed' && entry.kind !== 'unknown') return undefined;
  if (typeof reason !== 'string') return undefined;
  if (status !== undefined && (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)) return undefined;
  return { kind: entry.kind, reason, attempts, ...(status === undefined ? {} : { status }) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_STATE_FIELD;
}

export interface ResumeOptions {
  /** Send failed ids again (a token fixed, a rate limit passed). Default true: a failed DELETE was not applied. */
  readonly retryFailed?: boolean;
  /**
   * Try unknown ids again, including those a closed window left in flight. Such a DELETE may have been
   * applied, so they are never sent straight away: they go to `lookUpFirst`, and the run looks each up and
   * sends it only if it still exists. Default false: they are left alone.
   */
  readonly retryUnknown?: boolean;
}

export interface ResumePlan {
  /** Pass as `ids` to runBulkDeletion. */
  readonly ids: readonly string[];
  /** Pass as `completed`: what is not sent again. Succeeded and unknown ids are always here. */
  readonly completed: ReadonlyMap<string, IdOutcome>;
  /** Pass as `lookUpFirst` (with a `lookUp`): the unknown ids to look up, and send only if they still exist. */
  readonly lookUpFirst: ReadonlyMap<string, IdOutcome>;
  /** The ids the resumed run will send or look up; empty when there is nothing left to do. */
  readonly toSend: readonly string[];
}

export function planResume(state: BulkRunState, options: ResumeOptions = {}): ResumePlan {
  const retryFailed = options.retryFailed ?? true;
  const retryUnknown = options.retryUnknown ?? false;
  const completed = new Map<string, IdOutcome>();
  const lookUpFirst = new Map<string, IdOutcome>();
  for (const [id, entry] of state.outcomes) {
    if (entry.kind === 'succeeded') completed.set(id, entry);
    else if (entry.kind === 'failed' && !retryFailed) completed.set(id, entry);
    else if (entry.kind === 'unknown' || entry.kind === 'started') {
      const unknown: IdOutcome =
        entry.kind === 'unknown'
          ? entry
          : { kind: 'unknown', reason: l10n.t('The earlier run ended while this DELETE may have been on its way, so whether it was deleted is unknown.'), attempts: 1 };
      // In `completed` too, so that a caller who passes only `completed` can never send it blind.
      completed.set(id, unknown);
      if (retryUnknown) lookUpFirst.set(id, unknown);
    }
  }
  return { ids: state.ids, completed, lookUpFirst, toSend: state.ids.filter((id) => !completed.has(id) || lookUpFirst.has(id)) };
}
