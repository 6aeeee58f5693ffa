// A fake Kore.ai server for tests and the demo: a real HTTP server on 127.0.0.1 and a random port that
// implements the documented contact-list contract (headers, HS256 JWTs, 404s, the per-account rate
// limit) and can be told to misbehave. It records every request so tests assert what was really sent.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import { ContactListData, DEFAULT_APP, FakeApp, FakeDialect, makeContactList, seedContactLists } from './seedData';
import { verifyFakeJwt } from './jwt';

export type Fault =
  /** Answer normally, after a delay. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Accept the request and never answer. */
  | { readonly kind: 'hang' }
  /** Send headers and half a body, then stall forever. */
  | { readonly kind: 'stallMidBody' }
  /** Any status with any body. */
  | { readonly kind: 'status'; readonly status: number; readonly body: string; readonly contentType?: string; readonly headers?: Record<string, string> }
  /** A gateway's HTML error page (502/503). */
  | { readonly kind: 'html'; readonly status: number }
  /** 200 with a body that is not JSON. */
  | { readonly kind: 'badJson' }
  /** 200 with no body at all. */
  | { readonly kind: 'emptyBody' }
  /** 200 with `status: "failure"`. */
  | { readonly kind: 'failureStatus'; readonly message?: string }
  /**
   * A redirect, to another host by default. `afterDeleting`: a DELETE is applied first, then answered with the
   * redirect (a 303 See Other says just that: RFC 9110 15.4.4).
   */
  | { readonly kind: 'redirect'; readonly location: string; readonly status?: number; readonly afterDeleting?: boolean }
  /** Headers and part of the body, then the connection is destroyed. */
  | { readonly kind: 'reset' }
  /** A body of this many bytes (JSON-looking). */
  | { readonly kind: 'oversize'; readonly bytes: number; readonly declareLength?: boolean }
  /** The older API variant: `{status, message}` with no `data`. */
  | { readonly kind: 'missingData' }
  /** A DELETE that deletes the list as usual, answered with this 2xx status (default 200) and body. */
  | { readonly kind: 'deletedWith'; readonly body: string; readonly status?: number };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  readonly at: number;
  /** The status the server answered, or undefined when it never answered (hang, reset). */
  status?: number;
}

export interface FakeKoreOptions {
  readonly apps?: readonly FakeApp[];
  /** Lists to start with; by default the seed lists of each app. */
  readonly contactLists?: readonly ContactListData[];
  /** Requests per minute per account before 429. The platform's documented limit is 60. */
  readonly rateLimitPerMinute?: number;
  /** The window that limit is counted in, default a minute: tests of pacing across processes shorten it. */
  readonly rateWindowMs?: number;
  /** Whether 429 answers carry `Retry-After` (the platform does not promise it). */
  readonly retryAfterHeader?: boolean;
  /** Added to every answer, to exercise real pacing. */
  readonly latencyMs?: number;
  readonly port?: number;
  /** Which methods "getAllListDetails" answers (default both; the vendor's pages disagree). */
  readonly allListsMethods?: ReadonlyArray<'GET' | 'POST'>;
  /** Serve https with this key and certificate (for TLS failure tests). */
  readonly tls?: { readonly key: string; readonly cert: string };
  readonly now?: () => number;
}

const API_PREFIXES = ['/agentassist/api/v1/public/', '/campaign/api/v2/public/'];
const V1_ROUTE = /^\/agentassist\/api\/v1\/public\/([^/]+)\/campaign\/contactList\/([^/]+)$/;
const V2_ROUTE = /^\/campaign\/api\/v2\/public\/([^/]+)\/campaign\/contactList\/([^/]+)$/;
const DEFAULT_DIALECTS: readonly FakeDialect[] = ['v1'];

/**
 * Which dialect a request speaks, by its route: v2 has its own path; v1 and v1 legacy share one, and the legacy
 * form is the one that carries `?accountId=` (the documented difference). Undefined: no contact-list route.
 */
function routeOf(path: string, query: string): { dialect: FakeDialect; iid: string; listId: string } | undefined {
  const v2 = V2_ROUTE.exec(path);
  if (v2) return { dialect: 'v2', iid: decodeURIComponent(v2[1]), listId: decodeURIComponent(v2[2]) };
  const v1 = V1_ROUTE.exec(path);
  if (!v1) return undefined;
  return { dialect: new URLSearchParams(query).has('accountId') ? 'v1-legacy' : 'v1', iid: decodeURIComponent(v1[1]), listId: decodeURIComponent(v1[2]) };
}

