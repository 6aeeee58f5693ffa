// The three documented dialects of the contact-list API over real HTTP against the fake server: what each sends,
// how one parser reads each one's documented answers, and how Test Connection's detection tells a 404 for a
// route from a 404 for a list. Also: environments, settings and imports carry exactly the documented values.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditEntryFor } from '../../src/core/audit/auditEntry';
import { deleteContactList, getAllContactLists, getContactList } from '../../src/core/api/contactListClient';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { PROBE_CONTACT_LIST_ID, findServedDialect, isRouteNotFound, otherDialects, routeVerdict } from '../../src/core/api/dialectDetection';
import { Environment, readEnvironments } from '../../src/core/environments/environment';
import { exportEnvironments, importEnvironments, TRANSFER_FORMAT } from '../../src/core/environments/environmentTransfer';
import { API_DIALECTS, ApiDialect, dialectOf } from '../../src/core/api/koreApiPaths';
import { KoreCallResult, missingRecordNote } from '../../src/core/api/koreResult';
import { responseDocument } from '../../src/core/failures/responseDocument';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { useFakeKore } from '../support/fakeKoreFixture';
import { responseResult, resultOf } from '../support/koreResults';

const SEED_ID = 'cl-c2ce382-2516-457e-8eb4-9847deec0001';
const NOT_A_RECORD = "The server did not return the deleted list's record.";
const options = { timeoutMs: 5_000 };

