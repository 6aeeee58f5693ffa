// Proxies and private certificate authorities, at the core's depth: a proxy's refusal is not "no network" and
// never Kore.ai's own 403; a certificate problem is named in words with the way out (trusting the company's CA,
// never switching verification off). The https cases run over real TLS to a loopback server with a CA made
// here; the proxy cases the core cannot reach without VS Code's proxy agent are worded from their exchanges
// (the extension-host suite drives them through a real proxy: test/extension/network.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { judge } from '../../src/core/bulk/verdict';
import { certificateProblem } from '../../src/core/failures/certificateProblems';
import { deleteContactList, getAllContactLists } from '../../src/core/api/contactListClient';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { HttpExchange } from '../../src/core/api/koreHttp';
import { KoreCallResult } from '../../src/core/api/koreResult';
import { isProxyFailure } from '../../src/core/failures/networkFailure';
import { briefFailureReason, describeConnectionTest, describeDeleteResult, pointsAtNetworkSettings } from '../../src/core/failures/resultMessages';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { useFakeKore } from '../support/fakeKoreFixture';
import { CertificateAuthority, issueServerCertificate, makeCertificateAuthority } from '../support/privateCa';
import { resultOf } from '../support/koreResults';

const ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const HOST = 'https://kore.example.test';
const context = { contactListId: ID, environmentName: 'On-prem', host: HOST, timeoutSeconds: 30 };
const testContext = { environmentName: 'On-prem', host: HOST, iid: 'st-1', accountId: 'acc-1', timeoutSeconds: 30 };
const request = { method: 'DELETE', url: `${HOST}/x`, headers: {} };
const NO_NETWORK = /no network|Check your network|Could not reach|network error/i;

function from(exchange: HttpExchange): KoreCallResult {
  return resultOf(exchange, { request });
}

describe('a proxy that refuses', () => {
  const fake = useFakeKore();

  it('a 407 is the proxy asking for credentials, never Kore.ai: nothing was sent, and the settings are offered', async () => {
    fake.server.setFault({ kind: 'status', status: 407, body: '<html>Proxy Authentication Required</html>', contentType: 'text/html', headers: { 'Proxy-Authenticate': 'Basic realm="corp"' } });
    const result = await deleteContactList(fake.target, fake.token, ID, { timeoutMs: 5_000 });
    assert.equal(result.exchange.kind, 'proxy');
    assert.equal(result.failure, 'proxy');
    assert.equal(deleteOutcomeOf(result), 'failed', 'a proxy that refused forwarded nothing');
    const message = describeDeleteResult(result, context);
    assert.match(message, /The proxy refused the connection to .*asks for credentials \(HTTP 407\).*http\.proxy.*Nothing was sent.*not deleted/);
    assert.doesNotMatch(message, NO_NETWORK);
    assert.ok(pointsAtNetworkSettings(result));
  });

  it('a 403 that came from the proxy is worded as the proxy\'s, not as the API scope', () => {
    const result = from({ kind: 'proxy', status: 403, detail: '403 Forbidden', durationMs: 3 });
    const message = describeDeleteResult(result, context);
    assert.match(message, /The proxy refused the connection to https:\/\/kore\.example\.test \(HTTP 403 from the proxy, not from Kore\.ai\)/);
    assert.doesNotMatch(message, /Campaign Management|scope/);
    const tested = describeConnectionTest(result, undefined, testContext);
    assert.equal(tested.ok, false);
    assert.match(tested.message, /proxy refused.*HTTP 403 from the proxy/);
    assert.doesNotMatch(tested.message, /Access denied|Account ID/);
    assert.match(briefFailureReason(result, 30), /the proxy refused the connection with HTTP 403/);
  });

  it('a proxy that hangs up on the CONNECT is "the proxy closed", not "no network"', () => {
    const result = from({ kind: 'proxy', detail: 'request to https://kore.example.test/x failed, reason: Proxy connection ended before receiving CONNECT response', durationMs: 3 });
    assert.match(describeDeleteResult(result, context), /The proxy closed the connection to https:\/\/kore\.example\.test before it was set up/);
    assert.doesNotMatch(describeDeleteResult(result, context), NO_NETWORK);
    assert.match(describeConnectionTest(result, undefined, testContext).message, /proxy closed the connection/);
    assert.equal(briefFailureReason(result, 30), 'the proxy closed the connection');
    assert.equal(deleteOutcomeOf(result), 'failed');
  });

  it('a bulk run stops at a proxy refusal: every other id would be refused alike', () => {
    const verdict = judge(from({ kind: 'proxy', status: 407, detail: '407', durationMs: 1 }));
    assert.ok(verdict.kind === 'failed', `failed, not ${verdict.kind}`);
    assert.equal(verdict.stopsRun, true);
    assert.match(verdict.reason, /proxy refused/);
  });

  it('recognises the proxy agents\' own errors, and only those', () => {
    // https-proxy-agent 7 (under @vscode/proxy-agent) and @vscode/proxy-agent itself, as node-fetch wraps them.
    assert.ok(isProxyFailure('request to https://h/x failed, reason: Proxy connection ended before receiving CONNECT response'));
    assert.ok(isProxyFailure('request to https://h/x failed, reason: No header received from proxy CONNECT response'));
    assert.ok(isProxyFailure('request to https://h/x failed, reason: Invalid header from proxy CONNECT response: "x"'));
    assert.ok(isProxyFailure('Failed to establish a socket connection to proxies: ["PROXY 127.0.0.1:1"]'));
    assert.ok(!isProxyFailure('request to https://h/x failed, reason: connect ECONNREFUSED 127.0.0.1:443'));
    assert.ok(!isProxyFailure('request to https://h/x failed, reason: socket hang up'));
  });
});

