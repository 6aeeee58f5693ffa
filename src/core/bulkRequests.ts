// The two requests a bulk run sends, bound to one environment and a token source. The token is made before
// anything goes out, and making it can fail (a client secret that no longer signs, a lifetime setting out of
// range): then nothing was sent, and the runner must hear "not sent", not a throw it would call unknown.
import { DeleteOne, LookUpOne, NotSent, notSent } from './bulkDeletion';
import { CallOptions, KoreTarget, deleteContactList, getContactList } from './contactListClient';
import { KoreCallResult } from './koreResult';
import { Translate, formatTemplate } from './translate';

export interface BulkRequestOptions {
  readonly timeoutMs: number;
  readonly t?: Translate;
}

type Send = (target: KoreTarget, token: string, contactListId: string, options: CallOptions) => Promise<KoreCallResult>;

function bind(send: Send, target: KoreTarget, token: () => string, options: BulkRequestOptions): (id: string, signal: AbortSignal) => Promise<KoreCallResult | NotSent> {
  const t = options.t ?? formatTemplate;
  return async (id, signal) => {
    let auth: string;
    try {
      auth = token();
    } catch (error) {
      // Validator sentences only: a token source never puts the secret into its error.
      const why = error instanceof Error ? error.message : String(error);
      return notSent(t('No token could be made ({0}), so nothing was sent. Set the token again, then resume.', why));
    }
    return send(target, auth, id, { timeoutMs: options.timeoutMs, signal });
  };
}

/** DELETE, for runBulkDeletion's `deleteOne`. */
export function bulkDeleteOne(target: KoreTarget, token: () => string, options: BulkRequestOptions): DeleteOne {
  return bind(deleteContactList, target, token, options);
}

/** GET, for runBulkDeletion's `lookUp`. */
export function bulkLookUp(target: KoreTarget, token: () => string, options: BulkRequestOptions): LookUpOne {
  return bind(getContactList, target, token, options);
}
