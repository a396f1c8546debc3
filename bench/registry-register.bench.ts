/**
 * Registry registration benchmark (issue 4). Measures, in one run on this machine:
 *   1. registrations through gRPC `RegistryService.Register` on the real service (its own process:
 *      validation, pass-code HMAC, shipment row + outbox row committed together — the service
 *      writes the registrations in flight together, several per transaction (RegistrationBatcher);
 *      the outbox relay publishes to Kafka and the inbox consumer runs at the same
 *      time). Each request carries an idempotency key, as the gateway forwards a client's
 *      Idempotency-Key. Driven twice, each on its own declarations, after one warm-up:
 *      a. by the lean load generator (lib/lean-grpc: requests encoded before the clock starts,
 *         node's own HTTP/2; an answer with gRPC status OK is a committed registration), and
 *      b. by a grpc-js client, as the gateway calls the registry (encodes, decodes every answer);
 *      on 2 shared cores every millisecond the load generator spends is taken from the service,
 *      so (a) is the service's rate with the load coming from elsewhere and is the figure
 *      compared with the targets; (b) is printed beside it;
 *   2. the baseline: raw pg — the same shipment row (with its key) plus its outbox row in one
 *      transaction per registration, same concurrency, on a database with the same schema.
 * Targets: ≥ 1,000 registrations/s and ≥ 25 % of the baseline. Bounded: stops by itself.
 * The machine is shared (2 cores): besides the figures it prints the CPU the service process and
 * this load generator used per registration, and the load average before and after, so that a
 * figure measured while other work ran can be recognised as such.
 * Run: node -r ./tools/runtime/register.cjs bench/registry-register.bench.ts
 *      (BENCH_REGISTRATIONS=10000 BENCH_CONCURRENCY=32; BENCH_TIMELINE=1 prints registrations
 *      per second of each phase; BENCH_REGISTRY_NODE_OPTIONS is given to the service process as
 *      NODE_OPTIONS, e.g. `-r <a profiler hook>.cjs` — Node 20 refuses --cpu-prof in NODE_OPTIONS)
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import {
  credentials,
  loadPackageDefinition,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import {
  commonV1,
  EVENTS,
  grpcPackageDefinition,
  registryServiceV1,
  TOPICS,
} from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { OutboxWriter, PgTransactionRunner, parseBrokers, uuidv7 } from '@cuakhau/messaging';
import { createDataSource, runMigrations } from '@cuakhau/platform';
import { REGISTRY_MIGRATIONS } from '../services/registry/src/database/registry.migrations';
import { REGISTRY_PROTO } from '../services/registry/src/registry.service';
import { spawnTsProcess, freePort } from '@cuakhau/testing';
import { percentile, printTable, ratePerSecond, round, writeResults } from './lib/bench-report';
import { leanGrpcClient } from './lib/lean-grpc';

const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARM_UP = 300;
const SERVICE_WARM_UP = 1_500;
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Measured {
  count: number;
  elapsedMs: number;
  latencies: number[];
  /** CPU (user + system) of the service process during the run, when known. */
  serviceCpuMs?: number;
  /** CPU of this process (the load generator) during the run. */
  clientCpuMs?: number;
}

/** User + system CPU of process `pid` so far (Linux /proc; clock ticks of 10 ms). */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1_000;
}

/** Runs `work(i)` for i in [0, count) with `concurrency` in flight; latency of each. */
async function drive(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<Measured> {
  const latencies: number[] = [];
  const perSecond: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        const began = performance.now();
        await work(i);
        latencies.push(performance.now() - began);
        if (process.env.BENCH_TIMELINE) {
          const second = Math.floor((performance.now() - started) / 1_000);
          perSecond[second] = (perSecond[second] ?? 0) + 1;
        }
      }
    }),
  );
  if (process.env.BENCH_TIMELINE) process.stdout.write(`per second: ${perSecond.join(' ')}\n`);
  return { count, elapsedMs: performance.now() - started, latencies };
}

function request(i: number, run: string): registryServiceV1.RegisterRequest {
  return registryServiceV1.RegisterRequest.fromPartial({
    organisationId: `bench-${run}`,
    gateCode: 'MONGCAI',
    direction: commonV1.Direction.DIRECTION_EXPORT,
    declarationNumber: String(100_000_000_000 + i),
    plannedArrival: new Date(Date.now() + 2 * 24 * 3_600_000).toISOString(),
    vehicle: { plate: '14C-123.45', trailerPlate: '14R-006.78', country: 'VN' },
    driver: {
      name: 'Nguyễn Văn An',
      documentNumber: 'C1234567',
      nationality: 'VN',
      phone: '+84912345678',
    },
    goods: [
      {
        hsCode: '08109010',
        description: 'Vải tươi / fresh lychee',
        quantity: 20000,
        unit: 'KGM',
        grossKg: 21000,
        valueUsd: 18000,
        origin: 'VN',
      },
    ],
    documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }],
    actor: { kind: commonV1.ActorKind.ACTOR_KIND_TRADER, id: 'trader1' },
    idempotencyKey: `${run}-${i}`,
  });
}

