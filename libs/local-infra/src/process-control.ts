import { spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { LOG_DIR, RUN_DIR, logFilePath, pidFilePath } from './paths';

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `check` until it answers true; false when `timeoutMs` passed first. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  { timeoutMs, intervalMs = 200 }: { timeoutMs: number; intervalMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid recorded in `.run/<name>.pid`, if the file exists and the process still runs. */
export function readLivePid(name: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(pidFilePath(name), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : undefined;
}

export function removePidFile(name: string): void {
  fs.rmSync(pidFilePath(name), { force: true });
}

export function ensureRunDirs(): void {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  fs.mkdirSync(RUN_DIR, { recursive: true });
}

/** Is `command` an executable somewhere on PATH? */
export function commandExists(command: string, pathVariable = process.env.PATH ?? ''): boolean {
  return pathVariable
    .split(path.delimiter)
    .filter((dir) => dir.length > 0)
    .some((dir) => {
      try {
        fs.accessSync(path.join(dir, command), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

export interface DetachedProcess {
  /** Name used for `.run/<name>.pid` and `.run/logs/<name>.log`. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Starts a long-running server in its own process group, output appended to its log,
 * pid recorded; it keeps running after the process that started it exits.
 */
export function spawnDetached({ name, command, args, env, cwd }: DetachedProcess): number {
  ensureRunDirs();
  const log = fs.openSync(logFilePath(name), 'a');
  try {
    fs.writeSync(log, `\n=== ${new Date().toISOString()} starting ${name} ===\n`);
    const options: SpawnOptions = {
      detached: true,
      stdio: ['ignore', log, log],
      env: env ?? process.env,
    };
    if (cwd !== undefined) options.cwd = cwd;
    const child = spawn(command, args, options);
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    fs.writeFileSync(pidFilePath(name), `${child.pid}\n`);
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig); // the whole process group
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/**
 * Stops the process recorded in `.run/<name>.pid`: SIGTERM to its group, SIGKILL after
 * `graceMs`. `stopped` may add a condition (a port closed). Returns false if nothing ran.
 */
export async function stopRecordedProcess(
  name: string,
  { graceMs = 20_000, stopped }: { graceMs?: number; stopped?: () => Promise<boolean> } = {},
): Promise<boolean> {
  const pid = readLivePid(name);
  if (pid === undefined) {
    removePidFile(name);
    return false;
  }
  const gone = async (): Promise<boolean> =>
    !isProcessAlive(pid) && (stopped === undefined || (await stopped()));
  signal(pid, 'SIGTERM');
  if (!(await waitUntil(gone, { timeoutMs: graceMs, intervalMs: 100 }))) {
    signal(pid, 'SIGKILL');
    await waitUntil(gone, { timeoutMs: 5_000, intervalMs: 100 });
  }
  removePidFile(name);
  return true;
}

/** The last `count` lines of a log file, for error messages. */
export function tailFile(file: string, count = 20): string {
  try {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return lines.slice(-count).join('\n');
  } catch {
    return '';
  }
}

export interface CommandResult {
  code: number;
  output: string;
}

/** Runs a short command to completion, capturing stdout and stderr together. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ code: 127, output: output + error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Runs `work` while holding `.run/<name>.lock` (created exclusively, holding our pid), so
 * two processes (a CLI and a jest global set-up, or two jest runs) never start the same
 * server twice. A lock left by a dead process is taken over.
 */
export async function withFileLock<T>(
  name: string,
  work: () => Promise<T>,
  timeoutMs = 180_000,
): Promise<T> {
  ensureRunDirs();
  const file = path.join(RUN_DIR, `${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readOrEmpty(file), 10);
      if (!Number.isInteger(holder) || !isProcessAlive(holder)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new Error(`${name}: still locked by process ${holder} (${file})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The first ERROR line of a log since the last start marker, for a one-line failure message. */
export function firstErrorSinceStart(file: string): string | undefined {
  const text = readOrEmpty(file);
  const since = text.slice(text.lastIndexOf('=== '));
  return since
    .split('\n')
    .find((line) => /\b(ERROR|FATAL)\b|Exception:/.test(line))
    ?.trim();
}
