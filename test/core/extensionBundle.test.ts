// What activation loads: dist/extension.js is required when the extension activates, dist/operations.js on first
// use. History's commands (CSV export, filters) and the workspace's offer (its reader, look-alike checks and file
// watcher) are used now and then, so they must stay out of the first bundle (issue 19, item 9). Bundled here in
// memory, with the same entry points as esbuild.js, to read which sources each bundle holds.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Esbuild from 'esbuild';

const root = path.join(__dirname, '../../..');
// Loaded from node_modules at run time: esbuild's API finds its binary next to itself, so it cannot be bundled.
const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as typeof Esbuild;

async function inputsOf(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', './operations.js'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter((input) => input.startsWith('src/'));
}

describe('the extension bundle: what activation loads', function () {
  this.timeout(30_000);

  const loadedLater = [
    'src/vscode/history/historyCommands.ts',
    'src/core/audit/historyCsv.ts',
    'src/vscode/environments/workspaceEnvironments.ts',
    'src/core/environments/workspaceOffer.ts',
    'src/core/environments/environmentTransfer.ts',
  ];

  it("leaves History's commands and the workspace offer to the operations bundle", async () => {
    const activation = await inputsOf('src/extension.ts');
    assert.ok(activation.includes('src/vscode/history/historyTree.ts'), 'the bundle was read (History itself is drawn at once)');
    for (const file of loadedLater) assert.ok(!activation.includes(file), `${file} is not in dist/extension.js`);
  });

  it('the operations bundle has them', async () => {
    const operations = await inputsOf('src/operations.ts');
    for (const file of loadedLater) assert.ok(operations.includes(file), `${file} is in dist/operations.js`);
  });
});
