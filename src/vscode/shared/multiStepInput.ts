// A multi-step input flow (Add Environment, Set Token): a list of input and pick steps asked in turn through the
// UserInterface, each showing "step/total" and, after the first, a Back button. Going back keeps every answer:
// the earlier step shows what was typed or chosen, and the later steps show theirs again when reached.
// A step may apply only to some answers (the host is typed only for a custom host); the count follows.
// Adding a question is one more entry in a flow's list of steps.
import * as vscode from 'vscode';
import type { StepAnswer, StepPosition, UserInterface } from './userInterface';

/** The keys of A whose answers are text. */
type TextKey<A> = { [K in keyof A]-?: A[K] extends string | undefined ? K : never }[keyof A];

interface StepBase<A> {
  /** Whether the step is asked, given the answers so far; always when absent. */
  readonly applies?: (answers: Partial<A>) => boolean;
}

/** A typed answer, stored under `key`. */
interface InputStep<A> extends StepBase<A> {
  readonly kind: 'input';
  readonly key: TextKey<A>;
  readonly prompt: string;
  readonly placeHolder?: string;
  readonly password?: boolean;
  /** A message says what is wrong (shown as the user types); undefined accepts. */
  readonly validate?: (value: string, answers: Partial<A>) => string | undefined;
}

/** One item of a pick step: what it shows, and the value stored when it is chosen. */
export type PickItem<V> = vscode.QuickPickItem & { readonly value: V };

/** A choice among items, whose value is stored under `key`. */
export interface PickStep<A, K extends keyof A> extends StepBase<A> {
  readonly kind: 'pick';
  readonly key: K;
  readonly placeHolder: string;
  readonly items: readonly PickItem<A[K]>[];
}

export type FlowStep<A> = InputStep<A> | { [K in keyof A]-?: PickStep<A, K> }[keyof A];

export interface Flow<A> {
  readonly title: string;
  readonly steps: readonly FlowStep<A>[];
  /** Answers known before the first step (an edit's current values): shown in their steps, ready to keep. */
  readonly initial?: Partial<A>;
}

/** Asks the applicable steps in turn, with Back. The answers, or undefined when the user cancelled at any step. */
export async function runMultiStepInput<A>(ui: UserInterface, flow: Flow<A>): Promise<Partial<A> | undefined> {
  const answers: Partial<A> = { ...flow.initial };
  const applies = (index: number) => flow.steps[index].applies?.(answers) ?? true;
  const nextApplicable = (from: number) => {
    let index = from;
    while (index < flow.steps.length && !applies(index)) index += 1;
    return index;
  };
  /** Indices of the steps answered, in order: Back returns to the last one. */
  const shown: number[] = [];
  let index = nextApplicable(0);
  while (index < flow.steps.length) {
    const remaining = flow.steps.slice(index).filter((_, offset) => applies(index + offset)).length;
    const place: Place = { title: flow.title, step: shown.length + 1, totalSteps: shown.length + remaining };
    const answer = await ask(ui, flow.steps[index], answers, place);
    if (answer === undefined) return undefined;
    if (answer.kind === 'back') {
      // The first step has no Back button; should one be reported anyway, the step is asked again.
      index = shown.pop() ?? index;
      continue;
    }
    (answers as Record<keyof A, unknown>)[flow.steps[index].key] = answer.value;
    shown.push(index);
    index = nextApplicable(index + 1);
  }
  return answers;
}

/** The flow's title and where the step sits in it. */
type Place = StepPosition & { readonly title: string };

async function ask<A>(ui: UserInterface, step: FlowStep<A>, answers: Partial<A>, place: Place): Promise<StepAnswer<unknown>> {
  if (step.kind === 'input') {
    const previous = answers[step.key];
    return ui.inputStep({
      ...place,
      prompt: step.prompt,
      ...(typeof previous === 'string' ? { value: previous } : {}),
      ...(step.placeHolder === undefined ? {} : { placeHolder: step.placeHolder }),
      ...(step.password ? { password: true } : {}),
      ...(step.validate ? { validateInput: (value: string) => step.validate?.(value, answers) } : {}),
    });
  }
  const items: readonly PickItem<unknown>[] = step.items;
  const activeItem = items.find((item) => item.value === answers[step.key]);
  const answer = await ui.pickStep(items, { ...place, placeHolder: step.placeHolder, ...(activeItem ? { activeItem } : {}) });
  return answer?.kind === 'value' ? { kind: 'value', value: answer.value.value } : answer;
}
