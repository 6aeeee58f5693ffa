// Server and file text as the UI shows it (issue 18): quotes that cannot forge a message, icons and markdown that
// are shown as the characters they are, and names that mix scripts the way look-alikes do.
import * as assert from 'node:assert/strict';
import { confirmationText } from '../../src/core/deletionPreview';
import { mixedScripts } from '../../src/core/text/scriptMixing';
import { hasUnsafeCharacter, markdownCode, oneLine, serverText, withoutIcons } from '../../src/core/text/textSafety';

describe('textSafety', () => {
  describe('serverText', () => {
    it('neutralises every kind of quote mark, so a name cannot close the quotes around it', () => {
      assert.equal(serverText('old-test-list" from "Sandbox'), 'old-test-listʼ from ʼSandbox');
      for (const quote of ['"', '\u201c', '\u201d', '„', '«', '»', '「', '」', '『', '＂', "'", '\u2018', '\u2019', '`']) {
        assert.equal(serverText(`a${quote}b`), 'aʼb', JSON.stringify(quote));
      }
      assert.equal(serverText('Renewal Due - August 2025'), 'Renewal Due - August 2025');
    });
    it('is one safe line, capped', () => {
      assert.equal(serverText('a\u202e"b\nc', 5), 'a ʼb…');
    });
  });

  describe('the confirmation of issue 18\'s forged title', () => {
    it('keeps the name inside its quotes and the real environment where the title names it', () => {
      const name = 'old-test-list" from "Sandbox"? (dry run, nothing is deleted on';
      const target = { contactListId: 'cl-1', environmentName: 'Production US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1', production: false };
      const { message } = confirmationText(target, { _id: 'cl-1', name });
      assert.equal(message, 'Delete contact list "old-test-listʼ from ʼSandboxʼ? (dry run, nothing is deleted on" from "Production US"?');
      assert.equal(message.split('"').length, 5, 'exactly two quoted parts: the name and the environment');
    });
  });

  describe('withoutIcons', () => {
    it('writes an icon in server or workspace text as text, so "$(shield) Sandbox" shows no shield', () => {
      assert.equal(withoutIcons('$(shield) Sandbox'), '\\$(shield) Sandbox');
      assert.equal(withoutIcons('a $(sync~spin) b $(x'), 'a \\$(sync~spin) b $(x');
      assert.equal(withoutIcons('Production US'), 'Production US');
    });
  });

  describe('markdownCode', () => {
    it('keeps an id inside its code span whatever backticks it holds, so it cannot add a link or image', () => {
      assert.equal(markdownCode('cl-1'), '`cl-1`');
      assert.equal(markdownCode('cl-1`[x](command:kore.x)`'), '`` cl-1`[x](command:kore.x)` ``');
      assert.equal(markdownCode('a``b'), '```a``b```');
    });
  });

  describe('mixedScripts', () => {
    it('flags the look-alikes of the issue: Armenian օ ո ս Ս, Cyrillic г, Cherokee Ꮪ', () => {
      const cases: Array<[string, string]> = [
        ['Prօduction US', 'Armenian'],
        ['Prodսction US', 'Armenian'],
        ['Productioո US', 'Armenian'],
        ['Production UՍ', 'Armenian'],
        ['Proгuction US', 'Cyrillic'],
        ['Production UᏚ', 'Cherokee'],
        ['Prоduction US', 'Cyrillic'],
      ];
      for (const [name, script] of cases) assert.deepEqual(mixedScripts(name)?.sort(), ['Latin', script].sort(), name);
    });
    it('leaves names in one script, and Latin with Han, kana or Hangul, alone', () => {
      for (const name of ['Production US', 'Café Zürich', 'Продакшн', 'Ελληνικά 2', '本番 Tokyo', 'ステージング環境', '운영 Prod', 'Ｐｒｏｄ', 'Prod (EU) #2']) {
        assert.equal(mixedScripts(name), undefined, name);
      }
    });
  });
});

describe('oneLine', () => {
  it('cuts long text without splitting a surrogate pair', () => {
    const cut = oneLine('😀'.repeat(400), 10);
    assert.equal(Array.from(cut).length, 10);
    assert.ok(!hasUnsafeCharacter(cut));
  });
});
