// The set-up and tear-down every UI test file shares: the fake Kore server, a scratch folder and a workspace
// folder, code-server with the packaged .vsix installed, Debian's Chromium on the folder, and, when a test
// fails, what a person needs to see why (a screenshot, the notifications on screen, the logs). Kept here so
// every file starts the same way and only its own steps (in Workbench) and assertions differ.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../host/browser';
import { CodeServer, PROJECT_ROOT, freePort, scratchFolder, startCodeServer } from '../host/codeServer';
import { FakeKoreOptions, FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { signFakeJwt } from '../fakeKore/jwt';
import { Workbench } from './workbench';

const VSIX = path.join(PROJECT_ROOT, 'dist', 'kore-contact-lists.vsix');

export interface UiSessionOptions {
  /**
   * Names the scratch folder, the workspace folder beside it and the Chromium profile. Keep it short:
   * code-server puts IPC sockets under the scratch folder, and a socket path must stay under 108 characters.
   */
  readonly label: string;
  /**
   * This file's folder under test-artifacts/, emptied when the file starts. Each file has its own, beside
   * the others rather than inside one: a file emptying a shared folder would delete another's pictures.
   */
  readonly shots: string;
  /** Options of the fake Kore server, or false for a file that talks to no server. */
  readonly kore?: FakeKoreOptions | false;
  /** Runs once the fake server and the empty workspace folder exist, before code-server starts: seed data, files. */
  readonly prepare?: (session: UiSession) => void;
  /** User settings to start code-server with; a function when they name what `prepare` or the server made. */
  readonly settings?: Record<string, unknown> | ((session: UiSession) => Record<string, unknown>);
  /** Workspace trust as a user has it (the folder opens in Restricted Mode); off by default. */
  readonly workspaceTrust?: boolean;
  /** Extra environment for code-server and its extension host. */
  readonly env?: Record<string, string>;
  /** Install the packaged .vsix (default true); it must have been built with `npm run package`. */
  readonly installVsix?: boolean;
  /** More to print when a test fails, after the screenshot and the logs (say, the fake server's request log). */
  readonly describeFailure?: () => string;
}

export interface UiSession {
  /** The fake Kore server; only for a file that asked for one. */
  readonly kore: FakeKoreServer;
  readonly codeServer: CodeServer;
  readonly browser: BrowserContext;
  readonly page: Page;
  readonly workbench: Workbench;
  /** The folder the workbench has open. */
  readonly folder: string;
  /** Chromium's profile folder: where the workbench keeps global state and secrets. */
  readonly profileDir: string;
  readonly shotsDir: string;
  /** A token the fake server accepts: a JWT signed with its app's secret, for `subject`. */
  token(subject: string): string;
  /**
   * Starts code-server again on the scratch folder and port of the first start (after `codeServer.kill()`), and
   * opens the folder again in the same page. The same port keeps the origin, and with it the browser's storage,
   * where code-server keeps the extension's secrets.
   */
  restartCodeServer(): Promise<void>;
}

/**
 * Registers, in the calling `describe`, the mocha hooks that start everything before its tests and stop it after,
 * and returns the session whose getters the tests read (they throw before the set-up has run).
 */
export function useUiSession(options: UiSessionOptions): UiSession {
  const shotsDir = path.join(PROJECT_ROOT, 'test-artifacts', options.shots);
  const scratch = scratchFolder(options.label);
  const folder = path.join(scratch, '..', `${options.label}-workspace-${process.pid}`);
  const profileDir = path.join(scratch, 'chromium');
  const consoleErrors: string[] = [];
  let kore: FakeKoreServer | undefined;
  let codeServer: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let workbench: Workbench | undefined;
  let port = 0;
  let settings: Record<string, unknown> = {};

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The UI session has no ${what}: it is not set up yet, or this file did not ask for it.`);
    return value;
  };

  const session: UiSession = {
    get kore() {
      return ready(kore, 'fake Kore server');
    },
    get codeServer() {
      return ready(codeServer, 'code-server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get page() {
      return ready(workbench, 'workbench').page;
    },
    get workbench() {
      return ready(workbench, 'workbench');
    },
    folder,
    profileDir,
    shotsDir,
    token(subject) {
      const app = session.kore.app;
      return signFakeJwt({ appId: app.clientId, sub: subject, iat: Math.floor(Date.now() / 1000) }, app.clientSecret);
    },
    async restartCodeServer() {
      codeServer = await startCodeServer({ ...codeServerOptions(), restart: true });
      await openFolder();
    },
  };

  const codeServerOptions = () => ({
    scratch,
    folder,
    port,
    settings,
    env: options.env,
    workspaceTrust: options.workspaceTrust,
    install: options.installVsix === false ? [] : [VSIX],
  });
  const openFolder = async () => {
    await session.page.goto(`${session.codeServer.url}/?folder=${encodeURIComponent(folder)}`);
    await session.workbench.waitForWorkbench();
  };

  before(async () => {
    if (options.installVsix !== false) assert.ok(fs.existsSync(VSIX), `${VSIX} exists: run \`npm run package\` first`);
    fs.rmSync(shotsDir, { recursive: true, force: true });
    if (options.kore !== false) kore = await FakeKoreServer.start(options.kore);
    // startCodeServer empties the scratch folder; the workspace folder beside it is emptied here, for `prepare`.
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    options.prepare?.(session);
    settings = typeof options.settings === 'function' ? options.settings(session) : (options.settings ?? {});
    port = await freePort();
    codeServer = await startCodeServer(codeServerOptions());
    browser = await launchBrowser(profileDir, codeServer.env);
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    workbench = new Workbench(page, shotsDir);
    await openFolder();
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const shot = await workbench?.screenshot('failure').catch(() => undefined);
    const toasts = await workbench?.page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
    const consoleLog = path.join(shotsDir, 'browser-console.log');
    fs.mkdirSync(shotsDir, { recursive: true });
    fs.writeFileSync(consoleLog, consoleErrors.join('\n'));
    console.log(`    notifications on screen: ${JSON.stringify(toasts ?? [])}`);
    console.log(`    screenshot: ${shot ?? 'none'}\n    code-server log: ${codeServer?.logFile}\n    browser console: ${consoleLog}`);
    if (options.describeFailure) console.log(`    ${options.describeFailure()}`);
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    await kore?.close();
    // A passing run leaves nothing behind in the temp dir; a failing one (a test or a set-up hook: its tests then
    // never ran) keeps its logs for reading.
    const tests = this.test?.parent?.tests ?? [];
    if (tests.every((test) => test.state === 'passed' || test.isPending())) {
      for (const dir of [scratch, folder]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  return session;
}
