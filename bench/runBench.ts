// `npm run bench`: measures the figures of bench/results.md, each in its own child process, and
// writes that file. Exits 0 when every figure was measured, met or not (a miss is a result, written down);
// non-zero only when a figure could not be measured at all (an error, written down too).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runChildScript, stopAllChildren } from './lib/childScript';
import { FigureResult } from './lib/figure';
import { describeMachine } from './lib/machine';
import { PROJECT_ROOT, RESULTS_FILE, benchScript } from './lib/paths';
import { renderResults } from './lib/report';

interface FigureStep {
  readonly title: string;
  readonly script: string;
  readonly args?: readonly string[];
  readonly timeoutMs: number;
}

/** Set by Ctrl+C or a kill: no further figure starts, and the process exits once the running one is stopped. */
let interrupted = false;

/** Where figure 1 stages the shipped files and figure 2 loads the extension from; removed at the end. */
const STAGE_DIR = path.join(os.tmpdir(), 'kcl-tests', `bench-shipped-${process.pid}`);

const STEPS: readonly FigureStep[] = [
  { title: 'Bundle size: dist/extension.js, minified', script: 'figures/bundleSize', args: [STAGE_DIR], timeoutMs: 5 * 60_000 },
  { title: '`require` + `activate()` in the extension host', script: 'figures/activation', args: [STAGE_DIR], timeoutMs: 20 * 60_000 },
  { title: 'One DELETE: the client against bare `node:http`', script: 'figures/deleteOverhead', timeoutMs: 10 * 60_000 },
  { title: 'Bulk deletion at the limit: 300 ids at 60/min, virtual clock', script: 'figures/bulkPace', timeoutMs: 10 * 60_000 },
  { title: 'Bulk deletion at the limit in real time: 600/min, 30 ms latency', script: 'figures/bulkRate', timeoutMs: 10 * 60_000 },
  // After the two above: it judges the windows they recorded.
  { title: 'Bulk + listing + single deletes on one account at once', script: 'figures/mixedTraffic', timeoutMs: 10 * 60_000 },
  { title: 'Any 60 s window at the fake server', script: 'figures/bulkWindows', timeoutMs: 60_000 },
  { title: 'Bulk deletion against a stricter server', script: 'figures/bulkStrictServer', timeoutMs: 10 * 60_000 },
  { title: 'Memory of a 10,000-id bulk run', script: 'figures/bulkMemory', timeoutMs: 20 * 60_000 },
  { title: 'Bytes written for the progress of a 10,000-id bulk run', script: 'figures/bulkJournal', timeoutMs: 20 * 60_000 },
];

/** What results.md says for a figure whose script failed: the error, instead of a number. */
function failedFigure(step: FigureStep, error: unknown): FigureResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    title: step.title,
    median: 'not measured',
    target: '—',
    verdict: 'not measured',
    runs: '—',
    samples: [],
    method: `\`${step.script}\` failed before it could report.`,
    notes: [`Error: ${message}`],
  };
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const started = performance.now();
  const machine = describeMachine(PROJECT_ROOT);
  console.log(`Benchmark on ${machine.cpu}, ${machine.cores}, ${machine.memory}, Node ${machine.node}, ${machine.os}`);
  const figures: FigureResult[] = [];
  let failures = 0;
  try {
    for (const [index, step] of STEPS.entries()) {
      if (interrupted) break;
      console.log(`\n[${index + 1}/${STEPS.length}] ${step.title}`);
      const stepStarted = performance.now();
      try {
        const figure = await runChildScript<FigureResult>(benchScript(step.script), { args: step.args ?? [], timeoutMs: step.timeoutMs });
        figures.push(figure);
        console.log(`[${index + 1}/${STEPS.length}] ${figure.median} (target ${figure.target}): ${figure.verdict}, in ${((performance.now() - stepStarted) / 1000).toFixed(0)} s`);
      } catch (error) {
        failures++;
        figures.push(failedFigure(step, error));
        console.error(`[${index + 1}/${STEPS.length}] could not be measured: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    fs.rmSync(STAGE_DIR, { recursive: true, force: true });
  }
  // A stopped bench leaves the last complete results.md in place rather than a partial one.
  if (interrupted) return 130;
  const durationMs = performance.now() - started;
  fs.writeFileSync(RESULTS_FILE, renderResults({ startedAt, durationMs, machine, figures }));
  console.log(`\nWrote ${path.relative(PROJECT_ROOT, RESULTS_FILE)} in ${(durationMs / 60_000).toFixed(1)} min.`);
  for (const [index, figure] of figures.entries()) console.log(`  ${index + 1}. ${figure.title}: ${figure.median} → ${figure.verdict}`);
  return failures === 0 ? 0 : 1;
}

// Ctrl+C or a kill: stop the figure scripts (and through them code-server, Chromium and fake servers) first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the running figure…`);
    void stopAllChildren().then(() => {
      fs.rmSync(STAGE_DIR, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
