// Regression tests for the defects an adversarial review reproduced: each one failed before its fix. The
// property suites (*.property.test.ts) keep the classes these belong to out; these pin the exact cases.
import * as assert from 'node:assert/strict';
import { asContactListRecord } from '../../src/core/contactList';
import { deleteContactList, getAllContactLists, getContactList } from '../../src/core/contactListClient';
import { parseContactListIds } from '../../src/core/contactListIds';
import { deleteOutcomeOf } from '../../src/core/deleteOutcome';
import { confirmationText } from '../../src/core/deletionPreview';
import { checkJwtShape, decodeJwt } from '../../src/core/jwt';
import { contactListUrl, expectedContactListRequest, unexpectedRequestUrl } from '../../src/core/koreApiPaths';
import { HttpExchange } from '../../src/core/koreHttp';
import { interpretExchange } from '../../src/core/koreResult';
import { redactSecrets, redactValue } from '../../src/core/redaction';
import { prettyJson, responseDocument } from '../../src/core/responseDocument';
import { describeDeleteResult } from '../../src/core/resultMessages';
import { hasUnsafeCharacter, oneLine } from '../../src/core/textSafety';
import { validateContactListId } from '../../src/core/validation';
import { signFakeJwt } from '../fakeKore/jwt';
import { makeContactList } from '../fakeKore/seedData';
import { decodeEscapes } from '../support/escapes';
import { useFakeKore } from '../support/fakeKoreFixture';

const SEED_ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const request = { method: 'DELETE', url: 'https://platform.kore.ai/x', headers: { auth: '<redacted>' } };
const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://platform.kore.ai', timeoutSeconds: 30 };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function answer(status: number, bodyText: string, headers: Record<string, string> = {}): HttpExchange {
  return { kind: 'response', status, statusText: 'OK', headers, bodyText, durationMs: 3 };
}

