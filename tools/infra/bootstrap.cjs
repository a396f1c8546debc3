'use strict';
// Runs before node_modules exists (no dependencies): installs what is missing, then hands
// over to tools/infra/main.ts (TypeScript through the SWC register hook).
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function installIfNeeded() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lockTime = mtime(lock);
  const installedTime = mtime(installed);
  const stale =
    !fs.existsSync(path.join(root, 'node_modules')) ||
    installedTime === undefined ||
    (lockTime !== undefined && installedTime < lockTime);
  if (!stale) return;
  // `npm install`, not `npm ci`: it installs the versions pinned in package-lock.json all
  // the same, while `npm ci` (npm 11) refuses a lock that lacks entries for other platforms'
  // optional packages (@swc/core-darwin-*, …), which npm itself writes that way when
  // `omit-lockfile-registry-resolved` is set, as on this project's machines.
  const args = ['install', '--no-audit', '--no-fund'];
  console.log(`installing dependencies: npm ${args.join(' ')}`);
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `✖ npm ${args.join(' ')} failed (exit ${result.status}); fix the error above and retry`,
    );
    process.exit(result.status || 1);
  }
}

installIfNeeded();
const child = spawn(
  process.execPath,
  ['-r', './tools/runtime/register.cjs', 'tools/infra/main.ts', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
// The CLI handles SIGINT/SIGTERM itself (it stops its steps); just pass SIGTERM on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('close', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
});
