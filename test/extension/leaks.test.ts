// Checks over the whole run, so index.ts loads this file last: the harness's token must be in no document, message,
// setting, log or audit file that any other file's tests produced, and no promise rejection may go unhandled.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TOKEN, useExtensionHarness } from './harness';

describe('secrets never leak', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  it('the token used throughout is in no document, message, setting, log or audit file', () => {
    const leaks: string[] = [];
    for (const document of vscode.workspace.textDocuments) {
      if (document.getText().includes(TOKEN)) leaks.push(`document ${document.uri.toString()}`);
    }
    if (harness.ui.shown.some((shown) => `${shown.message}${shown.detail ?? ''}`.includes(TOKEN))) leaks.push('a message');
    const userData = process.env.KORE_TEST_USER_DATA_DIR;
    assert.ok(userData);
    const scan = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) scan(file);
        else if (entry.isFile() && fs.statSync(file).size < 50 * 1024 * 1024 && fs.readFileSync(file).includes(TOKEN)) leaks.push(file);
      }
    };
    scan(userData);
    assert.deepEqual(leaks, []);
    const logs = path.join(userData, 'logs');
    assert.ok(fs.existsSync(logs), 'the scan covered the logs, output channels included');
  });

  it('left no unhandled promise rejection in the extension host log', () => {
    const logs = path.join(process.env.KORE_TEST_USER_DATA_DIR ?? '', 'logs');
    const unhandled: string[] = [];
    const scan = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) scan(file);
        else if (/exthost/i.test(file) && file.endsWith('.log')) {
          for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (/rejected promise not handled|unhandled/i.test(line)) unhandled.push(line);
        }
      }
    };
    scan(logs);
    assert.deepEqual(unhandled, []);
  });
});
