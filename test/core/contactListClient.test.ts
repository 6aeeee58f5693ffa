// The real client against the fake Kore server over real HTTP: nothing is mocked.
import * as assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiTarget } from '../../src/core/api/koreApiPaths';
import { deleteContactList, getAllContactLists, getContactList, koreHeaders } from '../../src/core/api/contactListClient';
import { FakeKoreServer } from '../fakeKore/fakeKoreServer';
import { signFakeJwt } from '../fakeKore/jwt';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { validateContactListId } from '../../src/core/input/validation';
import { makeContactList } from '../fakeKore/seedData';
import { useFakeKore } from '../support/fakeKoreFixture';

const SEED_ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';

describe('koreHeaders', () => {
  it('sends auth, iid, accountId and Content-Type', () => {
    assert.deepEqual(koreHeaders({ host: 'h', iid: 'st-1', accountId: 'a1' }, 'tok'), {
      auth: 'tok',
      iid: 'st-1',
      accountId: 'a1',
      'Content-Type': 'application/json',
      Accept: 'application/json',
    });
  });
});

describe('contactListClient against the fake Kore server', function () {
  this.timeout(10_000);
  let server: FakeKoreServer;
  let target: ApiTarget;
  let token: string;
  const options = { timeoutMs: 5_000 };

  before(async () => {
    server = await FakeKoreServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    target = { host: server.url, iid: server.app.iid, accountId: server.app.accountId };
    token = server.app.staticTokens[0];
  });

  it('deletes a list and parses the seed-shaped answer field by field', async () => {
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.serverMessage, 'Contact list Renewal Due - August 2025 deleted successfully');
    const list = result.contactList;
    assert.ok(list);
    assert.equal(list._id, SEED_ID);
    assert.equal(list.name, 'Renewal Due - August 2025');
    assert.equal(list.lname, 'renewal due - august 2025');
    assert.equal(list.isActive, true);
    assert.equal(list.orgId, server.app.orgId);
    assert.match(String(list.description), /^This list contains customers/);
    assert.equal(list.totalRecordCount, 0);
    assert.equal(list.status, 'Ready');
    assert.deepEqual(list.mapping, { firstName: 'firstName', lastName: 'lastName', phoneNumber: 'phoneNumber', timeZone: 'timeZone', uniqueId: 'uniqueId' });
    assert.equal(list.isListInUse, false);
    assert.equal(list.iId, server.app.iid);
    assert.equal(list.listType, 'call');
    assert.deepEqual(list.campaignInUse, []);
    assert.equal(list.accountId, server.app.accountId);
    assert.equal(list.source, 'passiveApiIntegration');
    assert.deepEqual(list.apiConfigurations, { dataSyncMode: 'allowDuplicates' });
    assert.deepEqual(list.files, []);
    assert.equal(list.createdAt, '2025-06-26T12:32:02.735Z');
    assert.equal(list.updatedAt, '2025-06-26T12:38:25.793Z');
    assert.equal(server.lists.has(SEED_ID), false, 'the server deleted the list');
  });

  it('sends exactly the documented method, path and headers', async () => {
    await deleteContactList(target, token, SEED_ID, options);
    assert.equal(server.requests.length, 1);
    const sent = server.requests[0];
    assert.equal(sent.method, 'DELETE');
    assert.equal(sent.path, `/agentassist/api/v1/public/${server.app.iid}/campaign/contactList/${SEED_ID}`);
    assert.equal(sent.query, '');
    assert.equal(sent.headers.auth, token);
    assert.equal(sent.headers.iid, server.app.iid);
    assert.equal(sent.headers.accountid, server.app.accountId);
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers.authorization, undefined, 'the token goes in "auth", not Authorization');
  });

  it('describes the request with the token redacted', async () => {
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.request.headers.auth, '<redacted>');
    assert.equal(JSON.stringify(result).includes(token), false);
  });

  it('is accepted with an HS256 JWT signed with the app secret', async () => {
    const jwt = signFakeJwt({ appId: server.app.clientId, sub: 'test', iat: Math.floor(Date.now() / 1000) }, server.app.clientSecret);
    const result = await deleteContactList(target, jwt, SEED_ID, options);
    assert.equal(result.ok, true);
  });

  it('gets one list with the sibling GET call', async () => {
    const result = await getContactList(target, token, SEED_ID, options);
    assert.equal(result.ok, true);
    assert.equal(result.contactList?.name, 'Renewal Due - August 2025');
    assert.equal(server.requests[0].method, 'GET');
    assert.equal(server.lists.has(SEED_ID), true);
  });

  it('URL-encodes the id in the path', async () => {
    await deleteContactList(target, token, 'cl é', options);
    assert.equal(server.requests[0].path.endsWith('/contactList/cl%20%C3%A9'), true);
  });

  it('reports 401 for a wrong token, with the server message, and nothing else deleted', async () => {
    const wrong = signFakeJwt({ appId: server.app.clientId, sub: 'x' }, 'not-the-secret');
    const result = await deleteContactList(target, wrong, SEED_ID, options);
    assert.equal(result.ok, false);
    assert.equal(result.failure, 'http');
    assert.equal(result.exchange.kind === 'response' && result.exchange.status, 401);
    assert.match(result.serverMessage ?? '', /Invalid token/);
    assert.equal(server.lists.has(SEED_ID), true);
  });

  it('reports 404 for an unknown id', async () => {
    const result = await deleteContactList(target, token, 'cl-unknown', options);
    assert.equal(result.failure, 'http');
    assert.equal(result.exchange.kind === 'response' && result.exchange.status, 404);
    assert.equal(result.serverMessage, 'Contact list cl-unknown not found');
  });

  it('reports 500 with a JSON body', async () => {
    server.setFault({ kind: 'status', status: 500, body: JSON.stringify({ errors: [{ msg: 'Internal error', code: 500 }] }) });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.failure, 'http');
    assert.equal(result.serverMessage, 'Internal error');
  });

  it('reports a 200 whose body is not JSON', async () => {
    server.setFault({ kind: 'badJson' });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.failure, 'notJson');
    assert.equal(result.exchange.kind === 'response' && result.exchange.bodyText, '{"status":"success","message":"Contact list deleted');
  });

  it('reports a 502 HTML page as an HTTP failure with the page kept', async () => {
    server.setFault({ kind: 'html', status: 502 });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.failure, 'http');
    assert.equal(result.json, undefined);
    assert.match(result.exchange.kind === 'response' ? result.exchange.bodyText : '', /<h1>502 Bad Gateway<\/h1>/);
  });

  it('accepts the older variant without data', async () => {
    server.setFault({ kind: 'missingData' });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.ok, true);
    assert.equal(result.contactList, undefined);
    assert.equal(result.serverMessage, 'Contact list deleted successfully');
  });

  it('treats 200 with status "failure" as a failure', async () => {
    server.setFault({ kind: 'failureStatus', message: 'List is locked' });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.failure, 'apiFailure');
    assert.equal(result.serverMessage, 'List is locked');
  });

  it('treats an empty 200 as a failure of unknown outcome', async () => {
    server.setFault({ kind: 'emptyBody' });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.failure, 'emptyBody');
  });

  it('does not follow a 302, so the token never reaches the other host', async () => {
    const other = await FakeKoreServer.start();
    try {
      server.setFault({ kind: 'redirect', location: `${other.url}/agentassist/api/v1/public/${server.app.iid}/campaign/contactList/${SEED_ID}` });
      const result = await deleteContactList(target, token, SEED_ID, options);
      assert.equal(result.failure, 'redirect');
      assert.equal(result.exchange.kind === 'redirect' && result.exchange.status, 302);
      assert.equal(result.exchange.kind === 'redirect' && result.exchange.location?.startsWith(other.url), true);
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('gives up after the timeout when the server never answers', async () => {
    server.setFault({ kind: 'hang' });
    const result = await deleteContactList(target, token, SEED_ID, { timeoutMs: 200 });
    assert.equal(result.failure, 'timeout');
    assert.equal(result.exchange.kind === 'timeout' && result.exchange.timeoutMs, 200);
  });

  it('times out when the body stalls halfway', async () => {
    server.setFault({ kind: 'stallMidBody' });
    const result = await deleteContactList(target, token, SEED_ID, { timeoutMs: 200 });
    assert.equal(result.failure, 'timeout');
  });

  it('is cancelled by its AbortSignal, already aborted or during the request', async () => {
    const early = new AbortController();
    early.abort();
    assert.equal((await deleteContactList(target, token, SEED_ID, { timeoutMs: 5_000, signal: early.signal })).failure, 'cancelled');
    assert.equal(server.requests.length, 0, 'an already cancelled call sends nothing');
    server.setFault({ kind: 'hang' });
    const late = new AbortController();
    setTimeout(() => late.abort(), 50);
    const result = await deleteContactList(target, token, SEED_ID, { timeoutMs: 5_000, signal: late.signal });
    assert.equal(result.failure, 'cancelled');
  });

  it('reports a connection reset mid-body as a network failure', async () => {
    server.setFault({ kind: 'reset' });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.failure, 'network');
  });

  it('stops reading past the body cap', async () => {
    server.setFault({ kind: 'oversize', bytes: 300_000 });
    const result = await deleteContactList(target, token, SEED_ID, { timeoutMs: 5_000, maxBodyBytes: 100_000 });
    assert.equal(result.failure, 'tooLarge');
    server.setFault({ kind: 'oversize', bytes: 300_000, declareLength: true });
    const declared = await deleteContactList(target, token, SEED_ID, { timeoutMs: 5_000, maxBodyBytes: 100_000 });
    assert.equal(declared.failure, 'tooLarge');
  });

  it('answers 429 past 60 calls a minute for one account, with Retry-After', async () => {
    const results = [];
    for (let i = 0; i < 61; i++) results.push(await getContactList(target, token, SEED_ID, options));
    assert.equal(results.slice(0, 60).every((result) => result.ok), true);
    const limited = results[60];
    assert.equal(limited.exchange.kind === 'response' && limited.exchange.status, 429);
    assert.ok((limited.retryAfterSeconds ?? 0) >= 1);
    assert.match(limited.serverMessage ?? '', /per-minute rate limit/);
  });

  it('reports connection refused', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await deleteContactList({ ...target, host: `http://127.0.0.1:${port}` }, token, SEED_ID, options);
    assert.equal(result.failure, 'network');
    assert.equal(result.exchange.kind === 'network' && result.exchange.code, 'ECONNREFUSED');
  });

  it('lists all contact lists of a type with GET', async () => {
    const { result, lists } = await getAllContactLists(target, token, options);
    assert.equal(result.ok, true);
    assert.deepEqual(lists?.map((list) => list.listType), ['call', 'call', 'call']);
    assert.deepEqual(server.requests.map((request) => `${request.method} ${request.query}`), ['GET ?type=call']);
  });

  it('lists with POST when the server refuses GET (the vendor\'s pages disagree on the method)', async () => {
    const postOnly = await FakeKoreServer.start({ allListsMethods: ['POST'] });
    try {
      const { result, lists } = await getAllContactLists({ ...target, host: postOnly.url }, token, options, 'sms');
      assert.equal(result.ok, true);
      assert.deepEqual(lists?.map((list) => list.name), ['SMS Reminders - Appointments']);
      assert.deepEqual(postOnly.requests.map((request) => `${request.method} ${request.status}`), ['GET 405', 'POST 200']);
    } finally {
      await postOnly.close();
    }
  });

  it('reports a failed listing without lists', async () => {
    server.setFault({ kind: 'html', status: 503 });
    const { result, lists } = await getAllContactLists(target, token, options);
    assert.equal(lists, undefined);
    assert.equal(result.failure, 'http');
  });

  it('redacts a token that a redirect echoes in its Location', async () => {
    server.setFault({ kind: 'redirect', location: `https://elsewhere.example/login?auth=${token}` });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(result.exchange.kind === 'redirect' && result.exchange.location, 'https://elsewhere.example/login?auth=<redacted>');
    assert.equal(JSON.stringify(result).includes(token), false);
  });

  it('redacts a token that the server echoes back', async () => {
    server.setFault({ kind: 'status', status: 401, body: JSON.stringify({ message: `bad token ${token}` }) });
    const result = await deleteContactList(target, token, SEED_ID, options);
    assert.equal(JSON.stringify(result).includes(token), false);
    assert.equal(result.serverMessage, 'bad token <redacted>');
  });
});

describe('contactListClient: what it refuses to send or to keep', function () {
  this.timeout(10_000);
  const kore = useFakeKore();
  const options = { timeoutMs: 5_000 };
  const context = { contactListId: 'cl-1', environmentName: 'Prod', host: 'https://platform.kore.ai', timeoutSeconds: 30 };

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

  describe('ids from the server\'s list are held to the rules a typed id is', () => {
    it('leaves out lists whose id is untrimmed, too long or a dot, and counts them', async () => {
      for (const id of [' cl-c\n', 'x'.repeat(200), '.', 'a/b']) kore.server.lists.set(id, makeContactList(kore.server.app, { _id: id, name: 'Odd', listType: 'call' }));
      const { lists, skipped } = await getAllContactLists(kore.target, kore.token, options);
      assert.ok(lists);
      assert.equal(skipped, 4);
      assert.ok(lists.every((list) => validateContactListId(list._id) === undefined && list._id === list._id.trim()));
      assert.ok(lists.some((list) => list._id === SEED_ID));
    });
  });
});
