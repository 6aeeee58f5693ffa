// Writes the README that goes into the .vsix (dist/README.vsix.md), with every picture inlined as a data: URI.
// Why: VS Code renders an installed extension's README in a webview whose Content-Security-Policy is
// `img-src https: data:` and which has no base URL, so a relative link to a picture shipped in the .vsix never
// loads, and there is no public repository whose https address would be true. A data: URI is the one way the
// pictures show on the details page, online or offline. The repository's README.md keeps its relative links
// (they work wherever the repository is read). `npm run package` runs this, then vsce with --readme-path
// pointing at the file written here and --no-rewrite-relative-links (whose default would refuse data: images).
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'README.md');
const target = path.join(root, 'dist', 'README.vsix.md');
/** The pictures may live only here, named plainly: nothing outside the project is read into the package. */
const IMAGE = /^media\/readme\/[A-Za-z0-9_-]+\.(png|gif)$/;
const MIME = { png: 'image/png', gif: 'image/gif' };
/** Keeps the .vsix small: `npm run screenshots` makes optimised pictures well under this. */
const MAX_IMAGE_BYTES = 1_200_000;

function fail(message) {
  console.error(`[readme] ${message}`);
  process.exit(1);
}

const isAbsolute = (link) => /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#');

let inlined = 0;
let bytes = 0;
const readme = fs.readFileSync(source, 'utf8');
if (/<img\b/i.test(readme)) fail('README.md uses an HTML <img>: use Markdown ![alt](media/readme/name.png) so it can be inlined.');
const output = readme.replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, bang, text, link) => {
  if (isAbsolute(link)) return whole;
  if (!bang) fail(`README.md links to "${link}", which does not exist in the installed extension: link it absolutely or remove it.`);
  const match = IMAGE.exec(link);
  if (!match) fail(`README.md shows "${link}": README pictures must be PNG or GIF files in media/readme/.`);
  const file = path.join(root, link);
  if (!fs.existsSync(file)) fail(`README.md shows "${link}", which is missing: run \`npm run screenshots\`.`);
  const content = fs.readFileSync(file);
  inlined += 1;
  bytes += content.length;
  return `${bang}[${text}](data:${MIME[match[1]]};base64,${content.toString('base64')})`;
});
if (bytes > MAX_IMAGE_BYTES) fail(`README pictures take ${bytes} bytes, more than ${MAX_IMAGE_BYTES}: optimise them (npm run screenshots does).`);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, output);
console.log(`[readme] ${path.relative(root, target)}: ${inlined} pictures inlined (${Math.round(bytes / 1024)} KB).`);
