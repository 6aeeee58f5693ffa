// Run journals on disk: what a window writes while it drives a run, what another window (or the same one after a
// crash) reads back and may resume, a torn tail cut off before the next line, damaged journals kept aside once,
// and the size of a 10,000-id run's journal (bytes per id do not grow with the run).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DAMAGED_FOLDER, RunJournalStore, RunTakenError, processGone } from '../../src/core/bulk/journalStore';
import { ALIVE_MS, RESUME_WINDOW_MS } from '../../src/core/bulk/runOwnership';
import { isDamagedJournal, journalHeader, journalLine, replayJournal } from '../../src/core/bulk/runJournal';
import { createBulkRunState, planResume, serialiseBulkRunState } from '../../src/core/bulk/runState';

const NOW = 1_700_000_000_000;

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
