/// <reference lib="dom" />
// Helpers that drive the VS Code workbench the way a person does: through the DOM, by visible labels.
// The selectors follow the workbench of the pinned code-server (VS Code 1.100); they live here only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { QuickInputState, describeQuickInput, finiteAnimationsRunning, matchesText, readQuickInput, shownValue } from './quickInputState';

/** What a person answers to Add Environment's prompts; `shot` names a screenshot of the dialect question. */
export interface EnvironmentAnswers {
  readonly name: string;
  readonly host: string;
  readonly iid: string;
  readonly accountId: string;
  readonly production?: boolean;
  readonly dialectLabel: string;
  readonly shot?: string;
}

/** Which step of a prompt a helper answers: its "(step/total)" in the title, and what the box holds when shown. */
export interface StepExpectation {
  /** "3/7": answered only once the title says "(3/7)". */
  readonly step?: string;
  /** What the step puts in the box itself (a kept answer); empty when absent. */
  readonly value?: string;
}

/** How long a helper waits for the workbench to show what it expects (under load, a step can take seconds). */
const SHOWN_MS = 15_000;
/** A screenshot waits this long at most for animations to finish; an endless one must not stop the test. */
const SETTLE_MS = 5_000;

export class Workbench {
  private step = 0;

  constructor(
    readonly page: Page,
    readonly shotsDir: string,
  ) {
    fs.mkdirSync(shotsDir, { recursive: true });
  }

