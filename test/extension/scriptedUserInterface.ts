// Scripted answers for the extension's prompts, so the extension-host suite can drive whole commands.
// Each input box answer is also run through the box's own validateInput, as VS Code would as you type.
// Multi-step prompts take the same queues, plus BACK (press the Back button) and KEEP (press Enter on the answer
// the step shows again: the value typed before, or the item chosen before).
// Every queued answer is meant to be used: unused() lists what was left, and the harness fails a test that leaves
// any, since an answer nobody asked for means the command asked something else than the test believes.
import * as vscode from 'vscode';
import type { InputStepOptions, PickStepOptions, StepAnswer, StepPosition, UserInterface } from '../../src/vscode/shared/userInterface';

/** Queued for a multi-step prompt: press its Back button. */
export const BACK: unique symbol = Symbol('Back');
/** Queued for a multi-step prompt: press Enter on what it shows (the earlier answer kept). */
export const KEEP: unique symbol = Symbol('Keep');

type Scripted = string | undefined | typeof BACK | typeof KEEP;

export interface ShownMessage {
  readonly kind: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly detail?: string;
  readonly modal: boolean;
  readonly actions: readonly string[];
}

export class ScriptedUserInterface implements UserInterface {
  /** Answers for input boxes, in order; undefined is Escape. */
  readonly inputs: Scripted[] = [];
  /** Labels to pick in quick picks, in order; undefined is Escape. */
  readonly picks: Scripted[] = [];
  /**
   * The action chosen for each warning, in order; when none is queued the warning is dismissed. A promise is an
   * answer given later (a non-modal notification can wait): the test resolves it when the user would click.
   */
  readonly warningAnswers: Array<string | undefined | Promise<string | undefined>> = [];
  /** The action chosen for each error message, in order; when none is queued it is dismissed. */
  readonly errorAnswers: Array<string | undefined> = [];
  readonly shown: ShownMessage[] = [];
  /** Every input box shown, with its step and total for a multi-step one. */
  readonly inputBoxes: Array<vscode.InputBoxOptions & Partial<StepPosition>> = [];
  /** What each quick pick offered, and how it was worded; `active` is the item highlighted when it opened. */
  readonly quickPicks: Array<{ readonly labels: string[]; readonly options: vscode.QuickPickOptions & Partial<StepPosition>; readonly active?: string }> = [];
  readonly validationMessages: string[] = [];
  /** Where the next save dialog answers, once; undefined is Cancel. */
  saveTarget: vscode.Uri | undefined;
  /** Where the next open dialog answers, once; undefined is Cancel. */
  openTarget: vscode.Uri | undefined;

  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.inputBoxes.push(options);
    const answer = this.nextInput(options.prompt ?? options.title);
    if (answer === BACK) throw new Error(`BACK queued for the input box "${options.prompt ?? ''}", which has no Back button`);
    return this.validated(answer === KEEP ? (options.value ?? '') : answer, options);
  }

  async inputStep(options: InputStepOptions): Promise<StepAnswer<string>> {
    this.inputBoxes.push(options);
    const answer = this.nextInput(options.prompt);
    if (answer === BACK) return this.back(options, options.prompt);
    const value = await this.validated(answer === KEEP ? (options.value ?? '') : answer, options);
    return value === undefined ? undefined : { kind: 'value', value };
  }

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options?: vscode.QuickPickOptions): Promise<T | undefined> {
    this.quickPicks.push({ labels: items.map((item) => item.label), options: options ?? {} });
    const label = this.nextPick(items);
    if (label === BACK || label === KEEP) throw new Error(`${String(label.description)} queued for the quick pick "${options?.placeHolder ?? ''}", which has no steps`);
    return Promise.resolve(items.find((item) => item.label === label));
  }

  pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: PickStepOptions<T>): Promise<StepAnswer<T>> {
    const { activeItem, ...wording } = options;
    this.quickPicks.push({ labels: items.map((item) => item.label), options: wording, ...(activeItem ? { active: activeItem.label } : {}) });
    const label = this.nextPick(items);
    if (label === BACK) return Promise.resolve(this.back(options, options.placeHolder));
    if (label === KEEP && !activeItem) throw new Error(`KEEP queued for the quick pick "${options.placeHolder}", which has no item highlighted`);
    const chosen = label === KEEP ? activeItem : items.find((item) => item.label === label);
    return Promise.resolve(chosen ? { kind: 'value', value: chosen } : undefined);
  }

  private nextInput(what: string | undefined): Scripted {
    if (this.inputs.length === 0) throw new Error(`Unexpected input box: ${what ?? ''}`);
    return this.inputs.shift();
  }

  private nextPick(items: readonly vscode.QuickPickItem[]): Scripted {
    if (this.picks.length === 0) throw new Error(`Unexpected quick pick of ${items.map((item) => item.label).join(', ')}`);
    return this.picks.shift();
  }

  /** VS Code shows the Back button from the second step on: a test that queues it earlier is wrong. */
  private back(position: StepPosition, what: string): StepAnswer<never> {
    if (position.step < 2) throw new Error(`BACK queued for "${what}", step ${position.step} of ${position.totalSteps}, which has no Back button`);
    return { kind: 'back' };
  }

  /** The answer, or undefined when the box's own validation refuses it (the message is kept for the test). */
  private async validated(answer: string | undefined, box: Pick<vscode.InputBoxOptions, 'validateInput'>): Promise<string | undefined> {
    if (answer !== undefined && box.validateInput) {
      const problem = await box.validateInput(answer);
      const text = typeof problem === 'string' ? problem : problem?.message;
      if (text) {
        // VS Code would keep the box open with this message: the test sees it, and the box is dismissed.
        this.validationMessages.push(text);
        return undefined;
      }
    }
    return answer;
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
    const show = (answer: Scripted) => (answer === undefined ? '(dismiss)' : typeof answer === 'symbol' ? String(answer.description) : JSON.stringify(answer));
    return [
      ...this.inputs.map((answer) => `input box answer ${show(answer)}`),
      ...this.picks.map((answer) => `quick pick answer ${show(answer)}`),
      ...this.warningAnswers.map((answer) => `warning answer ${answer instanceof Promise ? '(a later answer)' : show(answer)}`),
      ...this.errorAnswers.map((answer) => `error message answer ${show(answer)}`),
      ...(this.saveTarget ? [`save dialog answer ${this.saveTarget.fsPath}`] : []),
      ...(this.openTarget ? [`open dialog answer ${this.openTarget.fsPath}`] : []),
    ];
  }

  last(kind: ShownMessage['kind']): ShownMessage | undefined {
    return [...this.shown].reverse().find((shown) => shown.kind === kind);
  }
}
