import * as path from 'node:path';

/** The repository root (this file lives in libs/local-infra/src). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Git-ignored runtime state: pid files, logs, data of the servers this tool starts. */
export const RUN_DIR = path.join(REPO_ROOT, '.run');
export const LOG_DIR = path.join(RUN_DIR, 'logs');
/** Git-ignored download cache (the Kafka jars). */
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');

export function pidFilePath(name: string): string {
  return path.join(RUN_DIR, `${name}.pid`);
}

export function logFilePath(name: string): string {
  return path.join(LOG_DIR, `${name}.log`);
}

/** Shows a path relative to the repository root, as a developer would type it. */
export function displayPath(absolute: string): string {
  return path.relative(REPO_ROOT, absolute) || '.';
}
