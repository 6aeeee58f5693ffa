// Properties of the bulk runner against a modelled Kore server that may apply a DELETE and still fail (5xx,
// a timeout, a broken connection), refuse with 429, answer 2xx with odd bodies, or be asked about lists that
// never existed; with cancels, crashes (a window closing mid-run) and resumes at random points, each resume
// going through what the VS Code layer does: the run's journal (a crash may tear its last line), replayJournal,
// planResume, look-ups.
// Virtual time (ManualClock) throughout, so a run of minutes of backoff takes no real time.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { BulkDeletionReport, IdOutcome } from '../../src/core/bulk/report';
import { DeleteOne, LookUpOne, notSent } from '../../src/core/bulk/requests';
import { exponentialBackoff } from '../../src/core/bulk/retryPolicy';
import { isDamagedJournal, journalHeader, journalLine, replayJournal } from '../../src/core/bulk/runJournal';
import { createBulkRunState, planResume } from '../../src/core/bulk/runState';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { HttpExchange } from '../../src/core/api/koreHttp';
import { KoreCallResult, MAX_RETRY_AFTER_SECONDS, parseRetryAfter } from '../../src/core/api/koreResult';
import { RateLimiter } from '../../src/core/pacing/rateLimiter';
import { requestFor, responseResult, resultOf } from '../support/koreResults';
import { ManualClock } from '../support/manualClock';
import { validateContactListId } from '../../src/core/input/validation';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { seededRandom } from '../support/seededRandom';
import { parseBulkRunState } from '../../src/core/bulk/legacyRuns';
import { recordStarted, serialiseBulkRunState } from '../support/bulkRunRecords';

// ---------------------------------------------------------------------------------------------------
// The modelled server.

/** What the server does with one DELETE. "applied…" deletes the list (if it exists) whatever the answer. */
type DeleteBehaviour =
  | { readonly kind: 'ok' }
  /** Applied, then a 2xx whose body is odd: only a message, "Success", `{}`, an undocumented status, not JSON… */
  | { readonly kind: 'okOdd'; readonly status: number; readonly body: string }
  | { readonly kind: 'applied5xx'; readonly json: boolean }
  | { readonly kind: 'appliedTimeout' }
  | { readonly kind: 'appliedReset' }
  | { readonly kind: 'lost5xx'; readonly json: boolean }
  | { readonly kind: 'lostTimeout' }
  | { readonly kind: 'lostReset' }
  | { readonly kind: 'limited'; readonly retryAfter?: string }
  | { readonly kind: 'refused'; readonly status: number }
  | { readonly kind: 'failure200' };

const APPLYING = new Set<DeleteBehaviour['kind']>(['ok', 'okOdd', 'applied5xx', 'appliedTimeout', 'appliedReset']);

/** What the server does with one GET: the truth, or an answer that tells nothing. Never a lie. */
type LookUpBehaviour = 'truth' | 'error500' | 'limited' | 'timeout';

const TIMEOUT_MS = 30_000;
function exchangeResult(method: string, id: string, exchange: HttpExchange): KoreCallResult {
  return resultOf(exchange, { request: requestFor(id, method) });
}

function httpResult(method: string, id: string, status: number, bodyText: string, headers: Record<string, string> = {}): KoreCallResult {
  return responseResult(status, bodyText, { headers, request: requestFor(id, method) });
}

class ModelServer {
  readonly existing: Set<string>;
  /** Every DELETE and GET that reached the server. */
  readonly arrivals: Array<{ readonly method: 'DELETE' | 'GET'; readonly id: string; readonly session: number }> = [];
  /** For each list a DELETE removed: whether that DELETE was answered with a 2xx ('pending' while in flight). */
  readonly appliedBy = new Map<string, 'pending' | '2xx' | 'other'>();
  readonly violations: string[] = [];
  session = 0;
  sessionHasLookUp = true;
  /** Requests of this session after which no token can be made any more (a secret rotated mid-run). */
  tokenFailsAfter: number | undefined;
  private requestsThisSession = 0;

  constructor(
    private readonly clock: ManualClock,
    existing: readonly string[],
    private readonly deleteScripts: Map<string, DeleteBehaviour[]>,
    private readonly lookUpScripts: Map<string, LookUpBehaviour[]>,
    private readonly latency: () => number,
  ) {
    this.existing = new Set(existing);
  }

