// Opens the Get Started walkthrough: from the Environments view's "…" menu at any time, and once by itself the
// first time the Environments view is shown after install, so a new user is told what a first run needs (a Kore.ai
// app with the Campaign Management scope, its Client ID and Secret, the App ID and the Account ID). Not at
// activation itself: a user whose first act is a command from the palette would see its prompt closed by the
// walkthrough's editor taking the focus.
import * as vscode from 'vscode';
import { WalkthroughIds } from '../../walkthroughIds';
import { afterPrompts } from '../shared/quickInputSteps';

/** Set in global state once the walkthrough has opened by itself, so it never does again. */
const WALKTHROUGH_SHOWN_KEY = 'koreContactLists.walkthroughShown';

export class GetStarted {
  constructor(
    /** `<publisher>.<name>`, as VS Code qualifies the walkthrough's id. */
    private readonly extensionId: string,
    private readonly globalState: vscode.Memento,
  ) {}

  async open(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${this.extensionId}#${WalkthroughIds.walkthrough}`, false);
  }

  /**
   * Opens it once, as soon as `view` is visible (now or later). Settles true when it opened, false when it had opened
   * before (in any window: global state is shared); stays pending while the view has never been shown.
   */
  openWhenFirstShown(view: vscode.TreeView<unknown>, subscriptions: vscode.Disposable[]): Promise<boolean> {
    if (this.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY) === true) return Promise.resolve(false);
    if (view.visible) return this.openOnFirstRun();
    return new Promise((resolve, reject) => {
      const watch = view.onDidChangeVisibility((event) => {
        if (!event.visible) return;
        watch.dispose();
        this.openOnFirstRun().then(resolve, reject);
      });
      subscriptions.push(watch);
    });
  }

  /** True when it opened now; false when it had opened before (in any window: global state is shared). */
  private async openOnFirstRun(): Promise<boolean> {
    if (this.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY) === true) return false;
    // Marked first: a window closed while it opens must not open it again in every window that follows.
    await this.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
    // Its editor takes the focus: not while the user may be typing into one of our prompts (issue 23).
    await afterPrompts();
    await this.open();
    return true;
  }
}
