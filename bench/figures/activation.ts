// Figure 2: `require` + `activate()` of the extension, timed inside the real extension host. Five fresh
// launches of code-server + Chromium (the same host as the extension-host tests), each opening the
// workbench with a `payload` that loads the extension under development and runs the probe
// (activationProbe/index) in place of a test suite. Argument: the extension folder to load (the staged
// shipped files, see bundleSize); without it, the project root and whatever dist/ holds.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { CHROMIUM, launchBrowser } from '../../test/host/browser';
import { PROJECT_ROOT as HOST_PROJECT_ROOT, scratchFolder, startCodeServer } from '../../test/host/codeServer';
import { ACTIVATION_PREFIX, ActivationReport, SETTLE_MS } from '../lib/activationProtocol';
import { FigureResult, runAsScript, verdictOf } from '../lib/figure';
import { OUT_BENCH, PROJECT_ROOT } from '../lib/paths';
import { formatMs, median } from '../lib/stats';

const LAUNCHES = 5;
const TARGET_MS = 25;
/** code-server start, workbench load, extension host start and the probe's settle time fit well inside this. */
const LAUNCH_TIMEOUT_MS = 3 * 60_000;

interface Launch {
  readonly report: ActivationReport;
  /** From starting code-server to the probe's report. */
  readonly wallMs: number;
  /** The 1-minute load average as the launch began: how much the neighbours were doing. */
  readonly load: number;
}

function timeout(ms: number, message: string): { promise: Promise<ActivationReport>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<ActivationReport>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'error', message }), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** The folders of the launch under way, removed if this process is stopped in the middle of it. */
const inUse = new Set<string>();
// Runs after test/host/codeServer.ts's own exit handler (registered first, on import) has killed code-server.
process.on('exit', () => {
  for (const folder of inUse) fs.rmSync(folder, { recursive: true, force: true });
});

async function launchOnce(index: number, extensionDir: string): Promise<Launch> {
  const scratch = scratchFolder(`bench-act${index}`);
  const workspace = path.join(path.dirname(scratch), `bench-ws${index}-${process.pid}`);
  inUse.add(scratch);
  inUse.add(workspace);
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  const load = os.loadavg()[0];
  const started = performance.now();
  const server = await startCodeServer({ scratch, folder: workspace });
  let keepLogs = true;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    browser = await launchBrowser(path.join(scratch, 'chromium'), server.env);
    const page = browser.pages()[0] ?? (await browser.newPage());
    let onReport: (report: ActivationReport) => void = () => undefined;
    let onExit: (code: number) => void = () => undefined;
    const reported = new Promise<ActivationReport>((resolve) => (onReport = resolve));
    const exited = new Promise<ActivationReport>((resolve) => {
      onExit = (code) => resolve({ kind: 'error', message: `the extension host finished (exit code ${code}) without a report` });
    });
    // The same two hooks the extension-host test runner uses: the workbench calls them with the
    // extension host's console output and with its exit code once run() has settled.
    await page.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...args);
      if (line.startsWith(ACTIVATION_PREFIX)) onReport(JSON.parse(line.slice(ACTIVATION_PREFIX.length)) as ActivationReport);
      else if (type === 'error') console.error(`extension host: ${line}`);
    });
    const remote = (file: string) => `vscode-remote://${server.authority}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(path.join(OUT_BENCH, 'activationProbe', 'index'))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const limit = timeout(LAUNCH_TIMEOUT_MS, `no report within ${LAUNCH_TIMEOUT_MS / 1000} s`);
    const report = await Promise.race([reported, exited, limit.promise]);
    limit.cancel();
    keepLogs = report.kind === 'error';
    return { report, wallMs: performance.now() - started, load };
  } finally {
    // Every launch stops what it started, Chromium and code-server's whole process group, before the next.
    await browser?.close();
    await server.stop();
    if (keepLogs) console.error(`launch ${index}: code-server log kept in ${server.logFile}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
    inUse.delete(scratch);
    inUse.delete(workspace);
  }
}

function describeReport(report: ActivationReport): string {
  switch (report.kind) {
    case 'measured':
      return report.requireMs === undefined
        ? formatMs(report.activateMs)
        : `${formatMs(report.activateMs)} (require ${formatMs(report.requireMs)}, the rest ${formatMs(report.activateMs - report.requireMs)})`;
    case 'alreadyActive':
      return 'already active before the probe ran: not timed';
    case 'error':
      return `error: ${report.message}`;
  }
}

function describeSample(launch: Launch): string {
  return `${describeReport(launch.report)}; load average ${launch.load.toFixed(2)} as the launch began`;
}

