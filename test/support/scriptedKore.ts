// A scripted Kore.ai for the bulk runner's tests, in virtual time: a list exists until a DELETE is applied, then
// answers 404; each id follows its script (429s, timeouts, network failures…) one step per call. Shared by the
// runner's, the run state's and the answers' tests so each reads as the module it tests.
import * as assert from 'node:assert/strict';
import { BulkDeletionOptions } from '../../src/core/bulk/options';
import { BulkDeletionReport } from '../../src/core/bulk/report';
import { DeleteOne, LookUpOne } from '../../src/core/bulk/requests';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { Clock } from '../../src/core/pacing/clock';
import { HttpExchange } from '../../src/core/api/koreHttp';
import { KoreCallResult } from '../../src/core/api/koreResult';
import { SendPhase } from '../../src/core/failures/networkFailure';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { requestFor, responseResult, resultOf } from './koreResults';
import { ManualClock } from './manualClock';


export type Step =
  /** Deletes the list if it exists (200), else answers 404. */
  | 'apply'
  /** An answer (429, 5xx, 401…) that changes nothing, or deletes the list when `applied`. */
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string>; readonly applied?: boolean }
  /** No answer in time; `applied` says whether the server had deleted the list anyway. */
  | { readonly timeout: true; readonly applied?: boolean }
  /** A network failure with Node's code; `applied` as above. */
  /** A failed connection: `phase` is how far the request had got (before the request was written, nothing was). */
  | { readonly network: string; readonly phase: SendPhase; readonly applied?: boolean }
  /** The deleteOne function itself throws (a bug in a caller's wrapper). */
  | 'throw';

function answer(id: string, exchange: HttpExchange): KoreCallResult {
  return resultOf(exchange, { request: requestFor(id) });
}

function http(id: string, status: number, body: unknown, headers: Record<string, string> = {}): KoreCallResult {
  return responseResult(status, body, { headers, request: requestFor(id) });
}

export const rateLimited = (retryAfter?: number): Step => ({
  status: 429,
  body: { errors: [{ msg: 'Rate limit exceeded', code: 429 }] },
  ...(retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } }),
});
export const gatewayPage = (status = 502): Step => ({ status, body: `<html><body><h1>${status} Bad Gateway</h1></body></html>` });

export class ScriptedKore {
  readonly calls: Array<{ id: string; at: number }> = [];
  /** GETs, in order; answered from the same state (404 once deleted) unless `lookUpAnswers` says otherwise. */
  readonly lookUps: Array<{ id: string; at: number }> = [];
  readonly lookUpAnswers: Record<string, Array<{ status: number; body?: unknown }>> = {};
  readonly answers: Array<{ id: string; at: number; status?: number; failure?: string }> = [];
  /** How many times each list was really deleted: never more than once. */
  readonly applied = new Map<string, number>();
  readonly inFlight = new Set<string>();
  maxInFlight = 0;
  private readonly existing: Set<string>;

  constructor(
    private readonly clock: Clock,
    ids: readonly string[],
    private readonly scripts: Record<string, Step[]> = {},
    private readonly latencyMs: (id: string) => number = () => 200,
  ) {
    this.existing = new Set(ids);
  }

  callsFor(id: string): number {
    return this.calls.filter((call) => call.id === id).length;
  }

  readonly deleteOne: DeleteOne = async (id, signal) => {
    this.calls.push({ id, at: this.clock.now() });
    this.inFlight.add(id);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size);
    try {
      try {
        await this.clock.sleep(this.latencyMs(id), signal);
      } catch {
        return this.record(id, answer(id, { kind: 'cancelled', durationMs: 0 }));
      }
      const step = this.scripts[id]?.shift() ?? 'apply';
      if (step === 'throw') throw new Error('wrapper bug');
      if (step === 'apply') {
        if (!this.existing.delete(id)) return this.record(id, http(id, 404, { status: 'failure', message: `Contact list ${id} not found` }));
        this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
        return this.record(id, http(id, 200, { status: 'success', message: `Contact list ${id} deleted successfully`, data: { _id: id } }));
      }
      if (step.applied && this.existing.delete(id)) this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
      if ('status' in step) return this.record(id, http(id, step.status, step.body ?? '', step.headers));
      if ('timeout' in step) return this.record(id, answer(id, { kind: 'timeout', timeoutMs: 30_000, durationMs: 30_000 }));
      return this.record(id, answer(id, { kind: 'network', code: step.network, detail: step.network, phase: step.phase, durationMs: 1 }));
    } finally {
      this.inFlight.delete(id);
    }
  };

  readonly lookUp: LookUpOne = async (id, signal) => {
    this.lookUps.push({ id, at: this.clock.now() });
    try {
      await this.clock.sleep(this.latencyMs(id), signal);
    } catch {
      return answer(id, { kind: 'cancelled', durationMs: 0 });
    }
    const scripted = this.lookUpAnswers[id]?.shift();
    if (scripted) return http(id, scripted.status, scripted.body ?? '');
    return this.existing.has(id)
      ? http(id, 200, { status: 'success', message: '', data: { _id: id } })
      : http(id, 404, { status: 'failure', message: `Contact list ${id} not found` });
  };

  private record(id: string, result: KoreCallResult): KoreCallResult {
    const exchange = result.exchange;
    this.answers.push({ id, at: this.clock.now(), ...(exchange.kind === 'response' ? { status: exchange.status } : {}), ...(result.failure ? { failure: result.failure } : {}) });
    return result;
  }
}

export function makeIds(count: number, prefix = 'cl-bulk-'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
}

/** Runs in virtual time with a fixed backoff, so waits are exact. */
export function runInVirtualTime(clock: ManualClock, options: Partial<BulkDeletionOptions> & Pick<BulkDeletionOptions, 'ids' | 'deleteOne'>): Promise<BulkDeletionReport> {
  return clock.runUntilSettled(runBulkDeletion({ limiter: new RateLimiter({ clock }), backoffMs: () => 1_000, ...options }));
}

/** Every input id in exactly one bucket, and nothing else. */
export function assertPartition(report: BulkDeletionReport, ids: readonly string[]): void {
  const all = [
    ...report.succeeded.map((entry) => entry.id),
    ...report.failed.map((entry) => entry.id),
    ...report.unknown.map((entry) => entry.id),
    ...report.notAttempted,
  ];
  assert.equal(new Set(all).size, all.length, 'no id in two buckets');
  assert.deepEqual([...all].sort(), [...new Set(ids)].sort(), 'every id in a bucket');
  assert.equal(report.total, new Set(ids).size);
}

export function idsOf(entries: ReadonlyArray<{ id: string }>): string[] {
  return entries.map((entry) => entry.id);
}
