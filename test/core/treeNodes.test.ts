// The tree node contract (src/vscode/shared/treeNodes.ts): one builder makes every context value, and every `viewItem`
// clause of package.json's menus matches exactly the nodes it is meant for. The module imports vscode for types
// only, so it runs here under plain Node.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contextValue, isContactListNode, isEnvironmentNode, isHistoryEntryNode, isWorkspaceOfferNode } from '../../src/vscode/shared/treeNodes';

interface MenuItem {
  readonly command: string;
  readonly when?: string;
}

const root = path.join(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuItem[]> } };

/** Every context value the two trees draw, by the node it is drawn for. */
const drawn: Record<string, string> = {
  'environment, no token': contextValue('environment', 'noToken'),
  'environment, token': contextValue('environment', 'hasToken'),
  'production environment, token': contextValue('environment', 'hasToken', 'production'),
  'production environment, no token': contextValue('environment', 'noToken', 'production'),
  'contact list': contextValue('contactList'),
  'contact list in use': contextValue('contactList', 'inUse'),
  'list message (retry)': contextValue('listMessage', 'retry'),
  'list message (set token)': contextValue('listMessage', 'setToken'),
  'list message (none)': contextValue('listMessage', 'none'),
  'settings problem': contextValue('settingsProblem'),
  'workspace offer': contextValue('workspaceOffer'),
  'history entry': contextValue('historyEntry'),
  'damaged history lines': contextValue('historyDamaged'),
  'show more history': contextValue('historyShowMore'),
  'no history match': contextValue('historyNoMatch'),
};

/** The `viewItem =~ /…/` regexes of a menu entry's when clause. */
function viewItemPatterns(when: string): RegExp[] {
  return [...when.matchAll(/viewItem =~ \/((?:[^/\\]|\\.)+)\//g)].map((match) => new RegExp(match[1]));
}

function nodesMatching(when: string): string[] {
  const patterns = viewItemPatterns(when);
  return Object.entries(drawn)
    .filter(([, value]) => patterns.every((pattern) => pattern.test(value)))
    .map(([node]) => node)
    .sort();
}

describe('tree nodes: the one context-value builder', () => {
  it('joins the kind and its flags sorted with ";", the values the menus and tests have always seen', () => {
    assert.equal(contextValue('environment', 'noToken'), 'environment;noToken');
    assert.equal(contextValue('environment', 'hasToken', 'production'), 'environment;hasToken;production');
    assert.equal(contextValue('environment', 'production', 'noToken'), 'environment;noToken;production', 'the order given does not matter');
    assert.equal(contextValue('contactList', false), 'contactList', 'a flag that is off (false) is left out');
    assert.equal(contextValue('contactList', 'inUse'), 'contactList;inUse');
    assert.equal(contextValue('listMessage', 'setToken'), 'listMessage;setToken');
    assert.equal(contextValue('historyEntry'), 'historyEntry');
  });

  it("every viewItem clause in package.json's menus matches exactly the nodes it is meant for", () => {
    const environments = ['environment, no token', 'environment, token', 'production environment, no token', 'production environment, token'];
    const expected: Record<string, string[]> = {
      '\\benvironment\\b': environments,
      '\\bhasToken\\b': ['environment, token', 'production environment, token'],
      '\\bcontactList\\b': ['contact list', 'contact list in use'],
      '\\bhistoryEntry\\b': ['history entry'],
    };
    const clauses = Object.values(manifest.contributes.menus)
      .flat()
      .flatMap((item) => (item.when?.includes('viewItem') ? [item.when] : []));
    assert.ok(clauses.length >= 10, 'the menus were found');
    for (const when of clauses) {
      const patterns = viewItemPatterns(when);
      assert.equal(patterns.length, 1, `${when}: one viewItem regex`);
      const wanted = expected[patterns[0].source];
      assert.ok(wanted, `${when}: a viewItem clause this test knows (add the nodes it is meant for)`);
      assert.deepEqual(nodesMatching(when), [...wanted].sort(), when);
    }
  });

  it('tells nodes apart by kind, so a node made by one bundle is recognised by the other', () => {
    // What the operations bundle receives from a tree drawn by extension.js: plain data, no shared class.
    const fromOtherBundle = JSON.parse(JSON.stringify({ kind: 'historyEntry', entry: {} })) as unknown;
    assert.equal(isHistoryEntryNode(fromOtherBundle), true);
    assert.equal(isHistoryEntryNode({ kind: 'historyShowMore' }), false);
    assert.equal(isEnvironmentNode({ kind: 'environment' }), true);
    assert.equal(isContactListNode({ kind: 'environment' }), false);
    assert.equal(isWorkspaceOfferNode({ kind: 'workspaceOffer' }), true);
    for (const value of [undefined, null, 'historyEntry', 42]) assert.equal(isHistoryEntryNode(value), false);
  });
});
