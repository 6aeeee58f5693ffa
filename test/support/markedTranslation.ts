// Runs a piece of the core with every message "translated" to itself behind a marker, through @vscode/l10n as the
// extension configures it, so a test can tell a message went through l10n.t (a literal string would not).
import * as l10n from '@vscode/l10n';

export function withMarkedTranslation<T>(marker: string, run: () => T): T {
  l10n.config({ contents: new Proxy<Record<string, string>>({}, { get: (_target, key) => `${marker} ${String(key)}` }) });
  try {
    return run();
  } finally {
    l10n.config({ contents: {} });
  }
}
