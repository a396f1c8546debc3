import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: Playwright drives it, and never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH} and \`${command} ${args.join(' ')}\` failed ` +
        `(exit ${String(result.status)}). Install it by hand (as root: apt-get update && ` +
        `apt-get install -y chromium) and rerun.\n${result.stderr}`,
    );
  }
}

/** A CJK font, so that the Chinese screens render as text, not empty boxes, in screenshots. */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

/**
 * Installs Debian's `chromium` (and a CJK font) when missing: the tests run as root, and no
 * browser can be downloaded any other way here.
 */
export function ensureChromium(): void {
  const missing = [
    ...(fs.existsSync(CHROMIUM_PATH) ? [] : ['chromium']),
    ...(fs.existsSync(CJK_FONT) ? [] : ['fonts-wqy-zenhei']),
  ];
  if (missing.length === 0) return;
  process.stderr.write(`missing Debian packages: apt-get install -y ${missing.join(' ')}\n`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing]);
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
  }
}

/**
 * Headless Chromium. `launch` gives every run a fresh temporary profile (user-data dir) that
 * Playwright removes on close; each role then gets its own context (cookies, storage).
 */
export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
