// The Get Started walkthrough and the context keys its steps complete on; package.json declares the same ids
// (an extension-host test reads the walkthrough contribution and checks each step against these).
export const WalkthroughIds = {
  /** As declared in contributes.walkthroughs; VS Code names it `<publisher>.<name>#<id>`. */
  walkthrough: 'getStarted',
} as const;

/** Context keys the extension sets for the walkthrough's `onContext:` completion events. */
export const ContextKeys = {
  /** At least one environment is configured. */
  hasEnvironment: 'koreContactLists.hasEnvironment',
  /** At least one environment has a credential in secret storage. */
  hasCredential: 'koreContactLists.hasCredential',
} as const;
