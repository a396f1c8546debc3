/**
 * The one entry point a developer needs (through tools/infra/bootstrap.cjs):
 * `npm start | stop | test | bench`, and `npm run infra -- up | status`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  InfraError,
  LOCAL_KAFKA_BROKERS,
  REPO_ROOT,
  SERVICE_DATABASES,
  displayPath,
  ensureInfrastructure,
  infrastructureEnv,
  isLocalKafkaRunning,
  kafkaAnswers,
  logFilePath,
  postgresAnswers,
  readLivePid,
  redisAnswers,
  spawnDetached,
  stopRecordedProcess,
  stopStartedInfrastructure,
  tailFile,
  waitUntil,
  type InfrastructureEndpoints,
  type StopScope,
} from '@cuakhau/local-infra';
import { USAGE, UsageError, parseCliArgs } from './cli-args';
import { isFreshDemo, startDemoGroupsAtTheEnd } from './demo-groups';
import { SERVICES, httpPortOf, serviceEnv, type ServiceDefinition } from './services';
import { formatDuration, formatSummary, testSteps, type StepResult } from './test-steps';

const REGISTER = path.join(REPO_ROOT, 'tools', 'runtime', 'register.cjs');
const BIN = path.join(REPO_ROOT, 'node_modules', '.bin');
const READY_TIMEOUT_MS = 180_000;

const say = (line: string): void => console.log(line);

// ---- child steps and signals -----------------------------------------------------------

let currentChild: ChildProcess | undefined;
let interruptedBy: NodeJS.Signals | undefined;
let onInterrupt: (() => Promise<void>) | undefined;

function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interruptedBy) return;
      interruptedBy = signal;
      say(`\n${signal}: stopping…`);
      currentChild?.kill(signal);
      if (!currentChild) {
        void (onInterrupt?.() ?? Promise.resolve()).finally(() =>
          process.exit(signal === 'SIGINT' ? 130 : 143),
        );
      }
    });
  }
}

/** Runs a step in the foreground with inherited output; resolves with its exit code. */
function runStep(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string = REPO_ROOT,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    currentChild = child;
    child.on('error', (error) => {
      say(`cannot run ${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      currentChild = undefined;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

// ---- up ---------------------------------------------------------------------------------

async function up(): Promise<InfrastructureEndpoints> {
  const began = Date.now();
  const endpoints = await ensureInfrastructure({ log: (line) => say(`  ${line}`) });
  const how = (started: boolean, source: string): string =>
    source === 'local' ? (started ? 'local, started now' : 'local, already running') : source;
  say(`infrastructure ready in ${formatDuration(Date.now() - began)}:`);
  say(
    `  PostgreSQL  ${endpoints.databaseUrl}  (${how(endpoints.startedPostgres, endpoints.sources.postgres)})`,
  );
  say(`              databases: ${Object.values(SERVICE_DATABASES).join(', ')}`);
  say(
    `  Redis       ${endpoints.redisUrl}  (${how(endpoints.startedRedis, endpoints.sources.redis)})`,
  );
  say(
    `  Kafka       ${endpoints.kafkaBrokers.join(',')}  (${how(endpoints.startedKafka, endpoints.sources.kafka)})${
      endpoints.sources.kafka === 'local' ? `, log ${displayPath(logFilePath('kafka'))}` : ''
    }`,
  );
  return endpoints;
}

function childEnv(endpoints: InfrastructureEndpoints): NodeJS.ProcessEnv {
  return { ...process.env, ...infrastructureEnv(endpoints) };
}

function startedScope(endpoints: InfrastructureEndpoints): StopScope {
  return {
    postgres: endpoints.startedPostgres,
    redis: endpoints.startedRedis,
    kafka: endpoints.startedKafka,
  };
}

// ---- services ---------------------------------------------------------------------------

function serviceEntry(name: string, file: 'main.ts' | 'seed.ts'): string {
  return path.join(REPO_ROOT, 'services', name, 'src', file);
}

function presentServices(): ServiceDefinition[] {
  return SERVICES.filter((service) => fs.existsSync(serviceEntry(service.name, 'main.ts')));
}

async function isReady(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function startServices(endpoints: InfrastructureEndpoints): Promise<void> {
  const services = presentServices();
  if (services.length === 0) {
    say('no services yet (services/*/src/main.ts): infrastructure only');
    return;
  }
  const base = infrastructureEnv(endpoints);
  const anyRunning = services.some((service) => readLivePid(service.name) !== undefined);
  if (!anyRunning && (await isFreshDemo(endpoints.serviceDatabaseUrls.registry))) {
    const skipped = await startDemoGroupsAtTheEnd(endpoints.kafkaBrokers);
    if (skipped > 0) {
      say(
        `  a fresh demo gate: its consumers start after the ${skipped} events already on the topics`,
      );
    }
  }
  const waiting: { service: ServiceDefinition; port: number }[] = [];
  for (const service of services) {
    const port = httpPortOf(service, process.env);
    const env = { ...process.env, ...serviceEnv(service, endpoints, base, process.env) };
    if (readLivePid(service.name) !== undefined && (await isReady(port))) {
      say(`  ${service.name}: already running on :${port}`);
      continue;
    }
    if (readLivePid(service.name) !== undefined) {
      await stopRecordedProcess(service.name, { graceMs: 10_000 });
    }
    const seed = serviceEntry(service.name, 'seed.ts');
    if (fs.existsSync(seed)) {
      say(`  ${service.name}: seeding demo data`);
      const code = await runStep(process.execPath, ['-r', REGISTER, seed], env);
      if (code !== 0) throw new InfraError(`${service.name}: demo seed failed (exit ${code})`);
    }
    const pid = spawnDetached({
      name: service.name,
      command: process.execPath,
      args: ['-r', REGISTER, serviceEntry(service.name, 'main.ts')],
      env,
      cwd: REPO_ROOT,
    });
    say(`  ${service.name}: started (pid ${pid}) on :${port}`);
    waiting.push({ service, port });
  }
  const failed: string[] = [];
  await Promise.all(
    waiting.map(async ({ service, port }) => {
      const ready = await waitUntil(
        async () => readLivePid(service.name) === undefined || (await isReady(port)),
        { timeoutMs: READY_TIMEOUT_MS, intervalMs: 300 },
      );
      if (!ready || readLivePid(service.name) === undefined) failed.push(service.name);
    }),
  );
  for (const name of failed) {
    say(
      `\n--- last lines of ${displayPath(logFilePath(name))} ---\n${tailFile(logFilePath(name), 30)}`,
    );
  }
  if (failed.length > 0) {
    throw new InfraError(`not ready (GET /health/ready): ${failed.join(', ')}; logs in .run/logs/`);
  }
}

async function stopServices(): Promise<void> {
  for (const service of [...SERVICES].reverse()) {
    if (await stopRecordedProcess(service.name, { graceMs: 15_000 })) {
      say(`  ${service.name}: stopped`);
    }
  }
}

// ---- commands ---------------------------------------------------------------------------

/** Newest modification time under a folder (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app (served by the gateway at /) when it is missing or older than its sources. */
async function buildWebAppIfStale(): Promise<void> {
  const web = path.join(REPO_ROOT, 'services', 'web');
  if (!fs.existsSync(path.join(web, 'package.json'))) return;
  const built = newestMtime(path.join(web, 'dist'));
  const sources = Math.max(
    newestMtime(path.join(web, 'src')),
    fs.statSync(path.join(web, 'index.html')).mtimeMs,
  );
  if (built >= sources) return;
  say('  web: building the web app (vite build)');
  const code = await runStep(
    path.join(BIN, 'vite'),
    ['build', '--logLevel', 'warn'],
    {
      ...process.env,
      INIT_CWD: web,
    },
    web,
  );
  if (code !== 0) throw new InfraError(`web: vite build failed (exit ${code})`);
}

function demoCameraKey(): string | undefined {
  const file = path.join(REPO_ROOT, '.run', 'demo-camera-key');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

async function start(): Promise<void> {
  const endpoints = await up();
  await buildWebAppIfStale();
  await startServices(endpoints);
  const port = httpPortOf({ name: 'gateway', httpPort: 8080 }, process.env);
  if (presentServices().some((service) => service.name === 'gateway')) {
    say(`\nCửa khẩu số is running:`);
    say(`  web app   http://127.0.0.1:${port}/`);
    say(`  driver    http://127.0.0.1:${port}/driver`);
    say(`  API       http://127.0.0.1:${port}/api/v1`);
    say(`  API docs  http://127.0.0.1:${port}/api/docs`);
    say(
      `  demo accounts (password CuaKhau#2026): trader1, trader2, customs1, borderguard1, quarantine1, yard1, supervisor1`,
    );
    const cameraKey = demoCameraKey();
    if (cameraKey !== undefined) say(`  yard camera API key (X-API-Key): ${cameraKey}`);
  }
  say(`  logs      ${displayPath(path.join(REPO_ROOT, '.run', 'logs'))}/   (npm stop to stop)`);
}

async function stop(): Promise<void> {
  await stopServices();
  await stopStartedInfrastructure({ postgres: true, redis: true, kafka: true }, (line) =>
    say(`  ${line}`),
  );
  say('stopped what this tool started');
}

async function finishRun(endpoints: InfrastructureEndpoints): Promise<void> {
  if (process.env.KEEP_INFRA === '1') {
    say('KEEP_INFRA=1: leaving the infrastructure running');
    return;
  }
  await stopStartedInfrastructure(startedScope(endpoints), (line) => say(`  ${line}`));
}

async function test(): Promise<number> {
  const endpoints = await up();
  onInterrupt = () => finishRun(endpoints);
  const env = childEnv(endpoints);
  const steps = testSteps({ hasBufConfig: fs.existsSync(path.join(REPO_ROOT, 'buf.yaml')) });
  const results: StepResult[] = steps.map((step) => ({
    name: step.name,
    status: 'not run',
    durationMs: 0,
  }));
  let exitCode = 0;
  for (const [index, step] of steps.entries()) {
    const result = results[index];
    if (!result || interruptedBy) break;
    if (step.skip) {
      say(`\n▶ ${step.name}: skipped (${step.skip})`);
      result.status = 'skipped';
      continue;
    }
    say(`\n▶ ${step.name}: ${step.bin} ${step.args.join(' ')}`);
    const began = Date.now();
    const code = await runStep(path.join(BIN, step.bin), step.args, env);
    result.durationMs = Date.now() - began;
    result.status = code === 0 ? 'passed' : 'failed';
    if (code !== 0) {
      exitCode = code;
      break;
    }
  }
  say(`\n${formatSummary(results)}`);
  await finishRun(endpoints);
  if (interruptedBy) return interruptedBy === 'SIGINT' ? 130 : 143;
  say(exitCode === 0 ? '\nall steps passed' : '\nFAILED');
  return exitCode;
}

async function bench(): Promise<number> {
  const endpoints = await up();
  onInterrupt = () => finishRun(endpoints);
  const dir = path.join(REPO_ROOT, 'bench');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((file) => file.endsWith('.bench.ts'))
        .sort()
    : [];
  if (files.length === 0) say('no benchmarks yet (bench/*.bench.ts)');
  let exitCode = 0;
  const failed: string[] = [];
  for (const file of files) {
    if (interruptedBy) break;
    say(`\n▶ bench/${file}`);
    const code = await runStep(
      process.execPath,
      ['-r', REGISTER, path.join(dir, file)],
      childEnv(endpoints),
    );
    if (code !== 0) {
      // One broken benchmark must not hide the others' figures: note it and go on.
      exitCode = code;
      failed.push(file);
      say(`bench/${file} failed (exit ${code})`);
    }
  }
  if (failed.length > 0) say(`\nbenchmarks that failed: ${failed.join(', ')}`);
  await finishRun(endpoints);
  return interruptedBy ? 130 : exitCode;
}

async function status(): Promise<void> {
  const yesNo = (value: boolean): string => (value ? 'up' : 'down');
  say(`PostgreSQL  ${yesNo(await postgresAnswers('postgres://postgres@127.0.0.1:5432/postgres'))}`);
  say(`Redis       ${yesNo(await redisAnswers('redis://127.0.0.1:6379'))}`);
  const kafkaUp = await kafkaAnswers(LOCAL_KAFKA_BROKERS);
  say(`Kafka       ${yesNo(kafkaUp)}${isLocalKafkaRunning() ? ' (started by this tool)' : ''}`);
  for (const service of presentServices()) {
    const pid = readLivePid(service.name);
    const port = httpPortOf(service, process.env);
    const ready = pid !== undefined && (await isReady(port));
    say(
      `${service.name.padEnd(16)}${pid === undefined ? 'stopped' : `pid ${pid}, ${ready ? 'ready' : 'not ready'}`} :${port}`,
    );
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { command } = parseCliArgs(argv);
  installSignalHandlers();
  switch (command) {
    case 'help':
      say(USAGE);
      return 0;
    case 'up':
      await up();
      return 0;
    case 'start':
      await start();
      return 0;
    case 'stop':
      await stop();
      return 0;
    case 'test':
      return test();
    case 'bench':
      return bench();
    case 'status':
      await status();
      return 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof InfraError || error instanceof UsageError) {
      console.error(`✖ ${error.message}`);
    } else {
      console.error(
        `✖ unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    process.exit(1);
  },
);
