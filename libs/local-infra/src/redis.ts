import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { INFRA_HINTS, InfraError } from './infra.errors';
import { RUN_DIR, displayPath, logFilePath, pidFilePath } from './paths';
import {
  commandExists,
  ensureRunDirs,
  readLivePid,
  runCommand,
  stopRecordedProcess,
  waitUntil,
  withFileLock,
} from './process-control';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const PROCESS_NAME = 'redis';

type Log = (line: string) => void;

/** Sends PING over plain RESP and expects +PONG (or an auth error: it is Redis). */
export function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
  });
}

/**
 * Makes sure the local Redis answers at `url`, starting redis-server (no persistence)
 * when it does not. Returns whether this call started it.
 */
export async function ensureLocalRedis(url: string, log: Log): Promise<{ started: boolean }> {
  if (await redisAnswers(url)) return { started: false };
  return withFileLock(PROCESS_NAME, async () => {
    if (await redisAnswers(url)) return { started: false };
    return startRedis(url, log);
  });
}

async function startRedis(url: string, log: Log): Promise<{ started: boolean }> {
  if (!commandExists('redis-server')) throw new InfraError(INFRA_HINTS.redis);
  const { hostname, port } = new URL(url);
  const dir = path.join(RUN_DIR, 'redis');
  ensureRunDirs();
  fs.mkdirSync(dir, { recursive: true });
  log(`redis: starting redis-server on ${hostname}:${port || 6379}`);
  const result = await runCommand('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    hostname || '127.0.0.1',
    '--port',
    port || '6379',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--pidfile',
    pidFilePath(PROCESS_NAME),
    '--logfile',
    logFilePath(PROCESS_NAME),
  ]);
  if (result.code !== 0) {
    throw new InfraError(
      `redis: redis-server failed to start (${result.output.trim()}); set REDIS_URL to use another server`,
    );
  }
  if (!(await waitUntil(() => redisAnswers(url), { timeoutMs: 15_000, intervalMs: 100 }))) {
    throw new InfraError(
      `redis: started redis-server but ${url} does not answer; see ${displayPath(logFilePath(PROCESS_NAME))}`,
    );
  }
  return { started: true };
}

/** Stops redis-server only if this tool started it (its pid file is in .run/). */
export async function stopStartedRedis(): Promise<boolean> {
  if (readLivePid(PROCESS_NAME) === undefined) return false;
  return stopRecordedProcess(PROCESS_NAME, { graceMs: 10_000 });
}
