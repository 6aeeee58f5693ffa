// Runs a bench script in a child Node process and collects the one result line it prints (see figure.ts).
// The child gets its own process group, so a timeout or a Ctrl+C stops it and its fake servers in one
// kill; code-server and Chromium, which run in groups of their own, are stopped by the child's handlers.
import { ChildProcess, spawn } from 'node:child_process';
import * as readline from 'node:readline';
import { RESULT_PREFIX } from './figure';

export interface ChildScriptOptions {
  readonly args?: readonly string[];
  /** Flags for node itself, e.g. --expose-gc. */
  readonly nodeFlags?: readonly string[];
  readonly timeoutMs: number;
  /** Put before each line the child prints, so nested progress stays readable. */
  readonly indent?: string;
}

const running = new Set<ChildProcess>();
/** Set once the bench is being stopped: no new child may start after that. */
let stopping = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * SIGTERM first: a figure script that started code-server stops it from its own SIGTERM handler (a process
 * group kill does not reach code-server, which runs in a group of its own). SIGKILL if that is not enough.
 */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

/** Stops every child still running, and refuses new ones; the orchestrator calls it when it is interrupted. */
export async function stopAllChildren(): Promise<void> {
  stopping = true;
  await Promise.all([...running].map((child) => stopChild(child)));
}

export function runChildScript<T>(script: string, options: ChildScriptOptions): Promise<T> {
  if (stopping) return Promise.reject(new Error('the bench is stopping'));
  const indent = options.indent ?? '    ';
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), script, ...(options.args ?? [])], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let result: { value: unknown } | undefined;
  const lines = readline.createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (line.startsWith(RESULT_PREFIX)) result = { value: JSON.parse(line.slice(RESULT_PREFIX.length)) as unknown };
    else console.log(`${indent}${line}`);
  });
  const errors = readline.createInterface({ input: child.stderr });
  errors.on('line', (line) => console.error(`${indent}${line}`));
  const stdoutClosed = new Promise<void>((resolve) => lines.once('close', () => resolve()));

  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${script} did not finish within ${Math.round(options.timeoutMs / 1000)} s`));
      void stopChild(child);
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      // The result line may still sit in the pipe when 'exit' fires: read to the end first.
      void stdoutClosed.then(() => {
        if (code === 0 && result) resolve(result.value as T);
        else if (code === 0) reject(new Error(`${script} exited without printing a result`));
        else reject(new Error(`${script} failed (${signal ?? `exit code ${code}`})`));
      });
    });
  });
}
