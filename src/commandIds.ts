// Every command id, view id and URI scheme the extension contributes, in one place. package.json must
// list exactly these commands: a core test compares the two.

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
  testConnection: 'koreContactLists.testConnection',
  exportEnvironments: 'koreContactLists.exportEnvironments',
  importEnvironments: 'koreContactLists.importEnvironments',
  switchEnvironment: 'koreContactLists.switchEnvironment',
  copyResponse: 'koreContactLists.copyResponse',
  saveResponseAs: 'koreContactLists.saveResponseAs',
  deleteContactLists: 'koreContactLists.deleteContactLists',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  container: 'koreContactLists',
  environments: 'koreContactLists.environments',
  history: 'koreContactLists.history',
} as const;

export const SettingKeys = {
  section: 'koreContactLists',
  environments: 'environments',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  jwtLifetimeSeconds: 'jwtLifetimeSeconds',
  rateLimitPerMinute: 'rateLimitPerMinute',
} as const;

/** Read-only documents that show what a Kore.ai server answered. */
export const RESPONSE_SCHEME = 'kore-response';
