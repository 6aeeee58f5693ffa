// Credentials in a library's or a server's error text (a proxy from `http.proxy`, a URL with user information)
// never reach an exchange, and so never a log, response document, bulk report, audit entry or message.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import fc from 'fast-check';
import { FetchError } from 'node-fetch';
import { judge } from '../../src/core/bulk/verdict';
import { scrubCredentials } from '../../src/core/text/credentialScrubber';
import { HttpExchange, failureExchange, scrubExchange, sendHttpRequest } from '../../src/core/api/koreHttp';
import { describeExchange, responseDocument } from '../../src/core/failures/responseDocument';
import { briefFailureReason, describeDeleteResult } from '../../src/core/failures/resultMessages';
import { propertyParameters } from '../support/propertyRuns';
import { resultOf } from '../support/koreResults';

const ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const HOST = 'https://kore.example.test';
const context = { contactListId: ID, environmentName: 'Prod', host: HOST, timeoutSeconds: 30 };
const request = { method: 'DELETE', url: `${HOST}/x`, headers: {} };

/** What @vscode/proxy-agent throws when no proxy connects, as node-fetch wraps it. */
function proxyAgentError(proxies: readonly string[]): FetchError {
  const cause = new Error(`Failed to establish a socket connection to proxies: ${JSON.stringify(proxies)}`);
  return new FetchError(`request to ${HOST}/api/public/bot/st-1/campaign/contactList/${ID} failed, reason: ${cause.message}`, 'system', { message: cause.message });
}

/** Every text a user or a file can end up with from one exchange. */
function everythingShown(exchange: HttpExchange): string {
  const result = resultOf(exchange, { request });
  const document = responseDocument(result);
  return [JSON.stringify(exchange), JSON.stringify(result), JSON.stringify(document), describeExchange(result), describeDeleteResult(result, context), briefFailureReason(result, 30), JSON.stringify(judge(result))].join('\n');
}