export class FakeKoreServer {
  readonly requests: RecordedRequest[] = [];
  readonly lists = new Map<string, ContactListData>();
  readonly apps: readonly FakeApp[];
  private readonly faults: Array<{ fault: Fault; remaining: number; method?: string; skip: number }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly callsByAccount = new Map<string, number[]>();
  private readonly now: () => number;
  private rateLimitPerMinute: number;
  private latencyMs: number;
  /** Per app (by IID): the dialects set by setDialects, over the app's own; cleared by reset. */
  private readonly dialectOverrides = new Map<string, readonly FakeDialect[]>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeKoreOptions,
  ) {
    this.apps = options.apps ?? [DEFAULT_APP];
    this.now = options.now ?? Date.now;
    this.rateLimitPerMinute = options.rateLimitPerMinute ?? 60;
    this.latencyMs = options.latencyMs ?? 0;
    const lists = options.contactLists ?? this.apps.flatMap((app) => seedContactLists(app));
    for (const list of lists) this.lists.set(list._id, structuredClone(list));
  }

  static async start(options: FakeKoreOptions = {}): Promise<FakeKoreServer> {
    const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }) : createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the fake Kore server has no TCP address');
    const instance = new FakeKoreServer(server, `${options.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`, options);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => instance.handle(request, response));
    server.on('connection', (socket: Socket) => {
      instance.sockets.add(socket);
      socket.on('close', () => instance.sockets.delete(socket));
    });
    return instance;
  }

  get app(): FakeApp {
    return this.apps[0];
  }

  /**
   * The next `times` requests (default: all until clearFaults), or only those of `method`, meet this fault,
   * after `skip` such requests have been answered normally.
   */
  setFault(fault: Fault, times = Number.POSITIVE_INFINITY, method?: 'GET' | 'DELETE' | 'POST', skip = 0): void {
    this.faults.push({ fault, remaining: times, skip, ...(method ? { method } : {}) });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  setRateLimit(perMinute: number): void {
    this.rateLimitPerMinute = perMinute;
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Which dialects `app` (default: the first) answers from now on; a route of any other is an unknown route (404). */
  setDialects(dialects: readonly FakeDialect[], app: FakeApp = this.app): void {
    this.dialectOverrides.set(app.iid, [...dialects]);
  }

  /** The dialects an app answers: set by setDialects, else the app's own, else v1 only. */
  dialectsOf(app: FakeApp): readonly FakeDialect[] {
    return this.dialectOverrides.get(app.iid) ?? app.dialects ?? DEFAULT_DIALECTS;
  }

  addList(fields: Partial<ContactListData> & { name: string }, app: FakeApp = this.app): ContactListData {
    const list = makeContactList(app, fields);
    this.lists.set(list._id, list);
    return list;
  }

  /** Forgets recorded requests, faults, rate-limit history and dialect switches; restores the seed lists. */
  reset(): void {
    this.requests.length = 0;
    this.dialectOverrides.clear();
    this.clearFaults();
    this.callsByAccount.clear();
    this.lists.clear();
    const lists = this.options.contactLists ?? this.apps.flatMap((app) => seedContactLists(app));
    for (const list of lists) this.lists.set(list._id, structuredClone(list));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(method: string): Fault | undefined {
    const index = this.faults.findIndex((candidate) => candidate.method === undefined || candidate.method === method);
    if (index < 0) return undefined;
    const entry = this.faults[index];
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.faults.splice(index, 1);
    return entry.fault;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const record: RecordedRequest = {
        method: request.method ?? '',
        path: url.pathname,
        query: url.search,
        headers: { ...request.headers },
        body: Buffer.concat(chunks).toString('utf8'),
        at: this.now(),
      };
      this.requests.push(record);
      const send = (status: number, body: string, headers: Record<string, string> = {}) => {
        record.status = status;
        const write = () => {
          if (response.destroyed) return;
          response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
          response.end(body);
        };
        if (this.latencyMs > 0) setTimeout(write, this.latencyMs);
        else write();
      };
      const fault = API_PREFIXES.some((prefix) => url.pathname.startsWith(prefix)) ? this.takeFault(record.method) : undefined;
      if (fault && this.applyFault(fault, record, response, send)) return;
      this.route(record, send, fault);
    });
  }

  /** Returns true when the fault answered (or deliberately did not answer) the request. */
  private applyFault(fault: Fault, record: RecordedRequest, response: ServerResponse, send: (status: number, body: string, headers?: Record<string, string>) => void): boolean {
    switch (fault.kind) {
      case 'slow':
        setTimeout(() => this.route(record, send, undefined), fault.delayMs);
        return true;
      case 'hang':
        return true;
      case 'stallMidBody':
        record.status = 200;
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
        response.write('{"status":"succ');
        return true;
      case 'status':
        send(fault.status, fault.body, { 'Content-Type': fault.contentType ?? 'application/json; charset=utf-8', ...(fault.headers ?? {}) });
        return true;
      case 'html':
        send(fault.status, `<!DOCTYPE html>\n<html><head><title>${fault.status} Bad Gateway</title></head><body><h1>${fault.status} Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>\n`, {
          'Content-Type': 'text/html; charset=utf-8',
        });
        return true;
      case 'badJson':
        send(200, '{"status":"success","message":"Contact list deleted', {});
        return true;
      case 'emptyBody':
        send(200, '', {});
        return true;
      case 'redirect':
        // Applied first when asked to: the route deletes the list and answers with the redirect.
        if (fault.afterDeleting && record.method === 'DELETE') return false;
        send(fault.status ?? 302, '', { Location: fault.location });
        return true;
      case 'reset':
        record.status = 200;
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
        response.write('{"status":"success","message":"Contact list');
        setTimeout(() => response.socket?.destroy(), 20);
        return true;
      case 'oversize': {
        record.status = 200;
        response.writeHead(200, { 'Content-Type': 'application/json', ...(fault.declareLength ? { 'Content-Length': String(fault.bytes) } : {}) });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const pump = () => {
          while (sent < fault.bytes && !response.destroyed) {
            const size = Math.min(chunk.length, fault.bytes - sent);
            sent += size;
            if (!response.write(chunk.subarray(0, size))) {
              response.once('drain', pump);
              return;
            }
          }
          if (!response.destroyed) response.end();
        };
        pump();
        return true;
      }
      default:
        // failureStatus, missingData and deletedWith shape an otherwise normal answer: the route applies them.
        return false;
    }
  }

  private route(record: RecordedRequest, send: (status: number, body: string, headers?: Record<string, string>) => void, fault: Fault | undefined): void {
    const json = (status: number, body: unknown, headers?: Record<string, string>) => send(status, JSON.stringify(body), headers);
    // What a real platform answers for a path it does not serve: its web framework's page, before any API code
    // runs, so not the contact-list API's JSON envelope (Test Connection tells the two 404s apart by that).
    const unknownRoute = () =>
      send(404, `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><pre>Cannot ${record.method} ${record.path.replace(/[<>&"]/g, '')}</pre></body></html>\n`, {
        'Content-Type': 'text/html; charset=utf-8',
      });
    const route = routeOf(record.path, record.query);
    if (!route) return unknownRoute();
    const { dialect, iid: pathIid, listId } = route;
    const app = this.apps.find((candidate) => candidate.iid === pathIid);
    // A tenant that does not serve this dialect has no such route; an unknown app is judged by what any app serves.
    const served = app ? this.dialectsOf(app) : this.apps.flatMap((candidate) => this.dialectsOf(candidate));
    if (!served.includes(dialect)) return unknownRoute();
    // The list-all call is documented for v1 only: the other dialects have no such route.
    if (listId === 'getAllListDetails' && dialect !== 'v1') return unknownRoute();
    const header = (name: string) => {
      const value = record.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    };
    const queryAccountId = new URLSearchParams(record.query).get('accountId');

    const token = header('auth');
    if (!token) return json(401, { errors: [{ msg: 'The auth header is missing: send the JWT in a header named auth.', code: 401 }] });
    if (!app) return json(401, { errors: [{ msg: 'Invalid app: no app has this IID.', code: 401 }] });
    if (!this.tokenIsValid(token, app)) return json(401, { errors: [{ msg: 'Invalid token: the JWT was not signed for this app, or it expired.', code: 401 }] });
    let accountId: string | undefined;
    if (dialect === 'v1-legacy') {
      // Stricter than a platform would be, on purpose: the legacy form documents `auth` alone, and a client that
      // sends more is not following the table it claims to.
      if (header('iid') !== undefined || header('accountid') !== undefined) return json(400, { errors: [{ msg: 'This API takes only the auth header; the account id goes in the query.', code: 400 }] });
      accountId = queryAccountId ?? undefined;
      if (!accountId) return json(400, { errors: [{ msg: 'The accountId query parameter is missing.', code: 400 }] });
    } else {
      const iidHeader = header('iid');
      if (!iidHeader) return json(400, { errors: [{ msg: 'The iid header is missing.', code: 400 }] });
      if (iidHeader !== pathIid) return json(400, { errors: [{ msg: 'The iid header does not match the IID in the path.', code: 400 }] });
      accountId = header('accountid');
      if (!accountId) return json(400, { errors: [{ msg: 'The accountId header is missing.', code: 400 }] });
      if (dialect === 'v2' && queryAccountId !== accountId) return json(400, { errors: [{ msg: 'The accountId query parameter is missing or differs from the accountId header.', code: 400 }] });
    }
    if (accountId !== app.accountId) return json(403, { errors: [{ msg: 'The accountId does not belong to this app.', code: 403 }] });

    const retryAfter = this.rateLimited(accountId);
    if (retryAfter !== undefined) {
      return json(
        429,
        { errors: [{ msg: 'Rate limit exceeded: the per-minute rate limit of campaign management APIs was reached for this account.', code: 429 }] },
        this.options.retryAfterHeader === false ? {} : { 'Retry-After': String(retryAfter) },
      );
    }

    if (listId === 'getAllListDetails') {
      const allowed: readonly string[] = this.options.allListsMethods ?? ['GET', 'POST'];
      if (!allowed.includes(record.method)) return json(405, { errors: [{ msg: `Method ${record.method} is not allowed here.`, code: 405 }] });
      const type = new URLSearchParams(record.query).get('type');
      const data = [...this.lists.values()].filter((list) => list.iId === app.iid && (!type || list.listType === type));
      return json(200, { status: 'success', message: '', data });
    }
    const list = this.lists.get(listId);
    if (!list || list.iId !== app.iid) {
      return json(404, { status: 'failure', message: `Contact list ${listId} not found` });
    }
    // v2 ("AI for Service") documents the same record with more mapping keys, such as contactPriority.
    const data = dialect === 'v2' ? { ...list, mapping: { ...(list.mapping as Record<string, unknown> | undefined), contactPriority: 'contactPriority' } } : list;
    if (record.method === 'GET') {
      if (fault?.kind === 'failureStatus') return json(200, { status: 'failure', message: fault.message ?? 'Could not read the contact list' });
      return json(200, { status: 'success', message: '', data });
    }
    if (record.method === 'DELETE') {
      if (fault?.kind === 'failureStatus') return json(200, { status: 'failure', message: fault.message ?? 'Could not delete the contact list' });
      this.lists.delete(listId);
      const message = `Contact list ${list.name} deleted successfully`;
      if (fault?.kind === 'redirect') return send(fault.status ?? 303, '', { Location: fault.location });
      // The legacy form answers a delete without the record, as does the older variant a fault imitates.
      if (fault?.kind === 'missingData' || dialect === 'v1-legacy') return json(200, { status: 'success', message: 'Contact list deleted successfully' });
      if (fault?.kind === 'deletedWith') return send(fault.status ?? 200, fault.body);
      return json(200, { status: 'success', message, data });
    }
    return json(405, { errors: [{ msg: `Method ${record.method} is not allowed here.`, code: 405 }] });
  }

  private tokenIsValid(token: string, app: FakeApp): boolean {
    if (app.staticTokens.includes(token)) return true;
    return verifyFakeJwt(token, app.clientSecret, app.clientId, Math.floor(this.now() / 1000)).ok;
  }

  /** A sliding window per account (a minute unless rateWindowMs). Returns the seconds to wait when over the limit. */
  private rateLimited(accountId: string): number | undefined {
    const now = this.now();
    const windowMs = this.options.rateWindowMs ?? 60_000;
    const calls = (this.callsByAccount.get(accountId) ?? []).filter((at) => at > now - windowMs);
    if (calls.length >= this.rateLimitPerMinute) {
      this.callsByAccount.set(accountId, calls);
      // With a limit of 0 nothing is ever allowed: the window is a whole minute.
      return calls.length === 0 ? Math.max(1, Math.ceil(windowMs / 1000)) : Math.max(1, Math.ceil((calls[0] + windowMs - now) / 1000));
    }
    calls.push(now);
    this.callsByAccount.set(accountId, calls);
    return undefined;
  }
}