describe('API dialects over HTTP (fake Kore server)', () => {
  const kore = useFakeKore();
  const target = (dialect: ApiDialect) => ({ ...kore.target, dialect });

  it('v1 (the default) sends auth, iid and accountId headers and no query, and reads the record in data', async () => {
    const result = await deleteContactList(kore.target, kore.token, SEED_ID, options);
    assert.equal(result.ok, true);
    assert.equal(result.contactList?._id, SEED_ID);
    assert.equal(result.withoutRecord, undefined);
    const [sent] = kore.server.requests;
    assert.equal(sent.query, '');
    assert.equal(sent.headers.iid, kore.server.app.iid);
    assert.equal(sent.headers.accountid, kore.server.app.accountId);
  });

  it('v1 legacy sends only auth, the account id in the query, and a delete without data is a success that says the record is missing', async () => {
    kore.server.setDialects(['v1-legacy']);
    const result = await deleteContactList(target('v1-legacy'), kore.token, SEED_ID, options);
    const [sent] = kore.server.requests;
    assert.equal(sent.path, `/agentassist/api/v1/public/${kore.server.app.iid}/campaign/contactList/${SEED_ID}`);
    assert.equal(sent.query, `?accountId=${kore.server.app.accountId}`);
    assert.equal(sent.headers.auth, kore.token);
    assert.equal(sent.headers.iid, undefined);
    assert.equal(sent.headers.accountid, undefined);
    assert.equal(result.ok, true);
    assert.equal(deleteOutcomeOf(result), 'deleted');
    assert.equal(result.contactList, undefined);
    assert.equal(result.withoutRecord, true);
    assert.equal(kore.server.lists.has(SEED_ID), false, 'the list is gone');
    assert.equal(missingRecordNote(result), NOT_A_RECORD);
    const context = { contactListId: SEED_ID, environmentName: 'Legacy', host: kore.target.host, timeoutSeconds: 30 };
    assert.equal(describeDeleteResult(result, context), `Contact list ${SEED_ID} was deleted from Legacy. The server said: "Contact list deleted successfully". ${NOT_A_RECORD}`);
    const document = responseDocument(result);
    assert.equal(document.extension, 'jsonc');
    assert.ok(document.text.startsWith(`// ${NOT_A_RECORD}\n{`), document.text);
    assert.deepEqual(JSON.parse(document.text.slice(document.text.indexOf('\n') + 1)), { status: 'success', message: 'Contact list deleted successfully' });
    const environment: Environment = { id: 'e1', name: 'Legacy', ...target('v1-legacy') };
    const entry = auditEntryFor(environment, result, { contactListId: SEED_ID, outcome: 'deleted', message: describeDeleteResult(result, context) });
    assert.equal(entry.note, NOT_A_RECORD);
    assert.ok(entry.message.includes(NOT_A_RECORD));
  });

  it('v1 legacy still reads the record of a look-up (GET)', async () => {
    kore.server.setDialects(['v1-legacy']);
    const result = await getContactList(target('v1-legacy'), kore.token, SEED_ID, options);
    assert.equal(result.ok, true);
    assert.equal(result.contactList?._id, SEED_ID);
    assert.equal(missingRecordNote(result), undefined);
  });

  it('v2 goes to /campaign/api/v2 with all three headers and the query, and keeps the extra mapping keys', async () => {
    kore.server.setDialects(['v2']);
    const looked = await getContactList(target('v2'), kore.token, SEED_ID, options);
    assert.equal(looked.ok, true);
    assert.equal((looked.contactList?.mapping as Record<string, unknown>).contactPriority, 'contactPriority');
    const result = await deleteContactList(target('v2'), kore.token, SEED_ID, options);
    assert.equal(result.ok, true);
    assert.equal(result.contactList?._id, SEED_ID);
    assert.equal((result.contactList?.mapping as Record<string, unknown>).contactPriority, 'contactPriority');
    assert.match(responseDocument(result).text, /"contactPriority": "contactPriority"/);
    assert.equal(responseDocument(result).extension, 'json');
    for (const sent of kore.server.requests) {
      assert.equal(sent.path, `/campaign/api/v2/public/${kore.server.app.iid}/campaign/contactList/${SEED_ID}`);
      assert.equal(sent.query, `?accountId=${kore.server.app.accountId}`);
      assert.equal(sent.headers.iid, kore.server.app.iid);
      assert.equal(sent.headers.accountid, kore.server.app.accountId);
    }
  });

  it('refuses to list all lists in a dialect that has no such call, sending nothing', async () => {
    kore.server.setDialects(['v1', 'v1-legacy', 'v2']);
    for (const dialect of ['v1-legacy', 'v2'] as const) {
      const { result, lists } = await getAllContactLists(target(dialect), kore.token, options);
      assert.equal(result.failure, 'refused');
      assert.equal(lists, undefined);
    }
    assert.equal(kore.server.requests.length, 0);
  });

  it('answers a dialect the app does not serve as an unknown route: an HTML 404, which detection reads as route missing', async () => {
    const result = await getContactList(target('v2'), kore.token, SEED_ID, options);
    assert.equal(result.exchange.kind === 'response' && result.exchange.status, 404);
    assert.equal(result.json, undefined);
    assert.equal(routeVerdict(result), 'routeMissing');
    assert.equal(deleteOutcomeOf(result), 'failed');
  });

  it('detection: a probe GET in a served dialect is "served" (the API\'s own list 404), the others "route missing"', async () => {
    kore.server.setDialects(['v2']);
    const probe = (dialect: ApiDialect) => getContactList(target(dialect), kore.token, PROBE_CONTACT_LIST_ID, options);
    const search = await findServedDialect('v1', probe);
    assert.equal(search.found, 'v2');
    assert.deepEqual(search.tried.map(({ dialect, verdict }) => [dialect, verdict]), [['v1-legacy', 'routeMissing'], ['v2', 'served']]);
    assert.equal(kore.server.requests.every((request) => request.method === 'GET'), true, 'only harmless GETs');
    assert.equal(kore.server.lists.size > 0, true);
  });

  it('detection: finds nothing when no other dialect is served, and tries each once', async () => {
    kore.server.setDialects([]);
    const search = await findServedDialect('v2', (dialect) => getContactList(target(dialect), kore.token, PROBE_CONTACT_LIST_ID, options));
    assert.equal(search.found, undefined);
    assert.deepEqual(search.tried.map(({ dialect }) => dialect), ['v1', 'v1-legacy']);
    assert.equal(kore.server.requests.length, 2);
  });
});

