// Bad input is refused as it is typed, and as a command argument, before anything reaches the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CUSTOM_HOST, storedEnvironments, useExtensionHarness } from './harness';
import type { DeleteOutcome } from './harness';

describe('bad input is refused before anything is sent', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  const long = 'x'.repeat(300);
  // [field, value, the message the user sees]
  const table: Array<[string, string, RegExp]> = [
    ['name', '', /Enter a name/],
    ['name', '   ', /Enter a name/],
    ['name', long, /too long/],
    ['name', 'Prod\u0007', /control or invisible/],
    ['host', '', /Enter the Kore.ai host/],
    ['host', long, /too long/],
    ['host', 'platform.kore.ai\r\nX: y', /spaces or control/],
    ['host', 'platfоrm.kore.ai', /non-ASCII/],
    ['host', 'platform.kore.ai/../../admin', /without a path/],
    ['host', 'https://platform.kore.ai?next=evil', /without a path, query/],
    ['host', 'http://platform.kore.ai', /plain http is only allowed/],
    ['iid', ' ', /Enter the App ID/],
    ['iid', long, /too long/],
    ['iid', 'st-1/../x', /only letters, digits/],
    ['iid', 'ѕt-1', /only letters, digits/],
    ['accountId', 'acc\u0000', /only letters, digits/],
    ['accountId', 'a?b=c', /only letters, digits/],
  ];
  const steps = ['name', 'host', 'iid', 'accountId'];
  for (const [field, value, message] of table) {
    it(`Add Environment refuses ${field} ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}… (${value.length} chars)` : value)}`, async () => {
      const good = ['Valid name', harness.server.url, harness.server.app.iid, harness.server.app.accountId];
      const step = steps.indexOf(field);
      harness.ui.inputs.push(...good.slice(0, step), value);
      // The region pick comes after the name: a refused name never reaches it.
      if (step > 0) harness.ui.picks.push(CUSTOM_HOST);
      await vscode.commands.executeCommand('koreContactLists.addEnvironment');
      assert.match(harness.ui.validationMessages[0] ?? '', message);
      assert.deepEqual(storedEnvironments(), []);
      assert.equal(harness.server.requests.length, 0);
    });
  }

  const ids: Array<[string, RegExp]> = [
    ['', /Enter the contact list id/],
    ['   ', /Enter the contact list id/],
    ['c'.repeat(129), /too long/],
    ['cl-1\u0000', /spaces or control/],
    ['cl-1\u200b', /spaces or control/],
    ['сl-1', /non-ASCII/],
    ['../../admin', /must not contain "\/"/],
    ['..', /must not contain "\.\."/],
    ['cl-1%2F..', /must not contain "%"/],
    ['https://platform.kore.ai/cl-1', /must not contain "\/"/],
    ['cl-1?force=true', /must not contain "\?"/],
    ['cl-1#x', /must not contain "#"/],
    ['cl-1\\x', /must not contain "\\"/],
  ];
  for (const [value, message] of ids) {
    it(`Delete Contact List refuses the id ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}…` : value)}`, async () => {
      const environment = await harness.environmentWithToken('Input checks');
      // From the input box, as typed:
      harness.ui.inputs.push(value);
      const typed = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.id);
      assert.equal(typed?.status, 'notSent');
      assert.match(harness.ui.validationMessages.at(-1) ?? '', message);
      // And as a command argument:
      if (value.trim() !== '') {
        const passed = await vscode.commands.executeCommand<DeleteOutcome>('koreContactLists.deleteContactList', environment.id, value);
        assert.equal(passed?.status, 'notSent');
        assert.match(harness.ui.last('error')?.message ?? '', message);
      }
      assert.equal(harness.server.requests.length, 0, 'the fake server received nothing');
    });
  }

  for (const [value, message] of [['', /Paste the token/], ['abc\ndef', /line breaks/], ['tok en', /spaces/], ['tоken-with-cyrillic', /non-ASCII/], ['t'.repeat(17_000), /too long/]] as Array<[string, RegExp]>) {
    it(`Set Token refuses ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}…` : value)}`, async () => {
      const environment = await harness.addEnvironment('Token checks');
      await harness.setToken(environment.id, value);
      assert.match(harness.ui.validationMessages.at(-1) ?? '', message);
      assert.equal(await harness.api.credentials.get(environment.id), undefined);
    });
  }
});
