// What one figure of the benchmark reports, and how a figure script hands it to the orchestrator: each
// figure runs in its own Node process (a fresh heap for the memory figure, code-server's exit hooks kept
// out of the orchestrator) and prints its result as one JSON line with a recognisable prefix.

export type Verdict = 'met' | 'not met' | 'not measured';

export interface FigureResult {
  readonly title: string;
  /** The headline value: the median of the runs, formatted with its unit. */
  readonly median: string;
  readonly target: string;
  readonly verdict: Verdict;
  /** How many runs the median is over, in words ("5 launches"). */
  readonly runs: string;
  /** Each run's value, formatted, in the order measured. */
  readonly samples: readonly string[];
  /** How it was measured, one paragraph of Markdown. */
  readonly method: string;
  /** Anything a reader needs to judge the number: caveats, breakdowns, explanations of a miss. */
  readonly notes: readonly string[];
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function verdictOf(met: boolean): Verdict {
  return met ? 'met' : 'not met';
}

/** Prints the result line the parent looks for (see runChildScript). */
function emitResult(value: unknown): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(value)}`);
}

/**
 * The body of every script that reports to a parent: measure, print the result, exit. A missed target is
 * a result (exit 0); only an error (a crash, a server that would not start) exits non-zero.
 */
export function runAsScript(measure: () => Promise<unknown>): void {
  measure().then(
    (result) => {
      emitResult(result);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
