import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ESLint } from 'eslint';

/**
 * The architecture is checked by tools, not by memory (STYLE.md §10): these cases run the
 * repository's real ESLint configuration on probe files placed inside real projects and
 * expect `@nx/enforce-module-boundaries` to refuse a lib that imports a service and a
 * service that imports another service, and to allow a service that imports a lib.
 */
const ROOT = path.resolve(__dirname, '../..');
const RULE = '@nx/enforce-module-boundaries';

interface Probe {
  file: string;
  code: string;
}

/** A throw-away service project, so that "service imports another service" is real. */
// Unique per run, so that two runs at once (or a killed run's leftovers) never collide.
const RUN = `${process.pid}`;
const PROBE_SERVICE = `services/boundary-probe-${RUN}`;

function refreshProjectGraph(): void {
  // The rule reads Nx's cached project graph; rebuild it so the check cannot silently skip.
  execFileSync(path.join(ROOT, 'node_modules/.bin/nx'), ['reset', '--only-cache'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  execFileSync(path.join(ROOT, 'node_modules/.bin/nx'), ['show', 'projects'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
}

function lintWithCli(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/eslint'),
      ['--format', 'json', '--no-warn-ignored', file],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // eslint exits 1 when it finds problems; only a missing report is a failure here.
        if (stdout.trim().startsWith('[')) resolve(stdout);
        else reject(new Error(`eslint failed: ${error?.message ?? ''} ${stderr}`));
      },
    );
  });
}

async function boundaryErrors(probe: Probe): Promise<string[]> {
  const absolute = path.join(ROOT, probe.file);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, probe.code);
  try {
    // The CLI in a child process: jest's VM cannot load the ESM flat config in-process.
    const output = await lintWithCli(absolute);
    const [result] = JSON.parse(output) as ESLint.LintResult[];
    const fatal = result?.messages.filter((message) => message.fatal) ?? [];
    if (fatal.length > 0)
      throw new Error(`eslint could not parse ${probe.file}: ${fatal[0]?.message}`);
    return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
  } finally {
    fs.rmSync(path.dirname(absolute), { recursive: true, force: true });
  }
}

describe('module boundaries (nx tags type:lib, type:service)', () => {
  beforeAll(() => {
    fs.mkdirSync(path.join(ROOT, PROBE_SERVICE, 'src'), { recursive: true });
    fs.writeFileSync(
      path.join(ROOT, PROBE_SERVICE, 'project.json'),
      JSON.stringify({
        name: `boundary-probe-${RUN}`,
        projectType: 'application',
        sourceRoot: `${PROBE_SERVICE}/src`,
        tags: ['type:service', `scope:boundary-probe-${RUN}`],
      }),
    );
    refreshProjectGraph();
  });

  afterAll(() => {
    fs.rmSync(path.join(ROOT, PROBE_SERVICE), { recursive: true, force: true });
    refreshProjectGraph();
  });

  it('refuses a lib that imports a service', async () => {
    const errors = await boundaryErrors({
      file: `libs/messaging/src/__boundary_probe_${RUN}__/probe.ts`,
      code: "import { decide } from '../../../../services/registry/src/shipments/domain/state-machine';\nexport const probe = decide;\n",
    });
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a service that imports another service', async () => {
    const errors = await boundaryErrors({
      file: `${PROBE_SERVICE}/src/__boundary_probe_${RUN}__/probe.ts`,
      code: "import { decide } from '../../../registry/src/shipments/domain/state-machine';\nexport const probe = decide;\n",
    });
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);

  it('allows a service to import a lib through its public face', async () => {
    const errors = await boundaryErrors({
      file: `services/registry/src/__boundary_probe_${RUN}__/probe.ts`,
      code: "import { TOPICS } from '@cuakhau/contracts';\nexport const probe = TOPICS.registry;\n",
    });
    expect(errors).toEqual([]);
  }, 60_000);
});
