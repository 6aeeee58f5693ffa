// What an answer means, end to end in the extension host: a 2xx that does not say "success" in the vendor's
// usual words is still a deletion, an unclear one is looked up before anything is sent again, and a saved
// bulk run that cannot be read is kept and reported, never dropped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createBulkRunState } from '../../src/core/bulk/runState';
import { BulkRunStore, DAMAGED_PREFIX, RUNS_FOLDER } from '../../src/vscode/bulk/bulkRunStore';
import { SEED_ID, useExtensionHarness } from './harness';
import type { DeleteOutcome } from './harness';
import { ownedRunRecord, recordStarted, serialiseBulkRunState } from '../support/bulkRunRecords';

/** globalState's shape, in memory: enough for BulkRunStore. */
class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('Outcomes in the extension host', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();
  let environmentId: string;

  beforeEach(async () => {
    environmentId = (await harness.environmentWithToken('Outcomes')).id;
  });

  it('reports a DELETE answered 2xx {"message":"Contact list deleted"} as deleted, and opens the response', async () => {
    harness.server.setFault({ kind: 'deletedWith', body: JSON.stringify({ message: 'Contact list deleted' }) }, 1, 'DELETE');
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', 'Outcomes', SEED_ID);
    assert.equal(outcome?.status, 'deleted');
    assert.equal(harness.server.lists.has(SEED_ID), false);
    assert.equal(harness.ui.last('error'), undefined, 'no "could not delete"');
    assert.equal(harness.ui.last('info')?.message, `Contact list ${SEED_ID} was deleted from Outcomes. The server said: "Contact list deleted". The server did not return the deleted list's record.`);
    const editor = await harness.responseEditor();
    assert.equal(editor.document.uri.toString(), outcome?.document?.toString());
    // The answer as it came, under one comment line of ours saying what it lacks.
    const [note, ...answer] = editor.document.getText().split('\n');
    assert.equal(note, "// The server did not return the deleted list's record.");
    assert.deepEqual(JSON.parse(answer.join('\n')), { message: 'Contact list deleted' });
  });

  it('reports a DELETE answered 2xx {"status":"Success"} as deleted', async () => {
    harness.server.setFault({ kind: 'deletedWith', body: JSON.stringify({ status: 'Success' }) }, 1, 'DELETE');
    harness.ui.warningAnswers.push('Delete');
    const outcome = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', 'Outcomes', SEED_ID);
    assert.equal(outcome?.status, 'deleted');
    assert.match(harness.ui.last('info')?.message ?? '', /was deleted from Outcomes/);
  });

  it('on resuming a bulk run, looks up a list whose answer was unclear instead of sending its DELETE again', async () => {
    const ids = [...harness.server.lists.keys()].slice(0, 2).concat(['A', 'B', 'C', 'D'].map((letter) => harness.server.addList({ name: `Outcome ${letter}` })._id));
    // The first DELETE is applied but answered with an undocumented status; the second meets a refused token,
    // which stops the run with lists left.
    harness.server.setFault({ kind: 'deletedWith', body: JSON.stringify({ status: 'pending' }) }, 1, 'DELETE');
    harness.server.setFault({ kind: 'status', status: 401, body: JSON.stringify({ errors: [{ msg: 'Token revoked' }] }) }, 1, 'DELETE');
    harness.ui.warningAnswers.push(`Delete ${ids.length} Lists`);
    const first = await vscode.commands.executeCommand<{ counts: Record<string, number>; report: vscode.Uri }>('koreContactLists.deleteContactLists', environmentId, undefined, ids.join('\n'));
    assert.equal(first?.counts.unknown, 1, JSON.stringify(first?.counts));
    assert.ok((first?.counts.notAttempted ?? 0) > 0, JSON.stringify(first?.counts));
    const report = JSON.parse((await vscode.workspace.openTextDocument(first.report)).getText()) as { unknown: Array<{ id: string }> };
    const unclear = report.unknown[0].id;
    assert.equal(harness.server.lists.has(unclear), false, 'the server did delete it');

    const left = ids.filter((id) => harness.server.lists.has(id)).length;
    harness.ui.picks.push('Resume the interrupted run on "Outcomes"');
    harness.ui.warningAnswers.push(`Delete ${left + 1} Lists`);
    const resumed = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists');
    assert.deepEqual(resumed?.counts, { succeeded: ids.length, failed: 0, unknown: 0, notAttempted: 0 });
    const deletes = harness.server.requests.filter((request) => request.method === 'DELETE' && decodeURIComponent(request.path.split('/').pop() ?? '') === unclear);
    assert.equal(deletes.length, 1, 'its DELETE was not sent again');
    assert.ok(harness.server.requests.some((request) => request.method === 'GET' && request.path.endsWith(`/${encodeURIComponent(unclear)}`)), 'it was looked up');
    assert.equal(ids.every((id) => !harness.server.lists.has(id)), true);
  });

  it('keeps a saved bulk run that cannot be read aside, and names it once; moves a run an earlier version kept in globalState into a journal', async () => {
    const memento = new MemoryMemento();
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'kcl-runs-'));
    // Ten minutes after the epoch: the legacy run's window (last heard of at 1 ms) has long gone quiet.
    const store = new BulkRunStore(memento, storage, 'session-1', () => 600_000);
    const journal = await store.open(createBulkRunState({ runId: 'good', environmentId: 'env-1', ids: ['cl-a'], createdAt: 500 }));
    await journal.close();
    const damaged = '{"journal":1,"runId":"broken","ids":["cl-a"';
    fs.writeFileSync(path.join(storage, RUNS_FOLDER, 'broken.jsonl'), damaged);
    const legacyDamaged = '{"owner":"session-0","updatedAt":1,"state":"{\\"version\\":1,\\"ids\\":[\\"cl-a\\""}';
    await memento.update('koreContactLists.bulkRun.legacy-broken', legacyDamaged);
    const legacy = recordStarted(createBulkRunState({ runId: 'legacy', environmentId: 'env-1', ids: ['cl-b', 'cl-c'], createdAt: 700 }), 'cl-b');
    await memento.update('koreContactLists.bulkRun.legacy', ownedRunRecord(legacy, { session: 'session-0', now: 1 }));

    const first = await store.resumable();
    assert.deepEqual(first.runs.map((run) => run.runId), ['legacy', 'good']);
    assert.equal(serialiseBulkRunState(first.runs[0]), serialiseBulkRunState(legacy), 'the migrated run reads back as it was saved');
    assert.equal(memento.get('koreContactLists.bulkRun.legacy'), undefined, 'moved out of globalState');
    assert.equal(first.setAside.length, 2, JSON.stringify(first.setAside));
    assert.equal(first.setAside[0], `${DAMAGED_PREFIX}legacy-broken`);
    assert.equal(memento.get(`${DAMAGED_PREFIX}legacy-broken`), legacyDamaged, 'kept, byte for byte');
    assert.equal(fs.readFileSync(first.setAside[1], 'utf8'), damaged, 'kept, byte for byte');
    assert.equal(fs.existsSync(path.join(storage, RUNS_FOLDER, 'broken.jsonl')), false);
    const second = await store.resumable();
    assert.deepEqual(second.setAside, [], 'reported once');
    assert.equal(fs.readFileSync(first.setAside[1], 'utf8'), damaged, 'still kept');
    fs.rmSync(storage, { recursive: true, force: true });
  });
});
