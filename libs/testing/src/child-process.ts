import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The repository root (this file lives in libs/testing/src). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const REGISTER = path.join(REPO_ROOT, 'tools', 'runtime', 'register.cjs');

export interface TsProcessOptions {
  /** Extra environment on top of this process's environment. */
  env?: Record<string, string>;
  /** Arguments after the script. */
  args?: readonly string[];
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Prefix of forwarded output lines; output is only collected when omitted. */
  echoPrefix?: string;
}

/** A TypeScript program running as a real child process (for failure tests: kill -9 it). */
export interface TsProcess {
  readonly pid: number;
  /** Everything it printed on stdout and stderr so far. */
  output(): string;
  /** Resolves when a line matching `pattern` has been printed (rejects if it exits first or on timeout). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal (SIGKILL simulates a crash). */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends it (SIGTERM, then SIGKILL after `graceMs`) and waits for the exit. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node -r tools/runtime/register.cjs <script>` — a `.ts` file run without a build
 * step, exactly as services run — with the given environment. `script` is relative to the
 * repository root or absolute.
 */
export function spawnTsProcess(script: string, options: TsProcessOptions = {}): TsProcess {
  const cwd = options.cwd ?? REPO_ROOT;
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', REGISTER, path.resolve(REPO_ROOT, script), ...(options.args ?? [])],
    { cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output += text;
    if (options.echoPrefix !== undefined) {
      for (const line of text.split('\n').filter((l) => l.length > 0)) {
        process.stderr.write(`${options.echoPrefix} ${line}\n`);
      }
    }
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      ended = true;
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });

  return {
    pid: child.pid,
    output: () => output,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (!ended) child.kill(signal);
    },
    waitForOutput: (pattern, timeoutMs = 60_000) =>
      new Promise<string>((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output);
          if (match) {
            finish();
            resolve(match[0]);
          } else if (ended) {
            finish();
            reject(
              new Error(`${script} exited before printing ${String(pattern)}; output:\n${output}`),
            );
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(
            new Error(
              `${script} did not print ${String(pattern)} within ${timeoutMs} ms; output:\n${output}`,
            ),
          );
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    stop: async (graceMs = 10_000) => {
      if (ended) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
