// Corporate proxies and private certificate authorities, in the real extension host (code-server's).
//
// What VS Code's proxy support does here (checked against code-server 4.100 / VS Code 1.100 and its
// @vscode/proxy-agent 0.32): the extension host patches Node's http/https/net/tls module objects themselves,
// so the bundled node-fetch's `require("node:https")` is patched too; it applies in code-server's (remote)
// extension host as on the desktop. `http.proxySupport` (default "override") and `http.proxy` are read on
// every request, from the settings the extension host sees (user settings in code-server), so changing them
// at run time takes effect at once: the harness needs no setting written before launch. localhost, 127.0.0.1
// and ::1 always go direct, so the proxied host here is a name (kore.example.test, a reserved name nothing
// resolves) that the recording proxy tunnels to a loopback fake server itself. What must be there before the
// extension host starts: NODE_EXTRA_CA_CERTS (Node reads it once at start; the launcher sets it), the
// HTTPS_PROXY/NO_PROXY environment, and the OS store that `http.systemCertificates` loads once per host.
// Found here: with `http.systemCertificates` on (the default), VS Code adds the OS store's certificates to each
// TLS context with addCACert, and on Node 20 that gives the context a fresh root store WITHOUT the
// NODE_EXTRA_CA_CERTS ones. So a company CA is trusted either in the OS store (VS Code reads it), or through
// NODE_EXTRA_CA_CERTS with `http.systemCertificates` off; the last test pins this, and the README says so.
import * as assert from 'node:assert/strict';
import dns from 'node:dns';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { existingCertificateAuthority, issueServerCertificate, makeCertificateAuthority } from '../support/privateCa';
import { RecordingProxy } from '../support/recordingProxy';
import { useExtensionHarness, waitFor } from './harness';

const KORE_HOST_NAME = 'kore.example.test';
const OPEN_NETWORK_SETTINGS = 'Open Network Settings';
const http = () => vscode.workspace.getConfiguration('http');