type Unary = (
  request: unknown,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

const REGISTER_PATH = '/cuakhau.registry.v1.RegistryService/Register';

/**
 * The service measured twice in one process's life, each on its own declarations: with the lean
 * load generator (requests encoded before the clock starts, node's HTTP/2; see lib/lean-grpc)
 * and with a grpc-js client as the gateway uses. On 2 shared cores the load generator's CPU is
 * taken from the service, so the first is what the service does when the load comes from
 * elsewhere; both are printed.
 */
async function benchGrpc(): Promise<{ lean: Measured; grpcJs: Measured }> {
  const databaseUrl = await createFreshDatabase(SERVER_URL, 'bench_registry_service');
  const groupId = `registry_bench_${Date.now().toString(36)}`;
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: parseBrokers(KAFKA_BROKERS),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  for (const topic of [TOPICS.customs, TOPICS.borderGuard, TOPICS.quarantine, TOPICS.queue]) {
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
    });
  }
  await admin.disconnect();
  const grpcPort = await freePort();
  // The service in its own process (as in production), so that the load generator does not
  // share its event loop.
  const service = spawnTsProcess('services/registry/src/main.ts', {
    env: {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS,
      HTTP_PORT: '0',
      GRPC_PORT: String(grpcPort),
      LOG_LEVEL: 'info',
      REGISTRY_CONSUMER_GROUP: groupId,
      ...(process.env.BENCH_REGISTRY_NODE_OPTIONS === undefined
        ? {}
        : { NODE_OPTIONS: process.env.BENCH_REGISTRY_NODE_OPTIONS }),
    },
  });
  await service.waitForOutput(/registry started/, 60_000);
  const loaded = loadPackageDefinition(grpcPackageDefinition(REGISTRY_PROTO));
  const Service = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
    'registry'
  ]?.['v1']?.['RegistryService'] as ServiceClientConstructor;
  const client = new Service(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
  const register = (client as unknown as Record<string, Unary>)['register'] as Unary;
  const call = (body: registryServiceV1.RegisterRequest): Promise<void> =>
    new Promise((resolve, reject) => {
      register.call(client, body, (error) => (error === null ? resolve() : reject(error)));
    });
  const lean = leanGrpcClient(`127.0.0.1:${grpcPort}`);
  const measured = async (work: (i: number) => Promise<void>): Promise<Measured> => {
    const serviceBefore = processCpuMs(service.pid);
    const clientBefore = ownCpuMs();
    const result = await drive(REGISTRATIONS, CONCURRENCY, work);
    const serviceAfter = processCpuMs(service.pid);
    result.clientCpuMs = ownCpuMs() - clientBefore;
    if (serviceBefore !== undefined && serviceAfter !== undefined) {
      result.serviceCpuMs = serviceAfter - serviceBefore;
    }
    return result;
  };
  try {
    const run = randomBytes(3).toString('hex');
    // Warm-up: long enough for V8 to optimise the hot paths of both clients and the service.
    await drive(SERVICE_WARM_UP, CONCURRENCY, (i) => call(request(900_000_000 + i, run)));
    const encoded = Array.from({ length: REGISTRATIONS }, (_, i) =>
      registryServiceV1.RegisterRequest.encode(request(i, run)).finish(),
    );
    const leanRun = await measured(async (i) => {
      // Status OK is the service's word that the shipment and its outbox row are committed;
      // the answer is not decoded here (the grpc-js run below decodes every one).
      const answer = await lean.unary(REGISTER_PATH, encoded[i] as Uint8Array);
      if (answer.length === 0) throw new Error('an empty answer to Register');
    });
    const grpcJs = await measured((i) => call(request(REGISTRATIONS + i, run)));
    return { lean: leanRun, grpcJs };
  } finally {
    lean.close();
    client.close();
    await service.stop();
  }
}

