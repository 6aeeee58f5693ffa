// The installed extension's details page, as a person opens it: the .vsix installed into code-server, the
// Extensions view, the extension, its Details (README) tab. That webview loads only https: and data: pictures and
// has no base URL: a picture linked relatively, even one shipped in the .vsix, shows broken there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../host/codeServer';
import { useUiSession } from './uiSession';

/** The images the README shows: Markdown images and HTML <img> tags. */
function readmeImages(): string[] {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const markdown = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((match) => match[1]);
  const html = [...readme.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((match) => match[1]);
  return [...markdown, ...html];
}

interface LoadedImage {
  readonly src: string;
  readonly complete: boolean;
  readonly naturalWidth: number;
}

describe('UI: the installed extension\'s details page', function () {
  this.timeout(120_000);
  const ui = useUiSession({ label: 'ui-details', shots: 'ui-details', kore: false });

  it('the README shows its screenshots and the animation, from files in the project', () => {
    const images = readmeImages();
    assert.ok(images.length >= 4, `the README shows its screenshots and the animation: ${JSON.stringify(images)}`);
    assert.ok(images.some((image) => image.endsWith('.gif')), 'one of them is the animation');
    // Relative links to files here: packaging inlines them; an https link would name a host that does not exist.
    for (const image of images) assert.ok(fs.existsSync(path.join(PROJECT_ROOT, image)), `${image} exists`);
  });

  it('shows every README image loaded, none broken', async () => {
    const { workbench } = ui;
    const expected = readmeImages().length;
    await workbench.openExtensionDetails('Kore.ai Contact Lists');
    const readme = workbench.extensionReadme();
    await readme.locator('h1, h2', { hasText: 'Set up' }).first().waitFor({ timeout: 30_000 });
    const images = readme.locator('img');
    // Wait until the browser has finished with every image (loaded or failed), then judge them.
    let loaded: LoadedImage[] = [];
    const deadline = Date.now() + 20_000;
    do {
      loaded = await images.evaluateAll((elements) =>
        (elements as HTMLImageElement[]).map((image) => ({ src: image.getAttribute('src') ?? '', complete: image.complete, naturalWidth: image.naturalWidth })),
      );
      if (loaded.length >= expected && loaded.every((image) => image.complete)) break;
      await workbench.nextFrame();
    } while (Date.now() < deadline);
    // Show the first picture, so the screenshot lets a person see it as well.
    if (loaded.length > 0) await images.first().scrollIntoViewIfNeeded();
    await workbench.screenshot('details');
    assert.ok(loaded.length >= expected, `the details page shows at least the README's ${expected} images: ${JSON.stringify(loaded)}`);
    const broken = loaded.filter((image) => !image.complete || image.naturalWidth === 0);
    assert.deepEqual(broken, [], 'every image has loaded');
  });
});
