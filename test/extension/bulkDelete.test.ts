// Delete Contact Lists (bulk): ids checked and confirmed once, from text, a CSV file or a tree selection, and a
// run stopped by a refused token resumed without a second DELETE for any list already deleted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { useExtensionHarness } from './harness';
import type { StoredEnvironment } from './harness';
import { createBulkRunState } from '../../src/core/bulk/runState';
import { BulkRunStore, DAMAGED_PREFIX, RUNS_FOLDER } from '../../src/vscode/bulk/bulkRunStore';
import { readAuditTrail } from '../support/auditTrail';
import { ownedRunRecord, recordStarted, serialiseBulkRunState } from '../support/bulkRunRecords';

describe('bulk deletion', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  let environment: StoredEnvironment;
  const ids = ['cl-c2ce382-2516-457e-8eb4-9847deec0001', 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002', 'cl-9e3a4f2-1c6b-4d8e-a7f0-6b2c9d1e0003'];
  beforeEach(async () => {
    await harness.api.audit.clear();
    environment = await harness.environmentWithToken('Bulk');
  });

  function deletesPerId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const request of harness.server.requests.filter((candidate) => candidate.method === 'DELETE')) {
      const id = decodeURIComponent(request.path.split('/').pop() ?? '');
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  it('reports duplicates and invalid ids first, confirms once, and ends every id in the report and the audit trail', async () => {
    harness.ui.warningAnswers.push('Continue with 3', 'Delete 3 Lists');
    const text = `${ids[0]}, ${ids[1]}\n${ids[2]} ${ids[0]} bad/id`;
    const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number>; report: vscode.Uri }>('koreContactLists.deleteContactLists', environment.id, undefined, text);
    const [check, confirm] = harness.ui.shown.filter((shown) => shown.modal);
    assert.match(check.message, /3 valid id\(s\)\. 1 invalid id\(s\) will not be sent; 1 duplicate\(s\) were merged/);
    assert.match(confirm.message, /Delete 3 contact lists from "Bulk"\?/);
    assert.match(confirm.detail ?? '', /Paced at 60 requests a minute/);
    assert.deepEqual(outcome?.counts, { succeeded: 3, failed: 0, unknown: 0, notAttempted: 0 });
    assert.deepEqual([...deletesPerId().values()], [1, 1, 1]);
    const report = JSON.parse((await vscode.workspace.openTextDocument(outcome.report)).getText()) as { summary: string };
    assert.equal(report.summary, '3 succeeded, 0 failed, 0 unknown, 0 not attempted');
    assert.equal((await readAuditTrail(harness.api.audit.directory)).entries.length, 3);
    assert.match(harness.ui.last('info')?.message ?? '', /Bulk deletion finished: 3 succeeded/);
  });

  it('reads a pasted markdown table\'s id column, and sends nothing to an unusual id unless the user continues with it', async () => {
    const table = ['| name | id |', '|---|---|', `| Renewal Due | ${ids[0]} |`, `| Other | \`${ids[1]}\` |`, '| Typo | cl-legacy-1 |'].join('\n');
    harness.ui.warningAnswers.push('Continue with the 2 Usual Ids', 'Delete 2 Lists');
    const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id, undefined, table);
    const [check] = harness.ui.shown.filter((shown) => shown.modal);
    assert.match(check.message, /3 valid id\(s\)\. 0 invalid id\(s\) will not be sent; 0 duplicate\(s\) were merged\. 1 of the valid ids do not look like Kore\.ai contact list ids/);
    assert.match(check.detail ?? '', /Unusual \(Kore\.ai list ids look like cl-c2ce382-2516-457e-8eb4-9847deecxxxx\): cl-legacy-1/);
    assert.deepEqual(outcome?.counts, { succeeded: 2, failed: 0, unknown: 0, notAttempted: 0 });
    assert.deepEqual([...deletesPerId().keys()].sort(), [ids[0], ids[1]].sort(), 'no DELETE for "|", "name", the delimiter row or the unusual id');
  });

  it('reads ids from a CSV file chosen in the open dialog', async () => {
    const file = path.join(path.dirname(harness.api.audit.file), 'lists-to-delete.csv');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `name,contactListId\n"Renewal Due - August 2025",${ids[0]}\n"Renewal Due - September 2025",${ids[1]}\n`);
    harness.ui.openTarget = vscode.Uri.file(file);
    harness.ui.picks.push('From a text or CSV file…');
    harness.ui.warningAnswers.push('Delete 2 Lists');
    const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id);
    fs.rmSync(file);
    assert.deepEqual(outcome?.counts, { succeeded: 2, failed: 0, unknown: 0, notAttempted: 0 });
    assert.deepEqual([...deletesPerId().keys()].sort(), [ids[0], ids[1]].sort());
  });

  it('deletes a multi-selection from the tree', async () => {
    const lists = await harness.contactListNodes();
    harness.ui.warningAnswers.push('Delete 2 Lists');
    const outcome = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', lists[0], [lists[0], lists[2]]);
    assert.equal(outcome?.counts.succeeded, 2);
    assert.deepEqual([...deletesPerId().keys()].sort(), [lists[0].list._id, lists[2].list._id].sort());
  });

  it('stops at a refused token and resumes later without sending a second DELETE for any list already deleted', async () => {
    const more = ['A', 'B', 'C'].map((letter) => harness.server.addList({ name: `Segment ${letter}` })._id);
    const all = [...ids, ...more];
    harness.server.setFault({ kind: 'status', status: 401, body: JSON.stringify({ errors: [{ msg: 'Token revoked', code: 401 }] }) }, 1, 'DELETE', 1);
    harness.ui.warningAnswers.push('Delete 6 Lists');
    const first = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists', environment.id, undefined, all.join('\n'));
    assert.ok((first?.counts.notAttempted ?? 0) > 0, `some ids were left: ${JSON.stringify(first?.counts)}`);
    assert.equal(first?.counts.failed, 1);
    const deletedBefore = [...deletesPerId().keys()].filter((id) => !harness.server.lists.has(id));
    harness.ui.picks.push('Resume the interrupted run on "Bulk"');
    harness.ui.warningAnswers.push(`Delete ${all.length - deletedBefore.length} Lists`);
    const resumed = await vscode.commands.executeCommand<{ counts: Record<string, number> }>('koreContactLists.deleteContactLists');
    assert.equal(resumed?.counts.succeeded, all.length, JSON.stringify(resumed?.counts));
    for (const id of deletedBefore) assert.equal(deletesPerId().get(id), 1, `${id} was not sent twice`);
    assert.equal(all.every((id) => !harness.server.lists.has(id)), true);
    // Nothing is left to resume.
    harness.ui.warningAnswers.push(undefined);
    harness.ui.inputs.push(ids[0]);
    harness.ui.picks.push('Paste ids');
    await vscode.commands.executeCommand('koreContactLists.deleteContactLists');
    assert.equal(harness.ui.picks.length, 0, 'no resume question: the next pick was the id source');
  });
});

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

describe('bulk deletion: unclear answers and saved runs', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();
  let environmentId: string;

  beforeEach(async () => {
    environmentId = (await harness.environmentWithToken('Outcomes')).id;
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
