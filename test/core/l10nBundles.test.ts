// The German and Japanese translations: complete, current, and faithful to the English placeholders, and
// actually used at run time by the core through @vscode/l10n (the loader VS Code's bundle is handed to).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { summariseBulkReport } from '../../src/core/bulk/report';
import { parseContactListIds } from '../../src/core/input/contactListIds';
import { importEnvironments } from '../../src/core/environments/environmentTransfer';
import { checkJwtShape } from '../../src/core/environments/jwt';
import { BulkDeletionReport } from '../../src/core/bulk/report';
import { describeDeleteResult } from '../../src/core/failures/resultMessages';
import { responseResult } from '../support/koreResults';

const ROOT = path.join(__dirname, '../../..');
const LANGUAGES = ['de', 'ja'] as const;

function readJson(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
}

/** Escapes in a TypeScript string literal, as l10n-dev unescapes them. */
function unescapeLiteral(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_whole, escape: string) => {
    if (escape.startsWith('u{')) return String.fromCodePoint(parseInt(escape.slice(2, -1), 16));
    if (/^[ux]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escape] ?? escape;
  });
}

/**
 * Every message of an `l10n.t('…')` or `vscode.l10n.t('…')` call under src/: the call shape l10n-dev's
 * export recognises. Read with a pattern rather than by running l10n-dev, which takes seconds to start.
 */
function messagesInSource(): Set<string> {
  const found = new Set<string>();
  const files = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }).map(String).filter((file) => file.endsWith('.ts'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, 'src', file), 'utf8');
    for (const match of text.matchAll(/\bl10n\.t\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`)/g)) {
      found.add(unescapeLiteral(match[1] ?? match[2] ?? match[3]));
    }
  }
  return found;
}

/** `{0}`, `{1}`… of a message, each as often as it occurs, in order of index. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\d+)\}/g)].map((match) => match[1]).sort();
}

/** Codicons, markdown link targets and `code` spans: syntax a translation must carry over unchanged. */
function syntax(message: string): string[] {
  return [...message.matchAll(/\$\([a-z0-9-~]+\)|\]\([^)]*\)|`[^`]*`/g)].map((match) => match[0]).sort();
}

/** What a translation must keep of its English message; an empty list when it does. */
function differences(english: string, translated: string | undefined): string[] {
  if (typeof translated !== 'string' || translated.trim() === '') return ['missing or empty'];
  const problems: string[] = [];
  if (placeholders(english).join() !== placeholders(translated).join()) {
    problems.push(`placeholders ${placeholders(english).join()} became ${placeholders(translated).join()}`);
  }
  // Leading or trailing spaces are there because the message is joined to another one.
  if (/^\s/.test(english) !== /^\s/.test(translated) || /\s$/.test(english) !== /\s$/.test(translated)) problems.push('edge spaces differ');
  // Placeholder-free syntax of VS Code's own (markdown links in welcome views, codicons) must survive.
  const englishSyntax = syntax(english).filter((token) => !token.startsWith('`'));
  const translatedSyntax = syntax(translated).filter((token) => !token.startsWith('`'));
  if (englishSyntax.join() !== translatedSyntax.join()) problems.push(`markup ${englishSyntax.join()} became ${translatedSyntax.join()}`);
  return problems;
}

function checkBundle(english: Record<string, string>, translated: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    for (const problem of differences(english[key], translated[key])) problems.push(`${JSON.stringify(key)}: ${problem}`);
  }
  for (const key of Object.keys(translated)) if (!(key in english)) problems.push(`${JSON.stringify(key)}: stale, no longer in the English bundle`);
  return problems;
}