  startSession(hasLookUp: boolean, tokenFailsAfter: number | undefined): void {
    this.session++;
    this.sessionHasLookUp = hasLookUp;
    this.tokenFailsAfter = tokenFailsAfter;
    this.requestsThisSession = 0;
  }

  private tokenBroken(): boolean {
    if (this.tokenFailsAfter !== undefined && this.requestsThisSession >= this.tokenFailsAfter) return true;
    this.requestsThisSession++;
    return false;
  }

  readonly deleteOne: DeleteOne = async (id, signal) => {
    if (this.tokenBroken()) return notSent('No token could be made.');
    this.arrivals.push({ method: 'DELETE', id, session: this.session });
    const before = this.appliedBy.get(id);
    if (before === '2xx') this.violations.push(`session ${this.session}: ${id} was sent a DELETE after a 2xx that applied it`);
    else if (before !== undefined && this.sessionHasLookUp) this.violations.push(`session ${this.session}: ${id} was sent a DELETE, without a look-up, after one that applied it`);
    const behaviour = this.deleteScripts.get(id)?.shift() ?? { kind: 'ok' };
    const applies = APPLYING.has(behaviour.kind);
    const existed = this.existing.has(id);
    // Applied on arrival: a cancel or a timeout afterwards does not undo it.
    if (applies && existed) {
      this.existing.delete(id);
      this.appliedBy.set(id, 'pending');
    }
    const timesOut = behaviour.kind === 'appliedTimeout' || behaviour.kind === 'lostTimeout';
    try {
      await this.clock.sleep(timesOut ? TIMEOUT_MS : this.latency(), signal);
    } catch {
      if (applies && existed) this.appliedBy.set(id, 'other');
      return exchangeResult('DELETE', id, { kind: 'cancelled', durationMs: 0 });
    }
    const result = applies && !existed ? httpResult('DELETE', id, 404, JSON.stringify({ status: 'failure', message: `Contact list ${id} not found` })) : this.answer(id, behaviour);
    if (applies && existed) this.appliedBy.set(id, result.exchange.kind === 'response' && result.exchange.status >= 200 && result.exchange.status < 300 ? '2xx' : 'other');
    return result;
  };

