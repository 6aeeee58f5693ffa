// EnvironmentConnection: the only way the extension talks to Kore.ai. It binds an environment's credential (a
// fresh JWT per request for client credentials), the request timeout and the log (every exchange, the token
// redacted), and answers with the core's typed results. Part of the lazily loaded operations bundle.
import * as path from 'node:path';
import { AccountLimiters } from '../../core/pacing/accountLimiters';
import { isAbortError } from '../../core/pacing/clock';
import { AllListsResult, CallOptions, deleteContactList, getAllContactLists, getContactList } from '../../core/api/contactListClient';
import { DeleteOne, LookUpOne, NotSent, bulkDeleteOne, bulkLookUp, isNotSent } from '../../core/bulk/requests';
import { PROBE_CONTACT_LIST_ID } from '../../core/api/dialectDetection';
import { Environment } from '../../core/environments/environment';
import { ApiDialect } from '../../core/api/koreApiPaths';
import { KoreCallResult, responseStatusOf } from '../../core/api/koreResult';
import { RateLimiter } from '../../core/pacing/rateLimiter';
import { describeExchange } from '../../core/failures/responseDocument';
import { SendLedgers } from '../../core/pacing/sendLedger';
import { TokenSource, silentTokenSource } from './authentication';
import type { KoreServices } from './services';

/** What a request is for, in the log line: "delete", "look-up", "bulk"… */
export type Purpose = string;

/** Where the windows count their sends to each account, under the extension's global storage. */
const SEND_LEDGER_FOLDER = 'rate-ledger';

/**
 * One limiter per account for the whole window (this bundle is loaded once): every connection to an account,
 * from any feature, waits on the same one, as the platform counts them together; and it counts the other
 * windows' sends through the ledger in the global storage, which every window of this profile shares.
 */
let accountLimiters: AccountLimiters | undefined;

function limitersOf(globalStoragePath: string): AccountLimiters {
  const ledgers = new SendLedgers(path.join(globalStoragePath, SEND_LEDGER_FOLDER));
  accountLimiters ??= new AccountLimiters({ shared: (key) => ledgers.for(key) });
  return accountLimiters;
}

export class EnvironmentConnection {
  /** The account's limiter: bulk runs pace their requests with it; the calls below wait on it themselves. */
  readonly limiter: RateLimiter;

  constructor(
    private readonly services: Pick<KoreServices, 'settings' | 'log' | 'globalStoragePath'>,
    readonly environment: Environment,
    private readonly token: TokenSource,
  ) {
    this.limiter = limitersOf(services.globalStoragePath).for(environment, services.settings.rateLimitPerMinute());
  }

  /** The timeout in force, in seconds, for messages such as "did not answer within 30 s". */
  get timeoutSeconds(): number {
    return this.services.settings.requestTimeoutSeconds();
  }

  /** Get Contact List Details: the list's record, to look at it before deleting or to check its status. */
  async getContactList(contactListId: string, signal?: AbortSignal, purpose: Purpose = 'look-up'): Promise<KoreCallResult> {
    return this.answered(await getContactList(this.environment, this.token, contactListId, this.paced(signal)), purpose);
  }

  /** Delete Contact List Details. */
  async deleteContactList(contactListId: string, signal?: AbortSignal): Promise<KoreCallResult> {
    return this.answered(await deleteContactList(this.environment, this.token, contactListId, this.paced(signal)), 'delete');
  }

  /**
   * A harmless GET of a list nobody has (dialectDetection), in `dialect` rather than the environment's own:
   * whether that form of the API is served here. Paced and logged like every other request.
   */
  async probeDialect(dialect: ApiDialect, signal?: AbortSignal): Promise<KoreCallResult> {
    return this.answered(await getContactList({ ...this.environment, dialect }, this.token, PROBE_CONTACT_LIST_ID, this.paced(signal)), `dialect probe ${dialect}`);
  }

  /**
   * Get All List Details (of type "call"): for the tree, Test Connection and picking lists to delete. Only for a
   * dialect that has it (canListAll); for another, the client refuses and nothing is sent.
   */
  async listContactLists(signal?: AbortSignal, purpose: Purpose = 'list'): Promise<AllListsResult> {
    const listed = await getAllContactLists(this.environment, this.token, this.paced(signal));
    this.answered(listed.result, purpose);
    return listed;
  }

  /**
   * The two requests of a bulk run, neither paced nor paused here: the runner waits on `limiter` before each
   * (retries first) and pauses it on a 429. A token that cannot be made is "not sent" there (see bulk/requests),
   * so the runner reports those ids as not attempted rather than unknown.
   */
  bulkRequests(): { readonly deleteOne: DeleteOne; readonly lookUp: LookUpOne } {
    const options = { timeoutMs: this.timeoutSeconds * 1000 };
    const deleteOne = bulkDeleteOne(this.environment, this.token, options);
    const lookUp = bulkLookUp(this.environment, this.token, options);
    return {
      deleteOne: async (id, signal) => this.loggedIfSent(await deleteOne(id, signal), 'bulk delete'),
      lookUp: async (id, signal) => this.loggedIfSent(await lookUp(id, signal), 'bulk look-up'),
    };
  }

  /**
   * Options for one call that waits for the account's limiter before each request it sends. A cancel while
   * waiting lets the call go on to the client, which then sends nothing and reports it cancelled.
   */
  private paced(signal: AbortSignal | undefined): CallOptions {
    return {
      timeoutMs: this.timeoutSeconds * 1000,
      ...(signal ? { signal } : {}),
      beforeSend: () =>
        this.limiter.acquire(signal).catch((error: unknown) => {
          // A cancel while waiting: the client then sends nothing. Any other failure must not let the call go unpaced.
          if (!isAbortError(error)) throw error;
        }),
    };
  }

  private loggedIfSent(result: KoreCallResult | NotSent, purpose: Purpose): KoreCallResult | NotSent {
    if (isNotSent(result)) this.services.log.warn(`Not sent [${purpose}, environment "${this.environment.name}"]: ${result.reason}`);
    else this.logged(result, purpose);
    return result;
  }

  /** The answer to a paced call: logged, and a 429 pauses the account, not this call. */
  private answered(result: KoreCallResult, purpose: Purpose): KoreCallResult {
    // Every request to the account waits until the server said to come back.
    if (result.retryAfterSeconds !== undefined && responseStatusOf(result) === 429) {
      this.limiter.pauseUntil(this.limiter.clock.now() + result.retryAfterSeconds * 1000);
    }
    return this.logged(result, purpose);
  }

  private logged(result: KoreCallResult, purpose: Purpose): KoreCallResult {
    const line = `${describeExchange(result)} [${purpose}, environment "${this.environment.name}"]`;
    if (result.ok) this.services.log.info(line);
    else this.services.log.warn(line);
    this.services.log.debug(`Request headers: ${JSON.stringify(result.request.headers)}`);
    return result;
  }
}

/** services.connect: the credential is resolved (asking when it must), then bound. */
export async function connectEnvironment(services: KoreServices, environment: Environment): Promise<EnvironmentConnection | undefined> {
  const token = await services.authentication.tokenSource(environment);
  return token ? new EnvironmentConnection(services, environment, token) : undefined;
}

/** For background reads (the tree): never asks; says why when the credential cannot be used. */
export async function connectSilently(services: KoreServices, environment: Environment): Promise<{ connection?: EnvironmentConnection; problem?: string }> {
  const { token, problem } = await silentTokenSource(services.credentials, services.settings, environment);
  return token ? { connection: new EnvironmentConnection(services, environment, token) } : { ...(problem ? { problem } : {}) };
}
