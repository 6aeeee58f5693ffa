// The audit trail and the History view: each DELETE recorded with its response and never the token, reopened
// read-only, filtered, paged, exported (CSV or JSON, what the filter keeps), cleared, a damaged line skipped, and
// another process's append shown without a Refresh. The trail is shared by every file: each test clears it first.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditEntry } from '../../src/core/audit/auditEntry';
import { AuditWatcher, ELSEWHERE_REFRESH_INTERVAL_MS, HISTORY_REFRESH_INTERVAL_MS } from '../../src/vscode/history/auditWatcher';
import { ManualClock } from '../support/manualClock';
import { SEED_ID, TOKEN, useExtensionHarness, waitFor } from './harness';
import type { StoredEnvironment } from './harness';
import { readAuditTrail } from '../support/auditTrail';

const SECOND_ID = 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002';

/** test/support/appendAuditEntries as its own process: another VS Code window (or a script) appending to the trail. */
function appendFromAnotherProcess(directory: string, prefix: string, count: number): Promise<void> {
  const script = path.join(__dirname, '..', 'support', 'appendAuditEntries.js');
  return new Promise<void>((resolve, reject) => {
    // In the desktop build the extension host is Electron: run it as plain node.
    const child = spawn(process.execPath, [script, directory, prefix, String(count), '20'], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the appending process exited with ${code}`))));
  });
}

function historyEntry(id: string, fields: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: new Date().toISOString(),
    environment: { name: 'Elsewhere', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' },
    contactListId: id,
    outcome: 'deleted',
    durationMs: 1,
    message: `Contact list ${id} deleted`,
    ...fields,
  };
}

describe('History and the audit trail', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  let environment: StoredEnvironment;
  beforeEach(async () => {
    await harness.api.audit.clear();
    environment = await harness.environmentWithToken('Audited');
  });
  // The filter belongs to the view, which outlives a test: the next one (or file) sees every attempt.
  afterEach(() => vscode.commands.executeCommand('koreContactLists.clearHistoryFilter'));

  const labels = async () => (await harness.api.history.getChildren()).map((node) => harness.api.history.getTreeItem(node).label);

  it('records each DELETE with the full response and never the token', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    const { entries, damagedLines } = await readAuditTrail(harness.api.audit.directory);
    assert.equal(damagedLines, 0);
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.equal(entry.outcome, 'deleted');
    assert.equal(entry.contactListId, SEED_ID);
    assert.equal(entry.contactListName, 'Renewal Due - August 2025');
    assert.equal(entry.httpStatus, 200);
    assert.deepEqual(entry.environment, { name: 'Audited', host: harness.server.url, iid: harness.server.app.iid, accountId: harness.server.app.accountId });
    assert.equal((entry.response as { data: { _id: string } }).data._id, SEED_ID, 'the deleted record survives in the trail');
    assert.ok(Date.parse(entry.time) > Date.now() - 60_000);
    assert.equal(fs.readFileSync(harness.api.audit.file, 'utf8').includes(TOKEN), false);
  });

  it('lists attempts newest first, each reopening its response read-only', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    harness.server.setFault({ kind: 'status', status: 409, body: JSON.stringify({ status: 'failure', message: 'List is attached to a running campaign' }) }, 1, 'DELETE');
    await harness.deleteList(environment.name, 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002');
    const nodes = await harness.api.history.getChildren();
    assert.equal(nodes.length, 2);
    const [newest, oldest] = nodes.map((node) => harness.api.history.getTreeItem(node));
    assert.equal(newest.label, 'Renewal Due - September 2025');
    assert.match(String(newest.description), /^Audited · /);
    assert.equal((newest.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(oldest.label, 'Renewal Due - August 2025');
    assert.equal((oldest.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.equal(newest.command?.command, 'koreContactLists.openHistoryEntry');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('koreContactLists.openHistoryEntry', (newest.command?.arguments as unknown[] | undefined)?.[0]);
    const document = await waitFor('the history response', () => vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString()));
    assert.equal(document.uri.scheme, 'kore-response');
    assert.match(document.getText(), /List is attached to a running campaign/);
  });

  it('exports the history as JSON and clears it after confirmation', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    const target = vscode.Uri.file(path.join(path.dirname(harness.api.audit.file), 'export-test.json'));
    harness.ui.saveTarget = target;
    harness.ui.picks.push('JSON');
    await vscode.commands.executeCommand('koreContactLists.exportHistory');
    assert.equal(harness.ui.quickPicks.at(-1)?.options.title, 'Export all 1 attempt(s) in the history');
    const exported = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as Array<{ contactListId: string }>;
    assert.deepEqual(exported.map((entry) => entry.contactListId), [SEED_ID]);
    fs.rmSync(target.fsPath);
    harness.ui.warningAnswers.push(undefined);
    await vscode.commands.executeCommand('koreContactLists.clearHistory');
    assert.equal((await readAuditTrail(harness.api.audit.directory)).entries.length, 1, 'dismissing the confirmation keeps the history');
    harness.ui.warningAnswers.push('Clear History');
    await vscode.commands.executeCommand('koreContactLists.clearHistory');
    assert.equal((await readAuditTrail(harness.api.audit.directory)).entries.length, 0);
  });

  it('skips a damaged line with a warning item and keeps the rest', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    fs.appendFileSync(harness.api.audit.file, '{"time": "2026-01-01T00:00:00Z", "truncat\n');
    const nodes = await harness.api.history.getChildren();
    assert.equal(nodes.length, 2);
    assert.match(harness.api.history.getTreeItem(nodes[0]).label as string, /1 damaged line\(s\) in the audit trail were skipped/);
    assert.equal(harness.api.history.getTreeItem(nodes[1]).label, 'Renewal Due - August 2025');
  });

  it('filters by outcome, environment and text, says so in the view, and clears', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    harness.server.setFault({ kind: 'status', status: 409, body: JSON.stringify({ status: 'failure', message: 'List is attached to a running campaign' }) }, 1, 'DELETE');
    await harness.deleteList(environment.name, SECOND_ID);
    await harness.api.audit.append(historyEntry('cl-elsewhere', { contactListName: 'Other\u202eWindow' }));

    harness.ui.picks.push('Outcome', 'Failed');
    await vscode.commands.executeCommand('koreContactLists.filterHistory');
    assert.deepEqual(await labels(), ['Renewal Due - September 2025']);
    assert.equal(harness.api.historyView.description, 'Filtered: outcome Failed');
    assert.deepEqual(harness.ui.quickPicks.at(-1)?.labels, ['Any outcome', 'Deleted', 'Failed', 'Outcome unknown']);

    // Another part is added to the filter; the outcome stays.
    harness.ui.picks.push('Environment', 'Audited');
    await vscode.commands.executeCommand('koreContactLists.filterHistory');
    assert.deepEqual(harness.ui.quickPicks.at(-2)?.labels, ['Environment', 'Outcome', 'Text', 'Clear Filter']);
    assert.ok(harness.ui.quickPicks.at(-1)?.labels.includes('Elsewhere'), 'an environment only the trail knows is offered');
    assert.equal(harness.api.historyView.description, 'Filtered: environment "Audited", outcome Failed');
    assert.deepEqual(await labels(), ['Renewal Due - September 2025']);

    harness.ui.picks.push('Outcome', 'Any outcome', 'Environment', 'Any environment', 'Text');
    harness.ui.inputs.push('  window ');
    await vscode.commands.executeCommand('koreContactLists.filterHistory');
    await vscode.commands.executeCommand('koreContactLists.filterHistory');
    await vscode.commands.executeCommand('koreContactLists.filterHistory');
    assert.equal(harness.api.historyView.description, 'Filtered: text "window"');
    assert.deepEqual(await labels(), ['Other Window'], 'the hidden override neither hides the entry nor reaches the label');

    harness.ui.picks.push('Text');
    harness.ui.inputs.push('nothing like this');
    await vscode.commands.executeCommand('koreContactLists.filterHistory');
    const [noMatch] = await harness.api.history.getChildren();
    const item = harness.api.history.getTreeItem(noMatch);
    assert.equal(item.label, 'No attempt matches the filter', 'not the welcome text saying there were no attempts');
    assert.equal(item.command?.command, 'koreContactLists.clearHistoryFilter');

    await vscode.commands.executeCommand('koreContactLists.clearHistoryFilter');
    assert.equal(harness.api.historyView.description, undefined);
    assert.deepEqual(await labels(), ['Other Window', 'Renewal Due - September 2025', 'Renewal Due - August 2025']);
  });

  it('exports what the filter keeps, as CSV that a spreadsheet cannot run', async () => {
    await harness.deleteList(environment.name, SEED_ID);
    await harness.api.audit.append(historyEntry('=HYPERLINK("http://evil.invalid","click")', { time: '2026-02-03T04:05:06.000Z', outcome: 'failed', message: 'failed, "quoted"\nsecond line' }));
    await harness.api.audit.append(historyEntry('cl-unknown', { outcome: 'unknown' }));
    harness.ui.picks.push('Outcome', 'Failed');
    await vscode.commands.executeCommand('koreContactLists.filterHistory');

    const target = vscode.Uri.file(path.join(path.dirname(harness.api.audit.file), 'export-test.csv'));
    harness.ui.saveTarget = target;
    harness.ui.picks.push('CSV');
    await vscode.commands.executeCommand('koreContactLists.exportHistory');
    assert.equal(harness.ui.quickPicks.at(-1)?.options.title, 'Export the 1 attempt(s) that match the filter (outcome Failed)');
    const csv = fs.readFileSync(target.fsPath, 'utf8');
    fs.rmSync(target.fsPath);
    assert.equal(
      csv,
      '\uFEFFtime,environment,host,iid,accountId,contactListId,contactListName,outcome,failure,httpStatus,durationMs,message\r\n' +
        `2026-02-03T04:05:06.000Z,Elsewhere,https://platform.kore.ai,st-1,a1,"'=HYPERLINK(""http://evil.invalid"",""click"")",,failed,,,1,"failed, ""quoted""\nsecond line"\r\n`,
    );
    assert.match(harness.ui.last('info')?.message ?? '', /^Exported 1 history entries that match the filter to /);
  });

  it('shows the newest page of a long trail with "Show more…"', async () => {
    const count = 501;
    // Written at once (as many windows would have over months): appending one by one is not what is tested here.
    const lines = Array.from({ length: count }, (_, i) => JSON.stringify(historyEntry(`cl-page-${i}`)));
    fs.mkdirSync(path.dirname(harness.api.audit.file), { recursive: true });
    fs.appendFileSync(harness.api.audit.file, `${lines.join('\n')}\n`);
    const first = await harness.api.history.getChildren();
    assert.equal(first.length, 501, '500 attempts and "Show more…"');
    assert.equal(harness.api.history.getTreeItem(first[0]).label, 'cl-page-500');
    const more = harness.api.history.getTreeItem(first[500]);
    assert.equal(more.label, 'Show 500 more…');
    assert.equal(more.command?.command, 'koreContactLists.showMoreHistory');
    await vscode.commands.executeCommand('koreContactLists.showMoreHistory');
    const all = await harness.api.history.getChildren();
    assert.equal(all.length, count, 'every attempt, and no "Show more…" left');
    assert.equal(harness.api.history.getTreeItem(all[count - 1]).label, 'cl-page-0');
  });

  it("shows another process's append without a Refresh, and reloads the contact lists only then", async () => {
    await harness.api.auditWatcher.ready;
    // What the set-up changed (settings, the credential, the cleared trail) has been handled before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    let historyChanges = 0;
    let treeChanges = 0;
    /** When the contact lists were first reloaded: the positive control for "own append, no reload" below. */
    let treeChangedAt: number | undefined;
    // How long this window's own append is watched for a reload that must not come: bounded, so the control below
    // checks that a reload which does come (another process's append) arrives well within it.
    const OWN_APPEND_WINDOW_MS = 2_000;
    // Refreshes are throttled (at most one reload of the lists per 30 s): start them over, so what earlier tests'
    // appends left recent does not hold back the one this test waits for.
    const clock = new ManualClock();
    const restoreClock = harness.api.auditWatcher.useClock(clock);
    const subscriptions = [
      harness.api.history.onDidChangeTreeData(() => (historyChanges += 1)),
      harness.api.environmentTree.onDidChangeTreeData(() => {
        treeChanges += 1;
        treeChangedAt ??= Date.now();
      }),
    ];
    try {
      // This window's own append: History follows, the contact lists (Kore.ai calls) are not reloaded for it.
      await harness.api.audit.append(historyEntry('cl-own'));
      await waitFor('History to follow this window\'s append', () => historyChanges > 0);
      await new Promise((resolve) => setTimeout(resolve, OWN_APPEND_WINDOW_MS));
      assert.equal(treeChanges, 0, "this window's own append does not reload the contact lists");

      historyChanges = 0;
      await appendFromAnotherProcess(path.dirname(harness.api.audit.file), 'other', 1);
      const otherWrittenAt = Date.now();
      // History refreshed for this window's own append a moment ago: this one shows at the end of its 2 s.
      await waitFor(
        'History to refresh by itself',
        async () => {
          await clock.advance(HISTORY_REFRESH_INTERVAL_MS);
          return historyChanges > 0;
        },
        10_000,
      );
      assert.deepEqual((await labels()).slice(0, 2), ['other-0', 'cl-own']);
      await waitFor('the Environments tree to refresh by itself', () => treeChanges > 0, 5_000);
      // The positive control: the own append was watched from History's refresh (after the watcher's delay) for
      // OWN_APPEND_WINDOW_MS; a reload it had wrongly caused would have come as fast as this one, so in the window.
      const reloadMs = (treeChangedAt ?? Number.POSITIVE_INFINITY) - otherWrittenAt;
      assert.ok(reloadMs <= OWN_APPEND_WINDOW_MS, `another process's append reloaded the lists after ${reloadMs} ms: too slow for the ${OWN_APPEND_WINDOW_MS} ms watched above to prove anything`);
    } finally {
      restoreClock();
      for (const subscription of subscriptions) subscription.dispose();
    }
  });

  it("another window's bulk run reloads the contact lists at most once per 30 s, and the last change still shows", async () => {
    // A watcher like the extension's, on the same trail, with the throttles' time in the test's hands: the file
    // events and their debounce run in real time, the 30 s interval only when the test moves the clock.
    const clock = new ManualClock(1_000_000);
    let historyChanges = 0;
    let treeChanges = 0;
    const log = vscode.window.createOutputChannel('Kore.ai audit watcher under test', { log: true });
    const watcher = new AuditWatcher(harness.api.audit, { onDidChange: () => (historyChanges += 1), onDidAppendElsewhere: () => (treeChanges += 1) }, log, { clock });
    try {
      await watcher.start();
      const directory = path.dirname(harness.api.audit.file);
      await appendFromAnotherProcess(directory, 'bulk-a', 3);
      await waitFor("the first of another window's deletes to reload the lists at once", () => treeChanges === 1, 10_000);
      assert.equal(historyChanges, 1, 'History follows at once too');
      // Its next deletes, a moment later (in real time): they are seen, and their reload waits.
      await appendFromAnotherProcess(directory, 'bulk-b', 3);
      await waitFor('the next deletes to be seen, their reload waiting for the interval to end', () => watcher.elsewhereRefreshPending, 10_000);
      assert.equal(treeChanges, 1, 'no second reload (Kore.ai list calls) within the interval');
      await clock.advance(ELSEWHERE_REFRESH_INTERVAL_MS - 1);
      assert.equal(treeChanges, 1);
      assert.equal(historyChanges, 2, "History's own interval (2 s) is shorter: it showed the next deletes already");
      await clock.advance(1);
      assert.equal(treeChanges, 2, 'the last deletes leave the tree at the end of the interval');
      assert.equal(watcher.elsewhereRefreshPending, false);
    } finally {
      watcher.dispose();
      log.dispose();
    }
  });
});