  private answer(id: string, behaviour: DeleteBehaviour): KoreCallResult {
    switch (behaviour.kind) {
      case 'ok':
        return httpResult('DELETE', id, 200, JSON.stringify({ status: 'success', message: `Contact list ${id} deleted successfully`, data: { _id: id } }));
      case 'okOdd':
        return httpResult('DELETE', id, behaviour.status, behaviour.body);
      case 'applied5xx':
      case 'lost5xx':
        return behaviour.json
          ? httpResult('DELETE', id, 500, JSON.stringify({ errors: [{ msg: 'Internal error' }] }))
          : httpResult('DELETE', id, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'appliedTimeout':
      case 'lostTimeout':
        return exchangeResult('DELETE', id, { kind: 'timeout', timeoutMs: TIMEOUT_MS, durationMs: TIMEOUT_MS });
      case 'appliedReset':
      case 'lostReset':
        return exchangeResult('DELETE', id, { kind: 'network', code: 'ECONNRESET', detail: 'socket hang up', phase: 'written', durationMs: 1 });
      case 'limited':
        return httpResult('DELETE', id, 429, JSON.stringify({ errors: [{ msg: 'Rate limit exceeded' }] }), behaviour.retryAfter === undefined ? {} : { 'retry-after': behaviour.retryAfter });
      case 'refused':
        return httpResult('DELETE', id, behaviour.status, JSON.stringify({ errors: [{ msg: 'Refused' }] }));
      case 'failure200':
        return httpResult('DELETE', id, 200, JSON.stringify({ status: 'failure', message: 'Could not delete the contact list' }));
    }
  }

  readonly lookUp: LookUpOne = async (id, signal) => {
    if (this.tokenBroken()) return notSent('No token could be made.');
    this.arrivals.push({ method: 'GET', id, session: this.session });
    const behaviour = this.lookUpScripts.get(id)?.shift() ?? 'truth';
    try {
      await this.clock.sleep(behaviour === 'timeout' ? TIMEOUT_MS : this.latency(), signal);
    } catch {
      return exchangeResult('GET', id, { kind: 'cancelled', durationMs: 0 });
    }
    switch (behaviour) {
      case 'error500':
        return httpResult('GET', id, 500, JSON.stringify({ message: 'Internal error' }));
      case 'limited':
        return httpResult('GET', id, 429, JSON.stringify({ errors: [{ msg: 'Rate limit exceeded' }] }), { 'retry-after': '5' });
      case 'timeout':
        return exchangeResult('GET', id, { kind: 'timeout', timeoutMs: TIMEOUT_MS, durationMs: TIMEOUT_MS });
      case 'truth':
        return this.existing.has(id)
          ? httpResult('GET', id, 200, JSON.stringify({ status: 'success', message: '', data: { _id: id } }))
          : httpResult('GET', id, 404, JSON.stringify({ status: 'failure', message: `Contact list ${id} not found` }));
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// Generators.

/** 2xx bodies that do not say failure (a server that applies a DELETE and says it failed is lying, not odd). */
const oddBody = fc.oneof(
  fc.constantFrom(
    '{"message":"Contact list deleted"}',
    '{"status":"Success"}',
    '{"status":"SUCCESS","data":{}}',
    '{}',
    '{"status":"pending"}',
    '{"status":"success","errors":[{"msg":"partly"}]}',
    '[]',
    'null',
    '"ok"',
    '',
    '<html>Deleted</html>',
  ),
  // Never JSON: a leading "~" cannot start a JSON text.
  fc.string({ maxLength: 20 }).map((text) => `~${text}`),
);

const retryAfter = fc.option(
  fc.oneof(fc.nat({ max: 90 }).map(String), fc.constantFrom('-1', '1.5', '+5', 'abc 1', '99999999999999999999999', 'Fri, 31 Dec 9999 23:59:59 GMT'), fc.string({ maxLength: 12 })),
  { nil: undefined },
);

const deleteBehaviour: fc.Arbitrary<DeleteBehaviour> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'ok' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('okOdd' as const), status: fc.constantFrom(200, 201, 202, 204), body: oddBody }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('applied5xx' as const), json: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'appliedTimeout' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'appliedReset' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lost5xx' as const), json: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'lostTimeout' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'lostReset' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('limited' as const), retryAfter }, { requiredKeys: ['kind'] }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refused' as const), status: fc.constantFrom(400, 401, 409) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'failure200' as const }) },
);

const lookUpBehaviour = fc.oneof(
  { weight: 5, arbitrary: fc.constant<LookUpBehaviour>('truth') },
  { weight: 1, arbitrary: fc.constantFrom<LookUpBehaviour>('error500', 'limited', 'timeout') },
);

const listScenario = fc.record({
  existsOnServer: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  deletes: fc.array(deleteBehaviour, { maxLength: 4 }),
  lookUps: fc.array(lookUpBehaviour, { maxLength: 3 }),
});

const session = fc.record({
  cut: fc.constantFrom('none', 'cancel', 'crash'),
  cutAtMs: fc.integer({ min: 0, max: 90_000 }),
  lookUp: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  retryUnknown: fc.boolean(),
  retryFailed: fc.boolean(),
  tokenFailsAfter: fc.option(fc.nat({ max: 12 }), { nil: undefined, freq: 6 }),
});

const scenario = fc.record({
  lists: fc.array(listScenario, { minLength: 1, maxLength: 10 }),
  sessions: fc.array(session, { minLength: 1, maxLength: 4 }),
  concurrency: fc.integer({ min: 1, max: 5 }),
  maxRetries: fc.integer({ min: 0, max: 3 }),
  perMinute: fc.integer({ min: 60, max: 600 }),
  seed: fc.integer(),
});

// ---------------------------------------------------------------------------------------------------

function bucketsOf(report: BulkDeletionReport): Array<[string, string]> {
  return [
    ...report.succeeded.map((entry): [string, string] => [entry.id, 'succeeded']),
    ...report.failed.map((entry): [string, string] => [entry.id, 'failed']),
    ...report.unknown.map((entry): [string, string] => [entry.id, 'unknown']),
    ...report.notAttempted.map((id): [string, string] => [id, 'notAttempted']),
  ];
}

