// Runs inside the extension host in place of a test suite (the workbench's extensionTestsPath names it):
// times the first activation of the extension through the public API and prints one line for the
// launcher (figures/activation), which receives extension-host console output via codeAutomationLog.
import Module from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ACTIVATION_PREFIX, ActivationReport, EXTENSION_ID, SETTLE_MS } from '../lib/activationProtocol';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

/**
 * Times the outermost `require` of `file`. The extension host loads an extension's main file through
 * Node's Module._load (its own `vscode` interceptor wraps the same function), so wrapping it once more
 * sees exactly that load. Returns a function that unwraps and gives the time, if the load was seen.
 */
function timeRequireOf(file: string): () => number | undefined {
  const original = loader._load;
  let elapsed: number | undefined;
  loader._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if (elapsed !== undefined || path.resolve(request) !== file) return original.call(this, request, parent, isMain);
    const started = performance.now();
    try {
      return original.call(this, request, parent, isMain);
    } finally {
      elapsed = performance.now() - started;
    }
  };
  return () => {
    loader._load = original;
    return elapsed;
  };
}

async function measure(): Promise<ActivationReport> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) return { kind: 'error', message: `${EXTENSION_ID} is not installed in this extension host` };
  if (extension.isActive) return { kind: 'alreadyActive' };
  const main = (extension.packageJSON as { main?: string }).main ?? 'index.js';
  const stopTiming = timeRequireOf(path.resolve(extension.extensionPath, main));
  let activateMs: number;
  let requireMs: number | undefined;
  try {
    const started = performance.now();
    await extension.activate();
    activateMs = performance.now() - started;
  } finally {
    requireMs = stopTiming();
  }
  return requireMs === undefined ? { kind: 'measured', activateMs } : { kind: 'measured', activateMs, requireMs };
}

export async function run(): Promise<void> {
  let report: ActivationReport;
  try {
    report = await measure();
  } catch (error) {
    report = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  console.log(`${ACTIVATION_PREFIX}${JSON.stringify(report)}`);
}
