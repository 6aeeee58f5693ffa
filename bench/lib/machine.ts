// The machine the figures were measured on, for the head of results.md: numbers from a noisy two-core
// container and from a developer's laptop are not comparable, and a reader needs to know which is which.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: string;
  readonly memory: string;
  readonly node: string;
  readonly os: string;
  /** 1, 5 and 15-minute load averages when the bench started: how busy the neighbours were. */
  readonly load: string;
  /** The commit the tree was at (uncommitted changes may come on top). */
  readonly commit: string;
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function cpuModel(): string {
  // /proc/cpuinfo names the model as the hypervisor presents it; os.cpus() is the fallback elsewhere.
  const match = /^model name\s*:\s*(.+)$/m.exec(readOr('/proc/cpuinfo', ''));
  return match?.[1].trim() ?? os.cpus()[0]?.model ?? 'unknown';
}

function osName(): string {
  const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readOr('/etc/os-release', ''));
  return `${match?.[1] ?? os.type()}; kernel ${os.release()} (${os.arch()})`;
}

function commit(projectRoot: string): string {
  try {
    // rev-parse only reads: nothing here may touch the index or the working tree.
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(projectRoot: string): Machine {
  const logical = os.cpus().length;
  const usable = os.availableParallelism();
  return {
    cpu: cpuModel(),
    cores: usable === logical ? `${logical} logical` : `${logical} logical, ${usable} usable by this process`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: osName(),
    load: os.loadavg().map((value) => value.toFixed(2)).join(', '),
    commit: commit(projectRoot),
  };
}
