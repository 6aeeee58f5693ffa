// VS Code's side of one multi-step prompt: an input box or quick pick built with createInputBox/createQuickPick,
// so it can show "step/total" and a Back button, which window.showInputBox/showQuickPick cannot.
// Each settles once: a value, Back, or undefined when hidden (Escape, or focus moved away).
import * as vscode from 'vscode';
import type { InputStepOptions, PickStepOptions, StepAnswer } from './userInterface';

/** How many of the extension's prompts are on screen. */
let promptsOpen = 0;
const promptsClosed = new vscode.EventEmitter<void>();

/** Counts a prompt as open until the returned disposable is disposed. */
function holdPrompt(): vscode.Disposable {
  promptsOpen += 1;
  return new vscode.Disposable(() => {
    promptsOpen -= 1;
    if (promptsOpen === 0) promptsClosed.fire();
  });
}

/**
 * Resolves once none of the extension's prompts is on screen. Whatever would take the keyboard focus by itself (the
 * first-run walkthrough's editor) waits for it: the user may be typing into a prompt, and the keys would go there.
 * A multi-step flow shows its next step within the same task as it closes the last one, so a prompt is taken to
 * be closed only when none is open again a task later.
 */
export function afterPrompts(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (promptsOpen > 0) {
        const watch = promptsClosed.event(() => {
          watch.dispose();
          setTimeout(check, 0);
        });
        return;
      }
      resolve();
    };
    check();
  });
}

export function showInputStep(options: InputStepOptions): Promise<StepAnswer<string>> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.password = options.password === true;
  box.value = options.value ?? '';
  box.ignoreFocusOut = true;
  box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const problem = (value: string) => options.validateInput?.(value);
  // A kept answer is checked at once (the names taken may have changed); an empty box waits for typing.
  if (box.value !== '') box.validationMessage = problem(box.value);
  return settle(box, (finish) => [
    box.onDidChangeValue((value) => {
      box.validationMessage = problem(value);
    }),
    box.onDidAccept(() => {
      const message = problem(box.value);
      box.validationMessage = message;
      if (message === undefined) finish({ kind: 'value', value: box.value });
    }),
  ]);
}

export function showPickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: PickStepOptions<T>): Promise<StepAnswer<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeHolder;
  pick.items = items;
  pick.ignoreFocusOut = true;
  pick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  if (options.activeItem) pick.activeItems = [options.activeItem];
  return settle(pick, (finish) => [
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems;
      if (chosen) finish({ kind: 'value', value: chosen });
    }),
  ]);
}

/** Shows the prompt and resolves once: with what `listen` reports, Back from the Back button, or undefined when hidden. */
function settle<T>(
  input: vscode.QuickInput & Pick<vscode.InputBox, 'onDidTriggerButton'>,
  listen: (finish: (answer: StepAnswer<T>) => void) => vscode.Disposable[]): Promise<StepAnswer<T>> {
  return new Promise((resolve) => {
    let done = false;
    const subscriptions: vscode.Disposable[] = [holdPrompt()];
    const finish = (answer: StepAnswer<T>) => {
      if (done) return;
      done = true;
      for (const subscription of subscriptions) subscription.dispose();
      input.dispose();
      resolve(answer);
    };
    subscriptions.push(
      ...listen(finish),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      }),
      input.onDidHide(() => finish(undefined)),
    );
    input.show();
  });
}
