import * as assert from 'node:assert/strict';
import { findEnvironment, rawIndexOfEnvironment, readEnvironments } from '../../src/core/environments/environment';

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
  it('skips an entry whose name reads like an earlier one (case, width, look-alike letters)', () => {
    const result = readEnvironments([
      good,
      { ...good, id: 'env-2', name: 'Prоduction US' }, // Cyrillic о
      { ...good, id: 'env-3', name: 'ＰＲＯＤＵＣＴＩＯＮ ＵＳ' },
      { ...good, id: 'env-4', name: 'Staging' },
    ]);
    assert.deepEqual(result.environments.map((environment) => environment.id), ['env-1', 'env-4']);
    assert.equal(result.problems.length, 2);
    for (const problem of result.problems) assert.match(problem, /same id or name/);
  });
  it('skips hosts that are not host names and names with invisible characters', () => {
    const result = readEnvironments([
      { ...good, id: 'env-2', name: 'Tick', host: 'a`b.kore.ai' },
      { ...good, id: 'env-3', name: 'Semicolon', host: 'platform.kore.ai;evil' },
      { ...good, id: 'env-4', name: 'Prod\u2066US' },
    ]);
    assert.deepEqual(result.environments, []);
    assert.match(result.problems[0], /"Tick" .*field "host"/);
    assert.match(result.problems[1], /"Semicolon" .*field "host"/);
    assert.match(result.problems[2], /field "name"/);
  });
  it('tells the raw position of the entry accepted for an id, never of a skipped duplicate', () => {
    const raw = [
      'nonsense',
      { ...good, id: 'env-1', host: 'http://attacker.example' }, // skipped: bad host, same id
      good, // accepted: index 2
      { ...good, name: 'Copy' }, // skipped: same id
      { ...good, id: 'env-2', name: 'Other' },
    ];
    assert.equal(rawIndexOfEnvironment(raw, 'env-1'), 2);
    assert.equal(rawIndexOfEnvironment(raw, 'env-2'), 4);
    assert.equal(rawIndexOfEnvironment(raw, 'env-9'), undefined);
    assert.equal(rawIndexOfEnvironment({}, 'env-1'), undefined);
    assert.equal(rawIndexOfEnvironment(undefined, 'env-1'), undefined);
  });
  it('finds by name as names are compared: case, width and look-alikes do not count', () => {
    const environments = readEnvironments([good]).environments;
    assert.equal(findEnvironment(environments, 'Prоduction US')?.id, 'env-1');
    assert.equal(findEnvironment(environments, 'ＰＲＯＤＵＣＴＩＯＮ US')?.id, 'env-1');
  });
  it('finds by id first, then by name without regard to case', () => {
    const environments = readEnvironments([good, { ...good, id: 'env-2', name: 'env-1' }]).environments;
    assert.equal(findEnvironment(environments, 'env-1')?.name, 'Production US');
    assert.equal(findEnvironment(environments, 'production us')?.id, 'env-1');
    assert.equal(findEnvironment(environments, 'nope'), undefined);
  });
});