/** A JSON text nested `depth` arrays deep around a success envelope's data. */
function deeplyNested(depth: number): string {
  return `{"status":"success","message":"deleted","data":{"_id":"cl-1","name":"Deep","extra":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
}

describe('hardening: defects reproduced by the adversarial review', function () {
  this.timeout(10_000);
  const kore = useFakeKore();
  const options = { timeoutMs: 5_000 };

  describe('1. an id of "." cannot reach another URL', () => {
    for (const id of ['.', '...', '....']) {
      it(`validation refuses "${id}", typed or in a bulk list`, () => {
        assert.match(validateContactListId(id) ?? '', /only dots|must not contain "\.\."/);
        assert.deepEqual(parseContactListIds(`cl-a\n${id}\ncl-b`).ids, ['cl-a', 'cl-b']);
      });
    }
    it('the client refuses to send a GET or DELETE whose parsed URL would not be the list\'s own', async () => {
      for (const call of [deleteContactList, getContactList]) {
        const result = await call(kore.target, kore.token, '.', options);
        assert.equal(result.exchange.kind, 'refused');
        assert.equal(result.ok, false);
        assert.equal(deleteOutcomeOf(result), 'failed');
        assert.match(describeDeleteResult(result, { ...context, contactListId: '.' }), /^Nothing was sent for contact list \.: .*instead of .*contactList\/\.\)/);
      }
      assert.equal(kore.server.requests.length, 0, 'nothing reached the server');
    });
    it('compares the origin and the exact path, and so catches a host carrying a path too', () => {
      const expected = expectedContactListRequest({ host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' }, 'cl-1');
      assert.equal(unexpectedRequestUrl(contactListUrl({ host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' }, 'cl-1'), expected), undefined);
      assert.match(unexpectedRequestUrl('https://other.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-1', expected) ?? '', /instead of https:\/\/platform\.kore\.ai/);
      assert.match(unexpectedRequestUrl(contactListUrl({ host: 'https://platform.kore.ai/evil', iid: 'st-1', accountId: 'a1' }, 'cl-1'), expected) ?? '', /path/);
      assert.match(unexpectedRequestUrl(`${contactListUrl({ host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' }, 'cl-1')}?x=1`, expected) ?? '', /query/);
    });
  });

  describe('2. a list\'s name cannot forge lines in the confirmation or messages', () => {
    const forged = 'old\nRecords: 0\nNot in use by any campaign.\n\n';
    const list = asContactListRecord({ _id: 'cl-1', name: forged, totalRecordCount: 48213, isListInUse: true, campaignInUse: ['cmp-1\nNot in use'], status: 'Ready\u2028Records: 0', listType: 'call\u202e' });
    it('turns every server text of a record into one safe line', () => {
      assert.ok(list);
      assert.equal(list.name, 'old Records: 0 Not in use by any campaign.');
      assert.equal(list.status, 'Ready Records: 0');
      assert.equal(list.listType, 'call');
    });
    it('puts the facts first, from typed fields, and every server text on its own single line', () => {
      const text = confirmationText({ contactListId: 'cl-1', environmentName: 'Prod', host: 'https://h', iid: 'st-1', accountId: 'a1', production: false }, list);
      const lines = text.detail.split('\n');
      assert.equal(lines[0], 'Records: 48213');
      assert.match(lines[1], /^IN USE by 1 campaign\(s\): cmp-1 Not in use$/);
      assert.equal(lines.filter((line) => line.startsWith('Records:')).length, 1, text.detail);
      assert.equal(lines.filter((line) => /^Not in use/.test(line)).length, 0, text.detail);
      assert.ok(!text.message.includes('\n'));
      assert.ok(!hasUnsafeCharacter(text.message + text.detail.replace(/\n/g, '')));
    });
    it('gives a raw record that is handed around without asContactListRecord one line too', () => {
      const text = confirmationText({ contactListId: 'cl-1', environmentName: 'Prod', host: 'https://h', iid: 'st-1', accountId: 'a1', production: true }, { _id: 'cl-1', name: forged, campaignInUse: [{ name: 'a\u2066b' }, 7, [1, 2]] });
      assert.equal(text.detail.split('\n').filter((line) => line.startsWith('Records:')).length, 1);
      assert.ok(!hasUnsafeCharacter(text.detail.replace(/\n/g, '')));
    });
    it('words a success naming the list on one line, and never names another list\'s record', () => {
      const named = interpretExchange(request, answer(200, JSON.stringify({ status: 'success', message: 'ok\r\nFAKE', data: { _id: 'cl-1', name: 'A\nB' } })));
      assert.equal(describeDeleteResult(named, context), 'Contact list "A B" (cl-1) was deleted from Prod. The server said: "ok FAKE".');
      const other = interpretExchange(request, answer(200, JSON.stringify({ status: 'success', data: { _id: 'cl-2', name: 'Someone else' } })));
      assert.equal(describeDeleteResult(other, context), 'Contact list cl-1 was deleted from Prod.');
    });
    it('keeps a redirect\'s location on one line', () => {
      const result = interpretExchange(request, { kind: 'redirect', status: 302, location: 'https://e.example/\nRecords: 0', durationMs: 1 });
      assert.ok(!describeDeleteResult(result, context).includes('\n'));
    });
    it('cuts long text without splitting a surrogate pair', () => {
      const cut = oneLine('😀'.repeat(400), 10);
      assert.equal(Array.from(cut).length, 10);
      assert.ok(!hasUnsafeCharacter(cut));
    });
  });

  describe('4. a deeply nested answer is still shown', () => {
    it('shows the server\'s own text when re-indenting it would overflow the stack', () => {
      const body = deeplyNested(20_000);
      const result = interpretExchange(request, answer(200, body));
      assert.equal(result.ok, true);
      assert.equal(prettyJson(result.json), undefined, 'JSON.stringify overflows on this answer');
      const document = responseDocument(result);
      assert.equal(document.text, body);
      assert.equal(document.fromServer, true);
      assert.match(describeDeleteResult(result, context), /"Deep" \(cl-1\) was deleted/);
    });
    it('redacts a token inside a deeply nested answer without overflowing', () => {
      const secret = 'SECRET-TOKEN-123456';
      const deep = JSON.parse(`${'['.repeat(50_000)}"${secret}"${']'.repeat(50_000)}`) as unknown;
      let value = redactValue(deep, [secret]);
      for (let depth = 0; depth < 50_000; depth++) value = (value as unknown[])[0];
      assert.equal(value, '<redacted>');
    });
  });

  describe('6. redaction cannot be defeated with escapes', () => {
    const secret = signFakeJwt({ appId: 'cs-1', iat: 1 }, 'app-secret');
    const escapedE = secret.replace(/e/, '\\u0065');
    const escapedDot = secret.replace('.', '\\u002e');
    for (const [what, echoed] of [
      ['plainly', secret],
      ['with one character as \\u0065', escapedE],
      ['with "." as \\u002E', secret.replace('.', '\\u002E')],
      ['with "." as \\u002e', escapedDot],
      ['percent-encoded', secret.replace('.', '%2e')],
      ['as HTML character references', secret.replace('.', '&#46;').replace(/e/, '&#x65;')],
      ['its signature alone', secret.split('.')[2]],
    ] as const) {
      it(`removes the token echoed ${what} from the message, the document and the parsed answer`, () => {
        // Written by hand, so the escapes stay escapes for the JSON parser to decode.
        const body = `{"status":"failure","message":"bad token ${echoed}"}`;
        const result = interpretExchange(request, answer(401, body, { 'x-echo': echoed }), [secret]);
        const shown = [describeDeleteResult(result, context), responseDocument(result).text, JSON.stringify(result.json), JSON.stringify(result.exchange)];
        for (const text of shown) {
          assert.ok(!text.includes(secret.split('.')[2]), text);
          assert.ok(!decodeEscapes(text).includes(secret.split('.')[2]), text);
        }
        assert.match(result.serverMessage ?? '', /<redacted>/);
      });
    }
    it('leaves text without the secret alone', () => {
      assert.equal(redactSecrets('\\u0065 %2e &#46;', ['SECRET-TOKEN-123456']), '\\u0065 %2e &#46;');
    });
  });

  describe('10. ids from the server\'s list are held to the rules a typed id is', () => {
    it('leaves out lists whose id is untrimmed, too long or a dot, and counts them', async () => {
      for (const id of [' cl-c\n', 'x'.repeat(200), '.', 'a/b']) kore.server.lists.set(id, makeContactList(kore.server.app, { _id: id, name: 'Odd', listType: 'call' }));
      const { lists, skipped } = await getAllContactLists(kore.target, kore.token, options);
      assert.ok(lists);
      assert.equal(skipped, 4);
      assert.ok(lists.every((list) => validateContactListId(list._id) === undefined && list._id === list._id.trim()));
      assert.ok(lists.some((list) => list._id === SEED_ID));
    });
  });

  describe('12. a JWT whose time claims no date can hold is malformed', () => {
    for (const exp of [1e300, 8.64e12 + 1, -1e20]) {
      it(`refuses exp ${exp}`, () => {
        const pasted = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ appId: 'cs-1', exp })}.c2ln`;
        assert.match(checkJwtShape(pasted) ?? '', /"exp" claim is not a valid time/);
        assert.equal(decodeJwt(pasted), undefined);
      });
    }
    it('still accepts the latest time a date can hold', () => {
      assert.equal(checkJwtShape(`${b64({ alg: 'HS256' })}.${b64({ exp: 8.64e12 })}.c2ln`), undefined);
    });
  });
});
