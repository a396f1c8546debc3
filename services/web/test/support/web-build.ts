import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** services/web (this file lives in services/web/test/support). */
export const WEB_ROOT = path.resolve(__dirname, '..', '..');
export const WEB_DIST_DIR = path.join(WEB_ROOT, 'dist');
const REPO_ROOT = path.resolve(WEB_ROOT, '..', '..');

function newestChange(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), 0);
}

/** Builds the web app (`npm run build -w services/web`) when dist is missing or older than its sources. */
export function buildWebAppIfStale(): void {
  const index = path.join(WEB_DIST_DIR, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.mjs', 'package.json'].map((name) =>
    path.join(WEB_ROOT, name),
  );
  const newestSource = Math.max(...sources.map(newestChange));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestSource) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Seconds granularity is enough; what matters is "before Vite read the sources".
  const started = new Date(Math.floor(Date.now() / 1000) * 1000);
  const result = spawnSync(npm, ['run', 'build', '-w', 'services/web'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `npm run build -w services/web failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  // dist is as new as the sources Vite read at the start: a source saved during the build
  // is newer, and the next run builds again.
  fs.utimesSync(index, started, started);
}
