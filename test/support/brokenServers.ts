// Loopback servers that break a connection at a chosen moment, at the socket level: after the request was read
// (a TLS record garbled, a TCP reset), or before it could be sent (a TLS handshake answered with garbage). The
// fake Kore server cannot do this: node's http server only ever ends a connection cleanly or by destroying it.
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { ServerCertificate } from './privateCa';

/** One request as the server read it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
}

/** What the server does with a request it read: break the connection, or answer it and close. */
export type Answer = 'break' | { readonly status: number; readonly body: string };

export interface BrokenServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/** A TLS record of type application data whose content is garbage: the client cannot decrypt it. */
const GARBLED_RECORD = Buffer.concat([Buffer.from([0x17, 0x03, 0x03, 0x00, 0x40]), Buffer.alloc(0x40, 0xa5)]);

async function listen(server: net.Server, seen: SeenRequest[], scheme: 'http' | 'https'): Promise<BrokenServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Calls `onRequest` once the request's head (all a DELETE or GET has) was read from `stream`. */
function readHead(stream: net.Socket | tls.TLSSocket, onRequest: (request: SeenRequest) => void): void {
  let text = '';
  const onData = (chunk: Buffer) => {
    text += chunk.toString('latin1');
    if (!text.includes('\r\n\r\n')) return;
    stream.off('data', onData);
    const [method = '', target = ''] = text.split('\r\n', 1)[0].split(' ');
    onRequest({ method, path: target });
  };
  stream.on('data', onData);
  stream.on('error', () => undefined);
}

function answer(stream: net.Socket | tls.TLSSocket, { status, body }: { status: number; body: string }): void {
  stream.end(`HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * https with `certificate`: it completes the handshake, reads the request, then either answers it or writes a
 * record nobody can decrypt on the raw TCP socket and closes it (what a middlebox or a bad NIC does after the
 * request left: ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC on the client).
 */
export function tlsServerThatBreaks(certificate: ServerCertificate, decide: (request: SeenRequest) => Answer): Promise<BrokenServer> {
  const seen: SeenRequest[] = [];
  const server = net.createServer((raw) => {
    raw.on('error', () => undefined);
    const secure = new tls.TLSSocket(raw, { isServer: true, key: certificate.key, cert: certificate.cert });
    readHead(secure, (request) => {
      seen.push(request);
      const what = decide(request);
      if (what !== 'break') return answer(secure, what);
      raw.write(GARBLED_RECORD, () => setTimeout(() => raw.destroy(), 50));
    });
  });
  return listen(server, seen, 'https');
}

/** Plain http: reads the request, then resets the connection (RST) instead of answering. */
export function tcpServerThatResets(): Promise<BrokenServer> {
  const seen: SeenRequest[] = [];
  const server = net.createServer((socket) => {
    readHead(socket, (request) => {
      seen.push(request);
      socket.resetAndDestroy();
    });
  });
  return listen(server, seen, 'http');
}

/** Accepts TCP, reads the client's TLS hello and answers it with garbage, or with a reset: no handshake completes. */
export function serverThatBreaksTheHandshake(how: 'garbage' | 'reset'): Promise<BrokenServer> {
  const seen: SeenRequest[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      if (how === 'reset') socket.resetAndDestroy();
      else socket.end(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\nthis is no TLS server'));
    });
  });
  return listen(server, seen, 'https');
}

/** A loopback port nothing listens on: a connection to it is refused. */
export async function closedPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * Makes this process's https client trust `ca` (and only it) until the returned function is called: the
 * product never does this, it reads the operating system's store; a test's private CA has to be trusted somehow.
 */
export function trustOnly(ca: string): () => void {
  const options = https.globalAgent.options;
  const before = options.ca;
  options.ca = ca;
  return () => {
    options.ca = before;
  };
}
