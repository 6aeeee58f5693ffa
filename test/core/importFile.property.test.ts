// Properties of Import Environments over any file: a shared file is as untrusted as a server's answer.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { exportEnvironments, importEnvironments, TRANSFER_FORMAT } from '../../src/core/environments/environmentTransfer';
import { hasUnsafeCharacter } from '../../src/core/text/textSafety';
import { normaliseHost, validateAccountId, validateEnvironmentName, validateIid } from '../../src/core/input/validation';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';

const NASTY = ['\n', '\u2028', '\u202e', '\u2066', '\u200b', '\u00ad', '\u3164', '\ud800', '\u0000', '`', ';', '*', '@', '/', '..', 'о', 'Ρ', 'xn--'];
const hostile = fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(...NASTY)), { maxLength: 5 }).map((parts) => parts.join(''));
const name = fc.oneof(fc.constantFrom('Production US', 'Sandbox', 'production us', 'Prоduction US', 'ＰＲＯＤＵＣＴＩＯＮ US'), hostile);
const host = fc.oneof(fc.constantFrom('platform.kore.ai', 'https://de-platform.kore.ai', 'jp-platform.kore.ai:8443', 'http://127.0.0.1:9999', 'a`b.kore.ai', 'platform.kore.ai;evil', 'a*b.kore.ai', 'https://user@host', 'http://platform.kore.ai'), fc.domain(), hostile);
const appId = fc.oneof(fc.constantFrom('st-0603182c-7ffb-53c3-b307-47ca14b9a001', '67777ce93e25326494e9a001'), hostile);
const entry = fc.record(
  {
    name: fc.oneof(name, fc.integer()),
    host: fc.oneof(host, fc.constant(null)),
    iid: appId,
    accountId: appId,
    production: fc.oneof(fc.boolean(), fc.constant('yes')),
    token: hostile,
    clientSecret: hostile,
    id: hostile,
  },
  { requiredKeys: ['name', 'host', 'iid', 'accountId'] },
);
const file = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(entry, fc.anything()), { maxLength: 8 }).map((environments) => JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments })) },
  fc.json(),
  hostile,
  fc.array(entry, { maxLength: 4 }).map((environments) => `\ufeff${JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments })}`),
  fc.constantFrom('', '{', `{"format":"${TRANSFER_FORMAT}","version":1e999,"environments":[]}`, `{"format":"${TRANSFER_FORMAT}","version":2}`),
);

function assertOneCleanLine(text: string, what: string): void {
  assert.ok(text.trim() !== '' && !/[\r\n]/.test(text) && !hasUnsafeCharacter(text), `${what}: ${JSON.stringify(text)}`);
}

describe('properties: any file given to Import Environments', function () {
  this.timeout(propertyTimeoutMs());

  it('is read without throwing; what it accepts is valid and secret-free, and every reason is one clean line', () => {
    fc.assert(
      fc.property(file, (text) => {
        let next = 0;
        const result = importEnvironments(text, [{ id: 'existing', name: 'Existing', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1' }], () => `new-${next++}`);
        if (result.error !== undefined) {
          assertOneCleanLine(result.error, 'the error');
          assert.equal(result.accepted.length + result.rejected.length, 0);
          return;
        }
        const names = new Set<string>(['existing']);
        for (const environment of result.accepted) {
          assert.equal(validateEnvironmentName(environment.name), undefined);
          assert.equal(normaliseHost(environment.host).host, environment.host);
          assert.equal(validateIid(environment.iid), undefined);
          assert.equal(validateAccountId(environment.accountId), undefined);
          assert.match(environment.id, /^new-\d+$/);
          assert.deepEqual(Object.keys(environment).filter((key) => !['id', 'name', 'host', 'iid', 'accountId', 'production'].includes(key)), []);
          const key = environment.name.toLowerCase();
          assert.ok(!names.has(key), `two environments named ${environment.name}`);
          names.add(key);
        }
        for (const rejection of result.rejected) {
          assertOneCleanLine(rejection.reason, 'a reason');
          if (rejection.name !== undefined) assertOneCleanLine(rejection.name, 'a rejected name');
        }
      }),
      propertyParameters(),
    );
  });

  it('round-trips every environment it accepted through an export', () => {
    fc.assert(
      fc.property(file, (text) => {
        let next = 0;
        const first = importEnvironments(text, [], () => `a-${next++}`);
        if (first.error !== undefined) return;
        const again = importEnvironments(exportEnvironments(first.accepted), [], () => `b-${next++}`);
        assert.equal(again.error, undefined);
        assert.deepEqual(again.rejected, []);
        assert.deepEqual(
          again.accepted.map(({ id: _id, ...rest }) => rest),
          first.accepted.map(({ id: _id, ...rest }) => rest),
        );
      }),
      propertyParameters(),
    );
  });
});
