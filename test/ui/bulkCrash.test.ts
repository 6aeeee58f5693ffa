// A bulk run survives VS Code killed outright: code-server (its server and extension host, the whole process
// group) gets SIGKILL in the middle of a run with DELETEs in flight, is started again on the same user data, and
// the run is resumed from the Command Palette. The fake server's log is the judge: every list is deleted exactly
// once, no DELETE follows a 2xx for the same list, and a list whose DELETE was in flight at the kill is looked up
// (GET) before anything else is sent for it. Screenshots of every step go to test-artifacts/ui-crash/.
import * as assert from 'node:assert/strict';
import { RecordedRequest } from '../fakeKore/fakeKoreServer';
import { useUiSession } from './uiSession';

const LISTS = 30;
/** Each answer waits this long, so that several DELETEs are applied but not yet answered when the kill comes. */
const LATENCY_MS = 1500;
/** DELETEs the server has seen when code-server is killed. */
const KILL_AFTER_DELETES = 9;

function idOf(request: RecordedRequest): string {
  return decodeURIComponent(request.path.split('/').pop() ?? '');
}

describe('UI: a bulk run survives code-server killed with SIGKILL, and is resumed', function () {
  this.timeout(240_000);
  let ids: string[];
  let killedAt = 0;
  const ui = useUiSession({
    label: 'ui-crash',
    shots: 'ui-crash',
    kore: { rateLimitPerMinute: 10_000 },
    prepare: ({ kore }) => {
      ids = Array.from({ length: LISTS }, (_, index) => kore.addList({ name: `Crash test ${index + 1}` })._id);
    },
    settings: ({ kore }) => ({
      'koreContactLists.environments': [{ id: 'crash-sandbox', name: 'Crash sandbox', host: kore.url, iid: kore.app.iid, accountId: kore.app.accountId }],
      'koreContactLists.rateLimitPerMinute': 600,
    }),
    describeFailure: () =>
      `server log: ${JSON.stringify(ui.kore.requests.map((request) => `${request.at - killedAt} ${request.method} ${idOf(request)} ${request.status ?? '-'}`))}`,
  });

  before(async () => {
    await waitForExtension();
  });

  /** The workbench is up and the extension is loaded: its view shows the environment from the settings. */
  async function waitForExtension(): Promise<void> {
    const { workbench } = ui;
    await workbench.waitForWorkbench();
    // After the restart the workbench may reopen the container on its own: openViewContainer does not toggle it shut.
    await workbench.openViewContainer('Kore.ai Contact Lists');
    await workbench.treeRow('Crash sandbox').waitFor({ timeout: 60_000 });
  }

  it('starts a bulk deletion of 30 lists from the Command Palette and kills code-server with DELETEs in flight', async () => {
    const { workbench, kore } = ui;
    // The first showing of the view opens the Get Started walkthrough, whose editor would take the focus from a prompt.
    await workbench.closeFirstRunWalkthrough();
    await workbench.runCommand('Kore.ai: Set Token');
    await workbench.answerQuickPick('How do you want to authenticate', 'Paste a JWT');
    const token = ui.token('ui-crash');
    await workbench.answerInputBox(/Paste the JWT/, token);
    await workbench.notification(/token for "Crash sandbox" was saved/).waitFor();
    kore.setLatency(LATENCY_MS);
    await workbench.runCommand('Kore.ai: Delete Contact Lists…');
    await workbench.answerQuickPick('Which contact lists?', 'Paste ids');
    await workbench.answerInputBox('Paste the contact list ids', ids.join(' '));
    const dialog = workbench.dialog();
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(`Delete ${LISTS} contact lists from "Crash sandbox"\\?`));
    await workbench.screenshot('confirmation');
    await workbench.clickDialogButton(`Delete ${LISTS} Lists`);
    await workbench.notification(/Deleting contact lists from "Crash sandbox"/).waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 60_000;
    while (deletes().length < KILL_AFTER_DELETES) {
      assert.ok(Date.now() < deadline, `the server saw ${deletes().length} DELETEs in 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await workbench.screenshot('running');
    killedAt = Date.now();
    await ui.codeServer.kill();
    const inFlight = deletes().filter((request) => request.at > killedAt - LATENCY_MS);
    assert.ok(inFlight.length > 0, 'some DELETEs were applied but not answered when the kill came');
    assert.ok(deletes().length < LISTS, 'the run was interrupted');
    await workbench.screenshot('killed');
  });

  it('starts again on the same user data, offers the interrupted run, and resumes it to the end', async () => {
    const { workbench, kore } = ui;
    kore.setLatency(50);
    await ui.restartCodeServer();
    await waitForExtension();
    await workbench.screenshot('restarted');
    await workbench.runCommand('Kore.ai: Delete Contact Lists…');
    const widget = workbench.page.locator('.quick-input-widget');
    await widget.locator('input[placeholder*="A bulk deletion was interrupted"]').waitFor({ timeout: 15_000 });
    assert.match(await widget.innerText(), new RegExp(`of ${LISTS} lists left`));
    await workbench.screenshot('resume-offered');
    await workbench.answerQuickPick('A bulk deletion was interrupted', 'Resume the interrupted run on "Crash sandbox"');
    const dialog = workbench.dialog();
    await dialog.waitFor();
    const button = /Delete (\d+) Lists/.exec(await dialog.innerText());
    assert.ok(button, await dialog.innerText());
    await workbench.screenshot('resume-confirmation');
    await workbench.clickDialogButton(button[0]);
    await workbench.notification(new RegExp(`Bulk deletion finished: ${LISTS} succeeded, 0 failed, 0 unknown, 0 not attempted`)).waitFor({ timeout: 60_000 });
    await workbench.screenshot('resumed-report');
  });

  it('left a server log where every list was deleted exactly once, and lists in flight at the kill were looked up first', () => {
    const { kore } = ui;
    for (const id of ids) assert.equal(kore.lists.has(id), false, `${id} is gone`);
    for (const id of ids) {
      const log = kore.requests.filter((request) => idOf(request) === id);
      const applied = log.filter((request) => request.method === 'DELETE' && request.status !== undefined && request.status >= 200 && request.status < 300);
      assert.equal(applied.length, 1, `${id}: one DELETE answered 2xx, in ${JSON.stringify(log.map((request) => `${request.method} ${request.status}`))}`);
      const after = log.filter((request) => request.method === 'DELETE' && request.at >= applied[0].at && request !== applied[0]);
      assert.deepEqual(after, [], `${id}: no DELETE after the one that was applied`);
    }
    const inFlight = deletes().filter((request) => request.at <= killedAt && request.at > killedAt - LATENCY_MS);
    assert.ok(inFlight.length > 0);
    for (const request of inFlight) {
      const later = kore.requests.filter((candidate) => idOf(candidate) === idOf(request) && candidate.at > killedAt);
      assert.equal(later[0]?.method, 'GET', `${idOf(request)}, in flight at the kill, was looked up first: ${JSON.stringify(later.map((candidate) => candidate.method))}`);
      assert.equal(later[0]?.status, 404);
    }
  });

  function deletes(): RecordedRequest[] {
    return ui.kore.requests.filter((request) => request.method === 'DELETE');
  }
});
