// Copy as cURL: the request described once (koreRequest) is what the client sends and what the command says;
// the command, read back by the grammar of each shell it is written for (POSIX shells, PowerShell, cmd), carries
// exactly that request and never the token. (Pasted into real shells: curlPaste.test.ts.)
import * as assert from 'node:assert/strict';
import { withTranslation } from '../support/markedTranslation';
import { getContactList, deleteContactList } from '../../src/core/api/contactListClient';
import { CURL_SHELLS, curlAdvice, curlCommand, shellOfPath, TOKEN_VARIABLE, UnwritableRequest } from '../../src/core/api/curlCommand';
import { API_DIALECTS, ApiDialect, ApiTarget } from '../../src/core/api/koreApiPaths';
import { readCmdCommand } from '../support/cmdWords';
import { readPowerShellCommand } from '../support/powerShellWords';
import { AUTH_HEADER, contactListRequest } from '../../src/core/api/koreRequest';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { readCommand } from '../support/curlReading';
import { parseShellCommands, ShellStopped } from '../support/shellWords';

const target: ApiTarget = { host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' };

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

  it("an id holding ' ! ( ) * ~ travels percent-encoded, and the server reads back exactly the id", async () => {
    server.reset();
    server.setDialects(['v1']);
    const environment = { host: server.url, iid: server.app.iid, accountId: server.app.accountId };
    const id = "cl-9!!'x(1)*~";
    await getContactList(environment, server.app.staticTokens[0], id, { timeoutMs: 5_000 });
    const [sent] = server.requests;
    assert.ok(sent.path.endsWith('/cl-9%21%21%27x%281%29%2A%7E'), sent.path);
    assert.equal(`${server.url}${sent.path}${sent.query}`, contactListRequest(environment, 'GET', id).url, 'the copy names the URL sent');
    assert.equal(decodeURIComponent(sent.path.split('/').pop() ?? ''), id);
  });
});

