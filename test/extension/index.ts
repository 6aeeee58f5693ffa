// The extension-host suite's entry point: VS Code calls run() inside its extension host, with the real
// `vscode` API. Both launchers (code-server here, @vscode/test-electron on desktop) point at this file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Scans for what every other file's tests may have leaked, so it is loaded after them all. */
const RUNS_LAST = 'leaks.test.js';

/**
 * While working on one feature, `KORE_EXT_TESTS=history,tokens` runs only those files (and the leak scan);
 * `npm test` never sets it, so the whole suite always runs there.
 */
function selected(files: string[]): string[] {
  const wanted = (process.env.KORE_EXT_TESTS ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (wanted.length === 0) return files;
  return files.filter((file) => file === RUNS_LAST || wanted.some((name) => file === `${name}.test.js`));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  const files = selected(fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort());
  for (const file of [...files.filter((name) => name !== RUNS_LAST), ...files.filter((name) => name === RUNS_LAST)]) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host tests failed`)) : resolve()));
  });
}
