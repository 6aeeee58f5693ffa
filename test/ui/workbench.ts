/// <reference lib="dom" />
// Helpers that drive the VS Code workbench the way a person does: through the DOM, by visible labels.
// The selectors follow the workbench of the pinned code-server (VS Code 1.100); they live here only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

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
    // Let notifications and dialogs finish fading in, so the picture shows what a person sees.
    await this.page.waitForTimeout(400);
    await this.page.screenshot({ path: file });
    return file;
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

  /** Right-clicks a tree row and chooses a context menu entry by its label. */
  async contextMenu(rowLabel: string, entry: string, view = 'Environments'): Promise<void> {
    await this.treeRow(rowLabel, view).click({ button: 'right' });
    const item = this.page.locator('.context-view .monaco-menu .action-item', { hasText: entry });
    await item.waitFor({ timeout: 10_000 });
    // Monaco menus act on the focused entry: point at it, then press Enter, as keyboard users do.
    await item.hover();
    await this.page.keyboard.press('Enter');
    await item.waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Runs a command from the Command Palette (F1) by its title, as a person types it. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    // Click the matching row: Enter would run whichever row is focused, and while the list is still
    // filtering that can be a recently used command.
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor();
    await row.click();
    await this.paletteClosed();
  }

  /** The palette is gone once its text is: a command may at once reuse the widget for its own first prompt. */
  private async paletteClosed(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const box = document.querySelector<HTMLInputElement>('.quick-input-widget input.input');
        return !box || box.offsetParent === null || !box.value.startsWith('>');
      },
      undefined,
      { timeout: 10_000 },
    );
  }

  /** Waits for an input box whose prompt contains `prompt`, then types the answer and presses Enter. */
  async answerInputBox(prompt: string | RegExp, answer: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-message', { hasText: prompt }).waitFor({ state: 'visible', timeout: 15_000 });
    const input = widget.locator('input.input');
    await input.fill(answer);
    await this.page.keyboard.press('Enter');
    await widget.locator('.quick-input-message', { hasText: prompt }).waitFor({ state: 'hidden', timeout: 15_000 });
  }

  /** Waits for a quick pick whose placeholder says `question`, then clicks the item labelled `label`. */
  async answerQuickPick(question: string, label: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const questionInput = widget.locator(`input[placeholder*="${question}"]`);
    await questionInput.waitFor({ state: 'visible', timeout: 15_000 });
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).click();
    // The same widget may at once show the next prompt: wait for this question to go, not the widget.
    await questionInput.waitFor({ state: 'hidden', timeout: 15_000 });
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
    await this.answerInputBox('Environment name', fields.name);
    await this.answerQuickPick('Which Kore.ai region or host?', 'Custom host (on-premises)');
    await this.answerInputBox('Host', fields.host);
    await this.answerInputBox('App ID (IID)', fields.iid);
    await this.answerInputBox('Account ID', fields.accountId);
    await this.answerQuickPick('Is this a production environment?', fields.production ? 'Yes: production' : 'No: a test or sandbox environment');
    const question = 'Which Kore.ai contact-list API does this tenant serve?';
    if (fields.shot) {
      await this.page.locator(`.quick-input-widget input[placeholder*="${question}"]`).waitFor({ state: 'visible', timeout: 15_000 });
      await this.screenshot(fields.shot);
    }
    await this.answerQuickPickExactly(question, fields.dialectLabel);
  }

  /**
   * As answerQuickPick, for items whose labels contain one another ("v1", "v1 legacy"): clicks the row whose
   * label is exactly `label`, whatever its description and detail say.
   */
  async answerQuickPickExactly(question: string, label: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const questionInput = widget.locator(`input[placeholder*="${question}"]`);
    await questionInput.waitFor({ state: 'visible', timeout: 15_000 });
    const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await widget.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exactly }) }).click();
    await questionInput.waitFor({ state: 'hidden', timeout: 15_000 });
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
    await this.quickInput().locator('.quick-input-title', { hasText: `(${step}/${total})` }).waitFor({ state: 'visible', timeout: 15_000 });
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
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible' });
    await this.page.keyboard.type(`>${title}`);
    await this.quickInput().locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.paletteClosed();
  }

  /** Answers a quick pick with the keyboard: types to filter, then Enter once the focused row is `label`. */
  async answerQuickPickWithKeyboard(question: string, label: string): Promise<void> {
    const questionInput = this.quickInput().locator(`input[placeholder*="${question}"]`);
    await questionInput.waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.keyboard.type(label);
    await this.quickInput().locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await questionInput.waitFor({ state: 'hidden', timeout: 15_000 });
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

  async clickDialogButton(label: string): Promise<void> {
    await this.dialogButton(label).click();
    await this.dialog().waitFor({ state: 'hidden' });
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
