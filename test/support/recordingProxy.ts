// A recording HTTP proxy on 127.0.0.1 for the corporate-proxy tests. It records every CONNECT target and every
// plain proxied request, and can refuse (any status, 407 with Proxy-Authenticate) or hang up. It never dials
// out: a tunnel or a plain request goes only to a loopback port named in `routes` (host name → port), so a
// test can use a Kore.ai-like host name that nothing resolves; anything else is answered 502 here.
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { AddressInfo, connect, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export type ProxyBehaviour =
  /** Tunnel CONNECTs and forward plain requests to the routed loopback port. */
  | { readonly kind: 'forward' }
  /** Answer every CONNECT and plain request with this status (407 adds a Proxy-Authenticate challenge). */
  | { readonly kind: 'refuse'; readonly status: number }
  /** Close the connection without answering. */
  | { readonly kind: 'hangUp' };

export class RecordingProxy {
  /** `host:port` of every CONNECT, in order. */
  readonly connects: string[] = [];
  /** `METHOD absolute-url` of every plain proxied request, in order. */
  readonly plain: string[] = [];
  behaviour: ProxyBehaviour = { kind: 'forward' };
  private readonly sockets = new Set<Socket | Duplex>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly routes: ReadonlyMap<string, number>,
  ) {}

  static async start(routes: ReadonlyMap<string, number>): Promise<RecordingProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const proxy = new RecordingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, routes);
    server.on('connection', (socket: Socket) => proxy.track(socket));
    server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => proxy.tunnel(request, client, head));
    server.on('request', (request: IncomingMessage, response: ServerResponse) => proxy.forward(request, response));
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket | Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** The loopback port for `host[:port]`, only when the test routed that host name. */
  private portFor(authority: string): number | undefined {
    const host = authority.replace(/:\d+$/, '').toLowerCase();
    return this.routes.get(host);
  }

  private tunnel(request: IncomingMessage, client: Duplex, head: Buffer): void {
    const target = request.url ?? '';
    this.connects.push(target);
    client.on('error', () => client.destroy());
    const behaviour = this.behaviour;
    if (behaviour.kind === 'hangUp') {
      client.destroy();
      return;
    }
    const port = this.portFor(target);
    if (behaviour.kind === 'refuse' || port === undefined) {
      const status = behaviour.kind === 'refuse' ? behaviour.status : 502;
      const body = `The proxy refused the CONNECT to ${target} (${status}).\n`;
      const challenge = status === 407 ? 'Proxy-Authenticate: Basic realm="test proxy"\r\n' : '';
      client.end(`HTTP/1.1 ${status} Refused\r\n${challenge}Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    // Terminates the tunnel at the test's own loopback server: nothing is resolved, nothing leaves 127.0.0.1.
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.track(upstream);
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
  }

  private forward(request: IncomingMessage, response: ServerResponse): void {
    const target = request.url ?? '';
    this.plain.push(`${request.method ?? ''} ${target}`);
    const behaviour = this.behaviour;
    if (behaviour.kind === 'hangUp') {
      request.socket.destroy();
      return;
    }
    let url: URL | undefined;
    try {
      url = new URL(target);
    } catch {
      url = undefined;
    }
    const port = url ? this.portFor(url.host) : undefined;
    if (behaviour.kind === 'refuse' || !url || port === undefined) {
      const status = behaviour.kind === 'refuse' ? behaviour.status : 502;
      response.writeHead(status, status === 407 ? { 'Proxy-Authenticate': 'Basic realm="test proxy"' } : {});
      response.end(`The proxy refused ${target} (${status}).\n`);
      return;
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: request.method, path: `${url.pathname}${url.search}`, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  }
}
