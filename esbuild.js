// Builds the extension bundle (dist/extension.js) and the test bundles (out/test/**).
//   node esbuild.js               development build: source maps, not minified
//   node esbuild.js --production  the shipped bundle: minified, no source maps
//   node esbuild.js --watch       rebuild on change; logs in the shape of the "esbuild" problem matcher
// Tests are bundled too, so node-fetch (ESM only) and the TypeScript sources run under plain Node and
// inside the extension host without a separate compile step.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Reports each build the way the esbuild problem matcher in .vscode/tasks.json expects. */
const problemMatcherLog = {
  name: 'problem-matcher-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * node-fetch's fetch-blob falls back to a 60 KB web-streams polyfill when globalThis.ReadableStream is
 * missing. Every Node that VS Code ^1.90 runs on has it, so the fallback points at Node's own module.
 */
const nodeWebStreams = {
  name: 'node-web-streams',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/|$)/ }, () => ({ path: 'node:stream/web', external: true }));
  },
};

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: watch ? 'silent' : 'warning',
  plugins: watch ? [nodeWebStreams, problemMatcherLog] : [nodeWebStreams],
};

const builds = [
  {
    ...common,
    // Two bundles: what activation needs, and what talks to Kore.ai, required by the first on first use. Which
    // source files go where is listed at the top of each entry; test/core/operationsBundle.test.ts holds the line.
    entryPoints: { extension: 'src/extension.ts', operations: 'src/operations.ts' },
    outdir: 'dist',
    external: ['vscode', './operations.js'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
  },
];

// The shipped bundle alone is built for packaging; tests need everything else too.
if (!production) {
  builds.push({
    ...common,
    entryPoints: listTests('bench').filter((f) => !f.endsWith('.d.ts')),
    outdir: 'out/bench',
    outbase: 'bench',
    external: ['vscode', 'mocha', 'playwright-core'],
    sourcemap: 'inline',
  });
  builds.push({
    ...common,
    entryPoints: [
      ...listTests('test/core'),
      ...listTests('test/extension'),
      ...listTests('test/fakeKore'),
      ...listTests('test/host'),
      ...listTests('test/ui'),
      ...listTests('test/support'),
    ].filter((f) => !f.endsWith('.d.ts')),
    outdir: 'out/test',
    outbase: 'test',
    // Provided by the runtime: the extension host (vscode), the test runner (mocha), the browser driver, and the
    // bundler itself (a native binary, which operationsBundle.test.ts runs to see what each bundle holds).
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'esbuild'],
    sourcemap: 'inline',
  });
}

async function main() {
  // A production build ships no source map: drop the one a development build may have left.
  if (production) for (const map of ['dist/extension.js.map', 'dist/operations.js.map']) fs.rmSync(map, { force: true });
  // Test bundles of files that were moved or deleted would otherwise still be found and run by mocha.
  else fs.rmSync('out', { recursive: true, force: true });
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  try {
    await Promise.all(contexts.map((context) => context.rebuild()));
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
  }
}

// Run as a script it builds; required (by test/core/operationsBundle.test.ts) it only tells what the shipped bundles are.
if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { shippedBundles: builds[0] };
