// The documented contact-list URLs of each API dialect, built from host, App ID, Account ID and id.
import * as assert from 'node:assert/strict';
import { koreHeaders } from '../../src/core/api/contactListClient';
import {
  API_DIALECTS,
  allContactListsUrl,
  canListAll,
  contactListUrl,
  dialectOf,
  expectedAllContactListsRequest,
  expectedContactListRequest,
  unexpectedRequestUrl,
} from '../../src/core/api/koreApiPaths';

const target = { host: 'https://platform.kore.ai', iid: 'st-1', accountId: '67777ce93e25326494e9a001' };

describe('koreApiPaths', () => {
  it('builds the documented delete URL (v1, the default)', () => {
    assert.equal(contactListUrl(target, 'cl-2'), 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2');
    assert.equal(contactListUrl({ ...target, dialect: 'v1' }, 'cl-2'), contactListUrl(target, 'cl-2'));
  });
  it('encodes the id and tolerates a trailing slash on the host', () => {
    assert.equal(contactListUrl({ ...target, host: 'https://h/' }, 'a b'), 'https://h/agentassist/api/v1/public/st-1/campaign/contactList/a%20b');
    assert.equal(expectedContactListRequest({ host: 'http://x', iid: 'st-1', accountId: 'a1' }, 'x?y').path, '/agentassist/api/v1/public/st-1/campaign/contactList/x%3Fy');
  });
  it('builds the v1 legacy URL with the account id in the query', () => {
    assert.equal(
      contactListUrl({ ...target, dialect: 'v1-legacy' }, 'cl-2'),
      'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2?accountId=67777ce93e25326494e9a001',
    );
  });
  it('builds the v2 URL under /campaign/api/v2 with the account id in the query', () => {
    assert.equal(
      contactListUrl({ ...target, dialect: 'v2' }, 'cl-2'),
      'https://platform.kore.ai/campaign/api/v2/public/st-1/campaign/contactList/cl-2?accountId=67777ce93e25326494e9a001',
    );
  });
  it('sends the headers each dialect documents, and only those', () => {
    const names = (dialect: (typeof API_DIALECTS)[number]) => Object.keys(koreHeaders({ ...target, dialect }, 'tok')).sort();
    assert.deepEqual(names('v1'), ['Accept', 'Content-Type', 'accountId', 'auth', 'iid']);
    assert.deepEqual(names('v1-legacy'), ['Accept', 'Content-Type', 'auth']);
    assert.deepEqual(names('v2'), ['Accept', 'Content-Type', 'accountId', 'auth', 'iid']);
    assert.equal(koreHeaders({ ...target, dialect: 'v2' }, 'tok').iid, 'st-1');
  });
  it('has list-all only where it is documented (v1)', () => {
    assert.equal(allContactListsUrl(target), 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/getAllListDetails?type=call');
    assert.deepEqual(API_DIALECTS.filter((dialect) => canListAll({ dialect })), ['v1']);
    assert.equal(allContactListsUrl({ ...target, dialect: 'v2' }), undefined);
    assert.equal(expectedAllContactListsRequest({ ...target, dialect: 'v1-legacy' }), undefined);
  });
  it('reads an unknown dialect as the default rather than as no table entry', () => {
    assert.equal(dialectOf({ dialect: 'v3' }), 'v1');
    assert.equal(dialectOf({}), 'v1');
  });
  for (const dialect of API_DIALECTS) {
    it(`${dialect}: the URL it builds is exactly the request it expects, and a changed query is caught`, () => {
      const dialectTarget = { ...target, dialect };
      const expected = expectedContactListRequest(dialectTarget, 'cl-2');
      const url = contactListUrl(dialectTarget, 'cl-2');
      assert.equal(unexpectedRequestUrl(url, expected), undefined);
      assert.match(unexpectedRequestUrl(`${url}${url.includes('?') ? '&' : '?'}x=1`, expected) ?? '', /query/);
      assert.match(unexpectedRequestUrl(contactListUrl({ ...dialectTarget, accountId: 'other' }, 'cl-2'), expected) ?? '', dialect === 'v1' ? /^$/ : /query/);
    });
  }
  it("percent-encodes every character of the id outside A-Za-z0-9-_. (encodeURIComponent leaves ' ! ( ) * ~)", () => {
    assert.equal(expectedContactListRequest({ host: 'http://x', iid: 'st-1', accountId: 'a1' }, "cl-9!!'x(1)*~").path, '/agentassist/api/v1/public/st-1/campaign/contactList/cl-9%21%21%27x%281%29%2A%7E');
    assert.equal(contactListUrl({ ...target, iid: "st'1", accountId: 'a!', dialect: 'v2' }, 'c'), 'https://platform.kore.ai/campaign/api/v2/public/st%271/campaign/contactList/c?accountId=a%21');
  });
});

describe('unexpectedRequestUrl', () => {
  it('compares the origin and the exact path, and so catches a host carrying a path too', () => {
    const expected = expectedContactListRequest({ host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' }, 'cl-1');
    assert.equal(unexpectedRequestUrl(contactListUrl({ host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' }, 'cl-1'), expected), undefined);
    assert.match(unexpectedRequestUrl('https://other.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-1', expected) ?? '', /instead of https:\/\/platform\.kore\.ai/);
    assert.match(unexpectedRequestUrl(contactListUrl({ host: 'https://platform.kore.ai/evil', iid: 'st-1', accountId: 'a1' }, 'cl-1'), expected) ?? '', /path/);
    assert.match(unexpectedRequestUrl(`${contactListUrl({ host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' }, 'cl-1')}?x=1`, expected) ?? '', /query/);
  });
});
