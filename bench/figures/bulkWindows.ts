// Figure: the most DELETEs any 60 s window at the fake server held, over every run of the two pace figures
// (bulkPace, bulkRate), closed windows and half-open ones. Those figures write what they saw to
// $TMPDIR/kcl-bench/windows/ as they finish; this one runs after them and judges it, so nothing is measured twice.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { WINDOWS_DIR, WindowRecord } from '../lib/paceRun';

const FIGURES = ['bulkPace', 'bulkRate'] as const;
/** Records older than this are from an earlier bench, not "the runs above". */
const FRESH_MS = 6 * 60 * 60_000;

function readRecord(figure: string): WindowRecord {
  const file = path.join(WINDOWS_DIR, `${figure}.json`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run figures/${figure} first (npm run bench runs it before this one).`);
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as WindowRecord;
  if (Date.now() - Date.parse(record.writtenAt) > FRESH_MS) throw new Error(`${file} was written at ${record.writtenAt}: run figures/${figure} again.`);
  return record;
}

function measure(): Promise<FigureResult> {
  const records = FIGURES.map(readRecord);
  const samples = records.flatMap((record) =>
    record.runs.map((run, index) => `${record.figure} run ${index + 1}: at most ${run.maxClosedWindow} (closed) / ${run.maxHalfOpenWindow} (half-open) of L = ${record.perMinute}`),
  );
  const worst = Math.max(...records.flatMap((record) => record.runs.map((run) => Math.max(run.maxClosedWindow, run.maxHalfOpenWindow) / record.perMinute)));
  const met = records.every((record) => record.runs.every((run) => run.maxClosedWindow <= record.perMinute && run.maxHalfOpenWindow <= record.perMinute));
  const runCount = records.reduce((sum, record) => sum + record.runs.length, 0);
  return Promise.resolve({
    title: 'Any 60 s window at the fake server, over the pace figures\' runs',
    median: `at most ${(worst * 100).toFixed(0)}% of L in any window`,
    target: 'never more than L requests',
    verdict: verdictOf(met),
    runs: `${runCount} runs`,
    samples,
    method:
      'Every DELETE the fake server counted (all but its 429s), stamped at arrival on the clock it shares with the limiter; for each, the ' +
      'calls in the closed window [t, t + 60 s] and in the half-open one (t − 60 s, t] the fake server itself uses. Highest count per run, against that run\'s L.',
    notes: ['The windows are counted by test/support/slidingWindows.ts, the same code the core tests judge the limiter with.'],
  });
}

runAsScript(measure);
