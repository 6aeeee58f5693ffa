// What the activation probe (inside the extension host) and its launcher (figures/activation) agree on.

export const EXTENSION_ID = 'kore-contact-lists.kore-contact-lists';

/**
 * The workbench is still starting (in Chromium, on the same two cores) when the host calls the probe. A
 * user activates the extension later, by opening its view or running a command: the probe waits this long
 * so the figure is the extension's cost and not the workbench's startup competing with it.
 */
export const SETTLE_MS = 3_000;

/** The probe's one console line starts with this; the rest is an ActivationReport as JSON. */
export const ACTIVATION_PREFIX = 'KCL_BENCH_ACTIVATION ';

export type ActivationReport =
  | {
      readonly kind: 'measured';
      /** `await extension.activate()` from not active to resolved: require, context, activate(). */
      readonly activateMs: number;
      /** The part spent in `require` of the extension's main file, when the probe could see it. */
      readonly requireMs?: number;
    }
  /** The extension was active before the probe could time it: no number. */
  | { readonly kind: 'alreadyActive' }
  | { readonly kind: 'error'; readonly message: string };