async function benchBaseline(): Promise<Measured> {
  const databaseUrl = await createFreshDatabase(SERVER_URL, 'bench_registry_baseline');
  const dataSource = createDataSource({
    url: databaseUrl,
    entities: [],
    migrations: REGISTRY_MIGRATIONS,
    name: 'bench',
  });
  await runMigrations(dataSource);
  await dataSource.destroy();
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  const transactions = new PgTransactionRunner(pool);
  const outbox = new OutboxWriter();
  const template = request(0, 'baseline');
  const now = new Date().toISOString();
  const insert = (i: number): Promise<void> =>
    transactions.inTransaction(async (tx) => {
      const id = uuidv7();
      await tx.query(
        `INSERT INTO shipments (
           id, organisation_id, gate_code, direction, declaration_number, planned_arrival,
           plate_normalised, vehicle, driver, goods, documents, status, agencies, pass_code_hash,
           version, revision, timeline, no_show_count, created_at, updated_at,
           idempotency_key, idempotency_fingerprint)
         VALUES ($1, $2, 'MONGCAI', 'EXPORT', $3, $4, '14C12345', $5, $6, $7, $8, 'REGISTERED', $9, $10,
                 1, 1, $11, 0, $12, $12, $13, $14)`,
        [
          id,
          template.organisationId,
          String(100_000_000_000 + i),
          template.plannedArrival,
          JSON.stringify(template.vehicle),
          JSON.stringify(template.driver),
          JSON.stringify(template.goods),
          JSON.stringify(template.documents),
          JSON.stringify({ customs: 'PENDING', borderGuard: 'PENDING', quarantine: 'PENDING' }),
          randomBytes(32).toString('hex'),
          JSON.stringify([
            {
              step: 'REGISTERED',
              at: now,
              actor: 'trader:trader1',
              sourceEventId: `cmd-${id}`,
              status: 'REGISTERED',
            },
          ]),
          now,
          `baseline-${i}`,
          randomBytes(32).toString('hex'),
        ],
      );
      await outbox.append(tx, [
        {
          contract: EVENTS.shipmentRegistered,
          key: id,
          source: '/cuakhau/registry',
          message: registryV1Registered(id, i, template),
        },
      ]);
    });
  try {
    await drive(WARM_UP, CONCURRENCY, (i) => insert(900_000_000 + i));
    const clientBefore = ownCpuMs();
    const measured = await drive(REGISTRATIONS, CONCURRENCY, insert);
    measured.clientCpuMs = ownCpuMs() - clientBefore;
    return measured;
  } finally {
    await pool.end();
  }
}

function registryV1Registered(id: string, i: number, template: registryServiceV1.RegisterRequest) {
  return {
    shipmentId: id,
    organisationId: template.organisationId,
    gateCode: template.gateCode,
    direction: template.direction,
    declarationNumber: String(100_000_000_000 + i),
    plannedArrival: template.plannedArrival,
    vehicle: template.vehicle,
    normalisedPlate: '14C12345',
    driver: template.driver,
    goods: template.goods,
    documents: template.documents,
    version: 1,
    registeredAt: new Date().toISOString(),
    registeredBy: template.actor,
  };
}

function row(name: string, measured: Measured): Record<string, string | number> {
  const perRegistration = (cpuMs: number | undefined): string | number =>
    cpuMs === undefined ? '-' : round(cpuMs / measured.count, 3);
  return {
    measurement: name,
    count: measured.count,
    'elapsed ms': round(measured.elapsedMs, 0),
    'per second': round(ratePerSecond(measured.count, measured.elapsedMs), 0),
    'p50 ms': round(percentile(measured.latencies, 50), 2),
    'p99 ms': round(percentile(measured.latencies, 99), 2),
    'service CPU ms/reg': perRegistration(measured.serviceCpuMs),
    'load gen CPU ms/reg': perRegistration(measured.clientCpuMs),
  };
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  const loadBefore = loadAverage();
  const baseline = await benchBaseline();
  const { lean: grpc, grpcJs } = await benchGrpc();
  const loadAfter = loadAverage();
  const grpcRate = ratePerSecond(grpc.count, grpc.elapsedMs);
  const baselineRate = ratePerSecond(baseline.count, baseline.elapsedMs);
  const ratio = grpcRate / baselineRate;
  printTable(`Registry Register — ${REGISTRATIONS} registrations, concurrency ${CONCURRENCY}`, [
    row('gRPC Register (service), lean load generator', grpc),
    row('gRPC Register (service), grpc-js client', grpcJs),
    row('baseline: raw pg row + outbox row', baseline),
  ]);
  const targets = { perSecond: 1_000, ratioOfBaseline: 0.25 };
  const met = grpcRate >= targets.perSecond && ratio >= targets.ratioOfBaseline;
  process.stdout.write(
    `\nservice / baseline = ${round(ratio * 100, 1)} %  (targets: ≥ ${targets.perSecond}/s and ≥ 25 %) → ${met ? 'MET' : 'NOT MET'}\n` +
      `load average (1/5/15 min) before: ${loadBefore}, after: ${loadAfter} on ${os.cpus().length} cores\n`,
  );
  const file = writeResults('registry-register', {
    registrations: REGISTRATIONS,
    concurrency: CONCURRENCY,
    grpc: row('grpc', grpc),
    grpcJsClient: row('grpc-js client', grpcJs),
    baseline: row('baseline', baseline),
    ratio: round(ratio, 3),
    targets,
    met,
    machine: { cpus: os.cpus().length, node: process.version, loadBefore, loadAfter },
  });
  process.stdout.write(`results: ${file}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