async function refusedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('credentials in error texts', () => {
  it('a proxy refusal from VS Code\'s proxy agent keeps the proxy\'s host but not its user or password', () => {
    const exchange = failureExchange(proxyAgentError(['PROXY alice:S3cret@proxy.corp:8080', 'SOCKS5 bob:hunter22@socks.corp:1080', 'DIRECT']), 12, 'unobserved');
    assert.equal(exchange.kind, 'proxy');
    const shown = everythingShown(exchange);
    for (const secret of ['S3cret', 'alice', 'hunter22', 'bob:']) assert.ok(!shown.includes(secret), `${secret} leaked: ${shown}`);
    assert.match(shown, /proxy\.corp:8080/, 'the proxy is still named, so the user knows which one refused');
  });

  it('a URL with user information in node-fetch\'s own error (a real refused loopback connection) loses it', async () => {
    const port = await refusedLoopbackPort();
    const exchange = await sendHttpRequest({ method: 'GET', url: `http://alice:S3cret@127.0.0.1:${port}/x`, headers: {}, timeoutMs: 5_000 });
    assert.equal(exchange.kind, 'network');
    assert.ok(exchange.kind === 'network' && exchange.detail.includes(`127.0.0.1:${port}`), 'the address is still named');
    assert.ok(!everythingShown(exchange).includes('S3cret'));
    assert.ok(!everythingShown(exchange).includes('alice'));
  });

  it('removes user information in each form a text can carry it, and leaves other text alone', () => {
    const cases: Array<[string, string]> = [
      ['http://alice:S3cret@proxy.corp:8080/', 'http://<redacted>@proxy.corp:8080/'],
      ['https:\\/\\/alice:S3cret@host\\/p', 'https:\\/\\/<redacted>@host\\/p'],
      ['url=http%3A%2F%2Falice%3AS3cret%40proxy.corp%3A8080', 'url=http%3A%2F%2F<redacted>%40proxy.corp%3A8080'],
      ['["PROXY alice:S3cret@proxy.corp:8080"]', '["PROXY <redacted>@proxy.corp:8080"]'],
      ['HTTPS a:b@h; SOCKS4 c:d@i; SOCKS e@j; HTTP f:g@k', 'HTTPS <redacted>@h; SOCKS4 <redacted>@i; SOCKS <redacted>@j; HTTP <redacted>@k'],
      ['PROXY alice:p@ss/w0rd@proxy:1', 'PROXY <redacted>@proxy:1'],
      ['["PROXY alice:pa\\"ss@proxy:1"]', '["PROXY <redacted>@proxy:1"]'],
      ['write to admin@kore.ai or see https://kore.ai/docs?a=b@c', 'write to admin@kore.ai or see https://kore.ai/docs?a=b@c'],
      ['HTTP 407 from proxy', 'HTTP 407 from proxy'],
    ];
    for (const [text, expected] of cases) assert.equal(scrubCredentials(text), expected, text);
  });

  it('removes a PAC proxy password holding white space, ", < or > (issue 18), and keeps the next entry', () => {
    const cases: Array<[string, string]> = [
      ['PROXY alice:pa ss@proxy:1', 'PROXY <redacted>@proxy:1'],
      ['PROXY alice:pa\tss word@proxy:1; DIRECT', 'PROXY <redacted>@proxy:1; DIRECT'],
      ['PROXY alice:p"w@proxy:1', 'PROXY <redacted>@proxy:1'],
      ['PROXY alice:<pw>@proxy:1', 'PROXY <redacted>@proxy:1'],
      ['SOCKS5 bob:a "b" <c>@socks:1080; PROXY carol:x y@p2:8', 'SOCKS5 <redacted>@socks:1080; PROXY <redacted>@p2:8'],
      ['["PROXY alice:pa ss@proxy:1","PROXY plain.corp:8"]', '["PROXY <redacted>@proxy:1","PROXY plain.corp:8"]'],
      ['["PROXY plain.corp:8","PROXY alice:p<w> s\\"@proxy:1"]', '["PROXY plain.corp:8","PROXY <redacted>@proxy:1"]'],
    ];
    for (const [text, expected] of cases) assert.equal(scrubCredentials(text), expected, text);
  });

  it('stays linear on hostile text (a 5 MB body of near-misses)', () => {
    for (const unit of ['%3A%2F%2Fa', 'PROXY%20a', 'a://b', 'HTTP a:b', 'PROXY a ', 'SOCKS5 x"y<z> ', 'PROXY a;']) {
      const started = performance.now();
      scrubCredentials(unit.repeat((5 * 1024 * 1024) / unit.length));
      assert.ok(performance.now() - started < 2_000, `${unit} took too long`);
    }
  });

  it('property: no generated user:password survives in any exchange, document or message', () => {
    // Characters a password may hold in a URL or as VS Code copies it raw into a PAC string: white space, quotes
    // and angle brackets too (issue 18), which a URL carries percent-encoded.
    const secretChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&\'()*+,;=%:@/"\\ \t<>'.split(''));
    const userChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~'.split(''));
    const user = fc.string({ unit: userChar, minLength: 3, maxLength: 12 }).map((text) => `U${text}`);
    const password = fc.string({ unit: secretChar, minLength: 6, maxLength: 16 }).map((text) => `Pw${text}Z`);
    const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const shape = fc.constantFrom('proxyAgent', 'url', 'percentUrl', 'jsonUrl', 'statusText', 'location', 'body');
    const keyword = fc.constantFrom('PROXY', 'HTTPS', 'HTTP', 'SOCKS', 'SOCKS4', 'SOCKS5');
    fc.assert(
      fc.property(user, password, shape, keyword, (name, secret, form, pac) => {
        // A raw "/" "?" "#" or "@" cannot be in a URL's password unencoded; a PAC string takes it raw.
        const urlSecret = encode(secret);
        const url = `http://${name}:${urlSecret}@proxy.corp:8080/path`;
        let exchange: HttpExchange;
        switch (form) {
          case 'proxyAgent':
            exchange = failureExchange(proxyAgentError([`${pac} ${name}:${secret}@proxy.corp:8080`, 'DIRECT']), 1, 'unobserved');
            break;
          case 'url':
            exchange = failureExchange(new FetchError(`request to ${url} failed, reason: connect ECONNREFUSED`, 'system'), 1, 'connecting');
            break;
          case 'percentUrl':
            exchange = failureExchange(new Error(`bad target ${encodeURIComponent(url)}`), 1, 'unobserved');
            break;
          case 'jsonUrl':
            exchange = scrubExchange({ kind: 'response', status: 502, statusText: 'Bad Gateway', headers: {}, bodyText: JSON.stringify({ message: `upstream ${url} failed` }), durationMs: 1 });
            break;
          case 'statusText':
            exchange = scrubExchange({ kind: 'response', status: 502, statusText: `via ${JSON.stringify([`${pac} ${name}:${secret}@p:1`])}`, headers: { via: url }, bodyText: '', durationMs: 1 });
            break;
          case 'location':
            exchange = scrubExchange({ kind: 'redirect', status: 302, location: url, durationMs: 1 });
            break;
          default:
            exchange = scrubExchange({ kind: 'response', status: 500, statusText: 'x', headers: {}, bodyText: `error at ${url}`, durationMs: 1 });
        }
        const shown = everythingShown(exchange);
        for (const spelling of [secret, urlSecret, encode(urlSecret), JSON.stringify(secret).slice(1, -1), `${name}:`, `${name}%3A`]) {
          if (shown.includes(spelling)) throw new Error(`${spelling} survived (${form}): ${shown}`);
        }
      }),
      propertyParameters(),
    );
  });
});
