// How far one request got, seen on its socket rather than guessed from an error code (see networkFailure).
// node-fetch hides its request, so the request is found through Node's diagnostics channel, which announces
// each one once it is handed to its socket; the announcement runs in the async context of the call that made
// it, which AsyncLocalStorage gives back. VS Code's proxy support replaces the agent (so an agent of our own
// would not be used), but whatever agent is used, the request and its socket are Node's.
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { SendPhase, isLaterPhase } from '../failures/networkFailure';

/** One call's request as it progresses; `phase` only ever moves forward. */
export class SendPhaseWatch {
  phase: SendPhase = 'unobserved';
  private request: ClientRequest | undefined;

  constructor(
    private readonly method: string,
    /** Node's request carries the bare host name (no IPv6 brackets) and the path with its query. */
    private readonly host: string,
    private readonly path: string,
  ) {}

  static forUrl(method: string, url: string): SendPhaseWatch {
    const target = new URL(url);
    return new SendPhaseWatch(method, target.hostname.replace(/^\[(.*)\]$/, '$1'), `${target.pathname}${target.search}`);
  }

  /** Runs `send` with this watch as the one its request is reported to. */
  run<T>(send: () => Promise<T>): Promise<T> {
    return watches.run(this, send);
  }

  /** Takes the first request of this call that is the one meant (a stray request in the same context is not). */
  observe(request: ClientRequest): void {
    if (this.request !== undefined || request.method !== this.method || request.host !== this.host || request.path !== this.path) return;
    this.request = request;
    const socket = request.socket;
    if (socket) this.follow(request, socket);
    request.once('response', () => this.reach('answered'));
  }

  private reach(phase: SendPhase): void {
    if (isLaterPhase(phase, this.phase)) this.phase = phase;
  }

  private follow(request: ClientRequest, socket: Socket): void {
    const secured = (socket as Partial<TLSSocket>).encrypted === true;
    // A reused (keep-alive) connection, or a TLS one already verified, was ready before this request came.
    const ready = request.reusedSocket || (secured && (socket as TLSSocket).authorized);
    let connected = ready || !socket.connecting;
    let writable = ready || (connected && !secured);
    // The request's bytes are queued until the connection is ready; 'finish' before that proves nothing left.
    let finished = false;
    const settle = () => this.reach(!connected ? 'connecting' : !writable ? 'securing' : finished ? 'written' : 'writing');
    const onConnect = () => {
      connected = true;
      writable ||= !secured;
      settle();
    };
    const onSecure = () => {
      connected = writable = true;
      settle();
    };
    settle();
    request.once('finish', () => {
      finished = true;
      settle();
    });
    if (writable) return;
    // Only a connection still being set up is listened to, and only while this request is on it: a pooled
    // socket outlives its requests and must not collect their listeners.
    if (!connected) socket.once('connect', onConnect);
    if (secured) socket.once('secureConnect', onSecure);
    request.once('close', () => {
      socket.off('connect', onConnect);
      socket.off('secureConnect', onSecure);
    });
  }
}

const watches = new AsyncLocalStorage<SendPhaseWatch>();

subscribe('http.client.request.start', (message) => {
  const request = (message as { request?: ClientRequest } | undefined)?.request;
  if (request) watches.getStore()?.observe(request);
});
