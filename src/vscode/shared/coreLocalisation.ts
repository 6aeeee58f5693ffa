// The core cannot import vscode (it runs under plain Node in its tests), so it words its messages with
// @vscode/l10n, the library made for that; here it gets the bundle VS Code loaded for this extension's
// display language. In English there is no bundle and l10n.t fills the English templates itself.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Call once per bundle at load: dist/extension.js and dist/operations.js each carry their own copy of
 * @vscode/l10n (esbuild builds them apart), and a copy that was never configured would speak English.
 */
export function localiseCore(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}
