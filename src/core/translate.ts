// The signature of vscode.l10n.t, so that the vscode-free core can word its messages for users and
// still be localised: the VS Code layer passes vscode.l10n.t, tests and tools use formatTemplate.
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills `{0}`, `{1}`… the way vscode.l10n.t does when no translation is loaded. */
export const formatTemplate: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
