// Figure 1: the size of dist/extension.js as shipped (`node esbuild.js --production`). Also stages the
// shipped files for the activation figure (argument: the folder to stage into), and always rebuilds the
// development bundle afterwards, so tests and F5 keep their source maps.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { PROJECT_ROOT } from '../lib/paths';
import { shippedPaths, stageShippedFiles } from '../lib/shippedFiles';
import { judgeSize } from '../lib/sizeLimit';
import { formatBytes, formatInteger } from '../lib/stats';

const LIMIT_KB = 120;

function build(flags: readonly string[]): void {
  const label = ['node esbuild.js', ...flags].join(' ');
  console.log(`${label}…`);
  const outcome = spawnSync(process.execPath, ['esbuild.js', ...flags], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (outcome.status !== 0) throw new Error(`${label} failed (${outcome.signal ?? `exit code ${outcome.status}`})`);
}

async function measure(): Promise<FigureResult> {
  const stageDir = process.argv[2];
  const bundlePath = path.join(PROJECT_ROOT, 'dist', 'extension.js');
  let bytes: number;
  let gzipBytes: number;
  let staged: string[] = [];
  let otherScripts: Array<{ file: string; bytes: number }> = [];
  try {
    build(['--production']);
    const content = await fs.promises.readFile(bundlePath);
    bytes = content.length;
    gzipBytes = zlib.gzipSync(content, { level: 9 }).length;
    // The target is about the file activation loads; any other script the .vsix ships is listed beside it.
    otherScripts = shippedPaths(PROJECT_ROOT)
      .filter((file) => file.endsWith('.js') && path.join(PROJECT_ROOT, file) !== bundlePath && fs.existsSync(path.join(PROJECT_ROOT, file)))
      .map((file) => ({ file, bytes: fs.statSync(path.join(PROJECT_ROOT, file)).size }));
    if (stageDir) staged = stageShippedFiles(PROJECT_ROOT, stageDir);
  } finally {
    build([]);
  }
  const judgement = judgeSize(bytes, LIMIT_KB, 'KB');
  const value = `${formatBytes(bytes)} (${formatInteger(bytes)} bytes)`;
  return {
    title: 'Bundle size: dist/extension.js, minified',
    median: value,
    target: `at most ${LIMIT_KB} KB`,
    verdict: verdictOf(judgement.met),
    runs: '1 build; the output is deterministic for a given source',
    samples: [value],
    method:
      '`node esbuild.js --production` (minified, no source map), then the size of `dist/extension.js` on disk; ' +
      '`node esbuild.js` rebuilds the development bundle straight after. KB = 1,024 bytes.',
    notes: [
      `gzip -9 of the same file: ${formatBytes(gzipBytes)} (${formatInteger(gzipBytes)} bytes), roughly what the .vsix (a zip) carries.`,
      ...(otherScripts.length > 0
        ? [
            `Other JavaScript the .vsix ships (not part of this target): ${otherScripts.map((other) => `\`${other.file}\` ${formatBytes(other.bytes)} (${formatInteger(other.bytes)} bytes)`).join(', ')}; ` +
              `with \`dist/extension.js\`, ${formatBytes(bytes + otherScripts.reduce((sum, other) => sum + other.bytes, 0))} in all.`,
          ]
        : []),
      ...(judgement.caveat ? [judgement.caveat] : []),
      ...(staged.length > 0 ? [`Staged for the activation figure: ${staged.map((file) => `\`${file}\``).join(', ')}.`] : []),
    ],
  };
}

runAsScript(measure);
