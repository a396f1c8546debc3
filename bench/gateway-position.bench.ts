/**
 * Driver position benchmark (issue 8). Measures, in one run on this machine, requests per
 * second and latency percentiles of
 *   1. `GET /api/v1/queue/position?plate=&passCode=` on the real gateway (its own process),
 *      backed by the registry (pass-code lookup over gRPC) and the logistics-queue (position
 *      over gRPC), each its own process on fresh databases, Redis and Kafka;
 *   2. the baseline: a bare Fastify route of the same shape (bench/lib/bare-fastify.server.ts),
 *      its own process, nothing behind it.
 * The load generator is this process: node:http keep-alive sockets, BENCH_CONCURRENCY requests
 * in flight, a warm-up then BENCH_DURATION_MS of measurement per target.
 * Target: gateway ≥ 25 % of the baseline's requests per second. Bounded (< 90 s).
 * Run: node -r ./tools/runtime/register.cjs bench/gateway-position.bench.ts
 *      (BENCH_DURATION_MS=10000 BENCH_CONCURRENCY=32; BENCH_GATEWAY_NODE_OPTIONS is given to
 *      the gateway process only as NODE_OPTIONS, e.g. `-r <a profiler hook>.cjs` — Node 20
 *      refuses --cpu-prof in NODE_OPTIONS)
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createFreshDatabase, startConsumerGroupsAtTheEnd } from '@cuakhau/local-infra';
import { freePort, spawnTsProcess, type TsProcess } from '@cuakhau/testing';
import { GrpcServiceClient } from '../services/gateway/src/grpc/grpc-service.client';
import { REGISTRY_PROTO } from '../services/gateway/src/shipments/infrastructure/registry.client';
import { QUEUE_PROTO } from '../services/gateway/src/driver/infrastructure/queue.client';
import { percentile, printTable, ratePerSecond, round, writeResults } from './lib/bench-report';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const WARM_UP_MS = Number(process.env.BENCH_WARM_UP_MS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = `bench_gw_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
const PASSWORD = 'CuaKhau#2026';

interface Measured {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  latencies: number[];
}

/** Keeps `concurrency` GETs of `url` in flight for `durationMs`; latency of each. */
async function load(url: string, concurrency: number, durationMs: number): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const get = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const request = http.get(
        { agent, host: target.hostname, port: target.port, path: target.pathname + target.search },
        (response) => {
          response.on('data', () => undefined);
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const began = performance.now();
        try {
          const status = await get();
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - began);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { requests: latencies.length, errors, statuses, elapsedMs, latencies };
}

/** Keeps `concurrency` calls of `work` in flight for `durationMs` (a gRPC hop alone). */
async function loadCalls(
  work: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const began = performance.now();
        await work().catch(() => {
          errors += 1;
        });
        latencies.push(performance.now() - began);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return { requests: latencies.length, errors, statuses: {}, elapsedMs, latencies };
}

async function json(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

async function retry<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const benchStarted = Date.now();
  const children: TsProcess[] = [];
  const databases: string[] = [];
  try {
    // 1. registry + logistics-queue + gateway, each its own process.
    const registryGrpc = await freePort();
    const queueGrpc = await freePort();
    const unused = await freePort();
    const groups = { registry: `${RUN}_registry`, queue: `${RUN}_queue` };
    await startConsumerGroupsAtTheEnd(KAFKA_BROKERS.split(','), Object.values(groups));
    const grpcUrls = {
      REGISTRY_GRPC_URL: `127.0.0.1:${registryGrpc}`,
      LOGISTICS_QUEUE_GRPC_URL: `127.0.0.1:${queueGrpc}`,
      CUSTOMS_GRPC_URL: `127.0.0.1:${unused}`,
      BORDER_GUARD_GRPC_URL: `127.0.0.1:${unused}`,
      QUARANTINE_GRPC_URL: `127.0.0.1:${unused}`,
      AUDIT_GRPC_URL: `127.0.0.1:${unused}`,
    };
    const common = { NODE_ENV: 'test', KAFKA_BROKERS, LOG_LEVEL: 'info', ...grpcUrls };
    const fresh = async (name: string): Promise<string> => {
      const database = `${RUN}_${name}`;
      databases.push(database);
      return createFreshDatabase(SERVER_URL, database);
    };
    const registry = spawnTsProcess('services/registry/src/main.ts', {
      env: {
        ...common,
        DATABASE_URL: await fresh('registry'),
        HTTP_PORT: String(await freePort()),
        GRPC_PORT: String(registryGrpc),
        KAFKA_CLIENT_ID: `${RUN}-registry`,
        REGISTRY_CONSUMER_GROUP: groups.registry,
      },
    });
    const queue = spawnTsProcess('services/logistics-queue/src/main.ts', {
      env: {
        ...common,
        DATABASE_URL: await fresh('queue'),
        HTTP_PORT: String(await freePort()),
        GRPC_PORT: String(queueGrpc),
        KAFKA_CLIENT_ID: `${RUN}-queue`,
        QUEUE_CONSUMER_GROUP: groups.queue,
        QUEUE_REDIS_PREFIX: `${RUN}-lq`,
      },
    });
    children.push(registry, queue);
    const gatewayPort = await freePort();
    const gatewayEnv = {
      ...common,
      DATABASE_URL: await fresh('gateway'),
      HTTP_PORT: String(gatewayPort),
      RUN_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'cuakhau-bench-')),
      REDIS_KEY_PREFIX: `${RUN}:gw:`,
      // The per-address limits protect the public API from one client; the load generator is
      // one client at 127.0.0.1, so they are raised far above what the run can send.
      RATE_LIMIT_PER_MINUTE: '100000000',
      PASS_LOOKUP_MAX_FAILURES_PER_IP: '100000000',
    };
    const seed = spawnTsProcess('services/gateway/src/seed.ts', { env: gatewayEnv });
    children.push(seed);
    const seeded = await seed.exited;
    if (seeded.code !== 0) throw new Error(`gateway seed failed:\n${seed.output()}`);
    const cameraKey = /X-API-Key[^:]*: (ck_\S+)/.exec(seed.output())?.[1];
    const gateway = spawnTsProcess('services/gateway/src/main.ts', {
      env: {
        ...gatewayEnv,
        ...(process.env.BENCH_GATEWAY_NODE_OPTIONS === undefined
          ? {}
          : { NODE_OPTIONS: process.env.BENCH_GATEWAY_NODE_OPTIONS }),
      },
    });
    children.push(gateway);
    await Promise.all(
      [registry, queue, gateway].map((child) => child.waitForOutput(/ started: http/, 60_000)),
    );
    const base = `http://127.0.0.1:${gatewayPort}`;

    // 2. One shipment of trader1, in the yard queue, whose driver asks for the position.
    const login = await json(
      'POST',
      `${base}/api/v1/auth/login`,
      {},
      { username: 'trader1', password: PASSWORD },
    );
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    const plate = '29C-123.45';
    const registered = await json(
      'POST',
      `${base}/api/v1/shipments`,
      { authorization: `Bearer ${String(login.body['accessToken'])}` },
      {
        gateCode: 'MONGCAI',
        direction: 'EXPORT',
        declarationNumber: `30${Date.now().toString().slice(-10)}`,
        plannedArrival: new Date(Date.now() + 30 * 60_000).toISOString(),
        vehicle: { plate, country: 'VN' },
        driver: { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN' },
        goods: [
          {
            hsCode: '94036090',
            description: 'Bàn ghế gỗ / furniture',
            quantity: 120,
            unit: 'PCE',
            grossKg: 3000,
            valueUsd: 15000,
            origin: 'VN',
          },
        ],
        documents: [{ type: 'INVOICE', number: 'HD-2026-0001' }],
      },
    );
    if (registered.status !== 201)
      throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
    const shipmentId = String(registered.body['id']);
    const passCode = String(registered.body['passCode']);
    if (cameraKey !== undefined) {
      await retry('arrival', async () => {
        const arrival = await json(
          'POST',
          `${base}/api/v1/yard/arrivals`,
          { 'x-api-key': cameraKey },
          { gateCode: 'MONGCAI', plate, source: 'ANPR', cameraId: 'CAM-IN-1', confidence: 0.97 },
        );
        return arrival.body['matched'] === true ? true : undefined;
      });
    }
    const positionPath = `/api/v1/queue/position?plate=${encodeURIComponent(plate)}&passCode=${passCode}`;
    const sample = await retry('queue position', async () => {
      const answer = await json('GET', `${base}${positionPath}`, {});
      return answer.status === 200 && answer.body['position'] !== null ? answer.body : undefined;
    });
    process.stdout.write(`position answer: ${JSON.stringify(sample)}\n`);

    // 3. Gateway under load, then stop the service stack before the baseline.
    await load(`${base}${positionPath}`, CONCURRENCY, WARM_UP_MS);
    const gatewayRun = await load(`${base}${positionPath}`, CONCURRENCY, DURATION_MS);
    // Where the time goes: the gateway's own floor (a route with nothing behind it), and each
    // gRPC hop of the position alone, from this process.
    const partMs = Math.min(DURATION_MS, 4_000);
    const liveRun = await load(`${base}/health/live`, CONCURRENCY, partMs);
    const registryClient = new GrpcServiceClient(
      REGISTRY_PROTO,
      'cuakhau.registry.v1.RegistryService',
      grpcUrls.REGISTRY_GRPC_URL,
      5_000,
    );
    const queueClient = new GrpcServiceClient(
      QUEUE_PROTO,
      'cuakhau.queue.v1.QueueService',
      grpcUrls.LOGISTICS_QUEUE_GRPC_URL,
      5_000,
    );
    const lookupRun = await loadCalls(
      () => registryClient.call('lookupByPlateAndPass', { plate, passCode }),
      CONCURRENCY,
      partMs,
    );
    const queueRun = await loadCalls(
      () => queueClient.call('getPosition', { shipmentId }),
      CONCURRENCY,
      partMs,
    );
    registryClient.close();
    queueClient.close();
    await Promise.all(children.map((child) => child.stop(5_000)));

    // 4. The bare Fastify route, same generator, same concurrency, same machine.
    const barePort = await freePort();
    const bare = spawnTsProcess('bench/lib/bare-fastify.server.ts', {
      env: { PORT: String(barePort) },
    });
    children.push(bare);
    await bare.waitForOutput(/bare fastify listening/, 30_000);
    const bareUrl = `http://127.0.0.1:${barePort}${positionPath}`;
    await load(bareUrl, CONCURRENCY, WARM_UP_MS);
    const bareRun = await load(bareUrl, CONCURRENCY, DURATION_MS);
    await bare.stop(5_000);

    const row = (name: string, run: Measured): Record<string, string | number> => ({
      target: name,
      requests: run.requests,
      errors: run.errors,
      'req/s': round(ratePerSecond(run.requests, run.elapsedMs)),
      'p50 ms': round(percentile(run.latencies, 50), 2),
      'p99 ms': round(percentile(run.latencies, 99), 2),
      'max ms': round(percentile(run.latencies, 100), 2),
    });
    const gatewayRate = ratePerSecond(gatewayRun.requests, gatewayRun.elapsedMs);
    const bareRate = ratePerSecond(bareRun.requests, bareRun.elapsedMs);
    const share = gatewayRate / bareRate;
    const rows = [
      row('gateway GET /api/v1/queue/position', gatewayRun),
      row('bare Fastify route (baseline)', bareRun),
      row('(gateway GET /health/live, no backend)', liveRun),
      row('(registry gRPC LookupByPlateAndPass alone)', lookupRun),
      row('(logistics-queue gRPC GetPosition alone)', queueRun),
    ];
    printTable(
      `Driver position, ${CONCURRENCY} in flight, ${DURATION_MS} ms per target (${os.cpus().length} cores, Node ${process.version})`,
      rows,
    );
    const verdict = `gateway = ${round(share * 100)} % of the baseline (target ≥ 25 %): ${share >= 0.25 ? 'MET' : 'NOT MET'}`;
    process.stdout.write(`\n${verdict}\n`);
    const file = writeResults('gateway-position', {
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version },
      settings: { concurrency: CONCURRENCY, durationMs: DURATION_MS, warmUpMs: WARM_UP_MS },
      shipmentId,
      rows,
      statuses: {
        gateway: gatewayRun.statuses,
        baseline: bareRun.statuses,
        live: liveRun.statuses,
      },
      shareOfBaseline: round(share, 3),
      targetMet: share >= 0.25,
      totalSeconds: round((Date.now() - benchStarted) / 1_000),
    });
    process.stdout.write(`results: ${path.relative(process.cwd(), file)}\n`);
    // A missed target is a figure to report, not a crash: only request errors fail the run.
    process.exitCode = gatewayRun.errors === 0 ? 0 : 1;
  } finally {
    await Promise.all(children.map((child) => child.stop(5_000).catch(() => undefined)));
    const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
    for (const database of databases) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
