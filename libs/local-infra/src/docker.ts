import { spawn } from 'node:child_process';
import { commandExists } from './process-control';

/** True when a Docker engine answers `docker info` within `timeoutMs`. */
export function dockerAnswers(timeoutMs = 3_000): Promise<boolean> {
  if (!commandExists('docker')) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn('docker', ['info'], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(false);
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