  /** Saves a numbered screenshot of the whole window and returns its path. */
  async screenshot(name: string): Promise<string> {
    this.step += 1;
    const file = path.join(this.shotsDir, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await this.animationsFinished();
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Waits until nothing on the page is still animating (a toast or a dialog fading in, a menu sliding open), so a
   * picture shows the final state a person sees. Endless animations (progress bars, spinners) do not count. Should
   * something still be animating after SETTLE_MS, the picture is taken anyway: it illustrates, it asserts nothing.
   */
  async animationsFinished(): Promise<void> {
    await animationsFinished(this.page);
  }

  /** Resolves on the page's next animation frame: the unit of every wait below, never a fixed time. */
  async nextFrame(): Promise<void> {
    await nextFrame(this.page);
  }

  /** What the quick input shows now. */
  async quickInputState(): Promise<QuickInputState> {
    return this.page.evaluate(readQuickInput);
  }

  /**
   * Reads the quick input every frame until `check` returns something, and returns it. After `timeoutMs` it fails
   * with `waitingFor` and everything the quick input showed last: never a bare timeout.
   */
  async untilQuickInput<T>(waitingFor: string, check: (state: QuickInputState) => T | undefined, timeoutMs = SHOWN_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.quickInputState();
      const result = check(state);
      if (result !== undefined) return result;
      if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${waitingFor}, but ${describeQuickInput(state)}.`);
      await this.nextFrame();
    }
  }

  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  /**
   * Shows a view container. Its activity-bar icon toggles, and a reloaded workbench may restore the container on its
   * own just before or after the click: so it clicks only when the container is not shown, and once more if the
   * container still is not shown a moment later (a restore that landed first, closed again by the click).
   */
  async openViewContainer(title: string): Promise<void> {
    const icon = this.page.locator(`.activitybar a.action-label[aria-label^="${title}"]`);
    const shown = this.page.locator(`.activitybar .action-item.checked a.action-label[aria-label^="${title}"]`);
    await icon.waitFor({ timeout: 60_000 });
    if ((await shown.count()) === 0) await icon.click();
    try {
      await shown.waitFor({ timeout: 5_000 });
    } catch {
      await icon.click();
      await shown.waitFor({ timeout: 10_000 });
    }
  }

  /**
   * The Get Started walkthrough's editor takes the keyboard focus once its steps are drawn, a moment after its tab
   * shows, and again whenever a step ticks itself off while it is the active editor. Under load that lands in the
   * middle of a test's prompt: the palette closes, or Enter goes to the walkthrough while the typed answer stays in
   * the prompt (issue 23). Waits until the walkthrough is open and has the focus.
   */
  async waitForWalkthrough(): Promise<void> {
    await this.expectState(this.tab(/Walkthrough: Kore\.ai Contact Lists/).waitFor({ timeout: 30_000 }), async () =>
      `the Get Started walkthrough the first showing of the view opens; tabs: ${JSON.stringify(await this.page.locator('.tabs-container .tab').allInnerTexts())}`);
    // Its last focus goes to the open step's button; the page itself may hold the focus a moment before.
    const focused = this.page.waitForFunction(() => document.activeElement?.matches('.gettingStartedContainer button.getting-started-step.expanded') === true, undefined, { timeout: SHOWN_MS });
    await this.expectState(focused, async () => `the walkthrough to take the focus; it is on ${(await this.quickInputState()).focus}`);
  }

  /** Closes the walkthrough's tab with its close button: a click, which no focus change can divert as it can keys. */
  async closeWalkthrough(): Promise<void> {
    const tab = this.tab(/Walkthrough: Kore\.ai Contact Lists/);
    await tab.hover();
    await tab.locator('.tab-actions .action-label[aria-label^="Close"]').click({ timeout: SHOWN_MS });
    await this.expectState(tab.waitFor({ state: 'detached', timeout: SHOWN_MS }), () => 'the walkthrough to close');
  }

  /**
   * The first showing of Kore.ai Contact Lists in a fresh profile opens the walkthrough (see waitForWalkthrough).
   * Files that test something else wait for it and close it, so it cannot take the focus from their prompts later.
   */
  async closeFirstRunWalkthrough(): Promise<void> {
    await this.waitForWalkthrough();
    await this.closeWalkthrough();
  }

  sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** Drags the sash between the sidebar and the editor until the sidebar is `width` pixels wide. */
  async resizeSidebar(width: number): Promise<void> {
    const box = await this.sidebar().boundingBox();
    if (!box) throw new Error('the sidebar is not shown');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** One view (pane) of the sidebar, by its title. */
  view(title: string): Locator {
    return this.sidebar().locator('.pane', { has: this.page.locator('.pane-header', { hasText: title }) });
  }

  treeRow(label: string, view = 'Environments'): Locator {
    return this.view(view).locator('.monaco-list-row', { hasText: label });
  }

  /** Clicks an inline action of a tree row; they show on hover, as for a person. */
  async clickInlineAction(rowLabel: string, actionTitle: string, view = 'Environments'): Promise<void> {
    await (await this.pointAtInlineAction(rowLabel, actionTitle, view)).click();
  }

  /** Hovers a tree row so its inline actions show, puts the pointer on one and returns it (to click it later). */
  async pointAtInlineAction(rowLabel: string, actionTitle: string, view = 'Environments'): Promise<Locator> {
    const row = this.treeRow(rowLabel, view);
    await row.hover();
    const action = row.locator(`.actions .action-label[aria-label^="${actionTitle}"]`);
    await action.hover();
    return action;
  }

  /** Expands a collapsed tree item by clicking it, and waits until it is expanded. */
  async expandTreeItem(label: string, view = 'Environments'): Promise<void> {
    const row = this.treeRow(label, view);
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await this.treeRow(label, view).and(this.page.locator('[aria-expanded="true"]')).waitFor({ timeout: 15_000 });
  }

  /** Sets an environment's token the way a person pastes one: the key action, "Paste a JWT", the hidden box. */
  async pasteToken(environment: string, token: string): Promise<void> {
    await this.clickInlineAction(environment, 'Set Token');
    await this.answerQuickPick('How do you want to authenticate', 'Paste a JWT');
    await this.answerInputBox(/Paste the JWT/, token);
    await this.notification(`token for "${environment}" was saved`).waitFor();
  }

  /**
   * Right-clicks a tree row and chooses a context menu entry by its label: waits for the menu to show the entry,
   * points at it until it is the menu's focused entry, presses Enter, and waits for the menu to close.
   */
  async contextMenu(rowLabel: string, entry: string, view = 'Environments'): Promise<void> {
    await this.treeRow(rowLabel, view).click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item', { hasText: entry });
    await this.expectState(item.first().waitFor({ timeout: SHOWN_MS }), async () =>
      `the context menu of "${rowLabel}" to offer "${entry}"; it offers ${JSON.stringify(await menu.locator('.action-item').allInnerTexts())}`);
    // Monaco menus act on the focused entry: point at it, then press Enter once it is focused, as keyboard users do.
    await item.first().hover();
    await this.expectState(menu.locator('.action-item.focused', { hasText: entry }).first().waitFor({ timeout: SHOWN_MS }), async () =>
      `"${entry}" to be the focused entry of the context menu; focused: ${JSON.stringify(await menu.locator('.action-item.focused').allInnerTexts())}`);
    await this.page.keyboard.press('Enter');
    await this.expectState(menu.waitFor({ state: 'detached', timeout: SHOWN_MS }), () => `the context menu to close after Enter on "${entry}"; it still shows`);
  }

  /**
   * Awaits a Playwright wait; should it time out, fails with what the helper waited for and what was shown instead
   * (`describe` reads it from the page at that moment), never a bare timeout.
   */
  private async expectState(wait: Promise<unknown>, describe: () => Promise<string> | string): Promise<void> {
    try {
      await wait;
    } catch (error) {
      const seen = await Promise.resolve().then(describe).catch((reason: unknown) => `(the page could not be read: ${String(reason)})`);
      throw new Error(`Waited for ${seen}. Quick input: ${describeQuickInput(await this.quickInputState().catch(() => NOTHING_SHOWN))}. (${String(error).split('\n')[0]})`);
    }
  }

  /** Runs a command from the Command Palette (F1) by its title, as a person types it. */
  async runCommand(title: string): Promise<void> {
    await this.openPalette();
    const input = this.page.locator('.quick-input-widget input.input');
    await this.expectState(input.fill(`>${title}`, { timeout: SHOWN_MS }), () => `the Command Palette to take ">${title}" (did something take the focus and close it?)`);
    // Click the matching row: Enter would run whichever row is focused, and while the list is still
    // filtering that can be a recently used command.
    await this.untilQuickInput(`the Command Palette to list "${title}"`, (state) =>
      state.shown && state.value === `>${title}` && state.rows.some((row) => row.includes(title)) ? true : undefined);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await this.expectState(row.click({ timeout: SHOWN_MS }), () => `a click on "${title}" in the Command Palette (did something take the focus and close it?)`);
    await this.paletteClosed();
  }

  /** F1, then waits for the palette: shown, its box starting with ">" and holding the focus, so typing goes there. */
  private async openPalette(): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.untilQuickInput('the Command Palette to open with the focus in its box', (state) =>
      state.shown && state.value.startsWith('>') && state.focusInside ? true : undefined);
  }

  /** The palette is gone once its text is: a command may at once reuse the widget for its own first prompt. */
  private async paletteClosed(): Promise<void> {
    await this.untilQuickInput('the Command Palette to close', (state) => (!state.shown || !state.value.startsWith('>') ? true : undefined));
  }

  /**
   * Answers an input box as a person does, one observable state after another: waits until the box asks `prompt`
   * (at `expected.step`, when given) and holds what the step put there (empty, or the kept answer), types the
   * answer, checks the box holds it, presses Enter in the box, and waits for the step to change. Fails saying what
   * the box showed when the step never came, when the typed text did not stay, or when Enter did not advance.
   */
  async answerInputBox(prompt: string | RegExp, answer: string, expected: StepExpectation = {}): Promise<void> {
    const at = expected.step === undefined ? '' : ` at step ${expected.step}`;
    const asked = `an input box asking ${String(prompt)}${at}`;
    const shown = await this.untilQuickInput(`${asked}, ready with ${JSON.stringify(expected.value ?? '')}`, (state) =>
      this.isInputStep(state, prompt, expected) && state.value === (expected.value ?? '') ? state : undefined);
    await this.page.locator('.quick-input-widget input.input').fill(answer);
    await this.untilQuickInput(`${asked} to hold the ${shownValue(shown, answer)} just typed`, (state) =>
      this.isInputStep(state, prompt, expected) && state.value === answer ? true : undefined, 5_000);
    // Pressed on the box itself: should anything have taken the focus meanwhile, Enter still goes to the box.
    await this.page.locator('.quick-input-widget input.input').press('Enter');
    await this.untilQuickInput(`Enter to accept ${asked}`, (state) => {
      if (state.shown && state.title === shown.title && state.severity === 'error') {
        throw new Error(`Enter on ${asked} was refused: ${describeQuickInput(state)}.`);
      }
      const advanced = !state.shown || state.title !== shown.title || !matchesText(state.message, prompt);
      return advanced ? true : undefined;
    });
  }

  /** The box shown is an input box (no pick list) asking `prompt`, at the expected step. */
  private isInputStep(state: QuickInputState, prompt: string | RegExp, expected: StepExpectation): boolean {
    return state.shown && state.rows.length === 0 && matchesText(state.message, prompt) && this.atStep(state, expected);
  }

  private atStep(state: QuickInputState, expected: StepExpectation): boolean {
    return expected.step === undefined || state.title.endsWith(`(${expected.step})`);
  }

  /**
   * Waits for a quick pick whose placeholder says `question` (at `expected.step`, when given) with a row labelled
   * `label` drawn, clicks that row, and waits for the question to go. `exactly` matches the whole label, for items
   * whose labels contain one another ("v1", "v1 legacy").
   */
  async answerQuickPick(question: string, label: string, expected: StepExpectation & { readonly exactly?: boolean } = {}): Promise<void> {
    const isLabel = (row: string) => (expected.exactly ? row === label : row.includes(label));
    const shown = await this.quickPickReady(question, expected, isLabel, label);
    const widget = this.page.locator('.quick-input-widget');
    const row = expected.exactly
      ? widget.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exactRegExp(label) }) })
      : widget.locator('.quick-input-list .monaco-list-row', { hasText: label });
    await this.expectState(row.first().click({ timeout: SHOWN_MS }), () => `a click on the row "${label}" of "${question}"`);
    // The same widget may at once show the next prompt: wait for this question to go, not the widget.
    await this.untilPickAnswered(question, shown, `the click on "${label}"`);
  }

  /** Waits for the pick asking `question` with the wanted row drawn; returns what it showed. */
  private async quickPickReady(question: string, expected: StepExpectation, isLabel: (row: string) => boolean, label: string): Promise<QuickInputState> {
    const at = expected.step === undefined ? '' : ` at step ${expected.step}`;
    return this.untilQuickInput(`a quick pick asking "${question}"${at} with a row "${label}"`, (state) =>
      state.shown && state.placeholder.includes(question) && this.atStep(state, expected) && state.rows.some(isLabel) ? state : undefined);
  }

  /** After an answer to the pick asking `question`: waits for the question to go (the pick closed, or the next step). */
  private async untilPickAnswered(question: string, shown: QuickInputState, how: string): Promise<void> {
    await this.untilQuickInput(`${how} to answer "${question}"`, (state) =>
      !state.shown || !state.placeholder.includes(question) || state.title !== shown.title ? true : undefined);
  }

  /**
   * Adds an environment through Kore.ai: Add Environment from the Command Palette, answering every prompt as a
   * person does: a custom host, then the ids, production or not, and the API dialect by its label.
   * `shot` names a screenshot taken while the dialect question is open.
   */
  async addEnvironmentThroughPrompts(fields: EnvironmentAnswers): Promise<void> {
    await this.runCommand('Kore.ai: Add Environment');
    await this.answerAddEnvironmentPrompts(fields);
  }

  /**
   * Answers Add Environment's prompts, as addEnvironmentThroughPrompts does, once something else has started the
   * command: a welcome view's button, a walkthrough step's.
   */
  async answerAddEnvironmentPrompts(fields: EnvironmentAnswers): Promise<void> {
    // Each prompt is answered at its own step: the count grows from 6 to 7 once a custom host adds the Host step.
    await this.answerInputBox('Environment name', fields.name, { step: '1/6' });
    await this.answerQuickPick('Which Kore.ai region or host?', 'Custom host (on-premises)', { step: '2/6' });
    await this.answerInputBox('Host', fields.host, { step: '3/7' });
    await this.answerInputBox('App ID (IID)', fields.iid, { step: '4/7' });
    await this.answerInputBox('Account ID', fields.accountId, { step: '5/7' });
    await this.answerQuickPick('Is this a production environment?', fields.production ? 'Yes: production' : 'No: a test or sandbox environment', { step: '6/7' });
    const question = 'Which Kore.ai contact-list API does this tenant serve?';
    if (fields.shot) {
      await this.quickPickReady(question, { step: '7/7' }, (row) => row === fields.dialectLabel, fields.dialectLabel);
      await this.screenshot(fields.shot);
    }
    await this.answerQuickPickExactly(question, fields.dialectLabel, { step: '7/7' });
  }

  /**
   * As answerQuickPick, for items whose labels contain one another ("v1", "v1 legacy"): clicks the row whose
   * label is exactly `label`, whatever its description and detail say.
   */
  async answerQuickPickExactly(question: string, label: string, expected: StepExpectation = {}): Promise<void> {
    await this.answerQuickPick(question, label, { ...expected, exactly: true });
  }

  /** The open quick input (input box or quick pick). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The quick input's title as shown, with the step of a multi-step input: "Add Kore.ai Environment (3/6)". */
  async quickInputTitle(): Promise<string> {
    const title = this.quickInput().locator('.quick-input-title');
    await title.waitFor({ state: 'visible', timeout: 15_000 });
    return (await title.innerText()).trim();
  }

  /** Waits for a step of a multi-step input, by its "step/total" in the title. */
  async waitForStep(step: number, total: number): Promise<void> {
    await this.untilQuickInput(`step ${step}/${total}`, (state) => (state.shown && state.title.endsWith(`(${step}/${total})`) ? true : undefined));
  }

  /** What the input box holds now: the text typed, or the answer it shows again after Back. */
  async inputValue(): Promise<string> {
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    return input.inputValue();
  }

  /** The label of the quick pick row that has the keyboard focus (where Enter goes). */
  async focusedPickLabel(): Promise<string> {
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row.focused .label-name').first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    return (await row.innerText()).trim();
  }

  /** Clicks the Back button of a multi-step input's title bar. */
  async clickBack(): Promise<void> {
    await this.quickInput().locator('.quick-input-titlebar .action-label[aria-label^="Back"]').click();
  }

  /**
   * Runs a command from the Command Palette with the keyboard alone: F1, the title typed, Enter once the
   * palette's focused row is that command (while the list filters, a recently used one can be focused).
   */
  async runCommandWithKeyboard(title: string): Promise<void> {
    await this.openPalette();
    // The palette opens with ">" typed: the rest of the title follows it.
    await this.page.keyboard.type(title);
    await this.untilQuickInput(`the palette's focused row to be "${title}"`, (state) =>
      state.shown && state.focusInside && state.value.endsWith(title) && state.focusedRow?.includes(title) ? true : undefined);
    await this.page.keyboard.press('Enter');
    await this.paletteClosed();
  }

  /** Answers a quick pick with the keyboard: types to filter, then Enter once the focused row is `label`. */
  async answerQuickPickWithKeyboard(question: string, label: string): Promise<void> {
    const shown = await this.untilQuickInput(`a quick pick asking "${question}" with the focus in its box`, (state) =>
      state.shown && state.placeholder.includes(question) && state.focusInside && state.rows.length > 0 ? state : undefined);
    await this.page.keyboard.type(label);
    await this.untilQuickInput(`the focused row of "${question}" to be "${label}"`, (state) =>
      state.shown && state.focusInside && state.value === label && state.focusedRow?.includes(label) ? true : undefined);
    await this.page.keyboard.press('Enter');
    await this.untilPickAnswered(question, shown, `Enter on "${label}"`);
  }

  /** The row of the focused tree that has the keyboard focus. */
  focusedTreeRow(view = 'Environments'): Locator {
    return this.view(view).locator('.monaco-list-row.focused');
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  dialogButton(label: string): Locator {
    return this.dialog().locator('.monaco-button', { hasText: new RegExp(`^${label}$`) });
  }

  /** Clicks a button of the modal dialog once it shows, and waits for the dialog to close. */
  async clickDialogButton(label: string): Promise<void> {
    const buttons = async () => JSON.stringify(await this.dialog().locator('.monaco-button').allInnerTexts());
    await this.expectState(this.dialogButton(label).waitFor({ timeout: SHOWN_MS }), async () => `a dialog with a button "${label}"; its buttons: ${await buttons()}`);
    await this.dialogButton(label).click();
    await this.expectState(this.dialog().waitFor({ state: 'hidden', timeout: SHOWN_MS }), async () =>
      `the dialog to close after a click on "${label}"; it still says ${JSON.stringify(await this.dialog().innerText())}`);
  }

  /** Waits for a toast with this text; fails listing the toasts on screen instead. */
  async waitForNotification(text: string | RegExp, timeoutMs = SHOWN_MS): Promise<void> {
    await this.expectState(this.notification(text).waitFor({ timeout: timeoutMs }), async () =>
      `a notification ${String(text)}; on screen: ${JSON.stringify(await this.page.locator('.notifications-toasts .notification-toast').allInnerTexts())}`);
  }

  notification(text: string | RegExp): Locator {
    // The newest toast with that text: a message shown twice (say, by two attempts) is still one to look at.
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).last();
  }

  /**
   * Waits for a notification with this text, as a toast or, once its toast has gone (toasts hide on their
   * own after a while), in the Notification Center, which keeps every notification of the session.
   */
  async expectNotification(text: string | RegExp, timeoutMs = 15_000): Promise<void> {
    const seen = await this.notification(text).waitFor({ timeout: 3_000 }).then(() => true, () => false);
    if (seen) return;
    await this.runCommand('Notifications: Show Notifications');
    const entry = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).last();
    await entry.waitFor({ timeout: timeoutMs });
    await this.page.keyboard.press('Escape');
  }

