// Starts code-server (VS Code's own workbench and extension host, served to a browser) for tests and the
// demo, with every file it writes under one scratch folder, and stops its whole process group afterwards.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '../../..');
export const CODE_SERVER_BIN = path.join(PROJECT_ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');

export interface CodeServerOptions {
  /** Scratch folder for this run: user data, extensions, HOME, TMPDIR, logs. Created empty. */
  readonly scratch: string;
  /** The folder the workbench opens. */
  readonly folder: string;
  /** User settings to start with. */
  readonly settings?: Record<string, unknown>;
  /** .vsix files to install into the (otherwise empty) extensions dir. */
  readonly install?: readonly string[];
  /** Extra environment for code-server and its extension host. */
  readonly env?: Record<string, string>;
  readonly port?: number;
  /**
   * Start again on the scratch folder of an earlier start (after a crash): nothing in it is removed, and the
   * extensions installed then are used as they are.
   */
  readonly restart?: boolean;
  /**
   * Workspace trust as a user has it (off by default in tests: every folder is then trusted). On, the folder
   * opens in Restricted Mode until trusted, as a cloned repository does.
   */
  readonly workspaceTrust?: boolean;
}

export interface CodeServer {
  readonly url: string;
  readonly authority: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
  /** SIGKILL to the whole process group (server and extension host), as a crash would: nothing can clean up. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every process group we started, also when the run is interrupted or crashes. */
function killAll(): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export function assertTestHostInstalled(): void {
  if (!fs.existsSync(CODE_SERVER_BIN)) {
    throw new Error('code-server is not installed: run `npm run test-host` first.');
  }
}

/** The environment of every process we start: nothing lands in the real HOME, and no marketplace is asked. */
export function scratchEnv(scratch: string): Record<string, string> {
  const home = path.join(scratch, 'home');
  const tmp = path.join(scratch, 'tmp');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: tmp,
    EXTENSIONS_GALLERY: '{}',
  };
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  assertTestHostInstalled();
  if (!options.restart) fs.rmSync(options.scratch, { recursive: true, force: true });
  const userDataDir = path.join(options.scratch, 'user-data');
  const extensionsDir = path.join(options.scratch, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': options.workspaceTrust === true,
        'workbench.enableExperiments': false,
        'chat.disableAIFeatures': true,
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const env = { ...scratchEnv(options.scratch), ...options.env };
  for (const vsix of options.restart ? [] : (options.install ?? [])) {
    execFileSync(CODE_SERVER_BIN, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
      env,
      stdio: 'pipe',
    });
  }
  const port = options.port ?? (await freePort());
  const authority = `127.0.0.1:${port}`;
  const logFile = path.join(options.scratch, 'code-server.log');
  const out = fs.openSync(logFile, options.restart ? 'a' : 'w');
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--auth', 'none',
      '--bind-addr', authority,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      options.folder,
    ],
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  /** Signals the whole process group; false when it is already gone. */
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (!running.delete(child) || !signalGroup('SIGTERM')) return;
    const killer = setTimeout(() => signalGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  const kill = async () => {
    if (running.delete(child) && signalGroup('SIGKILL')) await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`http://${authority}/healthz`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${authority} within 60 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url: `http://${authority}`, authority, userDataDir, extensionsDir, logFile, env, stop, kill };
}

/** A fresh scratch folder under the system temp dir, named for what uses it. */
export function scratchFolder(name: string): string {
  // Short: code-server puts IPC sockets under it, and a socket path must stay under 108 characters.
  return path.join(os.tmpdir(), 'kcl-tests', `${name}-${process.pid}`);
}
