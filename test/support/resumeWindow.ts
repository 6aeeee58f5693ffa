// A window that resumes a bulk run, for the journal tests: run as its own process, it lists the runs it may
// resume in a journal folder another process uses too, opens the one named, waits `delayMs` between reading the
// journal and writing to it (the store's injected hook), and announces a DELETE as the runner would.
//   node out/test/support/resumeWindow.js '<json: ResumeWindowJob>'
// Prints one JSON line: whether it drove the run.
import { RunJournalStore, RunTakenError } from '../../src/core/bulk/journalStore';

export interface ResumeWindowJob {
  readonly directory: string;
  readonly session: string;
  readonly runId: string;
  /** The id whose DELETE this window announces once it holds the run. */
  readonly id: string;
  readonly delayMs: number;
  /** Epoch milliseconds: both windows start together. */
  readonly startAt: number;
}

export interface ResumeWindowResult {
  readonly drove: boolean;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as ResumeWindowJob;
  const store = new RunJournalStore(job.directory, job.session, Date.now, { afterRead: () => new Promise((resolve) => setTimeout(resolve, job.delayMs)) });
  const state = (await store.resumable()).runs.find((run) => run.runId === job.runId);
  if (!state) throw new Error(`The run ${job.runId} is not offered to ${job.session}.`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
  let result: ResumeWindowResult;
  try {
    const writer = await store.open(state);
    await writer.started(job.id);
    await writer.close();
    result = { drove: true };
  } catch (error) {
    if (!(error instanceof RunTakenError)) throw error;
    result = { drove: false };
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
