// The response editor's own commands: Copy JSON and Save As.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEED_ID, useExtensionHarness } from './harness';

describe('the response editor', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  it('has Copy JSON and Save As', async () => {
    const environment = await harness.environmentWithToken('Responses');
    const outcome = await harness.deleteList(environment.name, SEED_ID);
    const document = await vscode.workspace.openTextDocument(outcome.document!);
    await vscode.commands.executeCommand('koreContactLists.copyResponse', outcome.document);
    assert.equal(await vscode.env.clipboard.readText(), document.getText());
    const target = vscode.Uri.file(path.join(path.dirname(harness.api.audit.file), 'saved-response.json'));
    harness.ui.saveTarget = target;
    await vscode.commands.executeCommand('koreContactLists.saveResponseAs', outcome.document);
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), document.getText());
    fs.rmSync(target.fsPath);
  });
});
