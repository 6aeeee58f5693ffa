// The Get Started walkthrough as VS Code reads it from the installed extension: every step's buttons run commands
// that exist, its picture is a file that ships, and it completes on an event the extension really causes (one of
// its own commands, or a context key it sets). And it opens: once by itself on first activation, then on request.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/commandIds';
import { ContextKeys, WalkthroughIds } from '../../src/walkthroughIds';
import { EXTENSION_ID, useExtensionHarness, waitFor } from './harness';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image?: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; markdown?: string; altText?: string };
  completionEvents?: string[];
}

interface Walkthrough {
  id: string;
  title: string;
  steps: WalkthroughStep[];
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, EXTENSION_ID);
  return found;
}

/** package.json as VS Code loaded it, with every %key% replaced by its text. */
function walkthrough(): Walkthrough {
  const manifest = extension().packageJSON as { contributes: { walkthroughs?: Walkthrough[] } };
  const found = manifest.contributes.walkthroughs?.find((candidate) => candidate.id === WalkthroughIds.walkthrough);
  assert.ok(found, `a walkthrough with the id "${WalkthroughIds.walkthrough}" is contributed`);
  return found;
}

/** The walkthrough's tab, whatever the workbench version calls it. */
function walkthroughTab(): vscode.Tab | undefined {
  const title = walkthrough().title;
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label.includes(title) || /^(Welcome|Walkthrough)/.test(tab.label));
}

describe('Get Started walkthrough', function () {
  this.timeout(30_000);
  const harness = useExtensionHarness();

  it('walks the path a new user takes, in order: add an environment, its credential, Test Connection, delete one, delete many', () => {
    const { steps, title } = walkthrough();
    assert.doesNotMatch(title, /^%.*%$/, 'the title resolved from package.nls.json');
    assert.deepEqual(
      steps.map((step) => step.id),
      ['addEnvironment', 'setCredential', 'testConnection', 'deleteOne', 'deleteMany'],
    );
    const setCredential = steps[1].description;
    assert.match(setCredential, /Client ID/);
    assert.match(setCredential, /API Scope/, 'says where in the Kore.ai app the Client ID and Secret are found');
    assert.match(steps[0].description, /Campaign Management/);
    assert.match(steps[0].description, /App ID/);
    assert.match(steps[0].description, /Account ID/);
  });

  it('gives every step a button that runs a registered command, a light and a dark picture that ship, and alt text', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough().steps) {
      const commands = [...step.description.matchAll(/\]\(command:([A-Za-z0-9_.-]+)\)/g)].map((match) => match[1]);
      assert.ok(commands.length > 0, `${step.id} has a button`);
      for (const command of commands) assert.ok(registered.has(command), `${step.id}: ${command} is a registered command`);
      const image = step.media.image;
      assert.ok(image && typeof image === 'object', `${step.id} has a picture for each kind of theme`);
      const textColour: Record<string, string> = {};
      for (const [theme, file] of Object.entries(image)) {
        const absolute = path.join(extension().extensionPath, file);
        assert.ok(fs.existsSync(absolute), `${step.id} (${theme}): ${absolute} exists`);
        const match = /text \{[^}]*fill: (#[0-9a-f]{6})/.exec(fs.readFileSync(absolute, 'utf8'));
        assert.ok(match, `${step.id} (${theme}): the picture's text colour is declared`);
        textColour[theme] = match[1];
      }
      assert.notEqual(textColour.light, textColour.dark, `${step.id}: light and dark themes get text of different colours`);
      assert.equal(textColour.hc, textColour.dark, `${step.id}: high contrast dark reuses the dark picture`);
      assert.equal(textColour.hcLight, textColour.light, `${step.id}: high contrast light reuses the light picture`);
      assert.ok(step.media.altText && !/^%.*%$/.test(step.media.altText), `${step.id} has alt text`);
    }
  });

  it('completes each step on one of the extension\'s own commands or on a context key it sets', () => {
    const commands = new Set<string>(Object.values(CommandIds));
    const contextKeys = new Set<string>(Object.values(ContextKeys));
    for (const step of walkthrough().steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} ticks itself off`);
      for (const event of events) {
        const [kind, name] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${name} is one of the extension's commands`);
        else if (kind === 'onContext') assert.ok(contextKeys.has(name), `${step.id}: ${name} is a context key the extension sets`);
        else assert.fail(`${step.id}: ${event} is not an onCommand or onContext event`);
      }
    }
  });

  it('opened by itself the first time the Environments view showed, once', async () => {
    assert.equal(await harness.api.firstRunWalkthrough, true, 'a fresh profile: it opened');
  });

  it('opens from the Get Started command, which the Environments view\'s "…" menu offers', async () => {
    const manifest = extension().packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string; group?: string }>> } };
    const entry = manifest.contributes.menus['view/title'].find((candidate) => candidate.command === CommandIds.getStarted);
    assert.ok(entry, 'Get Started is in the view title menu');
    assert.equal(entry.when, 'view == koreContactLists.environments');
    assert.ok(entry.group && !entry.group.startsWith('navigation'), 'in the "…" menu, not a title bar button');
    assert.equal(walkthroughTab(), undefined, 'the harness closed every editor');
    await vscode.commands.executeCommand(CommandIds.getStarted);
    const tab = await waitFor('the walkthrough tab', walkthroughTab);
    assert.ok(tab.isActive);
  });
});
