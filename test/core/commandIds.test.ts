import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds } from '../../src/commandIds';
import { ViewIds } from '../../src/viewIds';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    views: Record<string, Array<{ id: string; icon?: string }>>;
    menus: Record<string, Array<{ command: string }>>;
    keybindings: Array<{ command: string; key: string; mac?: string; when: string }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.nls.json'), 'utf8')) as Record<string, string>;

describe('command ids', () => {
  it('are the same set in the code and in package.json', () => {
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual(contributed, Object.values(CommandIds).sort());
  });
  it('every command has the Kore.ai category and a title that resolves', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Kore.ai', command.command);
      const title = command.title.replace(/^%(.*)%$/, (_whole, key: string) => nls[key] ?? `missing ${key}`);
      assert.doesNotMatch(title, /missing/, command.command);
    }
  });
  it('menus name only contributed commands', () => {
    const known = new Set<string>(Object.values(CommandIds));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(known.has(entry.command), `${menu}: ${entry.command}`);
    }
  });
  it('the view ids match', () => {
    assert.deepEqual(manifest.contributes.views[ViewIds.container].map((view) => view.id), [ViewIds.environments, ViewIds.history]);
  });
  it('every %key% in package.json has a text in package.nls.json', () => {
    const keys = JSON.stringify(manifest).match(/%[A-Za-z0-9.]+%/g) ?? [];
    for (const key of keys) assert.ok(nls[key.slice(1, -1)], key);
  });
  it('keybindings name only contributed commands, and work only in the Environments view on a row under an environment', () => {
    const known = new Set<string>(Object.values(CommandIds));
    for (const binding of manifest.contributes.keybindings) {
      assert.ok(known.has(binding.command), binding.command);
      assert.match(binding.when, /focusedView == koreContactLists\.environments/);
      assert.match(binding.when, /treeElementHasParent/);
      // VS Code sets `viewItem` only while it builds a menu: a keybinding that tests it never runs.
      assert.doesNotMatch(binding.when, /viewItem/);
    }
    const keys = manifest.contributes.keybindings.filter((binding) => binding.command === CommandIds.deleteFocusedContactList);
    assert.deepEqual(
      keys.map((binding) => [binding.key, binding.mac ?? binding.key, /isMac/.test(binding.when)]),
      [
        ['delete', 'cmd+backspace', false],
        ['delete', 'delete', true],
      ],
    );
  });
  it('every view has an icon, shown when the view sits where its name does not fit', () => {
    for (const view of Object.values(manifest.contributes.views).flat()) assert.match(view.icon ?? '', /^\$\([a-z-]+\)$/, view.id);
  });
});