  tab(label: string | RegExp): Locator {
    return this.page.locator('.tabs-container .tab', { hasText: label });
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** The active editor's whole text, through select-all and the clipboard (the DOM holds only visible lines). */
  async activeEditorText(): Promise<string> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    const text = await this.page.evaluate(() => navigator.clipboard.readText());
    // Collapse the selection again, so screenshots show the text as a person left it.
    await this.page.keyboard.press('Control+Home');
    return text;
  }

  /** Opens an installed extension's details page from the Extensions view, on its README (Details) tab. */
  async openExtensionDetails(displayName: string): Promise<void> {
    await this.openViewContainer('Extensions');
    const row = this.sidebar().locator('.extensions-list .monaco-list-row', { hasText: displayName }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const editor = this.page.locator('.extension-editor', { hasText: displayName });
    await editor.waitFor({ timeout: 30_000 });
    await editor.locator('.navbar .action-label', { hasText: /^Details$/ }).click();
  }

  /**
   * The content of the extension details page's README. It is a webview: an outer iframe (the webview's host
   * page) holding an inner one with the rendered Markdown.
   */
  extensionReadme(): FrameLocator {
    return this.page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
  }
}

const NOTHING_SHOWN: QuickInputState = {
  shown: false, title: '', value: '', password: false, placeholder: '', message: '', severity: 'none', rows: [], focusedRow: undefined, focusInside: false, focus: 'unknown',
};

/** Matches exactly `label`, whatever characters it holds. */
function exactRegExp(label: string): RegExp {
  return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** See Workbench.animationsFinished. */
export async function animationsFinished(page: Page): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  // A toast added just now starts its transition on the next frame: look from the next frame on.
  await nextFrame(page);
  while ((await page.evaluate(finiteAnimationsRunning)) > 0 && Date.now() < deadline) await nextFrame(page);
}

async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}
