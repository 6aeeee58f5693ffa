// Runs a piece of the core with every message "translated" by `translate`, loaded into @vscode/l10n as the extension
// loads a real bundle, then back to English: so a test can tell a message went through l10n.t (a literal would not),
// or feed the core a hostile translation.
import * as l10n from '@vscode/l10n';

export function withTranslation<T>(translate: (message: string) => string, run: () => T): T {
  l10n.config({ contents: new Proxy<Record<string, string>>({}, { get: (_target, key) => translate(String(key)) }) });
  try {
    return run();
  } finally {
    l10n.config({ contents: {} });
  }
}

/** Every message as itself behind `marker`. */
export function withMarkedTranslation<T>(marker: string, run: () => T): T {
  return withTranslation((message) => `${marker} ${message}`, run);
}