describe('runBulkDeletion (properties)', function () {
  this.timeout(propertyTimeoutMs());

  it('against a server that applies and still fails, with cancels, crashes and resumes: one bucket per id, nothing re-sent after a 2xx that applied it, nothing applied reported failed', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (plan) => {
        const clock = new ManualClock();
        const random = seededRandom(plan.seed);
        const ids = plan.lists.map((_, index) => `cl-p-${String(index + 1).padStart(2, '0')}`);
        const model = new ModelServer(
          clock,
          ids.filter((_, index) => plan.lists[index].existsOnServer),
          new Map(ids.map((id, index) => [id, [...plan.lists[index].deletes]])),
          new Map(ids.map((id, index) => [id, [...plan.lists[index].lookUps]])),
          () => 50 + Math.floor(random() * 2_000),
        );
        const existedAtStart = new Set(model.existing);

        // What the VS Code layer persists: the run's journal, a line appended before each DELETE and after each outcome.
        let stored = journalHeader(createBulkRunState({ runId: 'run-p', environmentId: 'env-p', ids, createdAt: 0 }));
        const readStored = () => {
          const replayed = replayJournal(stored);
          return isDamagedJournal(replayed) ? assert.fail(`the journal no longer replays (${replayed.damaged}): ${stored}`) : replayed;
        };
        let resume: { ids: readonly string[]; completed: ReadonlyMap<string, IdOutcome>; lookUpFirst: ReadonlyMap<string, IdOutcome> } = {
          ids: readStored().state.ids,
          completed: new Map(),
          lookUpFirst: new Map(),
        };
        assert.deepEqual(resume.ids, ids);

        for (const step of plan.sessions) {
          model.startSession(step.lookUp, step.tokenFailsAfter);
          const controller = new AbortController();
          const cutTimer = new AbortController();
          let arrivalsAtCut: number | undefined;
          let snapshot: string | undefined;
          if (step.cut !== 'none') {
            clock.sleep(step.cutAtMs, cutTimer.signal).then(
              () => {
                arrivalsAtCut = model.arrivals.length;
                // A crash: what was saved up to this instant is all the next window will see, and the line being
                // written at that instant may be torn (its DELETE was not sent: onStarting had not resolved).
                const next = journalLine({ e: 'started', id: ids[Math.floor(random() * ids.length)] });
                if (step.cut === 'crash') snapshot = stored + next.slice(0, Math.floor(random() * (next.length - 1)));
                controller.abort();
              },
              () => undefined,
            );
          }
          let saveFailure: Error | undefined;
          const report = await clock.runUntilSettled(
            runBulkDeletion({
              ids: resume.ids,
              completed: resume.completed,
              lookUpFirst: resume.lookUpFirst,
              ...(step.lookUp ? { lookUp: model.lookUp } : {}),
              deleteOne: model.deleteOne,
              limiter: new RateLimiter({ clock, perMinute: plan.perMinute }),
              concurrency: plan.concurrency,
              maxRetries: plan.maxRetries,
              backoffMs: exponentialBackoff({ random }),
              signal: controller.signal,
              onStarting: (id) => {
                stored += journalLine({ e: 'started', id });
              },
              onSettled: (id, outcome) => {
                try {
                  stored += journalLine({ e: 'outcome', id, outcome });
                } catch (error) {
                  saveFailure ??= error instanceof Error ? error : new Error(String(error));
                }
              },
            }),
          );
          cutTimer.abort();
          if (saveFailure !== undefined) throw saveFailure;
          const label = `session ${model.session}`;

          // Every id in exactly one bucket.
          const buckets = bucketsOf(report);
          assert.equal(new Set(buckets.map(([id]) => id)).size, buckets.length, `${label}: an id in two buckets`);
          assert.deepEqual(buckets.map(([id]) => id).sort(), [...ids].sort(), `${label}: every id in a bucket`);
          // Nothing reaches the server after a cancel or a crash.
          if (arrivalsAtCut !== undefined) assert.equal(model.arrivals.length, arrivalsAtCut, `${label}: a request after the cut`);
          const sentThisSession = new Set(model.arrivals.filter((arrival) => arrival.session === model.session && arrival.method === 'DELETE').map((arrival) => arrival.id));
          for (const [id, bucket] of buckets) {
            // Not attempted means no DELETE was sent.
            if (bucket === 'notAttempted') assert.equal(sentThisSession.has(id), false, `${label}: ${id} not attempted, yet sent`);
            // A list the server deleted is never reported failed.
            if (bucket === 'failed') assert.equal(model.appliedBy.has(id), false, `${label}: ${id} reported failed, but the server deleted it`);
            // Succeeded means it is gone.
            if (bucket === 'succeeded') assert.equal(model.existing.has(id), false, `${label}: ${id} reported deleted, but it exists`);
          }
          for (const entry of report.succeeded) {
            if (!entry.foundGone && !entry.fromEarlierRun) assert.ok(existedAtStart.has(entry.id), `${label}: ${entry.id} confirmed deleted, but never existed`);
          }
          assert.deepEqual(model.violations, []);

          // The next window replays the journal and plans, as the VS Code layer does, and appends after the lines it
          // read (a torn tail is cut off first). A crash after the run had ended anyway loses nothing.
          if (snapshot !== undefined) stored = snapshot;
          const { state, intactBytes } = readStored();
          stored = Buffer.from(stored, 'utf8').subarray(0, intactBytes).toString('utf8');
          const next = planResume(state, { retryUnknown: step.retryUnknown, retryFailed: step.retryFailed });
          resume = { ids: next.ids, completed: next.completed, lookUpFirst: next.lookUpFirst };
        }
      }),
      propertyParameters(),
    );
  });
});

