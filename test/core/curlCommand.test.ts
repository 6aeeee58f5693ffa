// Copy as cURL: the request described once (koreRequest) is what the client sends and what the command says;
// the command, read back by a POSIX shell-word parser, carries exactly that request and never the token.
import * as assert from 'node:assert/strict';
import { withTranslation } from '../support/markedTranslation';
import fc from 'fast-check';
import { getContactList, deleteContactList } from '../../src/core/contactListClient';
import { curlCommand, shellQuote, TOKEN_VARIABLE } from '../../src/core/curlCommand';
import { API_DIALECTS, ApiDialect, ApiTarget } from '../../src/core/koreApiPaths';
import { AUTH_HEADER, KoreRequest, contactListRequest } from '../../src/core/koreRequest';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { propertyParameters } from '../support/propertyRuns';
import { parseShellCommands, ShellStopped } from '../support/shellWords';

const target: ApiTarget = { host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' };

/** The curl arguments the command must read as: method, URL, then each header with `auth` first. */
function expectedWords(request: KoreRequest, token: string): string[] {
  const headers = [[AUTH_HEADER, token], ...Object.entries(request.headers)].flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
  return ['curl', '--globoff', '--request', request.method, '--url', request.url, ...headers];
}

describe('koreRequest: one description per dialect', () => {
  const cases: Array<[ApiDialect, string, Record<string, string>]> = [
    ['v1', 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2', { iid: 'st-1', accountId: 'a1' }],
    ['v1-legacy', 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2?accountId=a1', {}],
    ['v2', 'https://platform.kore.ai/campaign/api/v2/public/st-1/campaign/contactList/cl-2?accountId=a1', { iid: 'st-1', accountId: 'a1' }],
  ];
  for (const [dialect, url, identity] of cases) {
    it(`${dialect}: method, URL and the headers besides auth`, () => {
      const request = contactListRequest({ ...target, dialect }, 'DELETE', 'cl-2');
      assert.equal(request.method, 'DELETE');
      assert.equal(request.url, url);
      assert.deepEqual(request.headers, { ...identity, 'Content-Type': 'application/json', Accept: 'application/json' });
      assert.deepEqual(Object.keys(request.headers), [...Object.keys(identity), 'Content-Type', 'Accept'], 'in the order sent');
      assert.equal(AUTH_HEADER in request.headers, false);
    });
  }
});

describe('the client sends exactly what koreRequest describes', function () {
  this.timeout(10_000);
  let server: FakeKoreServer;
  before(async () => {
    server = await FakeKoreServer.start();
  });
  after(() => server.close());

  for (const dialect of API_DIALECTS) {
    for (const method of ['GET', 'DELETE'] as const) {
      it(`${dialect} ${method}`, async () => {
        server.reset();
        server.setDialects([dialect]);
        const environment = { host: server.url, iid: server.app.iid, accountId: server.app.accountId, dialect };
        const token = server.app.staticTokens[0];
        const id = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
        const result = await (method === 'GET' ? getContactList : deleteContactList)(environment, token, id, { timeoutMs: 5_000 });
        assert.equal(result.ok, true, JSON.stringify(result.request));
        const described = contactListRequest(environment, method, id);
        const [sent] = server.requests;
        assert.equal(sent.method, described.method);
        assert.equal(`${server.url}${sent.path}${sent.query}`, described.url);
        const expectedHeaders = Object.fromEntries([[AUTH_HEADER, token], ...Object.entries(described.headers)].map(([name, value]) => [name.toLowerCase(), value]));
        for (const [name, value] of Object.entries(expectedHeaders)) assert.equal(sent.headers[name], value, name);
        // Nothing identifying beyond the description (transport headers such as host and content-length aside).
        assert.equal('iid' in sent.headers, 'iid' in expectedHeaders);
        assert.equal('accountid' in sent.headers, 'accountid' in expectedHeaders);
      });
    }
  }
});

describe('curlCommand', () => {
  it('writes the method, the URL and each header, with auth from $KORE_TOKEN and a comment on setting it', () => {
    const command = curlCommand(contactListRequest(target, 'DELETE', 'cl-2'), 'client');
    assert.equal(
      command,
      [
        `# Set ${TOKEN_VARIABLE} first to a JWT signed with the app's Client Secret as the extension does (HS256; claims appId = Client ID, sub, iat, exp, jti), e.g. read -rs KORE_TOKEN && export KORE_TOKEN`,
        '# This DELETE deletes the contact list for good: nothing asks for a confirmation.',
        "curl --globoff --request 'DELETE' \\",
        "  --url 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2' \\",
        '  --header "auth: ${KORE_TOKEN:?set KORE_TOKEN first}" \\',
        "  --header 'iid: st-1' \\",
        "  --header 'accountId: a1' \\",
        "  --header 'Content-Type: application/json' \\",
        "  --header 'Accept: application/json'",
      ].join('\n'),
      'no line break at the end',
    );
  });

  it('pasted, runs nothing by itself: it waits for Enter, and stops when KORE_TOKEN is unset or empty', () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const command = curlCommand(contactListRequest(target, method, 'cl-2'), 'jwt');
      // A shell without bracketed paste runs each line break it is given: none after the last line.
      assert.equal(/\n\s*$/.test(command), false, `${method}: no line break at the end`);
      // Left over from an earlier copy, or never exported: the shell stops at the auth header, nothing is sent.
      for (const variables of [{}, { [TOKEN_VARIABLE]: '' }] as Array<Record<string, string>>) {
        assert.throws(
          () => parseShellCommands(command, variables),
          (error: unknown) => error instanceof ShellStopped && error.variable === TOKEN_VARIABLE && error.said === `set ${TOKEN_VARIABLE} first`,
        );
      }
    }
  });

  it('the test shell reads ${NAME:?message} as a shell does', () => {
    assert.deepEqual(parseShellCommands('echo "a${X:?set X}b"', { X: 'x y' }), [['echo', 'ax yb']]);
    assert.throws(() => parseShellCommands('echo "${X:?set X}"', {}), ShellStopped);
    assert.throws(() => parseShellCommands('echo "${X:?set X}"', { X: '' }), ShellStopped);
    assert.throws(() => parseShellCommands('echo "${X:?$(rm -rf ~)}"', { X: 'x' }), /unsupported \$ expansion/);
  });

  it('quotes a single quote by closing, escaping and reopening', () => {
    assert.equal(shellQuote("a'b"), "'a'\\''b'");
    assert.deepEqual(parseShellCommands(`echo ${shellQuote("it's $(rm -rf ~) `x` \\ \n;")}`, {}), [['echo', "it's $(rm -rf ~) `x` \\ \n;"]]);
  });

  it('refuses a NUL, which no shell argument can carry, rather than cutting the value short', () => {
    assert.throws(() => curlCommand(contactListRequest({ ...target, iid: 'st\0x' }, 'GET', 'cl-2'), 'jwt'), /NUL/);
  });

  it('a hostile comment translation cannot start a command of its own', () => {
    // Every message translated to a line break and a command, as a hostile or broken language bundle could.
    const command = withTranslation(() => 'x\nrm -rf ~\u2028y', () => curlCommand(contactListRequest(target, 'GET', 'cl-2'), 'jwt'));
    assert.ok(command.includes('rm -rf'), 'the hostile translation was used');
    assert.deepEqual(parseShellCommands(command, { KORE_TOKEN: 'T' }), [expectedWords(contactListRequest(target, 'GET', 'cl-2'), 'T')]);
  });

  it('for any environment and id, a shell reads exactly the intended request, and never the token', () => {
    // Characters a shell or curl reads specially, often; then any ASCII and any code point (NUL aside: refused above).
    const special = fc.constantFrom(...`'"\\$\`!*?#;&|(){}[]~%/= \t\r\n\u2028@-`.split(''));
    const unit = fc.oneof(special, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
    const anyText = fc.string({ unit, maxLength: 30 }).filter((text) => !text.includes('\0'));
    fc.assert(
      fc.property(
        fc.record({ host: anyText, iid: anyText, accountId: anyText, dialect: fc.constantFrom(...API_DIALECTS) }),
        anyText,
        fc.constantFrom('GET' as const, 'DELETE' as const),
        fc.constantFrom('jwt' as const, 'client' as const, 'unknown' as const),
        // Shaped like a JWT, as the `auth` value is.
        fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('')), minLength: 24, maxLength: 40 }).map((text) => `eyJ${text}`),
        (environment, contactListId, method, source, token) => {
          fc.pre(![environment.host, environment.iid, environment.accountId, contactListId].some((field) => field.includes(token)));
          const request = contactListRequest(environment, method, contactListId);
          const command = curlCommand(request, source);
          assert.equal(command.includes(token), false);
          assert.deepEqual(parseShellCommands(command, { [TOKEN_VARIABLE]: token }), [expectedWords(request, token)]);
          assert.equal(command.endsWith('\n'), false, 'pasted, it waits for Enter');
          assert.throws(() => parseShellCommands(command, {}), ShellStopped, 'without KORE_TOKEN it stops');
        },
      ),
      propertyParameters(),
    );
  });
});
