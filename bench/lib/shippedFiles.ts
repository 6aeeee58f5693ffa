// Copies what the .vsix ships (the `!path` lines of .vscodeignore) into a folder of its own. The
// activation figure loads the extension from that copy, so it measures the minified bundle users install
// while dist/ goes back to the development build for everyone else working in the tree.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function shippedPaths(projectRoot: string): string[] {
  const ignore = fs.readFileSync(path.join(projectRoot, '.vscodeignore'), 'utf8');
  return ignore
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).replace(/^\/+/, ''))
    // Plain paths only: this .vscodeignore lists files one by one, and a pattern could not be copied as is.
    .filter((entry) => entry.length > 0 && !/[*?[\]{}]/.test(entry));
}

/** Returns the files copied, relative to `projectRoot`. */
export function stageShippedFiles(projectRoot: string, stageDir: string): string[] {
  fs.rmSync(stageDir, { recursive: true, force: true });
  const copied: string[] = [];
  for (const entry of shippedPaths(projectRoot)) {
    const from = path.join(projectRoot, entry);
    if (!fs.existsSync(from)) continue;
    const to = path.join(stageDir, entry);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    copied.push(entry);
  }
  for (const required of ['package.json', path.join('dist', 'extension.js')]) {
    if (!fs.existsSync(path.join(stageDir, required))) throw new Error(`${required} is not among the shipped files of .vscodeignore`);
  }
  return copied;
}
