// Copy as cURL pasted into real shells: interactive bash (history expansion on), zsh with its defaults (`zsh -f -i`:
// no interactive comments, `!` history expansion) and dash, each with a recording `curl` on PATH. Every paste must
// run exactly one curl with exactly the request's URL and headers, and nothing else (no other command, no message),
// whatever id the server gave, whatever the translation, in every shipped language. Random ids: the property in
// curlCommand.property.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { curlCommand, TOKEN_UNSET_MESSAGE, TOKEN_VARIABLE } from '../../src/core/api/curlCommand';
import { API_DIALECTS, ApiTarget } from '../../src/core/api/koreApiPaths';
import { KoreRequest, contactListRequest } from '../../src/core/api/koreRequest';
import { validateContactListId } from '../../src/core/input/validation';
import { withTranslation } from '../support/markedTranslation';
import { assertExactlyTheRequests as assertRequests } from '../support/curlReading';
import { PasteSession, REAL_SHELLS, RealShell, pasteIntoShell, shellAvailable } from '../support/pasteIntoShell';

const ROOT = path.join(__dirname, '../../..');
const target: ApiTarget = { host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' };
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl-_x';
const WITH_TOKEN = { [TOKEN_VARIABLE]: TOKEN };

function assertExactlyTheRequests(shell: RealShell, session: PasteSession, requests: readonly KoreRequest[], pastes: readonly string[]): void {
  assertRequests(shell, session, requests, pastes, TOKEN);
}

function bundle(language: 'de' | 'ja'): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, `l10n/bundle.l10n.${language}.json`), 'utf8')) as Record<string, string>;
}

for (const shell of REAL_SHELLS) {
  describe(`Copy as cURL pasted into ${shell === 'zsh' ? 'zsh -f -i' : shell === 'bash' ? 'bash -i' : 'dash -i'}`, function () {
    this.timeout(20_000);
    before(function () {
      if (!shellAvailable(shell)) throw new Error(`/bin/${shell} is missing: run npm run test-host (it installs zsh and dash), or apt-get install -y zsh dash`);
    });

    it('the test shell is a live one: its stand-ins record, and bash and zsh expand !! as a user\'s do', () => {
      const session = pasteIntoShell(shell, ['curl a', 'mark !!'], WITH_TOKEN);
      assert.deepEqual(session.recorded[1], { name: 'curl', args: ['a'] });
      assert.deepEqual(session.recorded[3], { name: 'mark', args: shell === 'dash' ? ['!!'] : ['mark'] }, session.stderr);
      if (shell === 'zsh') assert.match(pasteIntoShell(shell, ['# a comment']).stderr, /command not found: #/, 'zsh -f runs a pasted comment');
    });

    it('runs exactly the request in every dialect, for GET and DELETE, in every shipped language', () => {
      const requests = API_DIALECTS.flatMap((dialect) => (['GET', 'DELETE'] as const).map((method) => contactListRequest({ ...target, dialect }, method, 'cl-c2ce382-2516-457e-8eb4-9847deec0001')));
      for (const language of ['en', 'de', 'ja'] as const) {
        const contents = language === 'en' ? {} : bundle(language);
        const pastes = withTranslation((message) => contents[message] ?? message, () => requests.map((request) => curlCommand(request, 'posix')));
        assertExactlyTheRequests(shell, pasteIntoShell(shell, pastes, WITH_TOKEN), requests, pastes);
      }
    });

    it('a server id such as cl-9!!\'x neither repeats the previous command nor leaves a quote open', () => {
      const ids = ["cl-9!!'x", "cl-9'", 'cl-!-1', '!#', 'cl-$(mark x)`mark y`', 'cl-(a)*~b', '#cl'];
      const requests = ids.map((id) => contactListRequest(target, 'DELETE', id));
      const pastes = requests.map((request) => curlCommand(request, 'posix'));
      assertExactlyTheRequests(shell, pasteIntoShell(shell, pastes, WITH_TOKEN), requests, pastes);
    });

    it('a hostile translation runs nothing', () => {
      const hostile = "x'\n$(mark A)\n`mark B`;mark C !! #D \u2028 ${KORE_TOKEN} \"";
      const requests = (['GET', 'DELETE'] as const).map((method) => contactListRequest(target, method, 'cl-2'));
      const pastes = withTranslation(() => hostile, () => requests.map((request) => curlCommand(request, 'posix')));
      assertExactlyTheRequests(shell, pasteIntoShell(shell, pastes, WITH_TOKEN), requests, pastes);
    });

    it('runs no curl when KORE_TOKEN is unset or empty, and says so', () => {
      const paste = curlCommand(contactListRequest(target, 'DELETE', 'cl-2'), 'posix');
      for (const variables of [{}, { [TOKEN_VARIABLE]: '' }] as Array<Record<string, string>>) {
        const session = pasteIntoShell(shell, [paste], variables);
        // dash reading a pipe ends at the error (at a terminal it carries on, as bash and zsh do here): no curl either way.
        assert.deepEqual(session.recorded.map((command) => command.name).filter((name) => name !== 'mark'), ['prev'], session.stderr);
        assert.ok(session.stderr.includes(TOKEN_UNSET_MESSAGE), session.stderr);
      }
    });
  });
}

describe('the paste generator reaches what validation lets through', () => {
  it('validated ids include quotes, ! and parentheses', () => {
    for (const id of ["cl-9!!'x", 'cl-(a)*~b', 'cl-$(x)`y`']) assert.equal(validateContactListId(id), undefined, id);
  });
});
