// Run journals on disk: what a window writes while it drives a run, what another window (or the same one after a
// crash) reads back and may resume, a torn tail cut off before the next line, damaged journals kept aside once,
// and the size of a 10,000-id run's journal (bytes per id do not grow with the run).
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DAMAGED_FOLDER, RunJournalStore, RunTakenError, processGone } from '../../src/core/bulk/journalStore';
import { ALIVE_MS, RESUME_WINDOW_MS } from '../../src/core/bulk/runOwnership';
import { isDamagedJournal, journalHeader, journalLine, replayJournal } from '../../src/core/bulk/runJournal';
import { createBulkRunState, planResume } from '../../src/core/bulk/runState';
import type { ResumeWindowJob, ResumeWindowResult } from '../support/resumeWindow';
import { serialiseBulkRunState } from '../support/bulkRunRecords';

const NOW = 1_700_000_000_000;
const resumeScript = path.join(__dirname, '..', 'support', 'resumeWindow.js');

/** Runs test/support/resumeWindow as its own process: a window resuming a run. */
function resumeInWindow(job: ResumeWindowJob): Promise<ResumeWindowResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [resumeScript, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as ResumeWindowResult) : reject(new Error(`resumeWindow exited with ${code}`))));
  });
}

describe('RunJournalStore', () => {
  let directory: string;
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    directory = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kcl-journal-')), 'bulk-runs');
    now = NOW;
  });

  afterEach(() => fs.rmSync(path.dirname(directory), { recursive: true, force: true }));

  function journalText(runId: string): string {
    return fs.readFileSync(path.join(directory, `${runId}.jsonl`), 'utf8');
  }

  it('refuses to open a run another window took over after this one listed it: no DELETE is sent twice', async () => {
    const state = createBulkRunState({ runId: 'run-race', environmentId: 'env-1', ids: ['cl-a', 'cl-b'], createdAt: NOW });
    const first = await new RunJournalStore(directory, 'window-a', clock).open(state);
    await first.close();
    now = NOW + ALIVE_MS;
    const windowB = new RunJournalStore(directory, 'window-b', clock);
    const windowC = new RunJournalStore(directory, 'window-c', clock);
    const [listedByB] = (await windowB.resumable()).runs;
    const [listedByC] = (await windowC.resumable()).runs;
    assert.ok(listedByB && listedByC, 'both windows were offered the abandoned run');
    // Window C confirms first; window B's user confirms a moment later.
    const taken = await windowC.open(listedByC);
    await assert.rejects(windowB.open(listedByB), RunTakenError);
    await taken.close();
  });

  it('lets one of two windows resuming one run together drive it, and keeps the lines it wrote (claim first, then read)', async function () {
    this.timeout(20_000);
    const ids = ['cl-a', 'cl-b', 'cl-c'];
    const state = createBulkRunState({ runId: 'run-two', environmentId: 'env-1', ids, createdAt: Date.now() });
    // Left by a window quiet for longer than ALIVE_MS: both other windows are offered it.
    const left = await new RunJournalStore(directory, 'window-a', () => Date.now() - ALIVE_MS - 1_000).open(state);
    await left.started('cl-a');
    await left.close();
    const job = { directory, runId: 'run-two', id: 'cl-b', startAt: Date.now() + 1_000 };
    // Each waits between its read and its write, the second longer: its write comes after the first one's DELETE was announced.
    const results = await Promise.all([resumeInWindow({ ...job, session: 'window-b', delayMs: 200 }), resumeInWindow({ ...job, session: 'window-c', delayMs: 800 })]);
    assert.equal(results.filter((result) => result.drove).length, 1, `exactly one window drives the run: ${JSON.stringify(results)}`);
    const lines = journalText('run-two')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { e: string; id?: string; owner?: string });
    assert.deepEqual(
      lines.filter((line) => line.e === 'started').map((line) => line.id),
      ['cl-a', 'cl-b'],
      'the announced DELETE of cl-b is still on record, once',
    );
    const replayed = replayJournal(journalText('run-two'));
    assert.ok(!isDamagedJournal(replayed));
    assert.deepEqual(planResume(replayed.state, { retryUnknown: true }).toSend, ['cl-a', 'cl-b', 'cl-c']);
    assert.deepEqual([...planResume(replayed.state, { retryUnknown: true }).lookUpFirst.keys()], ['cl-a', 'cl-b'], 'both in-flight ids are looked up first');
  });

  it('never cuts off bytes it did not read: a line the old owner wrote between the read and the reopen stays', async () => {
    const state = createBulkRunState({ runId: 'run-late', environmentId: 'env-1', ids: ['cl-a', 'cl-b'], createdAt: NOW });
    const old = await new RunJournalStore(directory, 'window-a', clock).open(state);
    now = NOW + ALIVE_MS;
    // Window A, quiet for ALIVE_MS, wakes up and announces a DELETE just after window B read the journal.
    const late = journalLine({ e: 'started', id: 'cl-a' });
    const windowB = new RunJournalStore(directory, 'window-b', clock, { afterRead: () => fs.promises.appendFile(path.join(directory, 'run-late.jsonl'), late) });
    const [listed] = (await windowB.resumable()).runs;
    await assert.rejects(windowB.open(listed), RunTakenError);
    assert.ok(journalText('run-late').endsWith(late), 'the late line is still there');
    await old.close();
  });

  it('lets a window that claimed a run keep it against another that opens it while the first reads the journal', async () => {
    const state = createBulkRunState({ runId: 'run-claimed', environmentId: 'env-1', ids: ['cl-a'], createdAt: NOW });
    await (await new RunJournalStore(directory, 'window-a', clock).open(state)).close();
    now = NOW + ALIVE_MS;
    let claimed = false;
    // Window C reads the journal (A's stale heartbeat) only after window B's claim, before B wrote its heartbeat.
    const windowB = new RunJournalStore(directory, 'window-b', clock, {
      afterRead: async () => {
        if (claimed) return;
        claimed = true;
        await assert.rejects(new RunJournalStore(directory, 'window-c', clock).open(state), RunTakenError);
      },
    });
    const driving = await windowB.open(state);
    assert.ok(claimed);
    await driving.close();
  });

  it('writes one line per event, and another window reads back the run it left: succeeded ids done, the one in flight looked up first', async () => {
    const ids = ['cl-a', 'cl-b', 'cl-c', 'cl-d'];
    const state = createBulkRunState({ runId: 'run-1', environmentId: 'env-1', ids, createdAt: NOW, target: { host: 'https://bots.kore.ai', iid: 'st-1', accountId: 'acc-1' } });
    const writer = await new RunJournalStore(directory, 'window-a', clock).open(state);
    await writer.started('cl-a');
    await writer.outcome('cl-a', { kind: 'succeeded', attempts: 1 });
    await writer.started('cl-b');
    // Window A is killed here: cl-b's DELETE may be on its way.
    const lines = journalText('run-1').split('\n');
    assert.equal(lines.length, 6, 'header, heartbeat, three events and the final newline');
    assert.deepEqual(JSON.parse(lines[1]), { e: 'heartbeat', owner: 'window-a', at: NOW, process: { pid: process.pid, host: os.hostname() } });
    assert.deepEqual(JSON.parse(lines[4]), { e: 'started', id: 'cl-b' });

    const other = new RunJournalStore(directory, 'window-b', clock);
    assert.deepEqual((await other.resumable()).runs, [], 'window A was heard from within ALIVE_MS: not offered');
    now = NOW + ALIVE_MS;
    const [found] = (await other.resumable()).runs;
    assert.equal(found.runId, 'run-1');
    assert.deepEqual(found.target, state.target);
    const plan = planResume(found, { retryUnknown: true });
    assert.deepEqual(plan.toSend, ['cl-b', 'cl-c', 'cl-d']);
    assert.deepEqual([...plan.lookUpFirst.keys()], ['cl-b'], 'the id in flight at the crash is looked up before anything is sent');
    assert.equal(plan.completed.get('cl-a')?.kind, 'succeeded');

    // Window B takes the run over: its heartbeat is now the owner's, and window A (back) must leave it alone.
    const resumed = await other.open(found);
    await resumed.close();
    assert.deepEqual((await new RunJournalStore(directory, 'window-a', clock).resumable()).runs, []);
    assert.equal((await other.resumable()).runs.length, 1, 'its own run is offered to window B');
    await writer.close();
  });

  it('offers at once a run whose owner\'s process on this machine has died (a killed window), but not one whose owner lives', async () => {
    fs.mkdirSync(directory, { recursive: true });
    const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    assert.equal(child.status, 0);
    const state = createBulkRunState({ runId: 'run-k', environmentId: 'env-1', ids: ['cl-a'], createdAt: NOW });
    const heartbeat = (pid: number) => journalLine({ e: 'heartbeat', owner: 'killed-window', at: NOW, process: { pid, host: os.hostname() } });
    fs.writeFileSync(path.join(directory, 'run-k.jsonl'), journalHeader(state) + heartbeat(child.pid ?? 0) + journalLine({ e: 'started', id: 'cl-a' }));
    const store = new RunJournalStore(directory, 'restarted-window', clock);
    assert.deepEqual((await store.resumable()).runs.map((run) => run.runId), ['run-k'], 'its extension host is gone: nobody drives it');
    assert.equal(processGone({ pid: child.pid ?? 0, host: os.hostname() }), true);
    // The same heartbeat naming a live process (this one's parent), or a process on another machine: still driven there.
    fs.writeFileSync(path.join(directory, 'run-k.jsonl'), journalHeader(state) + heartbeat(process.ppid));
    assert.deepEqual((await store.resumable()).runs, []);
    fs.writeFileSync(path.join(directory, 'run-k.jsonl'), journalHeader(state) + journalLine({ e: 'heartbeat', owner: 'w', at: NOW, process: { pid: child.pid ?? 0, host: 'another-machine' } }));
    assert.deepEqual((await store.resumable()).runs, []);
  });

  it('cuts off a torn last line before appending, so the journal stays readable and the torn event never counts', async () => {
    const state = createBulkRunState({ runId: 'run-2', environmentId: 'env-1', ids: ['cl-a', 'cl-b'], createdAt: NOW });
    const store = new RunJournalStore(directory, 'window-a', clock);
    const writer = await store.open(state);
    await writer.started('cl-a');
    await writer.close();
    fs.appendFileSync(path.join(directory, 'run-2.jsonl'), '{"e":"outcome","id":"cl-a","outc');
    const torn = replayJournal(journalText('run-2'));
    assert.ok(!isDamagedJournal(torn) && torn.damagedTail);
    const [read] = (await store.resumable()).runs;
    assert.equal(read.outcomes.get('cl-a')?.kind, 'started');
    const again = await store.open(read);
    await again.outcome('cl-a', { kind: 'succeeded', attempts: 0, foundGone: true });
    await again.close();
    const replayed = replayJournal(journalText('run-2'));
    assert.ok(!isDamagedJournal(replayed), 'no damaged middle line');
    assert.equal(replayed.damagedTail, false);
    assert.deepEqual(replayed.state.outcomes.get('cl-a'), { kind: 'succeeded', attempts: 0, foundGone: true });
  });

  it('keeps a journal whose header is damaged aside, unchanged, reports it once, and never offers it', async () => {
    fs.mkdirSync(directory, { recursive: true });
    const damaged = '{"journal":1,"runId":"run-3","environmentId":"env-1","createdAt":1,"ids":["cl-a"\n{"e":"started","id":"cl-a"}\n';
    fs.writeFileSync(path.join(directory, 'run-3.jsonl'), damaged);
    const store = new RunJournalStore(directory, 'window-a', clock);
    const first = await store.resumable();
    assert.deepEqual(first.runs, []);
    assert.equal(first.setAside.length, 1);
    assert.equal(path.dirname(first.setAside[0]), path.join(directory, DAMAGED_FOLDER));
    assert.equal(fs.readFileSync(first.setAside[0], 'utf8'), damaged, 'byte for byte');
    assert.deepEqual((await store.resumable()).setAside, [], 'reported once');
  });

  it('removes a finished run and an expired one, and refuses a run id that is not a plain name', async () => {
    const store = new RunJournalStore(directory, 'window-a', clock);
    await (await store.open(createBulkRunState({ runId: 'done', environmentId: 'env-1', ids: ['cl-a'], createdAt: NOW }))).close();
    await (await store.open(createBulkRunState({ runId: 'old', environmentId: 'env-1', ids: ['cl-a'], createdAt: NOW - RESUME_WINDOW_MS - 1 }))).close();
    await store.remove('done');
    assert.deepEqual((await store.resumable()).runs, []);
    assert.deepEqual(fs.readdirSync(directory), []);
    await assert.rejects(store.open(createBulkRunState({ runId: '../escape', environmentId: 'env-1', ids: ['cl-a'] })), /plain name/);
  });

  it('keeps a 10,000-id run\'s journal under 5 MB: a bounded number of bytes per id', async function () {
    this.timeout(60_000);
    const ids = Array.from({ length: 10_000 }, (_, index) => `cl-${index.toString(16).padStart(7, '0')}-2516-457e-8eb4-9847deec${String(index).padStart(4, '0')}`);
    const state = createBulkRunState({ runId: 'big', environmentId: 'env-1', ids, createdAt: NOW });
    const writer = await new RunJournalStore(directory, 'window-a', clock).open(state);
    const written: Array<Promise<void>> = [];
    for (const id of ids) {
      written.push(writer.started(id));
      written.push(writer.outcome(id, { kind: 'succeeded', attempts: 1, serverMessage: 'Contact list deleted successfully' }));
    }
    await Promise.all(written);
    await writer.close();
    const bytes = fs.statSync(path.join(directory, 'big.jsonl')).size;
    assert.ok(bytes < 5 * 1024 * 1024, `${bytes} bytes`);
    assert.ok(bytes / ids.length < 400, `${bytes / ids.length} bytes per id`);
    const replayed = replayJournal(journalText('big'));
    assert.ok(!isDamagedJournal(replayed));
    assert.equal(serialiseBulkRunState(replayed.state).length > 0 && replayed.state.outcomes.size, 10_000);
  });
});
