// The extension-host suite's entry point: VS Code calls run() inside its extension host, with the real
// `vscode` API. Both launchers (code-server here, @vscode/test-electron on desktop) point at this file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Scans for what every other file's tests may have leaked, so it is loaded after them all. */
const RUNS_LAST = 'leaks.test.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const file of [...files.filter((name) => name !== RUNS_LAST), ...files.filter((name) => name === RUNS_LAST)]) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host tests failed`)) : resolve()));
  });
}
