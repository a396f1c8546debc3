/**
 * Logistics-queue benchmark (issue 7). With BENCH_TRUCKS (5,000) cleared, arrived trucks in one
 * gate's yard, measures in one run on this machine:
 *   1. position reads on the real service (its own process; one Redis script call per truck:
 *      its record, its rank in its class set and the sizes of the classes before it — rebuilt
 *      from PostgreSQL by the start-up resync):
 *      a. one `GetPosition` call per read, from the lean load generator (lib/lean-grpc) and from
 *         a grpc-js client;
 *      b. reads coalesced as the gateway sends them: the gateway's own PositionBatcher turns the
 *         reads of one event-loop turn into one `GetPositions` (one Redis pipeline), over
 *         grpc-js, with BENCH_READ_CONCURRENCY and BENCH_MANY_READERS (256) drivers reading;
 *      next to the baseline: a raw Redis HGET of the same record from this process (the load
 *      generator, a separate process sharing the machine's cores with the service and Redis),
 *      and the transport's ceiling: a bare grpc-js server answering a fixed message;
 *   2. `QueueService.CallNext` on the gate's BENCH_CALL_CONCURRENCY lanes, one worker per lane
 *      (lane lock, SKIP LOCKED pick, call + outbox rows, no-show timer, the called truck's
 *      record and one ZREM in Redis, its view and one "queue moved" message published), each
 *      call followed by the truck's crossing through the service's own
 *      ApplyCrossingHandler (frees the lane), next to the baseline: one raw PostgreSQL UPDATE
 *      that takes the next waiting truck (SKIP LOCKED) on a database with the same schema and
 *      the same 5,000 trucks.
 * The yard is seeded through the service's own YardRepository (not through 5,000 Kafka round
 * trips); Redis is a private, diskless redis-server. Targets: ≥ 8,000 reads/s with p99 ≤ 15 ms,
 * judged for (a) and (b) separately.
 * Bounded: every phase stops by time (whole run < 90 s).
 * Run: node -r ./tools/runtime/register.cjs bench/queue-positions.bench.ts
 *      (BENCH_TRUCKS=5000 BENCH_READ_MS=8000 BENCH_READ_CONCURRENCY=32 BENCH_CALLS=2000
 *       BENCH_CALL_MS=12000 BENCH_CALL_CONCURRENCY=8)
 */
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import {
  credentials,
  loadPackageDefinition,
  Server,
  ServerCredentials,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { grpcPackageDefinition, TOPICS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { parseBrokers } from '@cuakhau/messaging';
import { createDataSource, runMigrations, TypeOrmTransactionRunner } from '@cuakhau/platform';
import { freePort, spawnTsProcess } from '@cuakhau/testing';
import { LOGISTICS_QUEUE_MIGRATIONS } from '../services/logistics-queue/src/database/logistics-queue.migrations';
import { QUEUE_PROTO } from '../services/logistics-queue/src/logistics-queue.service';
import { CLASS_RANK } from '../services/logistics-queue/src/yard/domain/queue-order';
import type { PriorityClass } from '../services/logistics-queue/src/yard/domain/yard';
import { YardRepository } from '../services/logistics-queue/src/yard/infrastructure/yard.repository';
import { ApplyCrossingHandler } from '../services/logistics-queue/src/yard/application/apply-crossing.handler';
import { PositionBatcher } from '../services/gateway/src/driver/infrastructure/position-batcher';
import type { QueueClient } from '../services/gateway/src/driver/infrastructure/queue.client';
import { percentile, printTable, ratePerSecond, round, writeResults } from './lib/bench-report';
import { leanGrpcClient } from './lib/lean-grpc';
import { driveFor, type Measured } from './lib/load';
import { queueServiceV1 } from '@cuakhau/contracts';
import { startPrivateRedis } from './lib/private-redis';

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 5_000);
const READ_MS = Number(process.env.BENCH_READ_MS ?? 8_000);
const READ_CONCURRENCY = Number(process.env.BENCH_READ_CONCURRENCY ?? 32);
const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const CALL_MS = Number(process.env.BENCH_CALL_MS ?? 12_000);
const CALL_CONCURRENCY = Number(process.env.BENCH_CALL_CONCURRENCY ?? 8);
const WARM_UP_MS = 1_000;
const GATE = 'BENCH';
const REDIS_PREFIX = 'cuakhau-lq';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGETS = { readsPerSecond: 8_000, readP99Ms: 15 };
/** Drivers reading at once through the gateway's coalescing reader (a busy gate's yard). */
const MANY_READERS = Number(process.env.BENCH_MANY_READERS ?? 256);

type Unary = (
  request: unknown,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;

/** A fresh, migrated database with `TRUCKS` cleared, arrived trucks at GATE; their ids. */
async function seededYard(database: string): Promise<{ url: string; ids: string[] }> {
  created.push(database);
  const url = await createFreshDatabase(SERVER_URL, database);
  const dataSource: DataSource = createDataSource({
    url,
    entities: [],
    migrations: LOGISTICS_QUEUE_MIGRATIONS,
    name: 'bench-seed',
    poolSize: 4,
  });
  await runMigrations(dataSource);
  const repository = new YardRepository(dataSource);
  const transactions = new TypeOrmTransactionRunner(dataSource);
  const ids = Array.from({ length: TRUCKS }, () => randomUUID());
  const firstArrival = Date.now() - TRUCKS * 1_000;
  const seedOne = async (tx: Parameters<YardRepository['upsertShipment']>[0], i: number) => {
    const id = ids[i] as string;
    // 10 % perishable, 20 % on their slot, the rest regular; one arrival a second.
    const priorityClass: PriorityClass =
      i % 10 === 0 ? 'PERISHABLE' : i % 10 < 3 ? 'ON_SLOT' : 'REGULAR';
    const arrivedAt = new Date(firstArrival + i * 1_000);
    const plate = `29C${String(10_000 + i).padStart(6, '0')}`;
    await repository.upsertShipment(tx, {
      id,
      gateCode: GATE,
      direction: 'EXPORT',
      plate,
      plannedArrival: priorityClass === 'ON_SLOT' ? arrivedAt : null,
      hsCodes: [priorityClass === 'PERISHABLE' ? '08109010' : '85171200'],
      requiredCapabilities: [],
      status: 'CLEARED',
      version: 1,
    });
    await repository.setShipmentStatus(tx, id, 'CLEARED', 1, true);
    await repository.insertEntry(tx, {
      shipmentId: id,
      gateCode: GATE,
      plate,
      priorityClass,
      classRank: CLASS_RANK[priorityClass],
      arrivalId: randomUUID(),
      source: 'MANUAL',
      cameraId: '',
      confidence: 1,
      arrivedAt,
    });
  };
  const BATCH = 250;
  const batches = Array.from({ length: Math.ceil(TRUCKS / BATCH) }, (_, b) => b);
  let nextBatch = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (nextBatch < batches.length) {
        const b = nextBatch;
        nextBatch += 1;
        await transactions.inTransaction(async (tx) => {
          for (let i = b * BATCH; i < Math.min(TRUCKS, (b + 1) * BATCH); i += 1) {
            await seedOne(tx, i);
          }
        });
      }
    }),
  );
  await dataSource.destroy();
  return { url, ids };
}

