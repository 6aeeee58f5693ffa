// "Open Network Settings": after a proxy refusal or an untrusted certificate, the fix is in the editor's own
// http.* settings, not in the environment, so the settings editor opens filtered to exactly those.
import * as vscode from 'vscode';
import type { OfferedAction } from './commands';

/** The settings VS Code's proxy support reads (see the README's Troubleshooting): one filter shows them all. */
const NETWORK_SETTING_IDS = ['http.proxy', 'http.proxySupport', 'http.proxyStrictSSL', 'http.proxyAuthorization', 'http.noProxy', 'http.systemCertificates'] as const;

export function networkSettingsAction(): OfferedAction {
  return {
    title: vscode.l10n.t('Open Network Settings'),
    run: () => vscode.commands.executeCommand('workbench.action.openSettings', `@id:${NETWORK_SETTING_IDS.join(',')}`),
  };
}
