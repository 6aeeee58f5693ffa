/// <reference lib="dom" />
// What the workbench's quick input (input boxes, quick picks, the Command Palette: one reused widget) shows at one
// moment, read in the page in one go, so the helpers can wait on it and a failure can say what was on screen.
// The functions given to page.evaluate run in the browser: they must not use anything outside their own body.

export interface QuickInputState {
  readonly shown: boolean;
  /** The title bar, with a multi-step input's "(step/total)"; empty when there is none. */
  readonly title: string;
  /** What the box holds (for a password box, only its length is ever reported: see describeQuickInput). */
  readonly value: string;
  readonly password: boolean;
  readonly placeholder: string;
  /** The prompt, or the validation message that replaces it. */
  readonly message: string;
  /** The box's decoration: 'error' while a validation message is shown. */
  readonly severity: 'error' | 'warning' | 'info' | 'none';
  /** The labels of the pick rows rendered, in order; empty for an input box. */
  readonly rows: readonly string[];
  readonly focusedRow: string | undefined;
  /** Whether the keyboard focus is inside the widget, and where it is. */
  readonly focusInside: boolean;
  readonly focus: string;
}

/** Runs in the page. */
export function readQuickInput(): QuickInputState {
  const widget = document.querySelector<HTMLElement>('.quick-input-widget');
  const visible = (element: Element | null | undefined): element is HTMLElement =>
    element instanceof HTMLElement && element.offsetParent !== null && getComputedStyle(element).visibility !== 'hidden';
  const text = (element: Element | null | undefined) => (visible(element) ? element.innerText.trim() : '');
  const box = widget?.querySelector<HTMLInputElement>('input.input');
  const decoration = widget?.querySelector('.monaco-inputbox');
  const classes = decoration?.classList;
  const severity = classes?.contains('error') ? 'error' : classes?.contains('warning') ? 'warning' : classes?.contains('info') ? 'info' : 'none';
  const list = widget?.querySelector('.quick-input-list');
  const rows = visible(list) ? Array.from(list.querySelectorAll('.monaco-list-row'), (row) => text(row.querySelector('.label-name'))) : [];
  const focused = visible(list) ? list.querySelector('.monaco-list-row.focused .label-name') : null;
  const active = document.activeElement;
  const label = active?.getAttribute('aria-label');
  return {
    shown: visible(widget),
    title: text(widget?.querySelector('.quick-input-title')),
    value: box?.value ?? '',
    password: box?.type === 'password',
    placeholder: box?.placeholder ?? '',
    message: text(widget?.querySelector('.quick-input-message')),
    severity,
    rows,
    focusedRow: focused ? text(focused) : undefined,
    focusInside: !!widget && !!active && widget.contains(active),
    focus: active ? `${active.tagName.toLowerCase()}.${String(active.className).split(' ').join('.')}${label ? ` "${label}"` : ''}`.slice(0, 120) : 'nothing',
  };
}

/** A value as a failure message may show it: a password box's never, only its length. */
export function shownValue(state: Pick<QuickInputState, 'password' | 'value'>, value = state.value): string {
  return state.password ? `(${value.length} characters, hidden)` : JSON.stringify(value);
}

/** One line for a failure message: everything a person would need to see what the quick input was doing. */
export function describeQuickInput(state: QuickInputState): string {
  if (!state.shown) return `no quick input is shown (the focus is on ${state.focus})`;
  const parts = [
    `title ${JSON.stringify(state.title)}`,
    `value ${shownValue(state)}`,
    state.placeholder ? `placeholder ${JSON.stringify(state.placeholder)}` : '',
    `message ${JSON.stringify(state.message)}${state.severity === 'none' ? '' : ` (${state.severity})`}`,
    state.rows.length > 0 ? `rows ${JSON.stringify(state.rows.slice(0, 12))}, focused ${JSON.stringify(state.focusedRow ?? null)}` : '',
    state.focusInside ? 'the focus in the box' : `the focus elsewhere: on ${state.focus}`,
  ];
  return parts.filter((part) => part !== '').join('; ');
}

/** Runs in the page: whether anything is still animating towards its final state (endless spinners do not count). */
export function finiteAnimationsRunning(): number {
  return document.getAnimations().filter((animation) => animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity).length;
}

/** A prompt as the helpers take it: part of the text, or a pattern. */
export function matchesText(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}