describe('parseRetryAfter (properties)', () => {
  const anyNow = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity));
  const anyValue = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.stringMatching(/^[ \t]*[+-]?[0-9]{1,40}([.,][0-9]{0,5})?(e[0-9]{1,3})?[ \t]*$/),
    fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toUTCString())),
    fc.date().map((date) => (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toString())),
  );

  it('is undefined or whole seconds within [0, MAX_RETRY_AFTER_SECONDS], for any string at any time', () => {
    fc.assert(
      fc.property(anyValue, anyNow, (value, now) => {
        const seconds = parseRetryAfter(value, now);
        return seconds === undefined || (Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_RETRY_AFTER_SECONDS);
      }),
      propertyParameters(),
    );
  });

  it('reads every well-formed value exactly, up to the bound', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), fc.integer({ min: 0, max: 250_000_000_000 }), fc.integer({ min: -1_000_000, max: 1_000_000 }), (delay, nowSeconds, offset) => {
        const now = nowSeconds * 1000;
        assert.equal(parseRetryAfter(String(delay), now), Math.min(delay, MAX_RETRY_AFTER_SECONDS));
        const date = new Date(now + offset * 1000).toUTCString();
        assert.equal(parseRetryAfter(date, now), Math.min(Math.max(offset, 0), MAX_RETRY_AFTER_SECONDS), date);
      }),
      propertyParameters(),
    );
  });
});

describe('BulkRunState (properties)', () => {
  const anyId = fc.oneof(
    fc.string({ maxLength: 140 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.stringMatching(/^cl-[a-z0-9-]{0,200}$/),
    fc.constantFrom('__proto__', 'constructor', 'a/b', '..', ' cl-a ', 'cl-%41'),
  );

  it('accepts exactly the ids validateContactListId accepts, and every state a run creates reads back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyId, { maxLength: 6 }), (ids) => {
        const created = createBulkRunState({ runId: 'run-q', environmentId: 'env-q', ids, createdAt: 1 });
        const valid = ids.filter((id) => validateContactListId(id) === undefined);
        let state = created;
        for (const id of state.ids) state = recordStarted(state, id);
        assert.deepEqual(parseBulkRunState(serialiseBulkRunState(state)), state, 'what is saved reads back');
        assert.deepEqual(created.ids, valid);
        const handWritten = JSON.stringify({ version: 1, runId: 'r', environmentId: 'e', createdAt: 1, ids, outcomes: {} });
        assert.equal(parseBulkRunState(handWritten) !== undefined, valid.length === ids.length, JSON.stringify(ids));
      }),
      propertyParameters(),
    );
  });
});
