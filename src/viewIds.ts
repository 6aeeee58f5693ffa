// The view container and views the extension contributes; package.json declares the same ids (a core test
// compares them).
export const ViewIds = {
  container: 'koreContactLists',
  environments: 'koreContactLists.environments',
  history: 'koreContactLists.history',
} as const;
