// The two requests a bulk run sends, and what a request function returns when it sent nothing. Bound to one
// environment and a token source: the token is made before anything goes out, and making it can fail (a client
// secret that no longer signs, a lifetime setting out of range): then nothing was sent, and the runner must hear
// "not sent", not a throw it would call unknown.
import * as l10n from '@vscode/l10n';
import { ApiTarget } from '../api/koreApiPaths';
import { CallOptions, deleteContactList, getContactList } from '../api/contactListClient';
import { KoreCallResult } from '../api/koreResult';

/**
 * What a request function returns when it sent nothing (no token could be made, cancelled before sending):
 * the id was not attempted, and since the same cause meets every other id, the run stops with `reason`.
 */
export interface NotSent {
  readonly kind: 'notSent';
  readonly reason: string;
}

export function notSent(reason: string): NotSent {
  return { kind: 'notSent', reason };
}

export function isNotSent(value: KoreCallResult | NotSent): value is NotSent {
  return 'kind' in value && value.kind === 'notSent';
}

/**
 * Sends one DELETE. The runner is not an HTTP client: the caller binds the environment and token. It returns
 * NotSent when it knows nothing left (a throw is taken to mean it may have been sent: unknown).
 */
export type DeleteOne = (id: string, signal: AbortSignal) => Promise<KoreCallResult | NotSent>;

/** Looks one list up (GET), as DeleteOne sends a DELETE: a 404 means it is gone. */
export type LookUpOne = (id: string, signal: AbortSignal) => Promise<KoreCallResult | NotSent>;

export interface BulkRequestOptions {
  readonly timeoutMs: number;
}

type Send = (target: ApiTarget, token: string, contactListId: string, options: CallOptions) => Promise<KoreCallResult>;

function bind(send: Send, target: ApiTarget, token: () => string, options: BulkRequestOptions): (id: string, signal: AbortSignal) => Promise<KoreCallResult | NotSent> {
  return async (id, signal) => {
    let auth: string;
    try {
      auth = token();
    } catch (error) {
      // Validator sentences only: a token source never puts the secret into its error.
      const why = error instanceof Error ? error.message : String(error);
      return notSent(l10n.t('No token could be made ({0}), so nothing was sent. Set the token again, then resume.', why));
    }
    return send(target, auth, id, { timeoutMs: options.timeoutMs, signal });
  };
}

/** DELETE, for runBulkDeletion's `deleteOne`. */
export function bulkDeleteOne(target: ApiTarget, token: () => string, options: BulkRequestOptions): DeleteOne {
  return bind(deleteContactList, target, token, options);
}

/** GET, for runBulkDeletion's `lookUp`. */
export function bulkLookUp(target: ApiTarget, token: () => string, options: BulkRequestOptions): LookUpOne {
  return bind(getContactList, target, token, options);
}
