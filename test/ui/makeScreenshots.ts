/// <reference lib="dom" />
// `npm run screenshots` (maintainers): the README's pictures, made the way the UI tests click through the
// workbench: the packaged .vsix in code-server, Debian's Chromium, the fake Kore server with its seed lists, the
// Default Dark Modern theme, starting as a first run does (no environment yet). Writes media/readme/*.png (cropped
// to what each shows, palette PNGs: the Get Started walkthrough, Add Environment after Back, the views, the
// confirmation, a response) and media/readme/delete-from-tree.gif (deleting a list from the tree); the raw
// captures stay in test-artifacts/screenshots/ for checking. Not part of `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../host/browser';
import { CodeServer, PROJECT_ROOT, scratchFolder, startCodeServer } from '../host/codeServer';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { signFakeJwt } from '../fakeKore/jwt';
import { Workbench, animationsFinished } from './workbench';
import { Frame, ensureFfmpeg, makeGif, optimisePng } from './imageTools';

const VSIX = path.join(PROJECT_ROOT, 'dist', 'kore-contact-lists.vsix');
const OUT = path.join(PROJECT_ROOT, 'media', 'readme');
const WORK = path.join(PROJECT_ROOT, 'test-artifacts', 'screenshots');
const ENVIRONMENT = 'Local sandbox';
/** The seed list that is in use by a campaign: its confirmation has the most to say. */
const TARGET = 'Win-back - Churned Q2 2025';
const SIDEBAR_WIDTH = 470;
/** At least 1280 px wide, as a laptop shows VS Code; the animation shows all of it (the toasts are bottom right). */
const WINDOW = { width: 1280, height: 800 };

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Draws the mouse pointer (headless Chromium draws none), so the animation shows where a person clicks. */
function drawPointer(): void {
  window.addEventListener(
    'mousemove',
    (event) => {
      let pointer = document.getElementById('readme-pointer');
      if (!pointer) {
        pointer = document.createElement('div');
        pointer.id = 'readme-pointer';
        Object.assign(pointer.style, { position: 'fixed', left: '0', top: '0', zIndex: '2147483647', pointerEvents: 'none' });
        const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('width', '20');
        svg.setAttribute('height', '28');
        svg.setAttribute('viewBox', '0 0 20 28');
        const arrow = document.createElementNS('http://www.w3.org/2000/svg', 'path');
        arrow.setAttribute('d', 'M1 1 L1 22 L6.5 17 L10.5 26 L14 24.5 L10 16 L17.5 16 Z');
        arrow.setAttribute('fill', '#ffffff');
        arrow.setAttribute('stroke', '#000000');
        arrow.setAttribute('stroke-width', '1.5');
        arrow.setAttribute('stroke-linejoin', 'round');
        svg.appendChild(arrow);
        pointer.appendChild(svg);
        document.body.appendChild(pointer);
      }
      pointer.style.transform = `translate(${event.clientX}px, ${event.clientY}px)`;
    },
    true,
  );
}

async function showPointer(page: Page, shown: boolean): Promise<void> {
  await page.evaluate((display) => {
    const pointer = document.getElementById('readme-pointer');
    if (pointer) pointer.style.display = display;
  }, shown ? 'block' : 'none');
}

