// The contact lists the Environments tree shows under an environment, from "get all list details". It never
// asks: a missing or unusable credential becomes an explaining child. Part of the lazily loaded operations
// bundle: it needs the HTTP client.
import * as vscode from 'vscode';
import { dialectName } from '../../core/api/dialectNames';
import { briefFailureReason } from '../../core/failures/resultMessages';
import { connectSilently } from '../shared/connection';
import type { KoreServices } from '../shared/services';
import { ContactListRecord } from '../../core/api/contactList';
import { Environment } from '../../core/environments/environment';
import { canListAll } from '../../core/api/koreApiPaths';
import type { ListMessageNode } from '../shared/treeNodes';

/** What the tree shows under an environment: its lists, or why there are none. Loaded lazily (it needs HTTP). */
export type ContactListsResult =
  /** `skipped`: entries of the answer left out, because they were not lists or their id could not be sent safely. */
  | { readonly lists: readonly ContactListRecord[]; readonly skipped?: number }
  | { readonly message: string; readonly detail?: string; readonly action: ListMessageNode['action'] };

export type ContactListSource = (environment: Environment) => Promise<ContactListsResult>;

export function contactListSource(services: KoreServices): ContactListSource {
  return async (environment) => {
    // Said before any credential is needed: it is a fact of the dialect, not a failure to retry.
    if (!canListAll(environment)) {
      return {
        message: vscode.l10n.t('Browsing lists is not available with the {0} API: delete by id still works', dialectName(environment.dialect)),
        detail: vscode.l10n.t('Kore.ai documents the call that lists all contact lists for the v1 API only. Use Delete Contact List (the trash button) with a list id from Kore.ai.'),
        action: 'none',
      };
    }
    const { connection, problem } = await connectSilently(services, environment);
    if (!connection) return { message: problem ?? '', action: 'setToken' };
    const { result, lists, skipped = 0 } = await connection.listContactLists(undefined, 'tree');
    if (skipped > 0) services.log.warn(`${skipped} entr(ies) of the list answer for "${environment.name}" were left out: not a contact list record, or an id that cannot be sent safely.`);
    if (lists) return { lists, skipped };
    return {
      message: vscode.l10n.t('Could not list contact lists ({0})', briefFailureReason(result, connection.timeoutSeconds)),
      ...(result.serverMessage ? { detail: result.serverMessage } : {}),
      action: 'retry',
    };
  };
}