function hostVersions(): string {
  const codeServerDir = path.join(HOST_PROJECT_ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server');
  const versionOf = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
  let chromium = '?';
  try {
    // stderr ignored: Debian's wrapper script prints shell noise there.
    chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // the launches will say what is wrong with it
  }
  return `code-server ${versionOf(path.join(codeServerDir, 'package.json'))} (VS Code ${versionOf(path.join(codeServerDir, 'lib', 'vscode', 'package.json'))}), ${chromium}`;
}

async function measure(): Promise<FigureResult> {
  // test/host/codeServer.ts finds code-server from its own bundled location: make sure that still is this project.
  if (HOST_PROJECT_ROOT !== PROJECT_ROOT) throw new Error(`test/host/codeServer.ts resolved the project root to ${HOST_PROJECT_ROOT}, not ${PROJECT_ROOT}`);
  const extensionDir = path.resolve(process.argv[2] ?? PROJECT_ROOT);
  const launches: Launch[] = [];
  for (let index = 1; index <= LAUNCHES; index++) {
    const launch = await launchOnce(index, extensionDir);
    launches.push(launch);
    console.log(`launch ${index}/${LAUNCHES}: ${describeSample(launch)}; ${(launch.wallMs / 1000).toFixed(1)} s from code-server start to report`);
  }
  const measured = launches.flatMap((launch) => (launch.report.kind === 'measured' ? [launch.report] : []));
  if (measured.length === 0 && launches.every((launch) => launch.report.kind === 'error')) {
    throw new Error(`no launch produced a report: ${launches.map((launch) => describeReport(launch.report)).join('; ')}`);
  }
  const activate = median(measured.map((report) => report.activateMs));
  const requires = measured.flatMap((report) => (report.requireMs === undefined ? [] : [report.requireMs]));
  // Everything after the require: the ExtensionContext and our activate(), which the two halves of a fix move.
  const rests = measured.flatMap((report) => (report.requireMs === undefined ? [] : [report.activateMs - report.requireMs]));
  const split = requires.length > 0 ? ` (require ${formatMs(median(requires))}, the rest ${formatMs(median(rests))})` : '';
  const alreadyActive = launches.filter((launch) => launch.report.kind === 'alreadyActive').length;
  const failed = launches.length - measured.length - alreadyActive;
  const loaded = extensionDir === PROJECT_ROOT ? 'the project root (dist/ as it was: normally the development build)' : 'a copy of the files the .vsix ships (the minified production bundle), staged by figure 1';
  return {
    title: '`require` + `activate()` in the extension host',
    median: measured.length > 0 ? `${formatMs(activate)}${split}` : 'not measured',
    target: `at most ${TARGET_MS} ms`,
    verdict: measured.length > 0 ? verdictOf(activate <= TARGET_MS) : 'not measured',
    runs: `${measured.length} of ${LAUNCHES} fresh launches`,
    samples: launches.map(describeSample),
    method:
      `Each launch starts code-server with an empty extensions dir and opens the workbench in headless Chromium with the \`payload\` query: ` +
      `\`extensionDevelopmentPath\` = ${loaded}, \`extensionTestsPath\` = \`out/bench/activationProbe/index\`. ` +
      `Inside the extension host the probe waits ${SETTLE_MS / 1000} s for the workbench to settle, checks \`isActive\` is false, and times ` +
      '`await vscode.extensions.getExtension(...).activate()` with `performance.now()`. Both processes are stopped after every launch.',
    notes: [
      'The time covers everything VS Code does for a first activation: `require` of `dist/extension.js`, creating the ExtensionContext ' +
        '(its global state, which the host fetches from the workbench), and our `activate()`.',
      requires.length > 0
        ? `Of that, \`require\` alone (timed by wrapping Node's \`Module._load\`, which the host loads extensions through): median ${formatMs(median(requires))}; ` +
          `the rest (the ExtensionContext and \`activate()\`, each sample's total less its require): median ${formatMs(median(rests))}. ` +
          'The medians are taken separately, so the two need not add up to the total.'
        : 'The `require` part could not be timed separately in this host.',
      ...(alreadyActive > 0 ? [`${alreadyActive} launch(es) found the extension already active before the probe ran, so they give no number.`] : []),
      ...(failed > 0 ? [`${failed} launch(es) failed; see the samples.`] : []),
      `Host: ${hostVersions()}. The bundle was in the OS file cache (just built), so disk reads are not part of the time.`,
      'On this shared two-core machine the figure moves by several milliseconds with what else is running, so each sample lists the ' +
        'load average as its launch began: a miss or a pass by a few milliseconds under load says more about the neighbours than about the extension.',
    ],
  };
}

// If this process is stopped (a timeout, Ctrl+C), test/host/codeServer.ts's own exit and signal handlers
// kill code-server's process group, and Playwright's kill Chromium.
runAsScript(measure);