async function addLanes(databaseUrl: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${GATE}-C${String(i + 1).padStart(4, '0')}`);
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(
    `INSERT INTO lanes (id, gate_code, name, direction, capabilities, open)
     SELECT id, $2, id, 'EXPORT', '{}', true FROM unnest($1::text[]) AS id`,
    [ids, GATE],
  );
  await pool.end();
  return ids;
}

/** Starts every consumer group of the service at the end of its topics (no backlog to chew). */
async function groupAtEnd(groupId: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: parseBrokers(KAFKA_BROKERS),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of [TOPICS.registry, TOPICS.borderGuard]) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

const ECHO_SERVER_FLAG = '--grpc-echo-server';

/**
 * The transport's ceiling on this machine: a bare grpc-js server (no Nest, no Redis) with the
 * same QueueService codecs that answers GetPosition with a fixed, full-size view. Run as its
 * own process (`<this file> --grpc-echo-server <port>`), driven by the same client as the service.
 */
function serveEcho(port: number): void {
  const loaded = loadPackageDefinition(grpcPackageDefinition(QUEUE_PROTO));
  const Service = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
    'queue'
  ]?.['v1']?.['QueueService'] as ServiceClientConstructor;
  const text = (en: string) => ({ vi: en, en, zh: en });
  const server = new Server();
  server.addService(Service.service, {
    getPosition: (
      call: { request: { shipmentId: string } },
      callback: (error: null, response: unknown) => void,
    ) => {
      callback(null, {
        position: {
          shipmentId: call.request.shipmentId,
          gateCode: GATE,
          plate: '29C010001',
          status: 1,
          position: 1_234,
          priorityClass: 3,
          explanation: text('1234th: 500 perishable, 1000 on-slot and 733 regular trucks ahead'),
          eta: {
            known: true,
            minutes: 617,
            lowMinutes: 462,
            highMinutes: 772,
            basis: text('8 open lanes, one truck called every 0.5 min (no crossing measured yet)'),
          },
          laneId: '',
          cleared: true,
          arrivedAt: new Date().toISOString(),
          noShowCount: 0,
        },
      });
    },
  });
  server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error) => {
    if (error !== null) throw error;
    process.stdout.write('echo server ready\n');
  });
}

function grpcQueueClient(address: string): {
  client: Client;
  getPosition(shipmentId: string): Promise<void>;
  getPositions(
    request: Partial<queueServiceV1.GetPositionsRequest>,
  ): Promise<queueServiceV1.GetPositionsResponse>;
  callNext(laneId: string): Promise<string>;
} {
  const loaded = loadPackageDefinition(grpcPackageDefinition(QUEUE_PROTO));
  const Service = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
    'queue'
  ]?.['v1']?.['QueueService'] as ServiceClientConstructor;
  const client = new Service(address, credentials.createInsecure());
  const unary = (method: string, request: unknown): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const call = (client as unknown as Record<string, Unary>)[method] as Unary;
      call.call(client, request, (error, response) =>
        error === null ? resolve(response as Record<string, unknown>) : reject(error),
      );
    });
  return {
    client,
    getPosition: async (shipmentId) => {
      const answer = await unary('getPosition', { shipmentId });
      const position = answer['position'] as { shipmentId?: string } | undefined;
      if (position?.shipmentId !== shipmentId) throw new Error(`wrong position for ${shipmentId}`);
    },
    getPositions: async (request) =>
      (await unary('getPositions', request)) as unknown as queueServiceV1.GetPositionsResponse,
    callNext: async (laneId) => {
      const answer = await unary('callNext', { laneId, actor: 'bench' });
      return String(answer['shipmentId']);
    },
  };
}

const GET_POSITION_PATH = '/cuakhau.queue.v1.QueueService/GetPosition';

/**
 * GetPosition through the lean load generator (lib/lean-grpc): requests encoded before the clock
 * starts; each answer decoded and checked to be the asked truck's position.
 */
function leanReader(address: string, ids: readonly string[]) {
  const client = leanGrpcClient(address);
  const encoded = new Map(
    ids.map((id) => [id, queueServiceV1.GetPositionRequest.encode({ shipmentId: id }).finish()]),
  );
  return {
    async read(shipmentId: string): Promise<void> {
      const answer = queueServiceV1.GetPositionResponse.decode(
        await client.unary(GET_POSITION_PATH, encoded.get(shipmentId) as Uint8Array),
      );
      if (answer.position?.shipmentId !== shipmentId) {
        throw new Error(`wrong position for ${shipmentId}`);
      }
    },
    close: () => client.close(),
  };
}

function row(
  name: string,
  measured: Measured,
  baseline?: Measured,
): Record<string, string | number> {
  const rate = ratePerSecond(measured.count, measured.elapsedMs);
  return {
    measurement: name,
    count: measured.count,
    failures: measured.failures,
    'elapsed ms': round(measured.elapsedMs, 0),
    'per second': round(rate, 0),
    'p50 ms': round(percentile(measured.latencies, 50), 2),
    'p99 ms': round(percentile(measured.latencies, 99), 2),
    'vs baseline':
      baseline === undefined
        ? ''
        : `${round((rate / ratePerSecond(baseline.count, baseline.elapsedMs)) * 100, 1)} %`,
  };
}

/** Databases this run created (dropped at the end, whatever happened). */
const created: string[] = [];

async function dropCreated(): Promise<void> {
  const admin = new Pool({ connectionString: SERVER_URL, max: 1 });
  for (const name of created) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
  await admin.end();
}

async function main(): Promise<void> {
  const began = performance.now();
  const stamp = Date.now().toString(36);
  const seedStarted = performance.now();
  const service = await seededYard(`bench_queue_service_${stamp}`);
  const baseline = await seededYard(`bench_queue_baseline_${stamp}`);
  const seedMs = performance.now() - seedStarted;
  // A realistic gate: as many open lanes as call-next workers (the ETA uses the open lanes).
  const lanes = await addLanes(service.url, CALL_CONCURRENCY);
  const redis = await startPrivateRedis();
  const groupId = `queue_bench_${stamp}`;
  await groupAtEnd(groupId);
  const grpcPort = await freePort();
  const started = performance.now();
  // The service in its own process (as in production): the load generator does not share its
  // event loop. The start-up resync writes the 5,000 views to Redis before it reports started.
  const queue = spawnTsProcess('services/logistics-queue/src/main.ts', {
    env: {
      DATABASE_URL: service.url,
      KAFKA_BROKERS,
      REDIS_URL: redis.url,
      HTTP_PORT: '0',
      GRPC_PORT: String(grpcPort),
      LOG_LEVEL: 'info',
      QUEUE_CONSUMER_GROUP: groupId,
      NODE_ENV: 'test',
      ...(process.env.BENCH_SERVICE_NODE_OPTIONS === undefined
        ? {}
        : { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS }),
    },
  });
  const reader = new Redis(redis.url);
  const queueClient = grpcQueueClient(`127.0.0.1:${grpcPort}`);
  const { client, getPosition, callNext } = queueClient;
  try {
    await queue.waitForOutput(/logistics-queue started/, 60_000);
    const startMs = performance.now() - started;
    let inRedis = 0;
    for (const priorityClass of Object.keys(CLASS_RANK)) {
      inRedis += await reader.zcard(`${REDIS_PREFIX}:gate:${GATE}:class:${priorityClass}`);
    }
    if (inRedis !== TRUCKS) throw new Error(`${inRedis} of ${TRUCKS} trucks in Redis after start`);

    const pick = (i: number): string => service.ids[(i * 7_919) % TRUCKS] as string;
    await driveFor({ concurrency: READ_CONCURRENCY, durationMs: WARM_UP_MS }, (i) =>
      getPosition(pick(i)),
    );
    const grpcJsReads = await driveFor(
      { concurrency: READ_CONCURRENCY, durationMs: Math.min(READ_MS, 4_000) },
      (i) => getPosition(pick(i)),
    );
    const leanReads = leanReader(`127.0.0.1:${grpcPort}`, service.ids);
    await driveFor({ concurrency: READ_CONCURRENCY, durationMs: WARM_UP_MS }, (i) =>
      leanReads.read(pick(i)),
    );
    const grpcReads = await driveFor({ concurrency: READ_CONCURRENCY, durationMs: READ_MS }, (i) =>
      leanReads.read(pick(i)),
    );
    leanReads.close();
    // What the gateway does when many drivers ask at once: its PositionBatcher (the very class)
    // coalesces the reads of one event-loop turn into one GetPositions, over grpc-js.
    const batcher = new PositionBatcher({
      getPositions: (request) => queueClient.getPositions(request),
    } as QueueClient);
    const batchedRead = async (shipmentId: string): Promise<void> => {
      const position = await batcher.position(shipmentId);
      if (position.shipmentId !== shipmentId) throw new Error(`wrong position for ${shipmentId}`);
    };
    await driveFor({ concurrency: READ_CONCURRENCY, durationMs: WARM_UP_MS }, (i) =>
      batchedRead(pick(i)),
    );
    const batchedReads = await driveFor(
      { concurrency: READ_CONCURRENCY, durationMs: READ_MS },
      (i) => batchedRead(pick(i)),
    );
    const manyBatchedReads = await driveFor(
      { concurrency: MANY_READERS, durationMs: Math.min(READ_MS, 4_000) },
      (i) => batchedRead(pick(i)),
    );
    const redisReads = await driveFor(
      { concurrency: READ_CONCURRENCY, durationMs: Math.min(READ_MS, 4_000) },
      async (i) => {
        const text = await reader.hget(`${REDIS_PREFIX}:truck:${pick(i)}`, 'record');
        if (text === null) throw new Error('missing view');
      },
    );

    // The transport's ceiling with the same load generator: a bare grpc-js server, fixed answer.
    const echoPort = await freePort();
    const echo = spawnTsProcess('bench/queue-positions.bench.ts', {
      args: [ECHO_SERVER_FLAG, String(echoPort)],
    });
    const echoClient = grpcQueueClient(`127.0.0.1:${echoPort}`);
    let echoReads: Measured;
    let echoGrpcJsReads: Measured;
    try {
      await echo.waitForOutput(/echo server ready/, 30_000);
      await driveFor({ concurrency: READ_CONCURRENCY, durationMs: WARM_UP_MS }, (i) =>
        echoClient.getPosition(pick(i)),
      );
      echoGrpcJsReads = await driveFor(
        { concurrency: READ_CONCURRENCY, durationMs: Math.min(READ_MS, 4_000) },
        (i) => echoClient.getPosition(pick(i)),
      );
      const echoLean = leanReader(`127.0.0.1:${echoPort}`, service.ids);
      // The echo answers every id with its own, so only ids asked for can be checked.
      echoReads = await driveFor(
        { concurrency: READ_CONCURRENCY, durationMs: Math.min(READ_MS, 4_000) },
        (i) => echoLean.read(pick(i)),
      );
      echoLean.close();
    } finally {
      echoClient.client.close();
      await echo.stop();
    }

    // call-next: each worker calls on its own lane, then the truck crosses (applied through the
    // service's own ApplyCrossingHandler in a transaction, as its Kafka consumer would) and the
    // lane is free again. The rate includes the crossing; `callLatencies` is the gRPC call alone.
    const crossings = createDataSource({
      url: service.url,
      entities: [],
      migrations: [],
      name: 'bench-crossings',
      poolSize: CALL_CONCURRENCY,
    });
    await crossings.initialize();
    const crossing = new ApplyCrossingHandler(new YardRepository(crossings));
    const crossingTransactions = new TypeOrmTransactionRunner(crossings);
    const freeLanes = [...lanes];
    const calledIds: string[] = [];
    const callLatencies: number[] = [];
    const grpcCalls = await driveFor(
      { concurrency: CALL_CONCURRENCY, durationMs: CALL_MS, maxCount: CALLS },
      async () => {
        const lane = freeLanes.pop();
        if (lane === undefined) throw new Error('no free lane');
        try {
          const began = performance.now();
          const shipmentId = await callNext(lane);
          callLatencies.push(performance.now() - began);
          calledIds.push(shipmentId);
          await crossingTransactions.inTransaction((tx) =>
            crossing.execute(tx, { shipmentId, crossedAt: new Date() }),
          );
        } finally {
          freeLanes.push(lane);
        }
      },
    );
    await crossings.destroy();
    if (new Set(calledIds).size !== calledIds.length) throw new Error('a truck was called twice');
    const callsOnly: Measured = { ...grpcCalls, latencies: callLatencies };
    const pool = new Pool({ connectionString: baseline.url, max: CALL_CONCURRENCY });
    const rawUpdates = await driveFor(
      { concurrency: CALL_CONCURRENCY, durationMs: Math.min(CALL_MS, 4_000), maxCount: TRUCKS },
      async (i) => {
        const result = await pool.query(
          `UPDATE queue_entries SET status = 'CALLED', lane_id = $2, updated_at = now()
           WHERE shipment_id = (
             SELECT shipment_id FROM queue_entries
             WHERE gate_code = $1 AND status = 'WAITING'
             ORDER BY class_rank, queued_at, shipment_id LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING shipment_id`,
          [GATE, `${GATE}-C${i}`],
        );
        if (result.rowCount !== 1) throw new Error('no truck updated');
      },
    );
    await pool.end();

    const readRate = ratePerSecond(grpcReads.count, grpcReads.elapsedMs);
    const readP99 = percentile(grpcReads.latencies, 99);
    const met = readRate >= TARGETS.readsPerSecond && readP99 <= TARGETS.readP99Ms;
    const batchedRate = ratePerSecond(batchedReads.count, batchedReads.elapsedMs);
    const batchedP99 = percentile(batchedReads.latencies, 99);
    const batchedMet = batchedRate >= TARGETS.readsPerSecond && batchedP99 <= TARGETS.readP99Ms;
    const rows = [
      row(`GetPosition (service), lean client, conc. ${READ_CONCURRENCY}`, grpcReads, redisReads),
      row(`GetPosition (service), grpc-js client`, grpcJsReads, redisReads),
      row(
        `coalesced reads (gateway's PositionBatcher, grpc-js), ${READ_CONCURRENCY} readers`,
        batchedReads,
        redisReads,
      ),
      row(`coalesced reads, ${MANY_READERS} readers`, manyBatchedReads, redisReads),
      row(`baseline: raw Redis HGET, conc. ${READ_CONCURRENCY}`, redisReads, redisReads),
      row(`ceiling: bare grpc-js server, lean client`, echoReads, redisReads),
      row(`ceiling: bare grpc-js server, grpc-js client`, echoGrpcJsReads, redisReads),
      row(`gRPC CallNext + crossing (service), ${CALL_CONCURRENCY} lanes`, callsOnly, rawUpdates),
      row(
        `baseline: raw pg UPDATE … SKIP LOCKED, conc. ${CALL_CONCURRENCY}`,
        rawUpdates,
        rawUpdates,
      ),
    ];
    printTable(
      `Logistics queue — ${TRUCKS.toLocaleString('en-US')} trucks in the yard, ${os.cpus().length} cores, Node ${process.version}`,
      rows,
    );
    process.stdout.write(
      `\nposition reads one call each: ${round(readRate, 0)}/s, p99 ${round(readP99, 2)} ms (targets: ≥ ${TARGETS.readsPerSecond}/s, p99 ≤ ${TARGETS.readP99Ms} ms) → ${met ? 'MET' : 'NOT MET'}\n` +
        `position reads coalesced as the gateway sends them (${READ_CONCURRENCY} readers): ${round(batchedRate, 0)}/s, p99 ${round(batchedP99, 2)} ms → ${batchedMet ? 'MET' : 'NOT MET'}\n` +
        `GetPosition = ${round((readRate / ratePerSecond(echoReads.count, echoReads.elapsedMs)) * 100, 1)} % of a bare grpc-js server's rate with the same load generator (a separate process on the same ${os.cpus().length} cores)\n` +
        `seeding ${TRUCKS} trucks twice: ${round(seedMs, 0)} ms; service start incl. resync of ${TRUCKS} views: ${round(startMs, 0)} ms; whole run: ${round((performance.now() - began) / 1_000, 1)} s\n`,
    );
    const file = writeResults('queue-positions', {
      trucks: TRUCKS,
      readConcurrency: READ_CONCURRENCY,
      callConcurrency: CALL_CONCURRENCY,
      rows,
      reads: { perSecond: round(readRate, 0), p99Ms: round(readP99, 2) },
      coalescedReads: { perSecond: round(batchedRate, 0), p99Ms: round(batchedP99, 2) },
      coalescedMet: batchedMet,
      ratios: {
        readsOfBareGrpc: round(readRate / ratePerSecond(echoReads.count, echoReads.elapsedMs), 3),
        readsOfRedisBaseline: round(
          readRate / ratePerSecond(redisReads.count, redisReads.elapsedMs),
          3,
        ),
        callsOfPgBaseline: round(
          ratePerSecond(grpcCalls.count, grpcCalls.elapsedMs) /
            ratePerSecond(rawUpdates.count, rawUpdates.elapsedMs),
          3,
        ),
      },
      targets: TARGETS,
      met,
      seedMs: round(seedMs, 0),
      serviceStartMs: round(startMs, 0),
      machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg() },
    });
    process.stdout.write(`results: ${file}\n`);
  } finally {
    client.close();
    reader.disconnect();
    await queue.stop();
    await redis.stop();
  }
}

if (process.argv[2] === ECHO_SERVER_FLAG) {
  serveEcho(Number(process.argv[3]));
} else {
  main()
    .finally(() => dropCreated())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exit(1);
      },
    );
}
