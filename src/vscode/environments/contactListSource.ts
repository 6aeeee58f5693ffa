// The contact lists the Environments tree shows under an environment, from "get all list details".
// Part of the lazily loaded operations bundle: it needs the HTTP client.
import * as vscode from 'vscode';
import { getAllContactLists } from '../../core/contactListClient';
import { describeExchange } from '../../core/responseDocument';
import { briefFailureReason } from '../../core/resultMessages';
import { CredentialStore } from './credentialStore';
import { silentTokenSource } from './authentication';
import { EnvironmentStore } from './environmentStore';
import { ContactListSource } from './environmentTree';

export function contactListSource(store: EnvironmentStore, credentials: CredentialStore, log: vscode.LogOutputChannel): ContactListSource {
  return async (environment) => {
    const { token, problem } = await silentTokenSource(credentials, store, environment);
    if (!token) return { message: problem ?? '', action: 'setToken' };
    const timeoutSeconds = store.requestTimeoutSeconds();
    const { result, lists, skipped = 0 } = await getAllContactLists(environment, token(), { timeoutMs: timeoutSeconds * 1000 });
    log.info(`${describeExchange(result)} [environment "${environment.name}"]`);
    if (skipped > 0) log.warn(`${skipped} entr(ies) of the list answer for "${environment.name}" were left out: not a contact list record, or an id that cannot be sent safely.`);
    if (lists) return { lists, skipped };
    return {
      message: vscode.l10n.t('Could not list contact lists ({0})', briefFailureReason(result, timeoutSeconds, vscode.l10n.t)),
      ...(result.serverMessage ? { detail: result.serverMessage } : {}),
      action: 'retry',
    };
  };
}
