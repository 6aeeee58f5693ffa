// The properties of Copy as cURL (run by npm run fuzz with a random seed and many cases): every URL the extension
// builds holds an id, App ID and Account ID only as `A-Za-z0-9-_.` and percent-escapes; the command for each shell,
// read by that shell's grammar, runs exactly the request or is refused; and pasted into real bash -i, zsh -f -i and
// dash, each command runs exactly one curl with exactly its request, whatever the id.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CURL_SHELLS, curlCommand, TOKEN_VARIABLE, UnwritableRequest } from '../../src/core/api/curlCommand';
import { API_DIALECTS, ApiTarget, contactListUrl, expectedContactListRequest, unexpectedRequestUrl } from '../../src/core/api/koreApiPaths';
import { contactListRequest } from '../../src/core/api/koreRequest';
import { normaliseHost, validateAccountId, validateContactListId, validateIid } from '../../src/core/input/validation';
import { assertExactlyTheRequests, curlArguments, readCommand } from '../support/curlReading';
import { REAL_SHELLS, pasteIntoShell, shellAvailable } from '../support/pasteIntoShell';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';

const target: ApiTarget = { host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' };
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl-_x';

/** Characters and pieces a shell, curl or a terminal reads specially; and text validation would refuse, for the encoder. */
const PIECES = ["'", '!', '!!', '!-1', '!#', '^', '$(mark x)', '`mark y`', '$HOME', '#', ' #', '*', '?', '[a]', '{a,b}', '~', '~root', '(', ')', '\\', '"', ';', '&', '|', '<', '>', '%', '=', ':', '\u00e9', '\u3042', '\u2028', '\n', '\r', ' ', '\t', 'cl-9', 'x'];
const idArbitrary = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 8 })
  .map((pieces) => pieces.join(''))
  // Only dots is refused before sending (URL parsing would drop the segment): checked in curlCommand.test.ts.
  .filter((id) => !/^\.+$/.test(id));

describe('Copy as cURL: properties', function () {
  this.timeout(propertyTimeoutMs());

  it('for any id, App ID and Account ID, the URL holds them as [A-Za-z0-9-_.%] only and decodes back to them', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(..."'!()*~$`#;&|<>\"\\ %\n".split('')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(text, text, text, fc.constantFrom(...API_DIALECTS), (id, iid, accountId, dialect) => {
        const target = { host: 'https://h', iid, accountId, dialect };
        const sent = contactListUrl(target, id);
        // A dot segment ("." or "..", encoded or not) is resolved away by every URL parser: validation refuses such
        // an id or App ID, and the check before sending must see that the URL no longer goes where it was meant.
        if ([id, iid].some((segment) => /^\.{1,2}$/.test(segment))) {
          assert.notEqual(unexpectedRequestUrl(sent, expectedContactListRequest(target, id)), undefined);
          return;
        }
        const url = new URL(sent);
        const segments = url.pathname.split('/');
        for (const segment of [segments[segments.length - 1], segments[segments.indexOf('public') + 1], url.search.replace(/^\?accountId=/, '')]) {
          assert.match(segment, /^[A-Za-z0-9_.%-]*$/);
        }
        assert.equal(decodeURIComponent(segments[segments.length - 1]), id);
        assert.equal(decodeURIComponent(segments[segments.indexOf('public') + 1]), iid);
        if (url.search) assert.equal(new URLSearchParams(url.search).get('accountId'), accountId);
      }),
      propertyParameters(),
    );
  });

  it('for any environment and id, each shell reads exactly the intended request, or it is refused; never the token', () => {
    // Characters a shell or curl reads specially, often; then any ASCII and any code point (NUL included: refused).
    const special = fc.constantFrom(...`'"\\$\`!*?#;&|(){}[]~%/=^<> \t\r\n\u2028\u2019\u201c\u2013@-\0`.split(''));
    const unit = fc.oneof(special, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
    const anyText = fc.string({ unit, maxLength: 30 });
    const validHost = fc.constantFrom('https://platform.kore.ai', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'https://de-platform.kore.ai');
    const appId = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_'.split('')), minLength: 1, maxLength: 12 });
    // Mostly what validation accepts (so most cases are written, not refused), sometimes anything.
    const mostly = <T>(valid: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: any, weight: 1 });
    let written = 0;
    fc.assert(
      fc.property(
        fc.record({ host: mostly(validHost, anyText), iid: mostly(appId, anyText), accountId: mostly(appId, anyText), dialect: fc.constantFrom(...API_DIALECTS) }),
        anyText,
        fc.constantFrom('GET' as const, 'DELETE' as const),
        fc.constantFrom(...CURL_SHELLS),
        // Shaped like a JWT, as the `auth` value is.
        fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('')), minLength: 24, maxLength: 40 }).map((text) => `eyJ${text}`),
        (environment, contactListId, method, shell, token) => {
          const request = contactListRequest(environment, method, contactListId);
          let command: string;
          try {
            command = curlCommand(request, shell);
          } catch (error) {
            assert.ok(error instanceof UnwritableRequest, String(error));
            // What validation accepts is always written for POSIX shells and PowerShell.
            const valid = normaliseHost(environment.host).host === environment.host && !validateIid(environment.iid) && !validateAccountId(environment.accountId) && !validateContactListId(contactListId) && contactListId === contactListId.trim();
            assert.equal(valid && shell !== 'cmd', false, `refused a valid request for ${shell}`);
            return;
          }
          written += 1;
          assert.equal(command.includes(token), false);
          assert.match(command, /^[\x20-\x7e\n]*$/, 'printable ASCII only');
          assert.deepEqual(readCommand(command, shell, { [TOKEN_VARIABLE]: token }), { ran: curlArguments(request, token) });
          assert.equal(command.endsWith('\n'), false, 'pasted, it waits for Enter');
          assert.deepEqual(readCommand(command, shell, {}), { stopped: `set ${TOKEN_VARIABLE} first` }, 'without KORE_TOKEN it stops');
        },
      ),
      propertyParameters(),
    );
    assert.ok(written > propertyParameters().numRuns / 4, `only ${written} cases were written, not refused`);
  });

  for (const shell of REAL_SHELLS) {
    describe(`pasted into a real ${shell}`, () => {
      before(function () {
        if (!shellAvailable(shell)) throw new Error(`/bin/${shell} is missing: run npm run test-host (it installs zsh and dash), or apt-get install -y zsh dash`);
      });

      it('for any ids (validated or not), each paste runs exactly its one request', () => {
        const { seed, numRuns } = propertyParameters();
        fc.assert(
          fc.property(fc.array(fc.record({ id: idArbitrary, method: fc.constantFrom('GET' as const, 'DELETE' as const), dialect: fc.constantFrom(...API_DIALECTS) }), { minLength: 1, maxLength: 8 }), (cases) => {
            const requests = cases.map(({ id, method, dialect }) => contactListRequest({ ...target, dialect }, method, id));
            const pastes = requests.map((request) => curlCommand(request, 'posix'));
            assertExactlyTheRequests(shell, pasteIntoShell(shell, pastes, { [TOKEN_VARIABLE]: TOKEN }), requests, pastes, TOKEN);
          }),
          // A run starts a real shell (about 0.1 s here) and pastes up to eight commands into it: a fortieth of the
          // runs still pastes about a hundred ids per shell under npm test, and npm run fuzz at most 1,000 runs
          // (about 4,500 pastes per shell, a few minutes).
          { seed, numRuns: Math.min(1_000, Math.max(10, Math.ceil(numRuns / 40))) },
        );
      });
    });
  }
});
