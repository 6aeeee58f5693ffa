// Starts bench/fakeServer/serveFakeKore in a child process and waits for its descriptor line.
import { ChildProcess, spawn } from 'node:child_process';
import * as readline from 'node:readline';
import { DESCRIPTOR_PREFIX, FakeServerConfig, FakeServerDescriptor } from './fakeServerProtocol';
import { benchScript } from './paths';

export interface FakeServerProcess {
  readonly descriptor: FakeServerDescriptor;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

export async function startFakeServerProcess(config: FakeServerConfig): Promise<FakeServerProcess> {
  // In our own process group: if this process is killed, the group kill takes the server with it.
  const child = spawn(process.execPath, [benchScript('fakeServer/serveFakeKore'), JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
  };
  try {
    const descriptor = await readDescriptor(child);
    return { descriptor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readDescriptor(child: ChildProcess): Promise<FakeServerDescriptor> {
  if (!child.stdout) throw new Error('the fake server has no stdout');
  const lines = readline.createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the fake server did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
    lines.on('line', (line) => {
      if (!line.startsWith(DESCRIPTOR_PREFIX)) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(DESCRIPTOR_PREFIX.length)) as FakeServerDescriptor);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake server exited (${code}) before it was ready`));
    });
  });
}