async function boxOf(locator: Locator): Promise<Clip> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not on screen`);
  return box;
}

/** `box` grown by `margin` on every side, kept inside the page. */
function around(box: Clip, margin: number, page: Page): Clip {
  const viewport = page.viewportSize() ?? { width: 1400, height: 860 };
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  return {
    x,
    y,
    width: Math.min(viewport.width, Math.ceil(box.x + box.width + margin)) - x,
    height: Math.min(viewport.height, Math.ceil(box.y + box.height + margin)) - y,
  };
}

class Shots {
  private count = 0;
  readonly frames: Frame[] = [];

  constructor(private readonly page: Page) {}

  /** A raw capture of `clip` into test-artifacts/screenshots/, after the UI has settled. */
  async capture(name: string, clip: Clip): Promise<string> {
    this.count += 1;
    const file = path.join(WORK, `${String(this.count).padStart(2, '0')}-${name}.png`);
    await animationsFinished(this.page);
    await this.page.screenshot({ path: file, clip });
    return file;
  }

  async frame(name: string, clip: Clip, seconds: number): Promise<void> {
    this.frames.push({ file: await this.capture(`frame-${name}`, clip), seconds });
  }

  /** A README picture: captured, then written optimised to media/readme/. */
  async picture(name: string, clip: Clip): Promise<void> {
    optimisePng(await this.capture(name, clip), path.join(OUT, `${name}.png`));
  }
}

/** Puts the pointer where it hovers nothing: the empty middle of the status bar. */
async function park(page: Page): Promise<void> {
  const viewport = page.viewportSize() ?? WINDOW;
  await page.mouse.move(viewport.width / 2, viewport.height - 10, { steps: 4 });
}

async function recordDeletion(workbench: Workbench, shots: Shots): Promise<void> {
  const page = workbench.page;
  // The whole window: the tree on the left, the dialog in the middle, the toast bottom right.
  const clip: Clip = { x: 0, y: 0, ...WINDOW };
  await park(page);
  await shots.frame('lists', clip, 1.6);
  const trash = await workbench.pointAtInlineAction(TARGET, 'Delete Contact List');
  await shots.frame('point', clip, 1.2);
  await trash.click();
  await workbench.dialog().waitFor();
  await park(page);
  await showPointer(page, false);
  await shots.picture('confirmation', around(await boxOf(workbench.dialog()), 1, page));
  await showPointer(page, true);
  await shots.frame('confirmation', clip, 3.5);
  await workbench.dialogButton('Delete').hover();
  await shots.frame('press-delete', clip, 1.0);
  await workbench.clickDialogButton('Delete');
  await workbench.notification(`Contact list ${TARGET} deleted successfully`).waitFor({ timeout: 15_000 });
  await workbench.treeRow(TARGET).waitFor({ state: 'detached', timeout: 15_000 });
  await workbench.tab(/\.json/).waitFor();
  await park(page);
  await shots.frame('deleted', clip, 4.0);
}

/** The Get Started walkthrough page, as it opens the first time the Environments view is shown. */
function walkthroughPage(workbench: Workbench): Locator {
  return workbench.page.locator('.gettingStartedContainer');
}

/** The walkthrough as a first run shows it: its steps, none done, the first one open with its picture. */
async function pictureWalkthrough(workbench: Workbench, shots: Shots): Promise<void> {
  const page = workbench.page;
  await walkthroughPage(workbench).waitFor({ timeout: 30_000 });
  await workbench.tab(/Walkthrough: Kore\.ai Contact Lists/).waitFor({ timeout: 10_000 });
  // The first step's picture is drawn by the page: wait until it has loaded, or the capture shows a hole.
  const picture = walkthroughPage(workbench).locator('img[srcset*="add-environment-dark.svg"]');
  await picture.waitFor({ timeout: 10_000 });
  await page.waitForFunction((image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0, await picture.elementHandle());
  // Wider than WINDOW: the page puts each step's picture beside the steps only in an editor over 950 px wide.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await park(page);
  await showPointer(page, false);
  // The steps list's scrollbar shows while the pointer passes over it: let it fade.
  await page.waitForTimeout(1500);
  const editor = await boxOf(walkthroughPage(workbench));
  // The title, the steps and the open step's picture, without the empty space around them.
  const heading = await boxOf(walkthroughPage(workbench).locator('.gettingStartedSlideDetails .getting-started-category'));
  const lastStep = await boxOf(walkthroughPage(workbench).locator('button.getting-started-step').last());
  const media = await boxOf(walkthroughPage(workbench).locator('.gettingStartedSlideDetails .getting-started-media'));
  const right = media.x + media.width;
  const bottom = Math.max(lastStep.y + lastStep.height, media.y + media.height);
  const clip = around({ x: heading.x, y: heading.y, width: right - heading.x, height: bottom - heading.y }, 24, page);
  // Not past the page: the status bar is just below it.
  const pageBottom = editor.y + editor.height;
  await shots.picture('get-started', { ...clip, height: Math.floor(Math.min(clip.y + clip.height, pageBottom) - clip.y) });
  await page.setViewportSize(WINDOW);
  await showPointer(page, true);
}

/**
 * Adds the environment from the walkthrough's first step, as a first run does, and on the way shows Back: the
 * App ID typed, Enter, then Back from the Account ID step shows the App ID step again with its answer.
 */
async function addEnvironmentWithBack(workbench: Workbench, shots: Shots, kore: FakeKoreServer): Promise<void> {
  const page = workbench.page;
  const step = walkthroughPage(workbench).locator('button.getting-started-step[data-step-id$="addEnvironment"]');
  await step.locator('.step-title').click();
  const button = step.locator('.button-container .monaco-button', { hasText: 'Add Environment' });
  await button.waitFor({ state: 'visible', timeout: 10_000 });
  await button.click();
  await workbench.waitForStep(1, 6);
  await workbench.answerInputBox('Environment name', ENVIRONMENT);
  await workbench.answerQuickPick('Which Kore.ai region or host?', 'Custom host (on-premises)');
  await workbench.waitForStep(3, 7);
  await workbench.answerInputBox('Host', kore.url);
  await workbench.waitForStep(4, 7);
  await workbench.answerInputBox('App ID (IID)', kore.app.iid);
  await workbench.waitForStep(5, 7);
  await workbench.clickBack();
  await workbench.waitForStep(4, 7);
  const shown = await workbench.inputValue();
  if (shown !== kore.app.iid) throw new Error(`after Back the App ID step shows "${shown}", not the App ID typed`);
  // Away from the Back arrow: its hover would cover the answer shown again.
  await park(page);
  await showPointer(page, false);
  // The prompt under the window's title bar, and no lower: the walkthrough's big heading starts just below it.
  const widget = await boxOf(workbench.quickInput());
  const beside = around(widget, 16, page);
  await shots.picture('add-environment-back', { x: beside.x, width: beside.width, y: 0, height: Math.ceil(widget.y + widget.height) + 2 });
  await showPointer(page, true);
  await page.keyboard.press('Enter');
  await workbench.waitForStep(5, 7);
  await workbench.answerInputBox('Account ID', kore.app.accountId);
  await workbench.answerQuickPick('Is this a production environment?', 'No: a test or sandbox environment');
  await workbench.waitForStep(7, 7);
  await workbench.answerQuickPickExactly('Which Kore.ai contact-list API does this tenant serve?', 'v1');
  await workbench.treeRow(ENVIRONMENT).waitFor({ timeout: 15_000 });
  // The rest of the pictures show the views and editors without the walkthrough.
  await workbench.runCommand('View: Close All Editors');
  await walkthroughPage(workbench).waitFor({ state: 'detached', timeout: 10_000 });
}

async function main(): Promise<void> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first (npm run screenshots does).`);
  ensureFfmpeg();
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const kore = await FakeKoreServer.start();
  // Beside the seed's three call lists, two more of the same kind, so the tree looks like a working account's.
  kore.addList({ name: 'Payment Reminders - October 2025', totalRecordCount: 2417, description: 'Customers with an invoice due in October 2025.' });
  kore.addList({ name: 'Customer Survey - Q3 2025 Callers', totalRecordCount: 876, status: 'Processing' });
  const scratch = scratchFolder('screenshots');
  // The folder's name shows in the title bar: a name a user might have.
  const workspace = path.join(path.dirname(scratch), `screenshots-workspace-${process.pid}`);
  const folder = path.join(workspace, 'campaigns');
  fs.mkdirSync(folder, { recursive: true });
  let codeServer: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  try {
    codeServer = await startCodeServer({
      scratch,
      folder,
      install: [VSIX],
      // No environment: the walkthrough and Add Environment are pictured as a first run shows them.
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    browser = await launchBrowser(path.join(scratch, 'chromium'), codeServer.env);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.setViewportSize(WINDOW);
    await page.addInitScript(drawPointer);
    const workbench = new Workbench(page, path.join(WORK, 'steps'));
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(folder)}`);
    await workbench.waitForWorkbench();
    const shots = new Shots(page);
    // The first time the Environments view shows, the walkthrough opens: pictured, then its first step is done.
    await workbench.openViewContainer('Kore.ai Contact Lists');
    await pictureWalkthrough(workbench, shots);
    await addEnvironmentWithBack(workbench, shots, kore);
    await workbench.resizeSidebar(SIDEBAR_WIDTH);
    const now = Math.floor(Date.now() / 1000);
    await workbench.pasteToken(ENVIRONMENT, signFakeJwt({ appId: kore.app.clientId, sub: 'screenshots', iat: now }, kore.app.clientSecret));
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.expandTreeItem(ENVIRONMENT);
    await workbench.treeRow(TARGET).waitFor({ timeout: 15_000 });

    await recordDeletion(workbench, shots);
    makeGif(shots.frames, path.join(OUT, 'delete-from-tree.gif'));

    await workbench.runCommand('Notifications: Clear All Notifications');
    await showPointer(page, false);
    await park(page);
    // Shorter, so the two views share less empty space.
    await page.setViewportSize({ width: WINDOW.width, height: 600 });
    const sidebar = await boxOf(workbench.sidebar());
    await shots.picture('sidebar', { x: 0, y: sidebar.y, width: Math.ceil(sidebar.x + sidebar.width), height: Math.floor(sidebar.height) });
    // A narrow sidebar leaves the JSON its whole width.
    await page.setViewportSize(WINDOW);
    await workbench.resizeSidebar(260);
    await park(page);
    const editor = await boxOf(page.locator('.part.editor'));
    await shots.picture('read-only-result', { x: editor.x, y: editor.y, width: Math.floor(editor.width), height: 540 });

    for (const file of fs.readdirSync(OUT).sort()) {
      console.log(`[screenshots] media/readme/${file}: ${Math.round(fs.statSync(path.join(OUT, file)).size / 1024)} KB`);
    }
  } catch (error) {
    // What the screen showed when it went wrong, for the person running this.
    await browser?.pages()[0]?.screenshot({ path: path.join(WORK, 'failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    await kore.close();
    for (const dir of [scratch, workspace]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
