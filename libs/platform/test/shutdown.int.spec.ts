import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { eventually } from '@cuakhau/testing';

const repositoryRoot = resolve(__dirname, '../../..');

describe('a service started with bootstrapService, stopped by SIGTERM', () => {
  it('closes its modules, runs onShutdown, logs that it stopped and exits', async () => {
    const child = spawn(
      process.execPath,
      ['-r', './tools/runtime/register.cjs', 'libs/platform/test/fixtures/probe-main.ts'],
      {
        cwd: repositoryRoot,
        env: { HTTP_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    const lines = () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    const started = await eventually(
      () => {
        const line = lines().find((entry) => typeof entry.http === 'string');
        if (line === undefined) {
          throw new Error(`not started yet; stderr: ${stderr}`);
        }
        return line;
      },
      { timeoutMs: 60_000 },
    );
    const live = await fetch(`${String(started.http)}/health/live`);
    expect(live.status).toBe(200);

    child.kill('SIGTERM');
    const exit = await exited;

    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    const messages = lines().map((entry) => entry.msg);
    expect(messages.slice(messages.indexOf('consumer stopped'))).toEqual([
      'consumer stopped',
      'pools closed',
      'service stopped',
    ]);
    expect(lines().at(-1)).toMatchObject({ service: 'probe-main', signal: 'SIGTERM' });
  });
});
