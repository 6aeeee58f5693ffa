// Pastes text into a real interactive shell (bash -i, zsh -f -i, dash -i), as a terminal without bracketed paste
// would: the text and an Enter on the shell's stdin, read line by line by an interactive shell, so history expansion
// (bash, zsh) and zsh's default of no interactive comments apply as they do for a user. PATH holds only recording
// stand-ins: `curl` (the command under test), `prev` (a command run before the paste, which `!!` would repeat) and
// `mark` (run after each paste, to tell the pastes apart). Each writes its name and arguments, NUL-separated, to a
// log, so every argument is seen exactly, line breaks and all. Every run is bounded in time.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REAL_SHELLS = ['bash', 'zsh', 'dash'] as const;
export type RealShell = (typeof REAL_SHELLS)[number];

/** How each shell is started as a user's would be, minus the user's start-up files. */
const INVOCATIONS: Readonly<Record<RealShell, { readonly file: string; readonly args: readonly string[]; readonly setup: string }>> = {
  // Without line editing (emacs/vi) bash does not echo the input back; history expansion is on in any interactive bash.
  bash: { file: '/bin/bash', args: ['--norc', '--noprofile', '-i'], setup: 'PS1= PS2=; set +o emacs +o vi' },
  // -f: no start-up files, so every option has its default (INTERACTIVE_COMMENTS off, BANG_HIST on), as in stock zsh.
  zsh: { file: '/bin/zsh', args: ['-f', '-i'], setup: 'PS1= PS2=; unsetopt prompt_sp prompt_cr' },
  dash: { file: '/bin/dash', args: ['-i'], setup: 'PS1= PS2=' },
};

/** One command a stand-in recorded: its name and its arguments. */
interface Recorded {
  readonly name: string;
  readonly args: readonly string[];
}

export interface PasteSession {
  /** The curl runs of each paste, in order: exactly one each is what a good command gives. */
  readonly curlsPerPaste: ReadonlyArray<ReadonlyArray<readonly string[]>>;
  /** Every recorded command, in order (prev, then per paste its commands and a mark). */
  readonly recorded: readonly Recorded[];
  /** What the shell wrote to stderr between its set-up and its end: errors, and bash's history-expansion echo. */
  readonly stderr: string;
  readonly stdout: string;
}

const RECORDER = `#!/bin/sh
{ printf '%s\\0%s\\0' "\${0##*/}" "$#"; for a in "$@"; do printf '%s\\0' "$a"; done; } >> "$PASTE_LOG"
`;

let directory: string | undefined;

/** A scratch folder with the stand-ins, made once per test process. */
function scratch(): string {
  if (directory) return directory;
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-paste-'));
  fs.mkdirSync(path.join(directory, 'bin'));
  for (const name of ['curl', 'prev', 'mark']) fs.writeFileSync(path.join(directory, 'bin', name), RECORDER, { mode: 0o755 });
  return directory;
}

export function shellAvailable(shell: RealShell): boolean {
  return fs.existsSync(INVOCATIONS[shell].file);
}

function readLog(file: string): Recorded[] {
  if (!fs.existsSync(file)) return [];
  const fields = fs.readFileSync(file, 'utf8').split('\0');
  const recorded: Recorded[] = [];
  let index = 0;
  while (index < fields.length - 1) {
    const name = fields[index];
    const count = Number(fields[index + 1]);
    recorded.push({ name, args: fields.slice(index + 2, index + 2 + count) });
    index += 2 + count;
  }
  return recorded;
}

/**
 * Runs `prev`, then each paste followed by Enter and `mark`, in one interactive shell. `variables` become the
 * shell's environment (KORE_TOKEN, say). Throws when the shell does not finish in time.
 */
export function pasteIntoShell(shell: RealShell, pastes: readonly string[], variables: Readonly<Record<string, string>> = {}, timeoutMs = 20_000): PasteSession {
  const dir = scratch();
  const log = path.join(dir, `log-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const invocation = INVOCATIONS[shell];
  const input = [invocation.setup, "printf '%s\\n' READY >&2", 'prev', ...pastes.flatMap((paste) => [paste, 'mark']), "printf '%s\\n' DONE >&2", 'exit 0', ''].join('\n');
  const result = spawnSync(invocation.file, invocation.args, {
    input,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    cwd: dir,
    env: { ...variables, PATH: path.join(dir, 'bin'), HOME: dir, TERM: 'dumb', LANG: 'C.UTF-8', PASTE_LOG: log },
  });
  if (result.error || result.signal) throw new Error(`${shell} did not finish within ${timeoutMs} ms: ${String(result.error ?? result.signal)}`);
  const recorded = readLog(log);
  fs.rmSync(log, { force: true });
  const stderr = result.stderr;
  const start = stderr.indexOf('READY\n');
  const end = stderr.lastIndexOf('DONE\n');
  const between = start < 0 ? stderr : stderr.slice(start + 'READY\n'.length, end < 0 ? undefined : end);
  const curlsPerPaste: string[][][] = [];
  let current: string[][] | undefined;
  for (const command of recorded) {
    if (command.name === 'prev') current = [];
    else if (command.name === 'mark') {
      if (current) curlsPerPaste.push(current);
      current = [];
    } else current?.push([...command.args]);
  }
  return { curlsPerPaste, recorded, stderr: end < 0 ? `${between}\n(the shell never reached DONE)` : between, stdout: result.stdout };
}
