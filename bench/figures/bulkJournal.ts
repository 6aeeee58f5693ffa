// Figure 7: the bytes a 10,000-id bulk run writes to disk to save its progress. The run saves it as the
// extension does, in its journal (one `started` line flushed before each DELETE, one outcome line after), so the
// bytes per id do not depend on the run's size; before the journal, the whole state was written again before each
// DELETE, which grew with the square of the run. Each run is a fresh process (memory/bulkMemoryRun, shared with
// figure 6); the figure is the median of the journals' sizes.
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { MemoryRun } from '../lib/memoryProtocol';
import { memoryRuns } from '../lib/memoryRuns';
import { judgeSize } from '../lib/sizeLimit';
import { formatBytes, formatSeconds, median } from '../lib/stats';

const RUNS = 3;
const LIMIT_MB = 5;

function describe(run: MemoryRun): string {
  const storage = run.storageWriteBytes === undefined ? '' : `; the kernel counted ${formatBytes(run.storageWriteBytes)} written to storage`;
  return `${formatBytes(run.journalBytes)} (${(run.journalBytes / run.ids).toFixed(0)} bytes per id, ${run.flushes} flushes${storage}); ${run.succeeded}/${run.ids} succeeded in ${formatSeconds(run.durationMs)}`;
}

async function measure(): Promise<FigureResult> {
  const runs = await memoryRuns(RUNS, describe);
  const bytes = median(runs.map((run) => run.journalBytes));
  const judgement = judgeSize(bytes, LIMIT_MB, 'MB');
  return {
    title: 'Bytes written to disk for the progress of a 10,000-id bulk run',
    median: formatBytes(bytes),
    target: `at most ${LIMIT_MB} MB (O(1) per id)`,
    verdict: verdictOf(judgement.met),
    runs: `${RUNS} runs, each in a fresh process`,
    samples: runs.map(describe),
    method:
      'The run of figure 6 (10,000 ids, real client, fake server in a child process), its progress saved through `RunJournalStore` into a temporary folder: ' +
      'the header (the run and its ids) and a heartbeat, then per id a `started` line written with one write(2) on an O_APPEND descriptor and flushed with fdatasync ' +
      'before the DELETE, and an outcome line after. The figure is the journal file\'s size at the end, which is every byte written to it (it is only appended to). MB = 1,048,576 bytes.',
    notes: [
      'Ids of 40 characters (as the fake server makes them) appear three times each: in the header, the `started` line and the outcome line; a succeeded outcome carries the server\'s message.',
      'The kernel\'s own count (/proc/self/io write_bytes), where shown, is larger: every flush writes the file\'s last page (4 KiB) again. That is the price of "on disk before the DELETE", and it is also O(1) per id.',
      ...(judgement.caveat ? [judgement.caveat] : []),
    ],
  };
}

runAsScript(measure);
