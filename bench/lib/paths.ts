// Where things are. Every bench file is bundled on its own into out/bench/, so `__dirname` differs per
// file: the project root is found by walking up to our package.json rather than by a fixed number of "..".
import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'kore-contact-lists';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`No package.json named ${PACKAGE_NAME} above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
/** The bundled bench scripts (esbuild.js writes bench/**\/*.ts here). */
export const OUT_BENCH = path.join(PROJECT_ROOT, 'out', 'bench');
export const RESULTS_FILE = path.join(PROJECT_ROOT, 'bench', 'results.md');

/** The compiled form of a bench source file, e.g. benchScript('figures/bulkRate') → out/bench/figures/bulkRate.js. */
export function benchScript(relative: string): string {
  return path.join(OUT_BENCH, `${relative}.js`);
}