describe('Corporate proxies and private certificate authorities', () => {
  const harness = useExtensionHarness();
  let scratch = '';
  let trusted: FakeKoreServer | undefined;
  let untrusted: FakeKoreServer | undefined;
  let proxy: RecordingProxy | undefined;
  const lookups: string[] = [];
  const originalLookup = dns.lookup;

  before(async () => {
    const companyCaDir = process.env.KORE_TEST_COMPANY_CA;
    assert.ok(companyCaDir && process.env.NODE_EXTRA_CA_CERTS, 'the launcher makes a company CA and passes NODE_EXTRA_CA_CERTS');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kore-network-'));
    const companyCa = existingCertificateAuthority(companyCaDir);
    // The company's CA signs the Kore.ai host's certificate, for its name (through the proxy) and for 127.0.0.1.
    trusted = await FakeKoreServer.start({ tls: issueServerCertificate(companyCa, { names: [KORE_HOST_NAME, '127.0.0.1'] }) });
    // A CA nobody told this machine about, as behind a TLS-inspecting proxy before IT rolled out its CA.
    const strangerCa = makeCertificateAuthority(path.join(scratch, 'stranger-ca'), 'Unknown inspection CA');
    untrusted = await FakeKoreServer.start({ tls: issueServerCertificate(strangerCa, { names: ['127.0.0.1'], withChain: true }) });
    proxy = await RecordingProxy.start(new Map([[KORE_HOST_NAME, Number(new URL(trusted.url).port)]]));
    // Tripwire: the proxied name must never be looked up (that would mean the proxy was bypassed and a DNS server
    // asked). It fails at once, without asking anyone, and the tests below check it never fired.
    const guarded = ((hostname: string, ...rest: unknown[]) => {
      if (hostname.toLowerCase().endsWith('.test')) {
        lookups.push(hostname);
        const callback = rest[rest.length - 1] as (error: NodeJS.ErrnoException) => void;
        const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname} (blocked by the test)`);
        error.code = 'ENOTFOUND';
        process.nextTick(() => callback(error));
        return;
      }
      return (originalLookup as (...args: unknown[]) => void)(hostname, ...rest);
    }) as typeof dns.lookup;
    Object.assign(dns, { lookup: guarded });
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    // The company CA comes through NODE_EXTRA_CA_CERTS, which the OS-store certificates would shadow (see above).
    await http().update('systemCertificates', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    Object.assign(dns, { lookup: originalLookup });
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('systemCertificates', undefined, vscode.ConfigurationTarget.Global);
    await proxy?.close();
    await trusted?.close();
    await untrusted?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  beforeEach(() => {
    if (proxy) proxy.behaviour = { kind: 'forward' };
    trusted?.reset();
    untrusted?.reset();
  });

  afterEach(() => assert.deepEqual(lookups, [], 'the proxied host name was never looked up: every request went through the proxy'));

  const need = <T>(value: T | undefined): T => {
    assert.ok(value, 'started in before()');
    return value;
  };

  async function testConnection(host: string): Promise<boolean | undefined> {
    const environment = await harness.environmentWithToken(`Env ${harness.ui.shown.length}-${Date.now()}`, { host });
    return vscode.commands.executeCommand<boolean>('koreContactLists.testConnection', environment.id);
  }

  it('sends a request to a Kore.ai host through http.proxy, and trusts the company CA from NODE_EXTRA_CA_CERTS', async () => {
    assert.equal(await testConnection(`https://${KORE_HOST_NAME}`), true, harness.ui.last('error')?.message);
    assert.match(harness.ui.last('info')?.message ?? '', /Connected to .*https:\/\/kore\.example\.test.*contact list\(s\) visible/);
    assert.ok(need(proxy).connects.includes(`${KORE_HOST_NAME}:443`), `the proxy saw CONNECT ${KORE_HOST_NAME}:443 (it saw ${JSON.stringify(need(proxy).connects)})`);
    const reached = need(trusted).requests.filter((request) => request.method === 'GET');
    assert.ok(reached.length > 0, 'the request came out of the tunnel at the fake Kore.ai server');
    assert.equal(reached[0].headers.host, KORE_HOST_NAME, 'addressed to the Kore.ai host, not to the proxy');
  });

  for (const [what, behaviour, expected] of [
    ['asks for credentials (407)', { kind: 'refuse', status: 407 }, /proxy refused the connection to https:\/\/kore\.example\.test: it asks for credentials \(HTTP 407\)/],
    ['forbids the host (403)', { kind: 'refuse', status: 403 }, /proxy refused the connection to https:\/\/kore\.example\.test \(HTTP 403 from the proxy, not from Kore\.ai\)/],
    ['hangs up', { kind: 'hangUp' }, /proxy closed the connection to https:\/\/kore\.example\.test before it was set up/],
  ] as const) {
    it(`says the proxy refused when it ${what}, and offers Open Network Settings`, async () => {
      const environment = await harness.environmentWithToken(`Refused ${what}`, { host: `https://${KORE_HOST_NAME}` });
      need(proxy).behaviour = behaviour;
      need(trusted).reset();
      assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), false);
      const shown = harness.ui.last('error');
      assert.match(shown?.message ?? '', expected);
      assert.doesNotMatch(shown?.message ?? '', /network|Campaign Management|Access denied/i, 'neither "no network" nor Kore.ai\'s own 403');
      assert.deepEqual(shown?.actions, [OPEN_NETWORK_SETTINGS]);
      assert.equal(need(trusted).requests.length, 0, 'nothing went past the proxy');
    });
  }

  it('names the certificate problem of a private CA, offers Open Network Settings, and opens them', async () => {
    const environment = await harness.environmentWithToken('Untrusted CA', { host: need(untrusted).url });
    harness.ui.errorAnswers.push(OPEN_NETWORK_SETTINGS);
    assert.equal(await vscode.commands.executeCommand('koreContactLists.testConnection', environment.id), false);
    const shown = harness.ui.last('error');
    assert.match(shown?.message ?? '', /its certificate was issued by a certificate authority this computer does not trust .*\(SELF_SIGNED_CERT_IN_CHAIN\)/);
    assert.match(shown?.message ?? '', /http\.systemCertificates.*NODE_EXTRA_CA_CERTS.*never switched off/);
    assert.deepEqual(shown?.actions, [OPEN_NETWORK_SETTINGS]);
    assert.equal(need(untrusted).requests.length, 0, 'no request (and no token) crossed the untrusted connection');
    await waitFor('the settings editor', () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings' || undefined);
  });

  it('succeeds once the CA is trusted the company way (NODE_EXTRA_CA_CERTS), with verification on', async () => {
    // The same kind of server as above, its certificate from the CA the extension host was started trusting.
    assert.equal(http().get('proxyStrictSSL'), true, 'certificate checks stay on');
    assert.equal(await testConnection(need(trusted).url), true, harness.ui.last('error')?.message);
    assert.match(harness.ui.last('info')?.message ?? '', /Connected to .*https:\/\/127\.0\.0\.1:\d+/);
    assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined, 'verification was never switched off for the process');
  });

  it('with http.systemCertificates on, the OS store shadows NODE_EXTRA_CA_CERTS (why the README gives two ways)', async () => {
    // A server of its own: a TLS session resumed from an earlier test would skip the certificate check.
    const fresh = await FakeKoreServer.start({ tls: issueServerCertificate(existingCertificateAuthority(process.env.KORE_TEST_COMPANY_CA ?? ''), { names: ['127.0.0.1'] }) });
    await http().update('systemCertificates', true, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await testConnection(fresh.url), false);
      assert.match(harness.ui.last('error')?.message ?? '', /does not trust/);
    } finally {
      await http().update('systemCertificates', false, vscode.ConfigurationTarget.Global);
      await fresh.close();
    }
  });
});