describe('dialect detection: telling a 404 for a route from a 404 for a list', () => {
  const request = { method: 'GET', url: 'https://platform.kore.ai/x', headers: {} };
  const answer = (status: number, bodyText: string, contentType = 'application/json'): KoreCallResult => {
    return responseResult(status, bodyText, { headers: { 'content-type': contentType }, request });
  };
  const cases: Array<[string, KoreCallResult, ReturnType<typeof routeVerdict>]> = [
    ['the API\'s own "not found" envelope', answer(404, '{"status":"failure","message":"Contact list cl-x not found"}'), 'served'],
    ['a success', answer(200, '{"status":"success","data":{"_id":"cl-1"}}'), 'served'],
    ['a framework\'s HTML page', answer(404, '<pre>Cannot GET /campaign/api/v2/public/st-1/campaign/contactList/cl-x</pre>', 'text/html'), 'routeMissing'],
    ['a gateway\'s errors JSON without status', answer(404, '{"errors":[{"msg":"Not Found","code":404}]}'), 'routeMissing'],
    ['an empty 404', answer(404, ''), 'routeMissing'],
    ['a JSON array', answer(404, '[]'), 'routeMissing'],
    ['a status that is not text', answer(404, '{"status":404}'), 'routeMissing'],
    ['a rejected token', answer(401, '{"errors":[{"msg":"Invalid token"}]}'), 'failed'],
    ['a server error', answer(500, '<h1>500</h1>', 'text/html'), 'failed'],
  ];
  for (const [what, result, verdict] of cases) {
    it(`reads ${what} as ${verdict}`, () => {
      assert.equal(routeVerdict(result), verdict);
      assert.equal(isRouteNotFound(result), verdict === 'routeMissing');
    });
  }
  it('tries the other dialects in the table\'s order, an absent dialect being v1', () => {
    assert.deepEqual(otherDialects(undefined), ['v1-legacy', 'v2']);
    assert.deepEqual(otherDialects('v1-legacy'), ['v1', 'v2']);
  });
  it('stops after a cancelled probe: nothing more is sent once the user said stop', async () => {
    const asked: ApiDialect[] = [];
    const cancelled = resultOf({ kind: 'cancelled', beforeSending: true, durationMs: 0 }, { request });
    const search = await findServedDialect('v1', (dialect) => {
      asked.push(dialect);
      return Promise.resolve(cancelled);
    });
    assert.deepEqual(asked, ['v1-legacy']);
    assert.equal(search.found, undefined);
  });
});

describe('environments carry exactly the documented dialects', () => {
  const base = { id: 'e1', name: 'Tenant', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'acc1' };

  it('reads a stored environment without the field as v1, and keeps a non-default one', () => {
    const { environments, problems } = readEnvironments([base, { ...base, id: 'e2', name: 'New', dialect: 'v2' }, { ...base, id: 'e3', name: 'Explicit', dialect: 'v1' }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(environments.map((environment) => dialectOf(environment)), ['v1', 'v2', 'v1']);
    assert.equal(environments[1].dialect, 'v2');
    assert.equal('dialect' in environments[2], false, 'the default is kept as no field, as settings were written before');
  });

  it('skips a settings entry whose dialect is not exactly one of the documented values', () => {
    for (const dialect of ['V2', 'v2 ', 'v3', '', 2, null, ['v2']]) {
      const { environments, problems } = readEnvironments([{ ...base, dialect }]);
      assert.equal(environments.length, 0, JSON.stringify(dialect));
      assert.match(problems[0], /field "dialect" is invalid \(use one of v1, v1-legacy, v2\)/);
    }
  });

  it('imports exactly the documented values, rejects the rest, and round-trips an export', () => {
    const entries = [...API_DIALECTS.map((dialect) => ({ name: `T ${dialect}`, host: 'platform.kore.ai', iid: 'st-1', accountId: 'acc1', dialect })), { name: 'Old file', host: 'platform.kore.ai', iid: 'st-1', accountId: 'acc1' }, { name: 'Bad', host: 'platform.kore.ai', iid: 'st-1', accountId: 'acc1', dialect: 'v2-beta' }];
    let next = 0;
    const read = importEnvironments(JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments: entries }), [], () => `id-${(next += 1)}`);
    assert.deepEqual(read.accepted.map((environment) => dialectOf(environment)), ['v1', 'v1-legacy', 'v2', 'v1']);
    assert.deepEqual(read.rejected.map((rejection) => rejection.name), ['Bad']);
    assert.match(read.rejected[0].reason, /"dialect" is invalid/);
    const again = importEnvironments(exportEnvironments(read.accepted), [], () => `id-${(next += 1)}`);
    assert.deepEqual(again.accepted.map((environment) => dialectOf(environment)), ['v1', 'v1-legacy', 'v2', 'v1']);
  });

  it('offers exactly the same values in the settings schema', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { items: { properties: { dialect: { enum: string[]; default: string } } } }> } };
    };
    const dialect = manifest.contributes.configuration.properties['koreContactLists.environments'].items.properties.dialect;
    assert.deepEqual(dialect.enum, [...API_DIALECTS]);
    assert.equal(dialect.default, 'v1');
  });
});
