import * as assert from 'node:assert/strict';
import { findEnvironment, readEnvironments } from '../../src/core/environment';

const good = { id: 'env-1', name: 'Production US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'acc1' };

describe('readEnvironments', () => {
  it('reads valid entries and normalises the host', () => {
    const result = readEnvironments([{ ...good, host: 'https://Platform.kore.ai/' }]);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.environments, [{ ...good, host: 'https://platform.kore.ai' }]);
  });
  it('treats a missing setting as no environments', () => {
    assert.deepEqual(readEnvironments(undefined), { environments: [], problems: [] });
  });
  it('reports a setting that is not an array', () => {
    assert.match(readEnvironments({}).problems[0], /must be an array/);
  });
  it('skips bad entries, saying which field is wrong, and keeps the good ones', () => {
    const result = readEnvironments([
      good,
      'nonsense',
      { ...good, id: 'env-2', name: 'Evil', host: 'http://attacker.example' },
      { ...good, id: 'bad id!', name: 'Other' },
      { ...good, id: 'env-3' },
    ]);
    assert.deepEqual(result.environments.map((environment) => environment.id), ['env-1']);
    assert.equal(result.problems.length, 4);
    assert.match(result.problems[0], /#2 in settings is not an object/);
    assert.match(result.problems[1], /"Evil" .*field "host"/);
    assert.match(result.problems[2], /"Other" .*field "id"/);
    assert.match(result.problems[3], /same id or name/);
  });
  it('finds by id first, then by name without regard to case', () => {
    const environments = readEnvironments([good, { ...good, id: 'env-2', name: 'env-1' }]).environments;
    assert.equal(findEnvironment(environments, 'env-1')?.name, 'Production US');
    assert.equal(findEnvironment(environments, 'production us')?.id, 'env-1');
    assert.equal(findEnvironment(environments, 'nope'), undefined);
  });
});
