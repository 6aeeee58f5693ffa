// Figure 3: what the client adds to one DELETE. The same DELETE (method, URL, headers) goes through
// deleteContactList (node-fetch, timeout and abort wiring, redaction, JSON parsing, interpretation) and
// through a bare node:http request, interleaved, against one fake server running in a child process (so
// its work does not run on the measured event loop). Each request deletes a different list, so every
// answer is a real 200 with the deleted list's record.
import { koreHeaders, deleteContactList } from '../../src/core/api/contactListClient';
import { contactListUrl } from '../../src/core/api/koreApiPaths';
import { bareDelete } from '../lib/bareDelete';
import { startFakeServerProcess } from '../lib/fakeServerProcess';
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { REQUEST_TIMEOUT_MS, targetOf } from '../lib/koreClient';
import { formatMs, median, quantile } from '../lib/stats';

const ROUNDS = 5;
const PAIRS_PER_ROUND = 300;
/** Connection set-up, JIT warm-up and the server's first requests are not what we measure. */
const WARMUP_PAIRS = 300;
const TARGET_PERCENT = 15;
const TARGET_MS = 0.5;

interface Round {
  readonly client: number[];
  readonly bare: number[];
}

function overheadOf(clientMs: number, bareMs: number): { ms: number; percent: number } {
  return { ms: clientMs - bareMs, percent: ((clientMs - bareMs) / bareMs) * 100 };
}

function describeOverhead(clientMs: number, bareMs: number): string {
  const overhead = overheadOf(clientMs, bareMs);
  return `client ${formatMs(clientMs)}, bare ${formatMs(bareMs)}: +${formatMs(overhead.ms)} (${overhead.percent.toFixed(1)}%)`;
}

function describeBounds(overheadMs: number, overheadPercent: number): string {
  const absolute = overheadMs <= TARGET_MS ? `within ${TARGET_MS} ms` : `over ${TARGET_MS} ms`;
  const relative = overheadPercent <= TARGET_PERCENT ? `within ${TARGET_PERCENT}%` : `over ${TARGET_PERCENT}%`;
  return `the overhead is ${absolute} and ${relative}`;
}

async function measure(): Promise<FigureResult> {
  const totalPairs = WARMUP_PAIRS + ROUNDS * PAIRS_PER_ROUND;
  // A limit no run can reach: a 429 would be a different request from the one we time.
  const server = await startFakeServerProcess({ lists: 2 * totalPairs, rateLimitPerMinute: 1e9, latencyMs: 0 });
  try {
    const endpoint = server.descriptor;
    const target = targetOf(endpoint);
    const headers = koreHeaders(target, endpoint.token);
    const ids = [...endpoint.ids];
    const nextId = () => {
      const id = ids.shift();
      if (id === undefined) throw new Error('ran out of contact lists');
      return id;
    };
    const viaClient = async (): Promise<number> => {
      const id = nextId();
      const started = performance.now();
      const result = await deleteContactList(target, endpoint.token, id, { timeoutMs: REQUEST_TIMEOUT_MS });
      const elapsed = performance.now() - started;
      if (!result.ok) throw new Error(`the client's DELETE of ${id} did not succeed: ${result.exchange.kind} ${result.failure ?? ''}`);
      return elapsed;
    };
    const viaBare = async (): Promise<number> => {
      const id = nextId();
      const started = performance.now();
      const status = await bareDelete(contactListUrl(target, id), headers);
      const elapsed = performance.now() - started;
      if (status !== 200) throw new Error(`the bare DELETE of ${id} answered ${status}`);
      return elapsed;
    };
    /** One of each, alternating which goes first, so neither always follows the other's garbage. */
    const pair = async (round: Round, clientFirst: boolean) => {
      if (clientFirst) {
        round.client.push(await viaClient());
        round.bare.push(await viaBare());
      } else {
        round.bare.push(await viaBare());
        round.client.push(await viaClient());
      }
    };

    console.log(`warm-up: ${WARMUP_PAIRS} pairs`);
    const warmup: Round = { client: [], bare: [] };
    for (let i = 0; i < WARMUP_PAIRS; i++) await pair(warmup, i % 2 === 0);
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const round: Round = { client: [], bare: [] };
      for (let i = 0; i < PAIRS_PER_ROUND; i++) await pair(round, i % 2 === 0);
      rounds.push(round);
      console.log(`round ${r + 1}/${ROUNDS}: ${describeOverhead(median(round.client), median(round.bare))}`);
    }

    // The headline: the median over rounds of each latency, and the overhead between those two numbers, so
    // that the three figures shown together are consistent with each other.
    const clientMedian = median(rounds.map((round) => median(round.client)));
    const bareMedian = median(rounds.map((round) => median(round.bare)));
    const { ms: overheadMs, percent: overheadPercent } = overheadOf(clientMedian, bareMedian);
    const allClient = rounds.flatMap((round) => round.client);
    const allBare = rounds.flatMap((round) => round.bare);
    const spread = (values: number[]) =>
      `p10 ${formatMs(quantile(values, 0.1))}, median ${formatMs(median(values))}, p90 ${formatMs(quantile(values, 0.9))}, max ${formatMs(Math.max(...values))}`;
    const met = overheadMs <= TARGET_MS || overheadPercent <= TARGET_PERCENT;
    return {
      title: 'One DELETE: the client against bare `node:http`',
      median: describeOverhead(clientMedian, bareMedian),
      target: `overhead at most ${TARGET_PERCENT}% or ${TARGET_MS} ms`,
      verdict: verdictOf(met),
      runs: `${ROUNDS} rounds of ${PAIRS_PER_ROUND} interleaved pairs`,
      samples: rounds.map((round) => describeOverhead(median(round.client), median(round.bare))),
      method:
        `One fake Kore server (no latency, no effective rate limit) in a child process; in this process, after ${WARMUP_PAIRS} warm-up pairs, ` +
        `${ROUNDS} rounds of ${PAIRS_PER_ROUND} pairs, each pair one \`deleteContactList\` and one bare \`http.request\` with the same method, URL and ` +
        'headers (`koreHeaders`), sequential, alternating which goes first. Each sample is one round: its median client and bare latencies and ' +
        'their difference. The headline takes the median over the rounds of each latency, and the overhead between those two. Both use ' +
        'Node\'s default keep-alive agent.',
      notes: [
        `All ${allClient.length} client requests: ${spread(allClient)}.`,
        `All ${allBare.length} bare requests: ${spread(allBare)}.`,
        `The target is met when either bound holds: ${describeBounds(overheadMs, overheadPercent)}. ` +
          'Both latencies are loopback round trips including the fake server\'s own work, so the percentage is relative to a very small ' +
          'denominator; against a real Kore.ai host tens of milliseconds away the same fraction of a millisecond would be a few percent.',
      ],
    };
  } finally {
    await server.stop();
  }
}

runAsScript(measure);
