// `npm test`: every layer in order, each printing mocha's own summary, then one line for the whole run:
// "N passed, N failed". A layer that crashes before reporting counts as one failure, never as zero.
import { spawn } from 'node:child_process';
import process from 'node:process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command with its output shown as it comes, and returns that output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
  });
}

/** The counts of the last mocha summary in the output. */
function summary(output) {
  const passing = [...output.matchAll(/^\s*(\d+) passing/gm)].at(-1);
  const failing = [...output.matchAll(/^\s*(\d+) failing/gm)].at(-1);
  return passing || failing ? { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) } : undefined;
}

const steps = [
  { name: 'type check', command: [npm, 'run', '--silent', 'typecheck'], counted: false },
  { name: 'lint', command: [npm, 'run', '--silent', 'lint'], counted: false },
  // Before the core tests: they paste Copy as cURL into real zsh and dash, which the test host installs.
  { name: 'test host', command: [npm, 'run', '--silent', 'test-host'], counted: false },
  { name: 'core tests', command: [npm, 'run', '--silent', 'test:core'], counted: true },
  { name: 'extension-host tests (code-server)', command: [npm, 'run', '--silent', 'test:extension'], counted: true },
  { name: 'UI tests (Playwright + Chromium)', command: [npm, 'run', '--silent', 'test:ui'], counted: true },
];

let passed = 0;
let failed = 0;
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const { code, output } = await run(step.command[0], step.command.slice(1));
  if (!step.counted) {
    if (code !== 0) {
      console.log(`${step.name} failed (exit ${code}).`);
      failed += 1;
    }
    continue;
  }
  const counts = summary(output);
  if (!counts) {
    console.log(`${step.name} ended (exit ${code}) without a mocha summary: counted as one failure.`);
    failed += 1;
    continue;
  }
  passed += counts.passed;
  failed += counts.failed;
  if (code !== 0 && counts.failed === 0) {
    console.log(`${step.name} exited with ${code} after its summary: counted as one failure.`);
    failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
