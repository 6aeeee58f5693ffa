// Installs what the real-VS-Code tests need, idempotently, into the git-ignored .vscode-test/ folder:
// code-server (pinned: the workbench DOM the UI tests read is internal) and, with apt-get when run as
// root, Debian's chromium, libkrb5-dev (headers for one of VS Code's native modules) and ripgrep.
// A second run checks and returns in seconds. Writes nothing outside the project and the system temp dir.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cache = path.join(root, '.vscode-test');
const prefix = path.join(cache, 'code-server');
export const codeServerBin = path.join(prefix, 'node_modules', '.bin', 'code-server');
const marker = path.join(prefix, `installed-${CODE_SERVER_VERSION}`);
const SYSTEM_PACKAGES = [
  { name: 'chromium', present: () => fs.existsSync('/usr/bin/chromium') },
  { name: 'libkrb5-dev', present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/krb5.h') },
  { name: 'ripgrep', present: () => commandExists('rg') },
  // The proxy and certificate tests make a private CA and server certificates at test time (node:crypto cannot).
  { name: 'openssl', present: () => commandExists('openssl') },
  // Copy as cURL is pasted into real interactive shells (test/core/curlPaste.test.ts): bash, zsh with its defaults, dash.
  { name: 'zsh', present: () => fs.existsSync('/bin/zsh') },
  { name: 'dash', present: () => fs.existsSync('/bin/dash') },
];

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function log(message) {
  console.log(`[test-host] ${message}`);
}

function installSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`[test-host] Missing system packages: ${missing.join(', ')}. Install them, then run this again:`);
    console.error(`  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  log(`installing ${missing.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

/**
 * @vscode/ripgrep's install script downloads rg from a code host this machine cannot reach, but looks in
 * its cache in the temp dir first: seed that cache with Debian's rg.
 */
function seedRipgrepCache() {
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  const cacheDir = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = path.join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(archive)) return;
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-'));
  fs.copyFileSync(rg, path.join(staging, 'rg'));
  fs.mkdirSync(cacheDir, { recursive: true });
  execFileSync('tar', ['czf', archive, '-C', staging, 'rg']);
  fs.rmSync(staging, { recursive: true, force: true });
}

function installCodeServer() {
  if (fs.existsSync(marker) && fs.existsSync(codeServerBin)) return;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, prefix)} (a few minutes, once)`);
  seedRipgrepCache();
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps this install apart from the project's dependencies.
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'kore-contact-lists-test-host', private: true }));
  const home = path.join(cache, 'home');
  fs.mkdirSync(home, { recursive: true });
  const userConfig = execFileSync('npm', ['config', 'get', 'userconfig'], { encoding: 'utf8' }).trim();
  const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: prefix,
    stdio: 'inherit',
    env: {
      ...process.env,
      // code-server's postinstall builds native modules and runs nested npm installs: they must be allowed
      // to run (npm 11 blocks dependency scripts by default) and must not stop to ask.
      npm_config_dangerously_allow_all_scripts: 'true',
      npm_config_yes: 'true',
      npm_config_unsafe_perm: 'true',
      // Keep the user's npm settings (registry, CA, the Node headers for node-gyp) and cache, but not their HOME.
      npm_config_userconfig: userConfig,
      npm_config_cache: npmCache,
      HOME: home,
    },
  });
  if (result.status !== 0) {
    console.error('[test-host] Installing code-server failed; see the npm output above.');
    process.exit(1);
  }
  fs.writeFileSync(marker, new Date().toISOString());
}

const started = Date.now();
installSystemPackages();
installCodeServer();
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(root, codeServerBin)}`);
