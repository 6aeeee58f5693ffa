// Opens the Get Started walkthrough: from the Environments view's "…" menu at any time, and once by itself on
// the first activation after install, so a new user is told what a first run needs (a Kore.ai app with the
// Campaign Management scope, its Client ID and Secret, the App ID and the Account ID) before the first prompt.
import * as vscode from 'vscode';
import { WalkthroughIds } from '../../walkthroughIds';

/** Set in global state once the walkthrough has opened by itself, so it never does again. */
export const WALKTHROUGH_SHOWN_KEY = 'koreContactLists.walkthroughShown';

export class GetStarted {
  constructor(
    /** `<publisher>.<name>`, as VS Code qualifies the walkthrough's id. */
    private readonly extensionId: string,
    private readonly globalState: vscode.Memento,
  ) {}

  async open(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${this.extensionId}#${WalkthroughIds.walkthrough}`, false);
  }

  /** True when it opened now; false when it had opened before (in any window: global state is shared). */
  async openOnFirstRun(): Promise<boolean> {
    if (this.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY) === true) return false;
    // Marked first: a window closed while it opens must not open it again in every window that follows.
    await this.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
    await this.open();
    return true;
  }
}