describe('a host whose certificate comes from a private certificate authority', () => {
  let dir = '';
  let ca: CertificateAuthority;
  const fake = useFakeKore();

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-ca-'));
    ca = makeCertificateAuthority(path.join(dir, 'ca'), 'Example Corp Inspection CA');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function overHttps(withChain: boolean): Promise<{ result: KoreCallResult; requests: number }> {
    const tls = await FakeKoreServer.start({ tls: issueServerCertificate(ca, { names: ['127.0.0.1'], withChain }) });
    try {
      const { result } = await getAllContactLists({ ...fake.target, host: tls.url }, fake.token, { timeoutMs: 5_000 });
      return { result, requests: tls.requests.length };
    } finally {
      await tls.close();
    }
  }

  for (const [sent, withChain, code] of [['the leaf alone', false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'], ['the leaf and its CA', true, 'SELF_SIGNED_CERT_IN_CHAIN']] as const) {
    it(`names the untrusted CA when the server sends ${sent} (${code}), and points at trusting it`, async () => {
      const { result, requests } = await overHttps(withChain);
      assert.equal(requests, 0, 'no request (and no token) crossed the untrusted connection');
      assert.deepEqual(result.exchange.kind === 'network' && result.exchange.code, code);
      const tested = describeConnectionTest(result, undefined, { ...testContext, host: 'https://127.0.0.1' });
      assert.equal(tested.ok, false);
      assert.match(tested.message, new RegExp(`certificate was issued by a certificate authority this computer does not trust.*\\(${code}\\)`));
      assert.match(tested.message, /NODE_EXTRA_CA_CERTS.*never switched off/);
      assert.ok(pointsAtNetworkSettings(result));
      assert.match(describeDeleteResult(result, context), /does not trust/);
      assert.match(briefFailureReason(result, 30), new RegExp(`^the certificate was issued by .*\\(${code}\\)$`));
    });
  }

  it('gives each certificate code its own plain sentence, and no sentence for what is not a certificate problem', () => {
    const codes = ['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_REVOKED'];
    const sentences = codes.map((code) => certificateProblem(code));
    assert.ok(sentences.every((sentence) => sentence !== undefined && !/[A-Z]{2,}_/.test(sentence)), 'plain words, not the code again');
    assert.equal(new Set(sentences).size, codes.length);
    assert.match(certificateProblem('CERT_HAS_EXPIRED') ?? '', /expired/);
    assert.match(certificateProblem('ERR_TLS_CERT_ALTNAME_INVALID') ?? '', /different host name/);
    assert.equal(certificateProblem('ECONNREFUSED'), undefined);
    const expired = from({ kind: 'network', code: 'CERT_HAS_EXPIRED', detail: '', phase: 'securing', durationMs: 1 });
    assert.match(describeConnectionTest(expired, undefined, testContext).message, /its certificate has expired \(CERT_HAS_EXPIRED\)/);
  });

  it('does not offer the network settings for what they cannot fix', () => {
    assert.ok(!pointsAtNetworkSettings(from({ kind: 'network', code: 'ECONNREFUSED', detail: '', phase: 'connecting', durationMs: 1 })));
    assert.ok(!pointsAtNetworkSettings(from({ kind: 'response', status: 403, statusText: '', headers: {}, bodyText: '{}', durationMs: 1 })));
  });
});

describe('certificate verification', () => {
  it('is never switched off anywhere in src/', () => {
    const root = path.join(__dirname, '../../../src');
    const offenders: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (/\.ts$/.test(entry.name) && /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity|strictSSL/.test(fs.readFileSync(file, 'utf8'))) offenders.push(file);
      }
    };
    visit(root);
    assert.ok(fs.existsSync(path.join(root, 'core', 'api', 'koreHttp.ts')), 'the scan looks at the sources');
    assert.deepEqual(offenders, []);
  });
});
