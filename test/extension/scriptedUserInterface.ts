// Scripted answers for the extension's prompts, so the extension-host suite can drive whole commands.
// Each input box answer is also run through the box's own validateInput, as VS Code would as you type.
// Every queued answer is meant to be used: unused() lists what was left, and the harness fails a test that leaves
// any, since an answer nobody asked for means the command asked something else than the test believes.
import * as vscode from 'vscode';
import type { UserInterface } from '../../src/vscode/userInterface';

export interface ShownMessage {
  readonly kind: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly detail?: string;
  readonly modal: boolean;
  readonly actions: readonly string[];
}

export class ScriptedUserInterface implements UserInterface {
  /** Answers for input boxes, in order; undefined is Escape. */
  readonly inputs: Array<string | undefined> = [];
  /** Labels to pick in quick picks, in order. */
  readonly picks: Array<string | undefined> = [];
  /** The action chosen for each warning, in order; when none is queued the warning is dismissed. */
  readonly warningAnswers: Array<string | undefined> = [];
  /** The action chosen for each error message, in order; when none is queued it is dismissed. */
  readonly errorAnswers: Array<string | undefined> = [];
  readonly shown: ShownMessage[] = [];
  readonly inputBoxes: vscode.InputBoxOptions[] = [];
  /** What each quick pick offered, and how it was worded. */
  readonly quickPicks: Array<{ readonly labels: string[]; readonly options: vscode.QuickPickOptions }> = [];
  readonly validationMessages: string[] = [];
  /** Where the next save dialog answers, once; undefined is Cancel. */
  saveTarget: vscode.Uri | undefined;
  /** Where the next open dialog answers, once; undefined is Cancel. */
  openTarget: vscode.Uri | undefined;

  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.inputBoxes.push(options);
    if (this.inputs.length === 0) throw new Error(`Unexpected input box: ${options.prompt ?? options.title ?? ''}`);
    const answer = this.inputs.shift();
    if (answer !== undefined && options.validateInput) {
      const problem = await options.validateInput(answer);
      const text = typeof problem === 'string' ? problem : problem?.message;
      if (text) {
        // VS Code would keep the box open with this message: the test sees it, and the box is dismissed.
        this.validationMessages.push(text);
        return undefined;
      }
    }
    return answer;
  }

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions): Promise<T | undefined> {
    this.quickPicks.push({ labels: items.map((item) => item.label), options: options ?? {} });
    if (this.picks.length === 0) return Promise.reject(new Error(`Unexpected quick pick of ${items.map((item) => item.label).join(', ')}`));
    const label = this.picks.shift();
    return Promise.resolve(items.find((item) => item.label === label));
  }

  showWarningMessage(message: string, options: vscode.MessageOptions, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({ kind: 'warning', message, modal: options.modal === true, actions, ...(options.detail ? { detail: options.detail } : {}) });
    return Promise.resolve(this.warningAnswers.shift());
  }

  showInformationMessage(message: string, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({ kind: 'info', message, modal: false, actions });
    return Promise.resolve(undefined);
  }

  showErrorMessage(message: string, ...actions: string[]): Promise<string | undefined> {
    this.shown.push({ kind: 'error', message, modal: false, actions });
    return Promise.resolve(this.errorAnswers.shift());
  }

  showSaveDialog(): Promise<vscode.Uri | undefined> {
    const target = this.saveTarget;
    this.saveTarget = undefined;
    return Promise.resolve(target);
  }

  showOpenDialog(): Promise<vscode.Uri[] | undefined> {
    const target = this.openTarget;
    this.openTarget = undefined;
    return Promise.resolve(target ? [target] : undefined);
  }

  /** Every queued answer no prompt took, one line each; empty when the script was used up. */
  unused(): string[] {
    const show = (answer: string | undefined) => (answer === undefined ? '(dismiss)' : JSON.stringify(answer));
    return [
      ...this.inputs.map((answer) => `input box answer ${show(answer)}`),
      ...this.picks.map((answer) => `quick pick answer ${show(answer)}`),
      ...this.warningAnswers.map((answer) => `warning answer ${show(answer)}`),
      ...this.errorAnswers.map((answer) => `error message answer ${show(answer)}`),
      ...(this.saveTarget ? [`save dialog answer ${this.saveTarget.fsPath}`] : []),
      ...(this.openTarget ? [`open dialog answer ${this.openTarget.fsPath}`] : []),
    ];
  }

  last(kind: ShownMessage['kind']): ShownMessage | undefined {
    return [...this.shown].reverse().find((shown) => shown.kind === kind);
  }
}
