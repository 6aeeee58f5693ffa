// The few window prompts the commands use, behind one interface. The extension uses VS Code's own;
// the extension-host tests swap in scripted answers (the UI tests click the real ones).
import * as vscode from 'vscode';
import { showInputStep, showPickStep } from './quickInputSteps';

/** Where a prompt sits in a multi-step flow: VS Code shows "step/total" and, after the first step, a Back button. */
export interface StepPosition {
  readonly step: number;
  readonly totalSteps: number;
}

/**
 * What one step of a flow answered: a value, or Back; undefined when the user cancelled (Escape).
 * Plain data rather than a sentinel object, so that the tests' scripted prompts (another bundle) can answer Back too.
 */
export type StepAnswer<T> = { readonly kind: 'value'; readonly value: T } | { readonly kind: 'back' } | undefined;

export interface InputStepOptions extends StepPosition {
  readonly title: string;
  readonly prompt: string;
  /** The answer given before (going back, or editing): shown in the box, ready to keep or change. */
  readonly value?: string;
  readonly placeHolder?: string;
  readonly password?: boolean;
  /** Runs on every keystroke and again on Enter; a message keeps the box open and says what to fix. */
  readonly validateInput?: (value: string) => string | undefined;
}

export interface PickStepOptions<T> extends StepPosition {
  readonly title: string;
  readonly placeHolder: string;
  /** The item chosen before (going back, or editing): highlighted, so Enter keeps it. */
  readonly activeItem?: T;
}

export interface UserInterface {
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  /** One input step of a multi-step flow (see multiStepInput). */
  inputStep(options: InputStepOptions): Thenable<StepAnswer<string>>;
  /** One pick step of a multi-step flow (see multiStepInput). */
  pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: PickStepOptions<T>): Thenable<StepAnswer<T>>;
  showWarningMessage(message: string, options: vscode.MessageOptions, ...actions: string[]): Thenable<string | undefined>;
  showInformationMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
}

export const windowUserInterface: UserInterface = {
  showInputBox: (options) => vscode.window.showInputBox(options),
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
  inputStep: (options) => showInputStep(options),
  pickStep: (items, options) => showPickStep(items, options),
  showWarningMessage: (message, options, ...actions) => vscode.window.showWarningMessage(message, options, ...actions),
  showInformationMessage: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  showErrorMessage: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  showSaveDialog: (options) => vscode.window.showSaveDialog(options),
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
};

/** Holds the interface in use, so that tests can replace it after activation. */
export class UserInterfaceHolder {
  current: UserInterface = windowUserInterface;
}
