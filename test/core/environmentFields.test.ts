// One check of an environment's fields for settings, imported files and forms: what it accepts and normalises,
// which field it names first, and that settings and import, which both use it, refuse the same entries.
import * as assert from 'node:assert/strict';
import { readEnvironments } from '../../src/core/environments/environment';
import { parseEnvironmentFields } from '../../src/core/environments/environmentFields';
import { importEnvironments } from '../../src/core/environments/environmentTransfer';

const good = { name: ' Production US ', host: 'platform.kore.ai/', iid: ' st-1 ', accountId: 'a-1', production: true };

describe('parseEnvironmentFields', () => {
  it('accepts good fields, trimmed and with the host normalised; keeps production only when true', () => {
    assert.deepEqual(parseEnvironmentFields(good), {
      ok: true,
      fields: { name: 'Production US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a-1', production: true },
    });
    const notProduction = parseEnvironmentFields({ ...good, production: false });
    assert.equal(notProduction.ok && 'production' in notProduction.fields, false);
  });

  it('names the first wrong field, in the order name, host, iid, accountId, production', () => {
    const order: Array<[Record<string, unknown>, string]> = [
      [{ ...good, name: '', host: 'ftp://x', iid: '', accountId: '', production: 'yes' }, 'name'],
      [{ ...good, host: 'ftp://x', iid: '', accountId: '', production: 'yes' }, 'host'],
      [{ ...good, iid: 'st 1', accountId: '', production: 'yes' }, 'iid'],
      [{ ...good, accountId: '', production: 'yes' }, 'accountId'],
      [{ ...good, production: 'yes' }, 'production'],
    ];
    for (const [record, field] of order) {
      const parsed = parseEnvironmentFields(record);
      assert.equal(parsed.ok ? undefined : parsed.field, field, JSON.stringify(record));
    }
  });

  it('checks a field that is not text as empty text, with the sentence saying what to enter', () => {
    const parsed = parseEnvironmentFields({ ...good, name: 42 });
    assert.deepEqual(parsed, { ok: false, field: 'name', problem: 'Enter a name for the environment, for example "Production US".' });
  });

  it('makes settings and an imported file refuse the same entries, naming the same field', () => {
    const bad: Array<Record<string, unknown>> = [
      { ...good, name: 'x'.repeat(65) },
      { ...good, host: 'http://example.com' },
      { ...good, host: 'https://exa mple.com' },
      { ...good, iid: 'st-1/../x' },
      { ...good, accountId: 'a\u202e1' },
      { ...good, production: 'yes' },
    ];
    for (const record of bad) {
      const parsed = parseEnvironmentFields(record);
      assert.equal(parsed.ok, false, JSON.stringify(record));
      const field = parsed.ok ? '' : parsed.field;
      const fromSettings = readEnvironments([{ id: 'env-1', ...record }]);
      assert.equal(fromSettings.environments.length, 0);
      assert.match(fromSettings.problems[0], new RegExp(`field "${field}" is invalid`));
      const file = JSON.stringify({ format: 'kore-contact-lists.environments', version: 1, environments: [record] });
      const imported = importEnvironments(file, [], () => 'new-id');
      assert.equal(imported.accepted.length, 0);
      assert.match(imported.rejected[0].reason, new RegExp(`field "${field}" is invalid`));
    }
  });
});