describe('curlCommand', () => {
  it('POSIX: the method, the URL and each header, with auth from ${KORE_TOKEN:?…}, and not a comment', () => {
    assert.equal(
      curlCommand(contactListRequest(target, 'DELETE', 'cl-2'), 'posix'),
      [
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

  it('PowerShell: one line, curl.exe (curl is an alias there), single quotes, $env:KORE_TOKEN checked first', () => {
    assert.equal(
      curlCommand(contactListRequest(target, 'GET', 'cl-2'), 'powershell'),
      "if ($env:KORE_TOKEN) { curl.exe --globoff --request 'GET' --url 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2' " +
        `--header "auth: $env:KORE_TOKEN" --header 'iid: st-1' --header 'accountId: a1' --header 'Content-Type: application/json' --header 'Accept: application/json' } ` +
        "else { Write-Error 'set KORE_TOKEN first' }",
    );
  });

  it('cmd: one line, double quotes, %KORE_TOKEN% the only % in it, checked first', () => {
    assert.equal(
      curlCommand(contactListRequest({ ...target, dialect: 'v2' }, 'GET', 'cl-2'), 'cmd'),
      'if defined KORE_TOKEN (curl.exe --globoff --request "GET" --url "https://platform.kore.ai/campaign/api/v2/public/st-1/campaign/contactList/cl-2?accountId=a1" ' +
        '--header "auth: %KORE_TOKEN%" --header "iid: st-1" --header "accountId: a1" --header "Content-Type: application/json" --header "Accept: application/json") ' +
        'else (echo set KORE_TOKEN first)',
    );
  });

  it('pasted, runs nothing by itself: it waits for Enter, and stops when KORE_TOKEN is unset or empty', () => {
    for (const shell of CURL_SHELLS) {
      for (const method of ['GET', 'DELETE'] as const) {
        const command = curlCommand(contactListRequest(target, method, 'cl-2'), shell);
        // A shell without bracketed paste runs each line break it is given: none after the last line.
        assert.equal(/\n\s*$/.test(command), false, `${shell} ${method}: no line break at the end`);
        // Left over from an earlier copy, or never exported: the shell stops before curl, nothing is sent.
        for (const variables of [{}, { [TOKEN_VARIABLE]: '' }] as Array<Record<string, string>>) {
          assert.deepEqual(readCommand(command, shell, variables), { stopped: `set ${TOKEN_VARIABLE} first` }, shell);
        }
      }
    }
  });

  it('the test shell reads ${NAME:?message} as a shell does, and refuses comments and !', () => {
    assert.deepEqual(parseShellCommands('echo "a${X:?set X}b"', { X: 'x y' }), [['echo', 'ax yb']]);
    assert.throws(() => parseShellCommands('echo "${X:?set X}"', {}), ShellStopped);
    assert.throws(() => parseShellCommands('echo "${X:?set X}"', { X: '' }), ShellStopped);
    assert.throws(() => parseShellCommands('echo "${X:?$(rm -rf ~)}"', { X: 'x' }), /unsupported \$ expansion/);
    assert.throws(() => parseShellCommands('# a comment\necho a', {}), /unquoted special character "#"/);
    assert.throws(() => parseShellCommands("echo 'a!!b'", {}), /history expansion/);
  });

  it('the PowerShell and cmd readers refuse what those shells read specially', () => {
    const ps = (inner: string) => `if ($env:T) { curl.exe ${inner} } else { Write-Error 'x' }`;
    assert.deepEqual(readPowerShellCommand(ps(`--url 'a b' --header "auth: $env:T"`), { T: 'v' }), { ran: ['--url', 'a b', '--header', 'auth: v'] });
    for (const bad of ["'it''s'", "'a\u2019b'", '"$(x)"', '"a`b"', 'a;b', '--%', "'a'b", '"$x"', '@a', "'a\nb'"]) {
      assert.throws(() => readPowerShellCommand(ps(bad), { T: 'v' }), Error, bad);
    }
    const cmd = (inner: string) => `if defined T (curl.exe ${inner}) else (echo x)`;
    assert.deepEqual(readCmdCommand(cmd('--url "a b" --header "auth: %T%"'), { T: 'v' }, 'T'), { ran: ['--url', 'a b', '--header', 'auth: v'] });
    for (const bad of ['"a%41%b"', '"a&b"', '"a^b"', '"a!b!"', 'a&b', '"a|b"', '"a>b"', 'a%T%', '"a"b']) {
      assert.throws(() => readCmdCommand(cmd(bad), { T: 'v' }, 'T'), Error, bad);
    }
  });

  it('holds no comment and no translated text: the same command in every language and under a hostile translation', () => {
    const requests = (['GET', 'DELETE'] as const).map((method) => contactListRequest(target, method, 'cl-2'));
    for (const shell of CURL_SHELLS) {
      const english = requests.map((request) => curlCommand(request, shell));
      const hostile = withTranslation(() => "x'\n$(rm -rf ~)`id`!!#\u2028%PATH% $env:X", () => requests.map((request) => curlCommand(request, shell)));
      assert.deepEqual(hostile, english, shell);
      for (const command of english) assert.equal(command.includes('#'), false, `${shell}: no comment`);
    }
  });

  it('the advice beside the command says how to set the variable in that shell, and that a DELETE deletes', () => {
    assert.match(curlAdvice({ method: 'GET' }, 'posix', 'jwt'), /^Set \$KORE_TOKEN first to this environment's JWT, e\.g\. read -rs KORE_TOKEN && export KORE_TOKEN$/);
    assert.match(curlAdvice({ method: 'DELETE' }, 'powershell', 'client'), /^Set \$env:KORE_TOKEN first to a JWT signed with the app's Client Secret.*Read-Host -AsSecureString.*deletes the contact list for good/);
    assert.match(curlAdvice({ method: 'GET' }, 'cmd', 'unknown'), /^Set %KORE_TOKEN% first .*set \/p KORE_TOKEN=$/);
  });

  it('offers first the shell of VS Code\'s terminal, else the platform\'s', () => {
    assert.equal(shellOfPath('/bin/zsh', 'darwin'), 'posix');
    assert.equal(shellOfPath('C:\\Program Files\\Git\\bin\\bash.exe', 'win32'), 'posix');
    assert.equal(shellOfPath('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'win32'), 'powershell');
    assert.equal(shellOfPath('/usr/local/bin/pwsh', 'linux'), 'powershell');
    assert.equal(shellOfPath('C:\\WINDOWS\\System32\\cmd.exe', 'win32'), 'cmd');
    assert.equal(shellOfPath('', 'win32'), 'powershell');
    assert.equal(shellOfPath('', 'linux'), 'posix');
  });

  it('refuses a value outside the checked alphabets (NUL, quotes, spaces in a header) rather than escaping it', () => {
    for (const shell of CURL_SHELLS) {
      assert.throws(() => curlCommand(contactListRequest({ ...target, iid: "st'1" }, 'GET', 'cl-2'), shell), UnwritableRequest);
      assert.throws(() => curlCommand(contactListRequest({ ...target, accountId: 'a\0b' }, 'GET', 'cl-2'), shell), UnwritableRequest);
      assert.throws(() => curlCommand(contactListRequest({ ...target, host: "https://h'; rm -rf ~; '" }, 'GET', 'cl-2'), shell), UnwritableRequest);
      // URL parsing would drop a "." segment: the copy, like the request, is refused.
      assert.throws(() => curlCommand(contactListRequest(target, 'GET', '.'), shell), UnwritableRequest);
    }
    // cmd reads %xx% as a variable even inside quotes: an id that needs percent-encoding is not written for cmd.
    assert.throws(() => curlCommand(contactListRequest(target, 'GET', "cl-9!!'x"), 'cmd'), (error: unknown) => error instanceof UnwritableRequest && error.reason === 'cmdPercent');
    assert.doesNotThrow(() => curlCommand(contactListRequest(target, 'GET', "cl-9!!'x"), 'powershell'));
  });
});