describe('l10n bundles', () => {
  const english = readJson('l10n/bundle.l10n.json');

  it('the English bundle holds exactly the messages in the source (re-export it after adding or changing one)', () => {
    const inSource = messagesInSource();
    const missing = [...inSource].filter((message) => !(message in english));
    const stale = Object.keys(english).filter((message) => !inSource.has(message));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run: npm run l10n');
    assert.ok(inSource.size > 300, `only ${inSource.size} messages found: the pattern no longer matches the source`);
    for (const [key, value] of Object.entries(english)) assert.equal(value, key, 'the English bundle maps each message to itself');
  });

  for (const language of LANGUAGES) {
    it(`bundle.l10n.${language}.json translates every message, keeping its placeholders, and nothing stale`, () => {
      assert.deepEqual(checkBundle(english, readJson(`l10n/bundle.l10n.${language}.json`)), []);
    });

    it(`package.nls.${language}.json translates every manifest text, keeping its markup`, () => {
      assert.deepEqual(checkBundle(readJson('package.nls.json'), readJson(`package.nls.${language}.json`)), []);
    });
  }

  it('finds a missing key, a changed placeholder, a lost command link and a stale key', () => {
    const base = { 'Delete {0} Lists': 'Delete {0} Lists', 'Add [one](command:x.add)': 'Add [one](command:x.add)', ' (production)': ' (production)' };
    assert.deepEqual(checkBundle(base, { 'Delete {0} Lists': '{0} Listen löschen', 'Add [one](command:x.add)': '[eine](command:x.add) hinzufügen', ' (production)': ' (Produktion)' }), []);
    const problems = checkBundle(base, { 'Delete {0} Lists': 'Listen löschen', ' (production)': '(Produktion)', 'Gone': 'Weg', 'Add [one](command:x.add)': 'eine hinzufügen' });
    assert.deepEqual(problems, [
      '"Delete {0} Lists": placeholders 0 became ',
      '"Add [one](command:x.add)": markup ](command:x.add) became ',
      '" (production)": edge spaces differ',
      '"Gone": stale, no longer in the English bundle',
    ]);
    assert.deepEqual(checkBundle(base, { 'Delete {0} Lists': 'Listen' }).slice(1), ['"Add [one](command:x.add)": missing or empty', '" (production)": missing or empty']);
    assert.equal(checkBundle(base, { ...base, 'Delete {0} Lists': '{1} Listen löschen' }).length, 1);
    assert.equal(checkBundle(base, { ...base, 'Delete {0} Lists': '{0} {0} Listen' }).length, 1);
  });
});

describe('the core speaks the loaded bundle through @vscode/l10n', () => {
  // This test file is bundled on its own, with its own copy of @vscode/l10n: configuring it here reaches the
  // core modules imported above and nothing else.
  afterEach(() => l10n.config({ contents: {} }));

  const report: BulkDeletionReport = {
    total: 16,
    succeeded: Array.from({ length: 12 }, (_, i) => ({ id: `cl-${i}`, attempts: 1 })),
    failed: [{ id: 'cl-x', reason: 'r', attempts: 1 }],
    unknown: [],
    notAttempted: ['a', 'b', 'c'],
    cancelled: true,
    durationMs: 1000,
  };
  const request = { method: 'DELETE', url: 'https://de-platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-7', headers: {} };

  it('in German, with every placeholder filled', () => {
    l10n.config({ contents: readJson('l10n/bundle.l10n.de.json') });
    assert.equal(summariseBulkReport(report), '12 erfolgreich, 1 fehlgeschlagen, 0 unbekannt, 3 nicht versucht');
    assert.equal(importEnvironments('nope', [], () => 'id').error, 'Die Datei ist kein gültiges JSON: Wählen Sie eine mit "Umgebungen exportieren" erstellte Datei aus.');
    assert.equal(checkJwtShape('a.b'), 'Das Token ist kein JWT: Es braucht drei base64url-Teile, die durch Punkte getrennt sind.');
    assert.match(parseContactListIds('a/b').invalid[0].reason, /^Die Kontaktlisten-ID darf "\/" nicht enthalten/);
    // The API's own "no such list" (its envelope): a bare 404 would be a route the platform does not serve.
    const notFound = responseResult(404, '{"status":"failure"}', { durationMs: 5, request });
    const message = describeDeleteResult(notFound, { contactListId: 'cl-7', environmentName: 'Prod', host: 'https://de-platform.kore.ai', timeoutSeconds: 30 });
    assert.match(message, /^Die Kontaktliste cl-7 wurde auf Prod nicht gefunden \(HTTP 404 von https:\/\/de-platform\.kore\.ai\)\./);
    assert.doesNotMatch(message, /\{\d\}/);
  });

  it('in Japanese, with every placeholder filled', () => {
    l10n.config({ contents: readJson('l10n/bundle.l10n.ja.json') });
    assert.equal(summariseBulkReport(report), '成功 12 件、失敗 1 件、不明 0 件、未試行 3 件');
    assert.equal(checkJwtShape('a.b'), 'トークンは JWT ではありません: ドットで区切られた 3 つの base64url 部分が必要です。');
  });

  it('in English when no bundle is loaded', () => {
    assert.equal(summariseBulkReport(report), '12 succeeded, 1 failed, 0 unknown, 3 not attempted');
  });
});
