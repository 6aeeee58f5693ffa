// Every shape a command's arguments come in (tree node, keybinding array or object, id-or-name text, nothing)
// read into one typed target, as the environment picker and Delete Contact List read them.
import * as assert from 'node:assert/strict';
import { CommandTarget, parseCommandTarget } from '../../src/core/commandTarget';

const environment = { id: 'env-1', name: 'Production US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a-1' };
/** Shaped as the Environments view's nodes (src/vscode/environments/environmentTree.ts): recognised by `kind`, not by class. */
const environmentNode = { kind: 'environment', environment, credential: undefined };
const contactListNode = { kind: 'contactList', environment, list: { _id: 'cl-7', name: 'Leads' } };
const fromNode = { kind: 'node', id: 'env-1', name: 'Production US' } as const;

describe('parseCommandTarget', () => {
  const cases: Array<[string, unknown[], CommandTarget]> = [
    ['nothing (the palette)', [], {}],
    ['an environment node', [environmentNode], { environment: fromNode }],
    ['an environment node and a list id', [environmentNode, 'cl-2'], { environment: fromNode, contactListId: 'cl-2' }],
    ['a contact list node: the list is known, a second argument is ignored', [contactListNode, 'cl-other'], { environment: fromNode, contactListId: 'cl-7' }],
    ['an id or name and a list id', ['Production US', 'cl-2'], { environment: { kind: 'idOrName', value: 'Production US' }, contactListId: 'cl-2' }],
    ['blank text names no environment', ['   ', 'cl-2'], { contactListId: 'cl-2' }],
    ['a keybinding array', [['env-1', 'cl-3']], { environment: { kind: 'idOrName', value: 'env-1' }, contactListId: 'cl-3' }],
    ['a keybinding array with the environment only: the second argument is not used', [['env-1'], 'cl-x'], { environment: { kind: 'idOrName', value: 'env-1' } }],
    ['a keybinding array holding a node', [[contactListNode, 'cl-3']], { environment: fromNode, contactListId: 'cl-3' }],
    ['a keybinding object', [{ environment: 'env-1', contactListId: 'cl-4' }], { environment: { kind: 'idOrName', value: 'env-1' }, contactListId: 'cl-4' }],
    ['a keybinding object without a list: the second argument is', [{ environment: 'env-1' }, 'cl-5'], { environment: { kind: 'idOrName', value: 'env-1' }, contactListId: 'cl-5' }],
    ['a keybinding object with a list only', [{ contactListId: 'cl-6' }], { contactListId: 'cl-6' }],
    ['a list id that is not text means "ask"', ['env-1', 42], { environment: { kind: 'idOrName', value: 'env-1' } }],
    ['a keybinding object whose list is not text', [{ environment: 'env-1', contactListId: ['cl-6'] }, 'cl-x'], { environment: { kind: 'idOrName', value: 'env-1' } }],
    ['another kind of node names nothing', [{ kind: 'settingsProblem', problems: [] }], {}],
    ['a node of the right kind but the wrong shape is not a node', [{ kind: 'environment', environment: { id: 7 } }], {}],
    ['a contact list node without a list id is not a node', [{ kind: 'contactList', environment, list: {} }, 'cl-8'], { contactListId: 'cl-8' }],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => {
      assert.deepEqual(parseCommandTarget(args[0], args[1]), expected);
    });
  }

  it('keeps an id or name as typed, for the lookup (which trims) and the message (which quotes it)', () => {
    assert.deepEqual(parseCommandTarget(' env-1 '), { environment: { kind: 'idOrName', value: ' env-1 ' } });
  });

  it('reads null and numbers as naming nothing', () => {
    assert.deepEqual(parseCommandTarget(null), {});
    assert.deepEqual(parseCommandTarget(7, null), {});
  });
});
