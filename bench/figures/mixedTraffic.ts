// Figure: a bulk run, the tree's listings and single deletes by hand on one account at once, every request
// through the account's one limiter (src/core/pacing/accountLimiters.ts, as the connection layer does), against an
// in-process fake server counting the account's sliding minute, on the quiet virtual clock of the pace figure.
// Target: no 429 at all.
import { AccountLimiters } from '../../src/core/pacing/accountLimiters';
import { runBulkDeletion } from '../../src/core/bulk/runner';
import { deleteContactList, getAllContactLists, getContactList } from '../../src/core/api/contactListClient';
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { countStatus, withInProcessKore } from '../lib/inProcessKore';
import { REQUEST_TIMEOUT_MS, targetOf } from '../lib/koreClient';
import { QuietNetworkClock } from '../../test/support/quietNetworkClock';
import { formatSeconds } from '../lib/stats';

const RUNS = 3;
const IDS = 150;
const PER_MINUTE = 60;
/** When the person acts, in virtual seconds from the start: each time a listing, a look-up and a DELETE. */
const BY_HAND_AT_S = [1, 30, 61, 95, 130];

interface MixedRun {
  readonly requests: number;
  readonly rejected429: number;
  readonly bulkSucceeded: number;
  readonly byHandOk: number;
  readonly durationMs: number;
}

function oneRun(): Promise<MixedRun> {
  const clock = new QuietNetworkClock();
  const lists = IDS + BY_HAND_AT_S.length;
  return withInProcessKore({ rateLimitPerMinute: PER_MINUTE, latencyMs: 2, now: () => clock.now() }, lists, async ({ server, endpoint, ids }) => {
    const target = targetOf(endpoint);
    const limiter = new AccountLimiters({ clock }).for(target, PER_MINUTE);
    // The wait for the limiter stays outside `track`: the quiet clock stands still while a tracked call is in flight,
    // and a tracked wait for a slot would stop the very time it waits for.
    const paced = async <T>(send: () => Promise<T>): Promise<T> => {
      await limiter.acquire();
      return clock.track(send());
    };
    const options = { timeoutMs: REQUEST_TIMEOUT_MS };
    const bulkIds = ids.slice(0, IDS);
    const bulk = runBulkDeletion({
      ids: bulkIds,
      limiter,
      deleteOne: (id, signal) => clock.track(deleteContactList(target, endpoint.token, id, { timeoutMs: REQUEST_TIMEOUT_MS, signal })),
    });
    const byHand = (async () => {
      let ok = 0;
      for (const [index, at] of BY_HAND_AT_S.entries()) {
        await clock.sleep(Math.max(0, at * 1000 - clock.now()));
        const id = ids[IDS + index];
        const answers = [
          (await paced(() => getAllContactLists(target, endpoint.token, options))).result,
          await paced(() => getContactList(target, endpoint.token, id, options)),
          await paced(() => deleteContactList(target, endpoint.token, id, options)),
        ];
        ok += answers.filter((answer) => answer.ok).length;
      }
      return ok;
    })();
    const [report, byHandOk] = await Promise.all([bulk, byHand]);
    return { requests: server.requests.length, rejected429: countStatus(server, 429), bulkSucceeded: report.succeeded.length, byHandOk, durationMs: report.durationMs };
  });
}

function describe(run: MixedRun): string {
  return `${run.requests} requests in ${formatSeconds(run.durationMs)} of virtual time: ${run.rejected429} × 429; bulk ${run.bulkSucceeded}/${IDS} succeeded; ${run.byHandOk}/${BY_HAND_AT_S.length * 3} by-hand calls answered 2xx`;
}

async function measure(): Promise<FigureResult> {
  const runs: MixedRun[] = [];
  for (let index = 1; index <= RUNS; index++) {
    const run = await oneRun();
    runs.push(run);
    console.log(`run ${index}/${RUNS}: ${describe(run)}`);
  }
  const total429 = runs.reduce((sum, run) => sum + run.rejected429, 0);
  const met = total429 === 0 && runs.every((run) => run.bulkSucceeded === IDS && run.byHandOk === BY_HAND_AT_S.length * 3);
  return {
    title: 'Bulk + listing + single deletes on one account at once',
    median: `${total429} × 429 over ${runs.reduce((sum, run) => sum + run.requests, 0)} requests`,
    target: '0 × 429',
    verdict: verdictOf(met),
    runs: `${RUNS} runs`,
    samples: runs.map(describe),
    method:
      `A bulk run of ${IDS} ids and, at ${BY_HAND_AT_S.join(', ')} s, a listing (get all list details), a look-up and a DELETE by hand, all on one account ` +
      `whose fake server allows ${PER_MINUTE}/min. Every request waits on the account's one limiter from \`AccountLimiters\` (the bulk runner before each ` +
      'DELETE, the others before each request, as `EnvironmentConnection` does through the client\'s `beforeSend`). Virtual clock as in the pace figure.',
    notes: ['Without the shared limiter, the by-hand calls land on top of a window the bulk run has filled, and the server answers 429 (the extension-host test `accountLimit.test.ts` checks the same end to end).'],
  };
}

runAsScript(measure);
