import * as assert from 'node:assert/strict';
import { Environment } from '../../src/core/environments/environment';
import {
  MAX_TRANSFER_ENVIRONMENTS,
  TRANSFER_FORMAT,
  exportEnvironments,
  importEnvironments,
} from '../../src/core/environments/environmentTransfer';

const production: Environment & { production: boolean } = {
  id: 'env-1',
  name: 'Production US',
  host: 'https://platform.kore.ai',
  iid: 'st-0603182c-7ffb-53c3-b307-47ca14b90001',
  accountId: '67777ce93e25326494e90001',
  production: true,
};
const sandbox: Environment = { id: 'env-2', name: 'Local sandbox', host: 'http://127.0.0.1:4010', iid: 'st-2', accountId: 'acc2' };
const good = { name: 'Staging EU', host: 'de-platform.kore.ai', iid: 'st-3', accountId: 'acc3' };

/** Ids in the order they are handed out, so tests can tell which import got which. */
function idCounter(prefix = 'new') {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
const fileWith = (environments: unknown) => JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments });

describe('environmentTransfer', () => {
  describe('exportEnvironments', () => {
    it('writes the format marker, the version and the four fields plus production and the API dialect, without ids', () => {
      const text = exportEnvironments([production, { ...sandbox, dialect: 'v2' }]);
      assert.deepEqual(JSON.parse(text), {
        format: 'kore-contact-lists.environments',
        version: 1,
        environments: [
          { name: 'Production US', host: 'https://platform.kore.ai', iid: production.iid, accountId: production.accountId, dialect: 'v1', production: true },
          { name: 'Local sandbox', host: 'http://127.0.0.1:4010', iid: 'st-2', accountId: 'acc2', dialect: 'v2' },
        ],
      });
      assert.ok(text.includes('\n  "environments": ['), 'pretty-printed');
      assert.ok(text.endsWith('}\n'));
      assert.ok(!text.includes('env-1') && !text.includes('env-2'), 'no ids');
    });
    it('never writes a secret, whatever the objects carry at run time', () => {
      const secrets = {
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLTEifQ.c2lnbmF0dXJl-TOKEN',
        clientSecret: 'CLIENT-SECRET-VALUE-123',
        secret: 'PLAIN-SECRET-VALUE-456',
        password: 'PASSWORD-VALUE-789',
        auth: 'AUTH-HEADER-VALUE-000',
        credential: { kind: 'jwt', token: 'NESTED-TOKEN-VALUE-111', host: 'https://platform.kore.ai' },
      };
      const carrying = { ...production, ...secrets } as Environment;
      const text = exportEnvironments([carrying]);
      for (const value of ['eyJhbGciOiJIUzI1NiJ9', 'CLIENT-SECRET-VALUE', 'PLAIN-SECRET-VALUE', 'PASSWORD-VALUE', 'AUTH-HEADER-VALUE', 'NESTED-TOKEN-VALUE']) {
        assert.ok(!text.includes(value), `${value} leaked into the export`);
      }
      for (const key of Object.keys(secrets)) assert.ok(!text.includes(`"${key}"`), `field ${key} exported`);
    });
    it('writes production only when it is true', () => {
      const odd = { ...sandbox, production: 'yes' } as unknown as Environment;
      const [notProduction] = (JSON.parse(exportEnvironments([{ ...sandbox, production: false }])) as { environments: object[] }).environments;
      assert.equal(Object.hasOwn(notProduction, 'production'), false);
      const [entry] = (JSON.parse(exportEnvironments([odd])) as { environments: object[] }).environments;
      assert.equal(Object.hasOwn(entry, 'production'), false);
    });
    it('exports an empty list as an empty array', () => {
      assert.deepEqual(JSON.parse(exportEnvironments([])), { format: TRANSFER_FORMAT, version: 1, environments: [] });
    });
  });

  describe('importEnvironments', () => {
    it('round-trips an export, giving every environment a fresh id', () => {
      const result = importEnvironments(exportEnvironments([production, sandbox]), [], idCounter());
      assert.deepEqual(result, {
        accepted: [
          { ...production, id: 'new-1' },
          { ...sandbox, id: 'new-2' },
        ],
        rejected: [],
      });
    });
    it('normalises the host and trims the text fields as the Add Environment form does, keeping production only when true', () => {
      const result = importEnvironments(
        fileWith([{ name: '  Staging EU ', host: ' HTTPS://De-Platform.kore.ai/ ', iid: ' st-3 ', accountId: 'acc3 ', production: false }]),
        [],
        idCounter(),
      );
      assert.deepEqual(result.rejected, []);
      assert.deepEqual(result.accepted, [
        { id: 'new-1', name: 'Staging EU', host: 'https://de-platform.kore.ai', iid: 'st-3', accountId: 'acc3' },
      ]);
    });
    it('ignores an id in the file and unknown harmless fields, and accepts a byte order mark', () => {
      const result = importEnvironments(
        `\ufeff${JSON.stringify({ format: TRANSFER_FORMAT, version: 1, exportedBy: 'me', environments: [{ ...good, id: production.id, author: 'Ana', notes: { colour: 'red' } }] })}`,
        [production],
        idCounter(),
      );
      assert.deepEqual(result, { accepted: [{ ...good, host: 'https://de-platform.kore.ai', id: 'new-1' }], rejected: [] });
    });
    it('asks for an id only for accepted entries', () => {
      let calls = 0;
      importEnvironments(fileWith([good, { ...good, name: 'Bad', host: 'http://evil.example' }]), [], () => `id-${++calls}`);
      assert.equal(calls, 1);
    });
    it('accepts an empty list', () => {
      assert.deepEqual(importEnvironments(fileWith([]), [production], idCounter()), { accepted: [], rejected: [] });
    });

    describe('refuses bad entries, keeping the good ones', () => {
      // [what, the entry, the name reported, the reason]
      const bad: Array<[string, unknown, string | undefined, RegExp]> = [
        ['a bad host', { ...good, name: 'A', host: 'platform.kore.ai/agentassist' }, 'A', /field "host" is invalid: .*without a path/],
        ['plain http to a non-loopback host', { ...good, name: 'B', host: 'http://platform.kore.ai' }, 'B', /field "host" .*plain http is only allowed for localhost/],
        ['a look-alike host', { ...good, name: 'C', host: 'platform.kоre.ai' }, 'C', /field "host" .*non-ASCII/],
        ['a bad iid', { ...good, name: 'D', iid: 'st-1/../x' }, 'D', /field "iid" is invalid: .*only letters, digits/],
        ['a bad accountId', { ...good, name: 'E', accountId: 'acc 1' }, 'E', /field "accountId" is invalid/],
        ['an empty name', { ...good, name: '  ' }, undefined, /field "name" is invalid: Enter a name/],
        ['a name with a control character', { ...good, name: 'Prod\u202eSU' }, 'Prod SU', /field "name" .*control or invisible/],
        ['a missing host', { name: 'F', iid: 'st-1', accountId: 'a1' }, 'F', /field "host" is missing or is not text/],
        ['a missing name', { host: 'platform.kore.ai', iid: 'st-1', accountId: 'a1' }, undefined, /field "name" is missing/],
        ['a number for iid', { ...good, name: 'G', iid: 42 }, 'G', /field "iid" is missing or is not text/],
        ['a non-boolean production', { ...good, name: 'H', production: 'yes' }, 'H', /field "production" is invalid: use true or false/],
        ['a name clash with an existing environment', { ...good, name: 'production us' }, 'production us', /named "production us" already exists/],
        ['a host that is not a host name', { ...good, name: 'R', host: 'a*b.kore.ai' }, 'R', /field "host" is invalid: .*not a valid host name/],
        ['a token field', { ...good, name: 'I', token: 'eyJ.SECRET-TOKEN-VALUE.sig' }, 'I', /field "token", which looks like a secret, and secrets are never imported/],
        ['a clientSecret field', { ...good, name: 'J', clientSecret: 'SECRET-VALUE' }, 'J', /"clientSecret", which looks like a secret/],
        ['a client_secret field', { ...good, name: 'K', client_secret: 'SECRET-VALUE' }, 'K', /"client_secret", which looks like a secret/],
        ['a secret field', { ...good, name: 'L', secret: 'SECRET-VALUE' }, 'L', /"secret", which looks like a secret/],
        ['a password field', { ...good, name: 'M', Password: 'SECRET-VALUE' }, 'M', /"Password", which looks like a secret/],
        ['an auth field', { ...good, name: 'N', auth: 'SECRET-VALUE' }, 'N', /"auth", which looks like a secret/],
        ['an Authorization field', { ...good, name: 'O', Authorization: 'Bearer SECRET-VALUE' }, 'O', /"Authorization", which looks like a secret/],
        ['a nested credential', { ...good, name: 'P', extra: { kind: 'jwt', accessToken: 'SECRET-VALUE' } }, 'P', /"accessToken", which looks like a secret/],
        ['a secret even when the entry is otherwise bad', { name: 'Q', apiKey: 'SECRET-VALUE' }, 'Q', /"apiKey", which looks like a secret/],
        ['a string', 'Production US', undefined, /not an object/],
        ['null', null, undefined, /not an object/],
        ['an array', [good], undefined, /not an object/],
      ];
      const result = importEnvironments(fileWith([good, ...bad.map(([, entry]) => entry)]), [production], idCounter());

      it('accepts the good entry alone', () => {
        assert.deepEqual(result.accepted.map((environment) => environment.name), ['Staging EU']);
        assert.equal(result.rejected.length, bad.length);
        assert.equal(result.error, undefined);
      });
      bad.forEach(([what, , name, reason], position) => {
        it(`refuses ${what}`, () => {
          const rejection = result.rejected.find((entry) => entry.index === position + 1);
          assert.ok(rejection, `entry ${position + 1} was not rejected`);
          assert.equal(rejection.name, name);
          assert.match(rejection.reason, reason);
        });
      });
      it('never repeats a secret value in a reason', () => {
        for (const rejection of result.rejected) assert.ok(!rejection.reason.includes('SECRET'), rejection.reason);
      });
    });

    it('refuses a later entry with a name already used in the file, whatever its case', () => {
      const result = importEnvironments(
        fileWith([good, { ...good, name: 'STAGING eu', iid: 'st-4' }, { ...good, name: 'Other' }]),
        [],
        idCounter(),
      );
      assert.deepEqual(result.accepted.map((environment) => environment.name), ['Staging EU', 'Other']);
      assert.deepEqual(result.rejected, [
        { index: 1, name: 'STAGING eu', reason: 'Entry #1 in this file has the same name: give each environment its own name.' },
      ]);
    });
    it('refuses a name that reads like an existing environment\'s (Cyrillic о)', () => {
      const result = importEnvironments(fileWith([{ ...good, name: 'Prоduction US' }]), [production], idCounter());
      assert.deepEqual(result.accepted, []);
      assert.match(result.rejected[0]?.reason ?? '', /named "Production US" already exists, and "Prоduction US" reads the same/);
    });
    it('refuses a later entry whose name reads like one already in the file (width, look-alike letters)', () => {
      const result = importEnvironments(
        fileWith([good, { ...good, name: 'Stаging EU', iid: 'st-4' }, { ...good, name: 'Ｓｔａｇｉｎｇ EU', iid: 'st-5' }]),
        [],
        idCounter(),
      );
      assert.deepEqual(result.accepted.map((environment) => environment.name), ['Staging EU']);
      assert.deepEqual(result.rejected.map((entry) => [entry.index, /Entry #1 in this file has the same name/.test(entry.reason)]), [[1, true], [2, true]]);
    });
    it('refuses the later duplicate even when the first is itself refused, so that fixing the first is enough', () => {
      const result = importEnvironments(fileWith([{ ...good, host: 'http://evil.example' }, good]), [], idCounter());
      assert.deepEqual(result.accepted, []);
      assert.deepEqual(result.rejected.map((entry) => [entry.index, /same name/.test(entry.reason)]), [[0, false], [1, true]]);
    });

    describe('refuses a file that is not an export, with one error', () => {
      const files: Array<[string, string, RegExp]> = [
        ['not JSON', '{ "format": ', /not valid JSON/],
        ['empty', '', /not valid JSON/],
        ['a settings.json array', JSON.stringify([good]), /not an environments export: its "format" is not "kore-contact-lists.environments"/],
        ['no format marker', JSON.stringify({ version: 1, environments: [good] }), /not an environments export/],
        ['a wrong format marker', JSON.stringify({ format: 'something.else', version: 1, environments: [good] }), /not an environments export/],
        ['a newer version', JSON.stringify({ format: TRANSFER_FORMAT, version: 2, environments: [good] }), /newer version .*\(format version 2\)/],
        ['no version', JSON.stringify({ format: TRANSFER_FORMAT, environments: [good] }), /no supported format version/],
        ['"environments" not an array', JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments: good }), /"environments" is not a list/],
        ['"environments" missing', JSON.stringify({ format: TRANSFER_FORMAT, version: 1 }), /"environments" is not a list/],
        ['too many environments', fileWith(new Array(MAX_TRANSFER_ENVIRONMENTS + 1).fill(good)), /more than 1000 environments/],
        ['too large', fileWith([{ ...good, notes: 'x'.repeat(1024 * 1024) }]), /too large/],
      ];
      for (const [what, text, error] of files) {
        it(`refuses ${what}`, () => {
          const result = importEnvironments(text, [], idCounter());
          assert.deepEqual([result.accepted, result.rejected], [[], []]);
          assert.match(result.error ?? '', error);
        });
      }
    });

  });
});
