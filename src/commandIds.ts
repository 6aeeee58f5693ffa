// Every command id the extension contributes, in one place. package.json must list exactly these commands:
// a core test compares the two.

export const CommandIds = {
  addEnvironment: 'koreContactLists.addEnvironment',
  editEnvironment: 'koreContactLists.editEnvironment',
  removeEnvironment: 'koreContactLists.removeEnvironment',
  setToken: 'koreContactLists.setToken',
  clearToken: 'koreContactLists.clearToken',
  deleteContactList: 'koreContactLists.deleteContactList',
  refresh: 'koreContactLists.refresh',
  openHistoryEntry: 'koreContactLists.openHistoryEntry',
  exportHistory: 'koreContactLists.exportHistory',
  clearHistory: 'koreContactLists.clearHistory',
  refreshHistory: 'koreContactLists.refreshHistory',
  copyContactListId: 'koreContactLists.copyContactListId',
  copyAsCurl: 'koreContactLists.copyAsCurl',
  testConnection: 'koreContactLists.testConnection',
  exportEnvironments: 'koreContactLists.exportEnvironments',
  importEnvironments: 'koreContactLists.importEnvironments',
  switchEnvironment: 'koreContactLists.switchEnvironment',
  copyResponse: 'koreContactLists.copyResponse',
  saveResponseAs: 'koreContactLists.saveResponseAs',
  deleteContactLists: 'koreContactLists.deleteContactLists',
  filterHistory: 'koreContactLists.filterHistory',
  clearHistoryFilter: 'koreContactLists.clearHistoryFilter',
  showMoreHistory: 'koreContactLists.showMoreHistory',
  /** The Delete key (Cmd+Backspace on macOS) on a contact list in the Environments view. */
  deleteFocusedContactList: 'koreContactLists.deleteFocusedContactList',
  getStarted: 'koreContactLists.getStarted',
  reviewWorkspaceEnvironments: 'koreContactLists.reviewWorkspaceEnvironments',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
