// The line between the two shipped bundles (esbuild.js): dist/extension.js, loaded at activation, and
// dist/operations.js, which extension.ts requires on a feature's first command. A static import of an operations
// module from the activation side would not break anything a user sees; it would only make every activation load
// the HTTP client and the features again, silently. So the line is checked on what esbuild actually puts in.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as esbuildModule from 'esbuild';

const root = path.join(__dirname, '../../..');

// Kept external in the test bundle: the real bundler, with the real options of the shipped build.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a build script, not a module of the source
const esbuild = require('esbuild') as typeof esbuildModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the same
const { shippedBundles } = require(path.join(root, 'esbuild.js')) as { shippedBundles: esbuildModule.BuildOptions };

/** Each shipped bundle's source files and packages that left code in it (tree-shaken ones hold zero bytes). */
async function contents(): Promise<{ operationsImports: string[]; byBundle: Map<string, Set<string>> }> {
  const result = await esbuild.build({ ...shippedBundles, absWorkingDir: root, write: false, metafile: true, minify: false, sourcemap: false, plugins: [] });
  const byBundle = new Map<string, Set<string>>();
  for (const [output, { inputs }] of Object.entries(result.metafile.outputs)) {
    const used = Object.entries(inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
    byBundle.set(path.basename(output), new Set(used.map(([input]) => input)));
  }
  // What operations.ts itself imports: its features and the connection code (type-only imports are erased).
  const operationsImports = result.metafile.inputs['src/operations.ts'].imports.map((imported) => imported.path);
  return { operationsImports, byBundle };
}

describe('the operations bundle: what activation does not load', function () {
  this.timeout(60_000);

  it("extension.js holds none of the modules operations.ts brings in, nor node-fetch", async () => {
    const { operationsImports, byBundle } = await contents();
    const activation = byBundle.get('extension.js');
    assert.ok(activation, 'extension.js was built');
    assert.ok(operationsImports.includes('src/vscode/deletion/deleteContactListCommand.ts'), `operations.ts's imports were read: ${operationsImports.join(', ')}`);
    // Each bundle sets the core's translations in its own copy of @vscode/l10n: shared by design.
    const shared = new Set(['src/vscode/shared/coreLocalisation.ts']);
    const leaked = operationsImports.filter((module) => !shared.has(module) && activation.has(module));
    assert.deepEqual(leaked, [], 'an operations module is imported statically on the activation side (extension.ts or what it imports)');
    const fetchCode = [...activation].filter((input) => input.startsWith('node_modules/node-fetch/'));
    assert.deepEqual(fetchCode, [], 'the HTTP client stays in operations.js');
  });

  it('operations.js holds them (so the check above is looking at the right names)', async () => {
    const { operationsImports, byBundle } = await contents();
    const operations = byBundle.get('operations.js');
    assert.ok(operations, 'operations.js was built');
    for (const module of operationsImports) assert.ok(operations.has(module), `${module} is in operations.js`);
  });
});
